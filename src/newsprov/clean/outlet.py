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

from collections import Counter
from collections.abc import Mapping

import attrs

from newsprov.clean.features import collapse_all
from newsprov.errors import InvalidParamsError
from newsprov.model import Cleaned, Removal

__all__ = ["strip_outlet_boilerplate"]


def _keys(paragraphs: tuple[str, ...]) -> list[str]:
    """Each paragraph with its whitespace collapsed, casefolded: equal keys are one text."""
    return [p.casefold() for p in collapse_all(paragraphs)]


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
    named = {known for known in owner.values() if known is not None}
    if not named:  # no article has a known outlet: none can be stripped
        return {ident: cleaned[ident] for ident in sorted(cleaned)}
    keys = {ident: _keys(doc.paragraphs) for ident, doc in cleaned.items()}
    boiler = _boilerplate(owner, keys, named, min_articles)
    out: dict[str, Cleaned] = {}
    for ident in sorted(cleaned):
        doc, mine = cleaned[ident], owner[ident]
        # unknown outlet: its text only protects, never condemns
        drop = boiler[mine] if mine is not None else None
        out[ident] = _strip(doc, keys[ident], drop) if drop else doc
    return out


def _boilerplate(
    owner: Mapping[str, str | None],
    keys: Mapping[str, list[str]],
    named: set[str],
    min_articles: int,
) -> dict[str, set[str]]:
    """Per known outlet, the keys it prints in ``min_articles`` or more of its
    articles and no other outlet prints at all (once per outlet, not per article).
    An article of unknown outlet is an outlet of its own."""
    printed: dict[str, set[str]] = {group: set() for group in named}
    articles: Counter[str] = Counter()  # how many articles print each key
    groups_of: Counter[str] = Counter()  # how many outlets print each key
    for ident, known in owner.items():
        mine = set(keys[ident])
        articles.update(mine)
        group = known if known is not None else f"\x00unknown:{ident}"
        if group in printed:
            printed[group] |= mine
        else:  # an unknown outlet's own group, of this one article
            groups_of.update(mine)
    for keys_of_group in printed.values():
        groups_of.update(keys_of_group)
    # a key one outlet alone prints is in as many of its articles as of all articles
    own = {key for key, n in articles.items() if n >= min_articles and groups_of[key] == 1}
    return {group: keys_of_group & own for group, keys_of_group in printed.items()}


def _strip(doc: Cleaned, keys: list[str], boiler: set[str]) -> Cleaned:
    if boiler.isdisjoint(keys):
        return doc
    pairs = list(zip(doc.paragraphs, keys, strict=True))
    return attrs.evolve(
        doc,
        paragraphs=tuple(p for p, key in pairs if key not in boiler),
        removed=doc.removed
        + tuple(Removal(p, "outlet-boilerplate") for p, key in pairs if key in boiler),
    )
