"""Corpus-level cleaning: lines an outlet prints under many of its own articles.

A paragraph that one outlet repeats in ``min_articles`` or more of its articles
("Sign up for our morning briefing", a standing disclaimer) is that outlet's
boilerplate. A paragraph that also appears under a *different* outlet is never
removed: text shared across outlets is exactly the reprinted copy newsprov
traces. Articles whose outlet is unknown are never stripped and count as an
outlet of their own, so they can only protect text, never condemn it.

Example:
    >>> from newsprov.model import Cleaned
    >>> promo = "Get our newsletter every morning"
    >>> docs = {f"a{i}": Cleaned(None, (f"Story {i}.", promo)) for i in range(3)}
    >>> out = strip_outlet_boilerplate(docs, dict.fromkeys(docs, "Daily"), min_articles=3)
    >>> out["a0"].paragraphs, out["a0"].removed[-1].reason
    (('Story 0.',), 'outlet-boilerplate')
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

import attrs

from newsprov.errors import InvalidParamsError
from newsprov.model import Cleaned, Removal

__all__ = ["strip_outlet_boilerplate"]


def _key(paragraph: str) -> str:
    return " ".join(paragraph.split()).casefold()


def strip_outlet_boilerplate(
    cleaned: Mapping[str, Cleaned], outlets: Mapping[str, str | None], *, min_articles: int
) -> dict[str, Cleaned]:
    """Remove paragraphs found in ``min_articles`` or more articles of the same outlet.

    ``outlets`` maps article ids to their outlet (an id missing from it uses the
    article's own ``outlet``). The result has the same ids, in sorted order, and
    does not depend on the order of the inputs.

    Example:
        >>> from newsprov.model import Cleaned
        >>> shared = "SEOUL (Reuters) - North Korea said on Monday it sent troops."
        >>> docs = {i: Cleaned(None, (shared,)) for i in "abc"}
        >>> outlets = {"a": "One", "b": "One", "c": "Two"}
        >>> strip_outlet_boilerplate(docs, outlets, min_articles=2)["a"].paragraphs == (shared,)
        True
    """
    if isinstance(min_articles, bool) or not isinstance(min_articles, int) or min_articles < 2:
        raise InvalidParamsError(f"'min_articles' must be an integer >= 2 (got {min_articles!r})")
    owner = {ident: outlets.get(ident, doc.outlet) for ident, doc in cleaned.items()}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for ident, doc in cleaned.items():
        known = owner[ident]
        group = known if known is not None else f"\x00unknown:{ident}"
        counts[group].update({_key(p) for p in doc.paragraphs})
    outlets_of: dict[str, set[str]] = defaultdict(set)
    for group, counter in counts.items():
        for key in counter:
            outlets_of[key].add(group)
    out: dict[str, Cleaned] = {}
    for ident in sorted(cleaned):
        doc, mine = cleaned[ident], owner[ident]
        if mine is None:  # unknown outlet: its text only protects, never condemns
            out[ident] = doc
            continue
        boiler = {
            key
            for key, n in counts[mine].items()
            if n >= min_articles and len(outlets_of[key]) == 1
        }
        out[ident] = _strip(doc, boiler)
    return out


def _strip(doc: Cleaned, boiler: set[str]) -> Cleaned:
    drop = [p for p in doc.paragraphs if _key(p) in boiler]
    if not drop:
        return doc
    return attrs.evolve(
        doc,
        paragraphs=tuple(p for p in doc.paragraphs if _key(p) not in boiler),
        removed=doc.removed + tuple(Removal(p, "outlet-boilerplate") for p in drop),
    )
