"""Page metadata the markup declares: meta tags, JSON-LD, ``h1``, canonical link.

``og:`` and ``article:`` meta tags, JSON-LD ``author``, ``publisher`` and
``datePublished``, else the ``h1``/``title``; htmldate (trafilatura's date
finder) only when the markup declares no date.

Example:
    >>> split_authors("Jane Roe, John Doe")
    ('Jane Roe', 'John Doe')
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from htmldate import find_date

from newsprov.errors import InvalidArticleError
from newsprov.model import Published, parse_published

__all__ = ["as_published", "markup_meta", "page_date", "split_authors"]


def page_date(tree: Any) -> Published:
    """The page date by htmldate's quick search (run only when the markup declares none).

    Example:
        >>> from lxml import html
        >>> page_date(html.fromstring("<html><body><p>No date here.</p></body></html>"))
    """
    try:
        found = find_date(tree, extensive_search=False, original_date=True)
    except (ValueError, TypeError, RecursionError):
        return None
    return as_published(found)


def as_published(value: object) -> Published:
    """A date or time string as a publication time, None when it is not one.

    Example:
        >>> as_published("2025-04-28"), as_published("soon")
        (datetime.date(2025, 4, 28), None)
    """
    if not isinstance(value, str):
        return None
    try:
        return parse_published(value.strip()[:32])
    except InvalidArticleError:
        return None


def split_authors(value: str) -> tuple[str, ...]:
    """Author names from a declared author field, in order, without repeats.

    Example:
        >>> split_authors("Jane Roe and John Doe; Jane Roe")
        ('Jane Roe', 'John Doe')
    """
    parts = re.split(r"\s*(?:;|\||,|\band\b)\s*", value)
    return tuple(dict.fromkeys(p.strip() for p in parts if 1 < len(p.strip()) <= 80))


_META_KEYS = {
    "og:title": "title",
    "twitter:title": "title",
    "og:site_name": "site",
    "og:url": "url",
    "article:published_time": "published",
    "og:article:published_time": "published",
    "datepublished": "published",
    "author": "author",
    "article:author": "author",
}


def markup_meta(tree: Any) -> dict[str, Any]:
    """What the page's markup declares: title, ``h1``, site, address, author, date.

    Example:
        >>> from lxml import html
        >>> markup_meta(html.fromstring('<html><head><meta property="og:site_name" '
        ...     'content="Example Post"></head><body><h1>Troops sent</h1></body></html>'))
        {'site': 'Example Post', 'h1': 'Troops sent', 'title': 'Troops sent'}
    """
    found: dict[str, Any] = {}
    for node in tree.iterfind(".//meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        value = (node.get("content") or "").strip()
        if key in _META_KEYS and value and _META_KEYS[key] not in found:
            found[_META_KEYS[key]] = value
    for data in _json_ld(tree):
        _from_json_ld(data, found)
    canonical = tree.find('.//link[@rel="canonical"]')
    if "url" not in found and canonical is not None and canonical.get("href"):
        found["url"] = canonical.get("href")
    h1 = tree.find(".//h1")
    if h1 is not None and (text := " ".join(h1.text_content().split())):
        found["h1"] = text
    if "title" not in found:
        heading = h1 if h1 is not None else tree.find(".//title")
        text = " ".join(heading.text_content().split()) if heading is not None else ""
        if text:
            found["title"] = text
    if "published" in found and isinstance(found["published"], str):
        found["published"] = as_published(found["published"])
    if isinstance(found.get("author"), str) and found["author"].startswith("http"):
        del found["author"]
    return found


def _json_ld(tree: Any) -> Iterator[dict[str, Any]]:
    for node in tree.xpath('//script[@type="application/ld+json"]')[:10]:
        try:
            data = json.loads(node.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item[:50]))
            elif isinstance(item, dict):
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"][:50]))
                yield item


_ARTICLE_TYPES = re.compile(r"article|posting|report|blog", re.IGNORECASE)


def _from_json_ld(data: dict[str, Any], found: dict[str, Any]) -> None:
    kind = data.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    if not any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds):
        return
    if isinstance(data.get("datePublished"), str):
        found.setdefault("published", data["datePublished"])
    names = [_name(a) for a in _as_list(data.get("author"))]
    if any(names) and "author" not in found:
        found["author"] = "; ".join(n for n in names if n)
    publisher = _name(data.get("publisher"))
    if publisher:
        found.setdefault("site", publisher)


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def _name(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return str(value["name"]).strip() or None
    return None
