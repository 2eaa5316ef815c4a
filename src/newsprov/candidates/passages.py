"""Shared passages: word runs reused between paragraphs of different articles.

Every paragraph is cut into overlapping runs of ``Params.passage_words``
normalised words (n-grams, hashed to 64 bits). An inverted index from n-gram to
the paragraphs holding it gives the paragraph pairs that share one; the pairs
are then scored on all the n-grams they share.

An n-gram links nothing when:

* it is in ``Params.outlet_boilerplate_min`` or more articles of one outlet
  (that outlet's boilerplate: a footer, a standing line);
* it is in more than ``Params.passage_max_articles`` articles (cross-outlet
  boilerplate or wire copy already linked as duplicates). This cap bounds the
  pair work per n-gram at ``cap * (cap - 1) / 2``, so the total work is linear
  in the number of words times the cap, never quadratic in the articles;
* all the articles holding it are of the same outlet: only reuse across outlets
  links (an outlet repeating itself is found by duplicate detection). An
  article without a known outlet counts as an outlet of its own.

Example:
    >>> quote = "the highest strategic level of the firm militant friendship"
    >>> paras = {"x": ["Intro.", f"KCNA said ties reached {quote}."],
    ...          "y": [f"The statement hailed {quote}, it said."]}
    >>> [(p.a, p.pa, p.b, p.pb, p.words, p.text) for p in shared_passages(paras, {}, Params())]
    [('x', 1, 'y', 0, 9, 'the highest strategic level of the firm militant friendship')]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

import numpy as np
import numpy.typing as npt
from attrs import frozen

from newsprov.fingerprint import Vocabulary, ngram_hashes
from newsprov.fingerprint.arrays import I64, U64
from newsprov.model import Params

__all__ = ["PassageLink", "shared_passages"]


@frozen
class PassageLink:
    """Paragraph ``pa`` of ``a`` shares a run of ``words`` words with paragraph ``pb`` of ``b``.

    ``a < b``; ``score`` is the share of the shorter paragraph's words covered
    by shared n-grams; ``text`` is the longest shared run, normalised, read in
    the shorter paragraph (a run of consecutive shared n-grams there; in the
    longer paragraph its n-grams are almost always consecutive too).
    """

    a: str
    pa: int
    b: str
    pb: int
    words: int
    score: float
    text: str


@frozen
class _Para:
    article: int
    index: int
    tokens: I64
    grams: U64


def _paragraphs(
    paragraphs: Mapping[str, Sequence[str]], ids: list[str], n: int
) -> tuple[list[_Para], Vocabulary]:
    vocab = Vocabulary()
    out = []
    for ai, id_ in enumerate(ids):
        for pi, text in enumerate(paragraphs[id_]):
            tokens = vocab.encode(text)
            if len(tokens) >= n:
                out.append(_Para(ai, pi, tokens, ngram_hashes(vocab.hashes[tokens], n)))
    return out, vocab


def _postings(paras: list[_Para]) -> tuple[U64, I64, I64]:
    """(n-gram, paragraph number, article) triples, sorted by n-gram then article."""
    grams, owner = [], []
    for k, p in enumerate(paras):
        uniq = np.unique(p.grams)
        grams.append(uniq)
        owner.append(np.full(len(uniq), k, dtype=np.int64))
    if not grams:
        empty = np.zeros(0, dtype=np.int64)
        return np.zeros(0, dtype=np.uint64), empty, empty
    g, o = np.concatenate(grams), np.concatenate(owner)
    art = np.array([p.article for p in paras], dtype=np.int64)[o]
    order = np.lexsort((art, g))
    return g[order], o[order], art[order]


def _linking_groups(g: U64, art: I64, cap: int) -> list[tuple[int, int]]:
    """Slices of the postings whose n-gram is in 2..cap distinct articles."""
    if not len(g):
        return []
    starts = np.flatnonzero(np.concatenate(([True], g[1:] != g[:-1])))
    ends = np.append(starts[1:], len(g))
    new_art = np.concatenate(([1], (art[1:] != art[:-1]) | (g[1:] != g[:-1])))
    distinct = np.add.reduceat(new_art.astype(np.int64), starts)
    keep = (distinct >= 2) & (distinct <= cap)
    return list(zip(starts[keep].tolist(), ends[keep].tolist(), strict=True))


def _outlet_keys(ids: list[str], outlets: Mapping[str, str | None]) -> list[str]:
    """One key per article: its outlet, or a key of its own when unknown."""
    return [f"o:{o}" if (o := outlets.get(i)) is not None else f"a:{i}" for i in ids]


def _pairs_for(
    arts: list[int], owners: list[int], okeys: list[str], params: Params
) -> list[tuple[int, int]]:
    """Paragraph pairs one n-gram links, or none if it is an outlet's boilerplate."""
    per_outlet: dict[str, set[int]] = {}
    for a in arts:
        per_outlet.setdefault(okeys[a], set()).add(a)
    if len(per_outlet) < 2 or any(
        len(s) >= params.outlet_boilerplate_min for s in per_outlet.values()
    ):
        return []
    return [
        (min(x, y), max(x, y))
        for (x, ax), (y, ay) in combinations(zip(owners, arts, strict=True), 2)
        if okeys[ax] != okeys[ay]
    ]


