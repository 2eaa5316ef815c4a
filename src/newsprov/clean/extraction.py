"""Which trafilatura pass to trust: a fast pass first, the full cascade when in doubt.

trafilatura's full cascade compares its own extraction with readability's and
justext's; on most pages they agree and the comparison only costs time (about a
quarter of trafilatura's), and on some it swaps a right extraction for a wrong
block (a page of unrelated quotes, a JSON dump of the page's teasers). So the
page is first extracted with ``fast=True`` (trafilatura's own rules only), and
the full cascade runs only when that result looks doubtful: short, or mostly
lines that are not prose (a menu, a tag cloud). The two are then compared by
how much prose each holds, weighted by its share of the text, so a long menu
never beats a short article.

An article that the page splits into several containers of one class (its text
cut in chunks around ad slots) is often extracted up to the end of the first
chunk only; :func:`continue_chunks` appends the chunks that follow.

Example:
    >>> prose_score(["Home", "News", "Sport"]), prose_score(["It rained all day in Seoul. " * 3])
    (0.0, 84.0)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import trafilatura

__all__ = ["best_extraction", "continue_chunks", "prose_score"]

_LINK_TARGET = re.compile(r"\]\([^()\s]{0,2000}\)|\[")
"""Markdown link markup in trafilatura's text with links kept: "[text](url)"."""
_SENTENCE_END = re.compile(r"[.!?。！？…:;\"”’»)]\W{0,2}$")
_PROSE_CHARS = 60
"""A prose line is a sentence: 60 characters and a closing mark (10-12 words);
menu entries, tags and headings are shorter or end without one."""
_LONG_CHARS = 150
"""A line of 150 characters is prose even without a closing mark (a cut paragraph)."""
_DOUBT_CHARS = 500
"""A fast extraction under 500 characters of prose may have missed the article
(two short paragraphs); trafilatura's own rescue threshold is 250."""
_DOUBT_SHARE = 0.5
"""A fast extraction less than half prose is doubtful: a menu, a tag cloud, a
list of links taken for the article."""


def _prose(texts: Iterable[str]) -> tuple[int, int]:
    """(characters in prose lines, characters in all lines)."""
    prose = total = 0
    for text in texts:
        total += len(text)
        if len(text) >= _LONG_CHARS or (
            len(text) >= _PROSE_CHARS and _SENTENCE_END.search(text[-4:]) is not None
        ):
            prose += len(text)
    return prose, total


def prose_score(texts: Iterable[str]) -> float:
    """Characters of prose weighted by the share of prose in the text (0 for none).

    Example:
        >>> prose_score(["A sentence that is just long enough to be counted as prose: 60."])
        63.0
    """
    prose, total = _prose(texts)
    return prose * prose / total if total else 0.0


def _bare(tree: Any, url: str | None, *, fast: bool) -> dict[str, Any] | None:
    raw = trafilatura.bare_extraction(
        tree, url=url, deduplicate=False, include_comments=False, include_links=True, fast=fast
    )
    if raw is None:
        return None
    return raw if isinstance(raw, dict) else raw.as_dict()


def _texts(doc: dict[str, Any] | None) -> list[str]:
    """The lines of an extraction's text, link targets dropped."""
    text = str(doc.get("text") or "") if doc is not None else ""
    return [line.strip() for line in _LINK_TARGET.sub("", text).split("\n") if line.strip()]


def best_extraction(tree: Any, url: str | None) -> dict[str, Any] | None:
    """trafilatura's extraction of ``tree`` (not modified): the fast pass, or the
    full cascade's when the fast one is doubtful and the full one holds more prose.

    Example:
        >>> from trafilatura.utils import load_html
        >>> said = "<p>Officials said on Monday that troops of unit {} had been sent north.</p>"
        >>> paras = "".join(said.format(n) for n in range(9))
        >>> tree = load_html(f"<html><body><article>{paras}</article></body></html>")
        >>> best_extraction(tree, None)["text"].count("troops")
        9
    """
    fast = _bare(tree, url, fast=True)
    prose, total = _prose(_texts(fast))
    if prose >= _DOUBT_CHARS and prose >= _DOUBT_SHARE * total:
        return fast
    full = _bare(tree, url, fast=False)
    if full is None:
        return fast
    fast_score = prose * prose / total if total else 0.0
    return full if prose_score(_texts(full)) > fast_score else fast


_WORD = re.compile(r"\w+")
_CHUNK_LEVELS = 2
"""The chunk holding the extraction's last paragraph is that paragraph's parent or
grandparent; higher up, same-class siblings are page wrappers (the comments)."""
_MAX_CHUNKS = 3
"""An article is cut into a few chunks; more same-class siblings are a list
(comments, cards of other stories)."""
_CHUNK_PROSE = 2
"""Every chunk holds at least two prose paragraphs (the first one three): a
comment or a teaser card holds one."""


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _is_prose(text: str) -> bool:
    return len(text) >= _LONG_CHARS or (
        len(text) >= _PROSE_CHARS and _SENTENCE_END.search(text[-4:]) is not None
    )


def _prose_paragraphs(node: Any) -> list[str]:
    texts = (" ".join(p.text_content().split()) for p in node.iter("p"))
    return [text for text in texts if text]


def _chunk_siblings(paragraph: Any) -> list[Any]:
    """The same-class containers following the chunk that holds ``paragraph``."""
    node = paragraph.getparent()
    for _ in range(_CHUNK_LEVELS):
        if node is None or node.getparent() is None:
            return []
        cls = node.get("class")
        after = [s for s in node.itersiblings() if s.tag == node.tag and s.get("class") == cls]
        if cls and after:
            prose = [sum(map(_is_prose, _prose_paragraphs(n))) for n in (node, *after)]
            ok = len(after) <= _MAX_CHUNKS and prose[0] > _CHUNK_PROSE
            return after if ok and min(prose[1:]) >= _CHUNK_PROSE else []
        node = node.getparent()
    return []


def continue_chunks(tree: Any, body: Any) -> None:
    """Append to ``body`` (an extracted trafilatura tree) the paragraphs of the chunks
    that continue the article in ``tree`` after the extraction's last paragraph:
    same-class sibling containers of the one holding it, each with prose.

    Example:
        >>> from lxml import html
        >>> said = "{} The troops moved north on Monday, officials in the capital said."
        >>> chunk = lambda n: '<div class="c">' + "".join(
        ...     "<p>" + said.format(k) + "</p>" for k in range(n, n + 3)) + "</div>"
        >>> page = html.fromstring(
        ...     f"<html><body><div>{chunk(1)}<div class='ad'></div>{chunk(4)}</div></body></html>")
        >>> body = html.fromstring("<div><p>" + said.format(3) + "</p></div>")
        >>> continue_chunks(page, body)
        >>> [p.text[0] for p in body]
        ['3', '4', '5', '6']
    """
    blocks = [" ".join("".join(b.itertext()).split()) for b in body.iter("p")]
    last = next((text for text in reversed(blocks) if _is_prose(text)), None)
    if last is None:
        return
    target = _key(last)[:80]
    source = next((p for p in tree.iter("p") if _key(p.text_content()).startswith(target)), None)
    if source is None:
        return
    for chunk in _chunk_siblings(source):
        for text in _prose_paragraphs(chunk):
            paragraph = body.makeelement("p", {})
            paragraph.text = text
            body.append(paragraph)
