"""HTML in: decoding, main-text extraction with trafilatura, and page metadata.

The page is parsed once (lxml, through trafilatura's loader); the metadata the
markup declares (``og:`` and ``article:`` meta tags, JSON-LD ``author``,
``publisher`` and ``datePublished``, else the ``h1``/``title``; see
:mod:`newsprov.clean.meta`) is read from that tree before trafilatura extracts
the text from it, so no page is parsed twice.
trafilatura's own metadata pass is not run: it costs ~40% more time per page
for what the markup already says; htmldate (trafilatura's date finder) runs
only when the markup declares no date.

trafilatura runs as :func:`newsprov.clean.extraction.best_extraction` decides
(its fast pass, the full cascade only for a doubtful page) with
``include_links=True``: the links it keeps tell, for each
block of the text, how much of it is link text (navigation and lists of other
stories are links end to end); the text is then printed without them. Image
descriptions (``alt``) are collected so a caption repeating one can be told.

trafilatura always runs with ``deduplicate=False``: its deduplication cache is
process-wide and drops a block after it has been seen twice, which would erase
the very wire copy newsprov looks for in the third outlet that reprints it.

Example:
    >>> looks_like_html("<p>Hello</p>"), looks_like_html("Plain text, a < b.")
    (True, False)
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from attrs import frozen
from trafilatura.htmlprocessing import strip_tags  # type: ignore[attr-defined]
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from newsprov.clean.extraction import best_extraction, continue_chunks
from newsprov.clean.meta import as_published, markup_meta, page_date, split_authors
from newsprov.errors import InvalidArticleError
from newsprov.model import Published

__all__ = ["Page", "decode_bytes", "extract_page", "looks_like_html"]

_HTML_SNIFF = re.compile(
    r"<(?:!doctype|html|head|body|p|div|article|br|meta|title|span|section|main|table)\b",
    re.IGNORECASE,
)
_TAG_START = re.compile(
    r"<(?:[a-zA-Z][\w:-]{0,30}|!--|![a-zA-Z]{1,10}|\?[a-zA-Z]{1,10})(?:[\s/][^<>]{0,2000})?>"
)
"""Markup starts with a tag (a name, a comment, a doctype, an XML declaration);
a lone "<", "< 5" or "<?>" is text."""
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.IGNORECASE)
_BINARY_SHARE = 0.1
"""Text has almost no control characters; past one in ten, the input is binary."""
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x20), 0x7F])
"""The characters of :data:`_CONTROL`, as bytes."""


@frozen
class Page:
    """What an HTML page gives: its main text lines and the metadata found."""

    lines: tuple[str, ...]
    title: str | None
    published: Published
    authors: tuple[str, ...]
    site_name: str | None
    found_text: bool
    link_share: tuple[float, ...] = ()
    """Per line, the share of its text that is link text in the page (0 to 1)."""
    link_lead: tuple[float, ...] = ()
    """Per line, the share of its text in the links that open it (0 to 1)."""
    image_alt: tuple[bool, ...] = ()
    """Per line, whether it repeats the description (``alt``) of an image on the page."""
    in_header: tuple[bool, ...] = ()
    """Per line, whether its text is header text of the page (a ``<header>`` element,
    or a subheading in a container named for the head or the title), where pages
    print the title, standfirst, kicker and breadcrumbs."""
    headline: str | None = None
    """The page's first ``<h1>``, the headline as printed (the metadata title is often
    shortened or suffixed with the site's name)."""
    address: str | None = None
    """The page's own address as its markup declares it (``og:url``, canonical link)."""


def looks_like_html(text: str) -> bool:
    """True when ``text`` is markup rather than extracted plain text.

    Example:
        >>> looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
        True
    """
    head = text[:4096].lstrip()
    return _TAG_START.match(head) is not None or _HTML_SNIFF.search(head) is not None


