"""The HTML provenance map in a real headless browser: Debian's Chromium, driven by playwright.

These tests open pages written under tmp_path through file:// URLs, click and
type like a reader, and check what the browser shows. Without Chromium or
playwright they are skipped with the reason, except under CI (env ``CI`` set),
where they fail: CI must run them for real (``.ci/run`` installs ``chromium``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newsprov
from newsprov.model import (
    ArticleResult,
    Attribution,
    Cluster,
    Credit,
    Evidence,
    Match,
    Origin,
    Paragraph,
    Removal,
    Result,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# NEWSPROV_CHROMIUM points at another Chromium binary (other distributions call it
# chromium-browser); Debian's package installs /usr/bin/chromium.
CHROMIUM = (
    os.environ.get("NEWSPROV_CHROMIUM")
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
    or "/usr/bin/chromium"
)
# Flags that run Chromium as root, offline, without first-run or background traffic.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LAPTOP = {"width": 1366, "height": 800}


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    if not os.access(CHROMIUM, os.X_OK):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Chromium context with a fresh profile; skipped (failed under CI) if absent."""
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run under CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS, viewport=LAPTOP
        )
        yield context
        context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh tab that records every request and every script error."""
    tab = browser.new_page()
    tab.set_viewport_size(LAPTOP)
    tab.requests = []
    tab.errors = []
    tab.on("request", lambda r: tab.requests.append(r.url))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    tab.close()


@pytest.fixture(scope="module")
def seeds_result() -> Result:
    """The pipeline's result on the five seed articles."""
    return newsprov.cluster(newsprov.load(SEEDS))


def _open(page: Any, result: Result, path: Path) -> None:
    path.write_text(result.to_html(), encoding="utf-8")
    page.goto(path.as_uri())


def _troops_paragraph(result: Result) -> tuple[str, Paragraph]:
    """Seed 000's paragraph on the 14,000 soldiers, which other articles reprint."""
    art = next(a for a in result.articles if a.id.startswith("000_"))
    key = f"a{result.articles.index(art)}"
    p = next(p for p in art.paragraphs if "14,000" in p.text)
    assert p.matches, "the 14,000-soldiers paragraph should match other articles"
    return f"{key}-p{p.index}", p


def _element_id(result: Result, article: str, paragraph: int) -> str:
    return f"a{[a.id for a in result.articles].index(article)}-p{paragraph}"


def test_clicking_a_paragraph_outlines_its_matches_and_shows_evidence(
    page: Any, seeds_result: Result, tmp_path: Path
) -> None:
    """A click selects the paragraph, outlines every match elsewhere, and explains it."""
    _open(page, seeds_result, tmp_path / "seeds.html")
    pid, p = _troops_paragraph(seeds_result)
    page.click(f"#{pid}")
    assert "sel" in page.get_attribute(f"#{pid}", "class").split()
    for m in p.matches:
        target = f"#{_element_id(seeds_result, m.article, m.paragraph)}"
        assert "hit" in page.get_attribute(target, "class").split()
        assert page.get_attribute(target, "data-hit") == f"{m.kind} {m.score:.2f}"
        shadow = page.eval_on_selector(target, "e => getComputedStyle(e).boxShadow")
        assert shadow != "none"
    panel = page.inner_text("#np-evidence")
    assert p.origin is not None
    assert p.origin.source is not None
    assert p.origin.source in panel
    assert f"{p.origin.confidence:.2f}" in panel
    for m in p.matches:
        assert m.kind.upper() in panel.upper()
        assert f"{m.score:.2f}" in panel
    assert f"Same text elsewhere ({len(p.matches)})" in panel
    shot = tmp_path / "selected.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 30_000
    assert page.errors == []


def test_keyboard_selects_and_escape_clears(
    page: Any, seeds_result: Result, tmp_path: Path
) -> None:
    """Tab reaches the paragraphs; Enter and Space select one, Escape clears the outlines."""
    _open(page, seeds_result, tmp_path / "seeds.html")
    for _ in range(5):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('p')")
    pid, p = _troops_paragraph(seeds_result)
    page.focus(f"#{pid}")
    page.keyboard.press("Enter")
    assert page.get_attribute(f"#{pid}", "aria-pressed") == "true"
    assert page.locator(".p.hit").count() == len(p.matches)
    page.keyboard.press("Escape")
    assert page.locator(".p.sel, .p.hit").count() == 0
    other = _element_id(seeds_result, p.matches[0].article, p.matches[0].paragraph)
    page.focus(f"#{other}")
    page.keyboard.press(" ")
    assert page.get_attribute(f"#{other}", "aria-pressed") == "true"
    assert page.get_attribute(f"#{pid}", "aria-pressed") == "false"


