"""Tests of the readable summary and the HTML page, including escaping of article text."""

from __future__ import annotations

import newsprov
from newsprov.report import summary, to_html


def test_html_escapes_article_text() -> None:
    """Markup and scripts in article text render as text, never as live HTML."""
    r = newsprov.cluster(
        [{"id": "x", "text": "Hello <script>alert(1)</script> and <b>bold</b> claims here."}]
    )
    page = to_html(r)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script>") == 1  # only the page's own inline script


def test_summary_lists_rejections_with_reasons() -> None:
    """Rejected inputs appear in the summary with their reason."""
    r = newsprov.cluster(
        [{"id": "e", "text": "  "}, {"id": "ok", "text": "The harbour reopened today."}]
    )
    text = summary(r)
    assert "rejected e:" in text
    assert "== ok:" in text