def shared_passages(
    paragraphs: Mapping[str, Sequence[str]],
    outlets: Mapping[str, str | None],
    params: Params,
) -> list[PassageLink]:
    """Paragraph pairs of different outlets' articles sharing ``passage_words`` words or more.

    ``paragraphs`` maps article id to its paragraphs; ``outlets`` maps article
    id to its outlet (missing or None: unknown). Sorted by ``(a, pa, b, pb)``.

    Example:
        >>> shared_passages({"a": ["Too short to share."], "b": []}, {}, Params())
        []
    """
    ids = sorted(paragraphs)
    n = params.passage_words
    paras, vocab = _paragraphs(paragraphs, ids, n)
    g, own, art = _postings(paras)
    okeys = _outlet_keys(ids, outlets)
    linked: set[tuple[int, int]] = set()
    kept: list[int] = []
    for start, end in _linking_groups(g, art, params.passage_max_articles):
        pairs = _pairs_for(art[start:end].tolist(), own[start:end].tolist(), okeys, params)
        if pairs:
            linked.update(pairs)
            kept.append(start)
    kept_grams = np.sort(g[kept]) if kept else np.zeros(0, dtype=np.uint64)
    links = [_link(paras[x], paras[y], kept_grams, vocab, ids, n) for x, y in linked]
    return sorted((lk for lk in links if lk is not None), key=_order)


def _order(lk: PassageLink) -> tuple[str, int, str, int]:
    return (lk.a, lk.pa, lk.b, lk.pb)


def _link(
    p: _Para, q: _Para, kept: U64, vocab: Vocabulary, ids: list[str], n: int
) -> PassageLink | None:
    """Score a linked paragraph pair on all the linking n-grams it shares."""
    if ids[q.article] < ids[p.article]:
        p, q = q, p
    short = p if len(p.tokens) <= len(q.tokens) else q
    other = q if short is p else p
    mask = np.isin(short.grams, other.grams) & _in_sorted(short.grams, kept)
    if not mask.any():
        return None
    covered = np.convolve(mask.astype(np.int64), np.ones(n, dtype=np.int64))[: len(short.tokens)]
    start, run = _longest_run(mask)
    text = " ".join(vocab.tokens[t] for t in short.tokens[start : start + run + n - 1].tolist())
    return PassageLink(
        a=ids[p.article],
        pa=p.index,
        b=ids[q.article],
        pb=q.index,
        words=run + n - 1,
        score=float(np.count_nonzero(covered)) / len(short.tokens),
        text=text,
    )


def _in_sorted(values: npt.NDArray[Any], sorted_set: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
    """``np.isin(values, sorted_set)`` by binary search: linear in ``values``, not in the set.

    Example:
        >>> _in_sorted(np.array([3, 5, 9], dtype=np.uint64), np.array([1, 3, 9], dtype=np.uint64))
        array([ True, False,  True])
    """
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(sorted_set, values).clip(max=len(sorted_set) - 1)
    return np.asarray(sorted_set[at] == values)


def _longest_run(mask: npt.NDArray[np.bool_]) -> tuple[int, int]:
    """Start and length of the first longest run of True in ``mask``.

    Example:
        >>> _longest_run(np.array([False, True, True, False, True, True, True]))
        (4, 3)
    """
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    starts, ends = edges[::2], edges[1::2]
    best = int(np.argmax(ends - starts))
    return int(starts[best]), int(ends[best] - starts[best])
