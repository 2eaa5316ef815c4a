"""The cleaner: an article (HTML or extracted text) in, its story paragraphs out.

HTML goes through trafilatura (``deduplicate=False``, no comments, links kept
to measure each line's link text) and then the same residue filter as plain
text, helped by those link shares; everything stripped is kept as a
:class:`~newsprov.model.Removal` with its reason, and bylines, datelines,
trailers, sign-offs and photo credits become :class:`~newsprov.model.Credit`
entries. :func:`strip_outlet_boilerplate` then removes, across a corpus, what
one outlet prints under many of its own stories.

Example:
    >>> out = clean("North Korea admits sending troops\\nSEOUL (Reuters) - It did.\\nRead More")
    >>> out.title, out.paragraphs, [r.reason for r in out.removed]
    ('North Korea admits sending troops', ('SEOUL (Reuters) - It did.',), ['read-more'])
"""

from __future__ import annotations

import attrs

from newsprov.clean.credits import names_in
from newsprov.clean.html import check_text, decode_bytes, extract_page, looks_like_html
from newsprov.clean.outlet import strip_outlet_boilerplate
from newsprov.clean.residue import filter_lines, split_text
from newsprov.errors import InvalidArticleError
from newsprov.model import Article, Cleaned, Registry, Removal, normalise_name

__all__ = ["DEFAULT_MAX_CHARS", "clean", "clean_article", "strip_outlet_boilerplate"]

DEFAULT_MAX_CHARS = 5_000_000
"""Largest input cleaned, matching :attr:`newsprov.Params.max_chars`' default:
real article pages stay under ~2 MB, and a bigger one would stall a run."""


def clean(
    source: str | bytes,
    *,
    url: str | None = None,
    registry: Registry | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Cleaned:
    """Clean one article given as HTML or plain text (str or bytes; detected).

    Raises :class:`InvalidArticleError` for binary data, a wrong type or an input
    over ``max_chars``. A page with no article gives an empty :class:`Cleaned`
    whose ``removed`` says why.

    Example:
        >>> out = clean("<html><head><title>Empty</title></head><body></body></html>")
        >>> out.paragraphs, out.removed[0].reason
        ((), 'no-article')
    """
    registry = registry or Registry.default()
    text = _as_text(source, max_chars)
    if looks_like_html(text):
        return _clean_html(text, url, registry)
    return filter_lines(split_text(text), registry)


def clean_article(article: Article, *, registry: Registry) -> Cleaned:
    """Clean ``article``; its own ``outlet`` and ``published``, when given, win.

    Example:
        >>> from newsprov.model import Registry
        >>> a = Article.from_text("x", "Bae Eun-ji, Arirang News.", outlet="KBS")
        >>> clean_article(a, registry=Registry.default()).outlet
        'KBS'
    """
    source = article.text if article.text is not None else article.html
    if source is None:  # Article guarantees one of them; kept for the type checker
        raise InvalidArticleError(f"article {article.id!r} has neither 'text' nor 'html'")
    try:
        out = clean(source, url=article.url, registry=registry)
    except InvalidArticleError as exc:
        raise InvalidArticleError(f"article {article.id!r}: {exc}") from None
    if article.outlet is None and article.published is None:
        return out  # nothing of the article's own to put in
    return attrs.evolve(
        out,
        outlet=article.outlet if article.outlet is not None else out.outlet,
        published=article.published if article.published is not None else out.published,
    )


def _as_text(source: object, max_chars: int) -> str:
    if not isinstance(source, str | bytes):
        raise InvalidArticleError(
            f"'source' must be HTML or text as str or bytes (got {type(source).__name__})"
        )
    if len(source) > max_chars:
        raise InvalidArticleError(
            f"'source' is {len(source):,} characters, more than the {max_chars:,} allowed"
        )
    if isinstance(source, bytes):
        return decode_bytes(source)
    check_text(source)
    return source


def _clean_html(html: str, url: str | None, registry: Registry) -> Cleaned:
    try:
        page = extract_page(html, url)
    except (RecursionError, ValueError, TypeError, AttributeError, IndexError) as exc:
        # trafilatura/lxml fail in many ways on broken markup; a page that cannot
        # be read is an empty result, not a crash.
        why = f"the HTML could not be parsed ({type(exc).__name__})"
        return Cleaned(None, (), removed=(Removal(why, "unparseable"),))
    out = filter_lines(
        page.lines,
        registry,
        title=page.title,
        link_share=page.link_share,
        image_alt=page.image_alt,
        in_header=page.in_header,
        headline=page.headline,
        addresses=tuple(a for a in (url, page.address) if a),
        link_lead=page.link_lead,
    )
    outlet = registry.lookup(page.site_name) if page.site_name else None
    site = outlet.name if outlet else (normalise_name(page.site_name) if page.site_name else None)
    credits = tuple(c for a in page.authors for c in names_in(a, registry, "byline", a))
    removed = out.removed
    if not out.paragraphs:
        removed += (Removal("no main text found in the HTML page", "no-article"),)
    return attrs.evolve(
        out,
        removed=removed,
        credits=tuple(dict.fromkeys(credits + out.credits)),
        published=page.published or out.published,
        outlet=site or out.outlet,
    )