def decode_bytes(data: bytes) -> str:
    """Bytes to text: valid UTF-8 first, then the declared charset, then cp1252 leniently.

    A page whose declared charset is wrong still decodes; binary data raises
    :class:`InvalidArticleError`.

    Example:
        >>> decode_bytes('<meta charset="latin-1">café'.encode("utf-8"))[-4:]
        'café'
        >>> decode_bytes('<meta charset="utf-8">café'.encode("cp1252"))[-4:]
        'café'
    """
    if b"\x00" in data[:65536]:
        raise InvalidArticleError("'source' looks binary (NUL bytes); expected HTML or text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_declared(data)
    check_text(text)
    return text


def _decode_declared(data: bytes) -> str:
    m = _CHARSET.search(data[:4096])
    if m is not None:
        try:
            codec = codecs.lookup(m.group(1).decode("ascii"))
            return data.decode(codec.name)
        except (LookupError, UnicodeDecodeError, ValueError):
            pass
    return data.decode("cp1252", errors="replace")


def check_text(text: str) -> None:
    """Raise :class:`InvalidArticleError` when ``text`` is binary, not prose or markup.

    Example:
        >>> check_text("fine")
    """
    sample = text[:65536]
    if "\x00" in sample:
        raise InvalidArticleError("'source' looks binary (control characters); expected text")
    # the usual case, told at memory speed: in UTF-8 a control character is one
    # byte below 0x80 and no other character's bytes are
    data = sample.encode("utf-8", "surrogatepass")
    if len(data.translate(None, _CONTROL_BYTES)) == len(data):
        return
    if len(_CONTROL.findall(sample)) > _BINARY_SHARE * max(len(sample), 1):
        raise InvalidArticleError("'source' looks binary (control characters); expected text")


def extract_page(html: str, url: str | None) -> Page:
    """Main text and metadata of ``html``; a page without an article gives no lines.

    Example:
        >>> page = extract_page(
        ...     "<html><head><title>T</title></head><body><article>"
        ...     "<p>North Korea confirmed the deployment of troops on Monday, officials said.</p>"
        ...     "</article></body></html>", None)
        >>> page.lines
        ('North Korea confirmed the deployment of troops on Monday, officials said.',)
    """
    tree = load_html(html)
    if tree is None:
        return Page((), None, None, (), None, False)
    markup = markup_meta(tree)
    alts = _image_alts(tree)
    header = _header_text(tree)
    if markup.get("published") is None:
        markup["published"] = page_date(tree)
    doc = best_extraction(tree, url)
    if doc is None:
        title = markup.get("title")
        return Page((), title, markup.get("published"), (), markup.get("site"), False)
    body = doc.get("body")
    if body is not None:
        continue_chunks(tree, body)
    shares = _link_shares(body) if body is not None else {}
    text = _plain_text(body) if body is not None else str(doc.get("text") or "")
    lines = tuple(line for line in text.split("\n") if line.strip())
    keys = [_key(line) for line in lines]
    found = [shares.get(key, (0.0, 0.0)) for key in keys]
    authors = split_authors(markup.get("author") or doc.get("author") or "")
    return Page(
        lines=lines,
        link_share=tuple(share for share, _ in found),
        link_lead=tuple(lead for _, lead in found),
        image_alt=tuple(key in alts for key in keys),
        in_header=tuple(bool(key) and f" {key} " in header for key in keys),
        headline=markup.get("h1"),
        address=markup.get("url"),
        title=doc.get("title") or markup.get("title"),
        published=markup.get("published") or as_published(doc.get("date")),
        authors=authors,
        site_name=markup.get("site") or doc.get("sitename"),
        found_text=bool(text.strip()),
    )


_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_BLOCKS = ("p", "head", "item", "quote", "cell")


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _link_shares(body: Any) -> dict[str, tuple[float, float]]:
    """Share of link text in each block of the extracted tree, and share of the
    links that open it, keyed by the block's words.

    Navigation and lists of other stories are link text from end to end, or a
    linked headline followed by its teaser; story paragraphs hold a link or two
    at most. Keys are word sequences so a block matches its output line whatever
    the list marker or spacing.
    """
    shares: dict[str, tuple[float, float]] = {}
    for block in body.iter(*_BLOCKS):
        key = _key("".join(block.itertext()))
        if key and key not in shares:
            linked = sum(len(_key("".join(ref.itertext()))) for ref in block.iter("ref"))
            shares[key] = (min(1.0, linked / len(key)), min(1.0, _lead(block) / len(key)))
    return shares


def _lead(block: Any) -> int:
    """Length of the link text that opens ``block`` (links before any other text).

    A link closed by a full stop ("[Legere is stepping down](...). He will...") is
    a sentence of the item, not a headline: a headline has no full stop, and a
    list of other stories prints its teaser right after it."""
    if block.text and block.text.strip():
        return 0
    size = 0
    for child in block:
        if child.tag != "ref":
            break
        size += len(_key("".join(child.itertext())))
        tail = (child.tail or "").strip()
        if tail:
            return 0 if tail[0] in ".!?" else size
    return size


_ALT_WORDS = 5
"""An image description repeated as a line is a caption from five words on;
shorter alt texts ("Spiced Honey Pear Jam") are often the section heading itself."""


def _image_alts(tree: Any) -> frozenset[str]:
    """Word keys of the image descriptions (``alt``) on the page, five words or more."""
    alts = (_key(img.get("alt") or "") for img in tree.iter("img"))
    return frozenset(alt for alt in alts if alt.count(" ") + 1 >= _ALT_WORDS)


_HEAD_CLASS = re.compile(r"(?:^|[-_\s])(?:head|header|heading|title)(?:$|[-_\s])", re.IGNORECASE)
"""A class or id naming the page's head ("article-head", "post__title", "header")."""
_HEAD_LEVELS = 3
"""A deck or kicker sits at most three levels inside the head's container."""


def _in_head(node: Any) -> bool:
    """Whether ``node`` or one of its closest ancestors is named for the head or title."""
    for _ in range(_HEAD_LEVELS + 1):
        if node is None or node.tag in ("body", "html"):
            return False
        if _HEAD_CLASS.search(node.get("class") or "") or _HEAD_CLASS.search(node.get("id") or ""):
            return True
        node = node.getparent()
    return False


def _header_text(tree: Any) -> str:
    """Word key of the page's header text, padded with spaces so a line's key can be
    looked up in it as a whole word sequence: the ``<header>`` elements, and the
    subheadings (``h2``-``h6``: standfirst, deck, kicker) in a container whose class
    or id names the head or the title (pages that build their header of divs)."""
    parts = [" ".join(header.itertext()) for header in tree.iter("header")]
    parts += [
        " ".join(h.itertext()) for h in tree.iter("h2", "h3", "h4", "h5", "h6") if _in_head(h)
    ]
    return " " + " | ".join(_key(part) for part in parts) + " "


def _plain_text(body: Any) -> str:
    """The text trafilatura prints without links: link markup dropped, and the
    layout whitespace that link text keeps from the HTML folded into spaces."""
    for ref in body.iter("ref"):
        _space_link(ref)
    strip_tags(body, "ref")
    for node in body.iter():
        if node.tag != "code":
            if node.text and "\n" in node.text:
                node.text = _SPACE.sub(" ", node.text)
            if node.tail and "\n" in node.tail:
                node.tail = _SPACE.sub(" ", node.tail)
    return str(xmltotxt(body, False))


def _space_link(ref: Any) -> None:
    """Keep a word boundary around link text: with links kept, trafilatura trims the
    link's text and tail, which would glue "Pro</ref>was" into "Prowas"."""
    text = "".join(ref.itertext())
    if not text:
        return
    if ref.tail and ref.tail[0].isalnum() and text[-1].isalnum():
        ref.tail = " " + ref.tail
    prev = ref.getprevious()
    before = prev.tail if prev is not None else ref.getparent().text
    if before and before[-1].isalnum() and text[0].isalnum():
        if prev is not None:
            prev.tail = before + " "
        else:
            ref.getparent().text = before + " "
