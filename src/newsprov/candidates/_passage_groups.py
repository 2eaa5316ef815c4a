"""Which paragraph pairs the n-grams of :func:`~newsprov.candidates.shared_passages` link.

Part of :mod:`newsprov.candidates.passages`. The postings (each paragraph's
distinct n-grams, sorted by n-gram then paragraph) are cut into one group per
n-gram. A group links paragraphs when its n-gram is in 2 to
``passage_max_articles`` articles, of two outlets at least, and in fewer than
``outlet_boilerplate_min`` articles of any one outlet; it then links every pair
of its paragraphs from different outlets.

All of it is numpy over the groups of one size at a time (a matrix with one row
of paragraph numbers per group). Consecutive n-grams of one shared passage have
the same paragraphs, so the pairs are made once per distinct row.

Example:
    >>> g = np.array([5, 5, 7, 7, 7])  # n-gram (number) of each posting
    >>> own = np.array([0, 1, 0, 1, 2])  # its paragraph; paragraph 2 is article 1's
    >>> pairs, kept = linked_pairs(g, own, np.array([0, 1, 1]), np.array([0, 1]), Params())
    >>> pairs.tolist(), kept.tolist()
    ([[0, 1], [0, 2]], [5, 7])
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import numpy.typing as npt

from newsprov.fingerprint.arrays import I64
from newsprov.fingerprint.hashing import fmix64
from newsprov.model import Params

__all__ = ["linked_pairs"]

# At most about this many cells in one matrix of rows or of candidate pairs, so
# a size with many groups, or groups with many paragraphs, is done in slices
# and memory stays bounded (4M cells: 32 MB of int64).
_CELLS = 1 << 22


def linked_pairs(g: I64, own: I64, article: I64, outlet: I64, params: Params) -> tuple[I64, I64]:
    """The linked paragraph pairs ``(x, y)``, ``x < y``, sorted, and the linking n-grams, sorted.

    ``g`` and ``own`` are the postings (n-gram number, paragraph), sorted by
    n-gram then paragraph, each pair once; ``article`` maps a paragraph to its
    article, ``outlet`` an article to its outlet key (a number; articles of
    unknown outlet each have a key of their own). Paragraph numbers must be in
    article order.

    Example:
        >>> g = np.array([9, 9])
        >>> one = np.array([0, 0])  # both articles of one outlet: no link
        >>> [len(a) for a in linked_pairs(g, np.array([0, 1]), np.array([0, 1]), one, Params())]
        [0, 0]
    """
    starts, sizes = _linking_groups(g, article[own], params.passage_max_articles)
    npara = len(article)
    keys: list[I64] = [np.zeros(0, dtype=np.int64)]
    kept: list[I64] = [np.zeros(0, dtype=np.int64)]
    by_size = np.argsort(sizes, kind="stable")
    sizes, starts = sizes[by_size], starts[by_size]
    bounds = np.flatnonzero(np.diff(sizes, prepend=-1, append=-1)).tolist()
    for lo_size, hi_size in pairwise(bounds):
        m, at = int(sizes[lo_size]), starts[lo_size:hi_size]
        step = max(1, _CELLS // m)
        for lo in range(0, len(at), step):
            rows = own[at[lo : lo + step, None] + np.arange(m)]
            ok = _outlets_ok(article[rows], outlet, params.outlet_boilerplate_min)
            kept.append(g[at[lo : lo + step][ok]])
            keys.append(_pair_keys(_distinct_rows(rows[ok]), article, outlet, npara))
    pair_keys = np.unique(np.concatenate(keys))
    pairs = np.stack([pair_keys // npara, pair_keys % npara], axis=1) if npara else pair_keys
    return pairs.reshape(-1, 2), np.sort(np.concatenate(kept))


def _linking_groups(g: I64, art: I64, cap: int) -> tuple[I64, I64]:
    """Start and size of the groups of postings whose n-gram is in 2..cap distinct articles."""
    if not len(g):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    new_gram = np.concatenate(([True], g[1:] != g[:-1]))
    starts = np.flatnonzero(new_gram)
    new_art = new_gram | np.concatenate(([True], art[1:] != art[:-1]))
    distinct = np.add.reduceat(new_art.astype(np.int64), starts)
    keep = (distinct >= 2) & (distinct <= cap)
    sizes = np.diff(np.append(starts, len(g)))
    return starts[keep], sizes[keep]


def _outlets_ok(arts: I64, outlet: I64, boilerplate_min: int) -> npt.NDArray[np.bool_]:
    """Per row of articles: two outlets or more, none with ``boilerplate_min`` articles or more.

    Example:
        >>> arts = np.array([[0, 1, 2], [0, 1, 3], [0, 2, 3]])
        >>> _outlets_ok(arts, np.array([0, 0, 1, 0]), 3).tolist()
        [True, False, True]
    """
    width = len(outlet)
    key = np.sort(outlet[arts] * width + arts, axis=1)  # by outlet, then article
    first = np.ones((len(key), 1), dtype=bool)
    new_art = np.concatenate((first, key[:, 1:] != key[:, :-1]), axis=1)
    out = key // width
    new_out = np.concatenate((first, out[:, 1:] != out[:, :-1]), axis=1)
    seen = np.cumsum(new_art, axis=1)  # distinct articles so far in the row
    before = np.maximum.accumulate(np.where(new_out, seen - 1, 0), axis=1)
    most = (seen - before).max(axis=1, initial=0)  # most articles of one outlet
    return np.asarray((new_out.sum(axis=1) >= 2) & (most < boilerplate_min))


def _distinct_rows(rows: I64) -> I64:
    """``rows`` without repeated rows (a few may stay repeated; never one lost).

    Rows are told apart by a hash; a row is dropped only when it equals the
    first row with its hash, so a hash collision keeps both rows.
    """
    if len(rows) < 2:
        return rows
    h = np.zeros(len(rows), dtype=np.uint64)
    for column in rows.T.astype(np.uint64):
        h = fmix64(h ^ column)
    _, first, which = np.unique(h, return_index=True, return_inverse=True)
    rep = first[which.reshape(-1)]
    return np.asarray(rows[(rep == np.arange(len(rows))) | (rows != rows[rep]).any(axis=1)])


def _pair_keys(rows: I64, article: I64, outlet: I64, npara: int) -> I64:
    """``x * npara + y`` for each pair ``x < y`` of a row from different outlets."""
    m = rows.shape[1] if rows.ndim == 2 else 0
    i, j = np.triu_indices(m, 1)
    if not len(rows) or not len(i):
        return np.zeros(0, dtype=np.int64)
    keys = []
    step = max(1, _CELLS // len(i))
    for lo in range(0, len(rows), step):
        x, y = rows[lo : lo + step, i], rows[lo : lo + step, j]
        apart = outlet[article[x]] != outlet[article[y]]
        keys.append(np.unique(x[apart] * npara + y[apart]))
    return np.concatenate(keys)
