"""Tests of the readable summary and the HTML page, including escaping of article text."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsprov
from newsprov.model import (
    ArticleResult,
    Attribution,
    Cluster,
    Match,
    Origin,
    Paragraph,
    Removal,
    Result,
)
from newsprov.report import summary, to_html
from newsprov.report.page import marked_text

_HOSTILE = (
    'Hello <script>alert(1)</script> and <b>bold</b> </script><script>window.x=1</script> "q" '
    "<!-- c --> & \u2028 end."
)


@pytest.fixture(scope="module")
def seeds_result() -> Result:
    """The pipeline's result on the five seed articles."""
    return newsprov.cluster(newsprov.load(Path(__file__).resolve().parent.parent / "seeds"))


def _paragraph(index: int, text: str, source: str | None, *matches: Match) -> Paragraph:
    origin = Origin(source, "wire" if source else "outlet", 0.8)
    return Paragraph(index, text, origin, matches=matches)


def _article(id: str, *paragraphs: Paragraph, **kw: object) -> ArticleResult:
    fields: dict[str, object] = {
        "title": f"Title of {id}",
        "outlet": None,
        "published": None,
        "url": None,
        "credits": (),
        "removed": (),
    }
    fields.update(kw)
    return ArticleResult(id, paragraphs=paragraphs, **fields)  # type: ignore[arg-type]


def _data(page: str) -> dict[str, object]:
    found = re.search(r'<script type="application/json" id="np-data">(.*?)</script>', page, re.S)
    assert found is not None
    return dict(json.loads(found.group(1)))


def test_html_escapes_article_text() -> None:
    """Markup and scripts in article text render as text, never as live HTML."""
    r = newsprov.cluster([{"id": "x", "text": _HOSTILE}])
    page = to_html(r)
    assert "<script>alert(1)</script>" not in page
    assert "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # only the page's own two script elements: the JSON data and the code
    assert page.count("<script") == 2
    assert page.count("</script>") == 2


def test_embedded_json_cannot_close_its_script_and_round_trips() -> None:
    """The JSON blob escapes <, > and & as \\u003c...; parsing it gives the text back."""
    art = _article("x", Paragraph(0, _HOSTILE, Origin("A<b>", "wire", 0.9)))
    page = to_html(Result((art,), (("x",),), (Cluster("c1", ("x",)),)))
    blob = re.search(r'id="np-data">(.*?)</script>', page, re.S)
    assert blob is not None
    assert "<" not in blob.group(1)
    assert ">" not in blob.group(1)
    assert "&" not in blob.group(1)
    data = _data(page)
    paragraphs = data["paragraphs"]
    assert isinstance(paragraphs, dict)
    assert paragraphs["a0-p0"]["origin"]["source"] == "A<b>"


def test_page_is_self_contained() -> None:
    """No stylesheet, script, image or font is fetched: nothing refers to the network."""
    page = to_html(newsprov.cluster([{"id": "x", "text": "The harbour reopened today."}]))
    assert not re.search(r"<link|<img|<iframe|\bsrc=|url\(|@import", page)
    assert "http://" not in page
    assert "https://" not in page


def test_marked_text_wraps_cues_and_escapes_around_them() -> None:
    """Cue spans become <mark>, the text around them is escaped, bad spans stay plain."""
    text = "<i>x</i> KCNA said & Reuters reported."
    cues = [
        Attribution("KCNA", "KCNA said", 9, 18),
        Attribution("Reuters", "Reuters reported", 21, 37, kind="report"),
        Attribution("Other", "said & R", 14, 22),  # overlaps KCNA's cue: not marked
        Attribution("Wrong", "xxxx", 0, 4),  # offsets do not hold the cue: not marked
    ]
    out = marked_text(text, cues)
    assert out == (
        '&lt;i&gt;x&lt;/i&gt; <mark class="cue" title="KCNA (report)">KCNA said</mark> &amp; '
        '<mark class="cue" title="Reuters (report)">Reuters reported</mark>.'
    )


@given(
    st.text(max_size=80),
    st.lists(st.tuples(st.integers(0, 80), st.integers(0, 20)), max_size=5),
)
def test_marked_text_always_gives_the_text_back(text: str, spans: list[tuple[int, int]]) -> None:
    """Whatever the cues, stripping the marks and unescaping yields the paragraph text."""
    cues = [
        Attribution("S", text[s : s + n], s, s + n)
        for s, n in spans
        if s + n <= len(text) and n == len(text[s : s + n])
    ]
    out = marked_text(text, cues)
    assert "<" not in re.sub(r"</?mark[^>]*>", "", out)
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", out)) == text


def test_page_shows_overview_near_duplicates_and_collapsed_boilerplate() -> None:
    """Overview counts, a near-duplicate badge, and removed text in a closed <details>."""
    a = _article(
        "a",
        _paragraph(0, "Wire text here.", "Reuters", Match("b", 0, 0.95, "verbatim")),
        outlet="Daily A",
        removed=(Removal("Read more <here>", "read-more"),),
    )
    b = _article("b", _paragraph(0, "Wire text here.", "Reuters", Match("a", 0, 0.95, "verbatim")))
    c = _article("c", _paragraph(0, "Our own words.", None), url="javascript:alert(1)")
    r = Result((a, b, c), (("a", "b"), ("c",)), (Cluster("c1", ("a", "b")), Cluster("c2", ("c",))))
    page = to_html(r)
    assert "3 articles · 1 named outlet · 2 clusters · 1 near-duplicate group" in page
    assert page.count("Near-duplicate group D1") == 2
    assert "<details><summary>Removed boilerplate (1)</summary>" in page
    assert "Read more &lt;here&gt;" in page
    assert "javascript:" not in page  # a non-web URL is never made a link
    assert 'class="chip s0">Reuters <span class="n">2</span>' in page
    assert 'class="chip own">own writing <span class="n">1</span>' in page


def test_page_data_points_matches_at_paragraph_elements(seeds_result: Result) -> None:
    """Every match in the page data names an element id that exists in the page."""
    page = to_html(seeds_result)
    ids = set(re.findall(r'<div class="p [^"]*" id="([^"]+)"', page))
    paragraphs = _data(page)["paragraphs"]
    assert isinstance(paragraphs, dict)
    assert set(paragraphs) == ids
    targets = {m[0] for p in paragraphs.values() for m in p["matches"]}
    assert targets
    assert targets <= ids


def test_result_to_html_is_the_report_page(seeds_result: Result) -> None:
    """Result.to_html() is the same page as report.to_html, and deterministic."""
    assert seeds_result.to_html() == to_html(seeds_result)
    assert to_html(seeds_result) == to_html(seeds_result)


def test_summary_lists_rejections_with_reasons() -> None:
    """Rejected inputs appear in the summary with their reason."""
    r = newsprov.cluster(
        [{"id": "e", "text": "  "}, {"id": "ok", "text": "The harbour reopened today."}]
    )
    text = summary(r)
    assert "rejected e:" in text
    assert "== ok:" in text
    assert 'id="rejected"' in to_html(r)