def test_going_to_a_match_from_the_panel_focuses_it(
    page: Any, seeds_result: Result, tmp_path: Path
) -> None:
    """The match links in the evidence panel bring the matched paragraph into view."""
    _open(page, seeds_result, tmp_path / "seeds.html")
    pid, p = _troops_paragraph(seeds_result)
    page.click(f"#{pid}")
    target = _element_id(seeds_result, p.matches[0].article, p.matches[0].paragraph)
    page.click(f'#np-evidence button[data-goto="{target}"]')
    assert page.evaluate("document.activeElement.id") == target
    assert page.locator(f"#{target}").is_visible()


def _hostile_result() -> Result:
    text = (
        "Before <script>window.__pwned=1</script> and "
        '<img src=x onerror="window.__pwned=2"> after, the mayor said.'
    )
    start = text.index("the mayor said")
    cue = Attribution("<b>mayor</b>", "the mayor said", start, start + len("the mayor said"))
    origin = Origin(
        "<img src=x onerror=window.__pwned=3>",
        "statement",
        0.8,
        evidence=(Evidence("cue", "</script><script>window.__pwned=4</script>", "evil", 0),),
    )
    para = Paragraph(0, text, origin, (cue,), (Match("twin", 0, 0.9, "verbatim"),))
    twin_para = Paragraph(0, text, origin, (), (Match("evil", 0, 0.9, "verbatim"),))

    def article(id: str, p: Paragraph) -> ArticleResult:
        return ArticleResult(
            id,
            "<script>window.__pwned=5</script>Harbour",
            "<i onmouseover=window.__pwned=6>Outlet</i>",
            None,
            "javascript:window.__pwned=7",
            (Credit("X", "<b>By X</b>", "byline"),),
            (Removal("<script>window.__pwned=8</script>", "widget"),),
            (p,),
        )

    arts = (article("evil", para), article("twin", twin_para))
    return Result(arts, (("evil", "twin"),), (Cluster("c<1>", ("evil", "twin")),))


def test_article_text_is_shown_as_text_and_never_runs(page: Any, tmp_path: Path) -> None:
    """Scripts, handlers and markup in any article field stay text, even once selected."""
    _open(page, _hostile_result(), tmp_path / "hostile.html")
    page.click("#a0-p0")
    page.hover("#a0 h3")
    page.click("#a0 details summary")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img, i, script[src], [onerror], [onmouseover]").count() == 0
    assert "<script>window.__pwned=1</script>" in page.inner_text("#a0-p0")
    assert '<img src=x onerror="window.__pwned=2">' in page.inner_text("#a0-p0")
    assert "<script>window.__pwned=5</script>Harbour" in page.inner_text("#a0 h3")
    assert "</script><script>window.__pwned=4</script>" in page.inner_text("#np-evidence")
    assert page.locator("#a0-p0 mark.cue").inner_text() == "the mayor said"
    assert page.errors == []


def test_page_fetches_nothing_and_fits_a_laptop(
    page: Any, seeds_result: Result, tmp_path: Path
) -> None:
    """The page loads with no request but its own file and no horizontal page scroll."""
    _open(page, seeds_result, tmp_path / "seeds.html")
    assert [u for u in page.requests if not u.startswith("file://")] == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 900, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.locator("#np-panel").is_visible()
    shot = tmp_path / "narrow.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 20_000


_CONTRAST_JS = """
() => {
  const lum = (c) => {
    const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map((v) => {
      v = Number(v) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const back = (e) => {
    for (; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const ratio = (fg, bg) => {
    const [a, b] = [lum(fg), lum(bg)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  };
  let worst = [99, ''];
  for (const e of document.querySelectorAll('body *')) {
    const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !e.getClientRects().length) continue;
    const r = ratio(getComputedStyle(e).color, back(e));
    if (r < worst[0]) worst = [r, e.className + ': ' + e.textContent.slice(0, 40)];
  }
  const badge = getComputedStyle(document.querySelector('.p.hit'), '::before');
  const r = ratio(badge.color, badge.backgroundColor);
  if (r < worst[0]) worst = [r, 'match label'];
  return worst;
}
"""


def test_every_text_has_readable_contrast(page: Any, seeds_result: Result, tmp_path: Path) -> None:
    """All visible text, on every source colour and the match label, is at least 4.5:1 (WCAG AA)."""
    _open(page, seeds_result, tmp_path / "seeds.html")
    pid, _ = _troops_paragraph(seeds_result)
    page.click(f"#{pid}")
    ratio, where = page.evaluate(_CONTRAST_JS)
    assert ratio >= 4.5, f"contrast {ratio:.2f}:1 at {where}"
