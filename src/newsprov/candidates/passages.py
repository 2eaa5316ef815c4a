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

It is all done in bulk, with no Python work per word, n-gram or pair: the
paragraphs are tokenised in batches into flat arrays, the index is the
postings (n-gram, paragraph) sorted once, the rules above are checked for all
n-grams at once (:mod:`newsprov.candidates._passage_groups`), and the linked
pairs are scored together, one binary search per n-gram position of the
shorter paragraph.

Example:
    >>> quote = "the highest strategic level of the firm militant friendship"
    >>> paras = {"x": ["Intro.", f"KCNA said ties reached {quote}."],
    ...          "y": [f"The statement hailed {quote}, it said."]}
    >>> [(p.a, p.pa, p.b, p.pb, p.words, p.text) for p in shared_passages(paras, {}, Params())]
    [('x', 1, 'y', 0, 9, 'the highest strategic level of the firm militant friendship')]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from attrs import frozen

from newsprov.candidates._passage_groups import linked_pairs
from newsprov.fingerprint import Vocabulary, ngram_hashes
from newsprov.fingerprint.arrays import I64, U64
from newsprov.model import Params

__all__ = ["PassageLink", "shared_passages"]

# Paragraphs are tokenised in batches of about this many characters: one numpy
# pass per batch, while the batch's token strings (about 50 bytes each) stay a
# few tens of MB.
_BATCH_CHARS = 1 << 20
# Linked pairs are scored in slices holding about this many n-gram positions of
# their shorter paragraphs (six arrays of 8 bytes each: about 50 MB at most),
# large enough that the Python work per slice is negligible.
_SCORE_CELLS = 1 << 20


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
class _Paragraphs:
    """Every paragraph's tokens and n-grams, in flat arrays, in (article, index) order."""

    article: I64  # per paragraph: its article's number in the sorted ids
    index: I64  # per paragraph: its index in the article
    tok_start: I64  # per paragraph and one past the last: offsets into ``tokens``
    tokens: I64  # token ids (see ``words``)
    gram_start: I64  # per paragraph and one past the last: offsets into ``grams``
    grams: U64  # hashes of the n-token windows inside each paragraph
    words: list[str]  # each token id's normalised word
    width: I64  # each token id's number of characters


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
    paras = _paragraphs(paragraphs, ids, n)
    gram, number, own = _postings(paras)
    pairs, kept = linked_pairs(number, own, paras.article, _outlet_keys(ids, outlets), params)
    held = _Held.of(kept, gram, paras)
    x, y = pairs[:, 0], pairs[:, 1]
    ntok = np.diff(paras.tok_start)
    short = np.where(ntok[x] <= ntok[y], x, y)  # the first one on a tie
    links: list[PassageLink] = []
    for lo, hi in _cuts(np.diff(paras.gram_start)[short], _SCORE_CELLS):
        links += _scored(paras, x[lo:hi], y[lo:hi], short[lo:hi], held, ids, n)
    # Paragraphs are numbered in (id, index) order and x's article comes before
    # y's, so the pairs' (x, y) order is the links' (a, pa, b, pb) order.
    return links


def _paragraphs(paragraphs: Mapping[str, Sequence[str]], ids: list[str], n: int) -> _Paragraphs:
    """The paragraphs of ``ids`` tokenised (in batches) and cut into ``n``-grams."""
    texts: list[str] = []
    article: list[int] = []
    index: list[int] = []
    for ai, id_ in enumerate(ids):
        texts += paragraphs[id_]
        article += [ai] * (len(texts) - len(article))
        index += range(len(texts) - len(index))
    vocab = Vocabulary()
    seqs = [np.zeros(0, dtype=np.int64)]
    for lo, hi in _cuts(np.array([len(t) for t in texts], dtype=np.int64), _BATCH_CHARS):
        seqs += vocab.encode_many(texts[lo:hi])
    lengths = np.array([len(s) for s in seqs[1:]], dtype=np.int64)
    tokens = np.concatenate(seqs)
    counts = np.maximum(lengths - n + 1, 0)
    tok_start = np.concatenate(([0], np.cumsum(lengths)))
    gram_start = np.concatenate(([0], np.cumsum(counts)))
    # n-grams of all tokens at once; the windows crossing a paragraph end are dropped
    windows = np.repeat(tok_start[:-1] - gram_start[:-1], counts) + np.arange(gram_start[-1])
    grams = ngram_hashes(vocab.hashes[tokens], n)[windows]
    return _Paragraphs(
        np.array(article, dtype=np.int64),
        np.array(index, dtype=np.int64),
        tok_start,
        tokens,
        gram_start,
        grams,
        vocab.tokens,
        np.fromiter(map(len, vocab.tokens), dtype=np.int64, count=len(vocab.tokens)),
    )


def _cuts(sizes: I64, limit: int) -> list[tuple[int, int]]:
    """``[lo, hi)`` slices of items of ``sizes`` adding up to about ``limit`` each (one at least).

    Example:
        >>> _cuts(np.array([3, 3, 5, 1]), 6)
        [(0, 2), (2, 4)]
    """
    ends = np.cumsum(sizes, dtype=np.int64)
    out, lo = [], 0
    while lo < len(sizes):
        base = int(ends[lo - 1]) if lo else 0
        hi = max(lo + 1, int(np.searchsorted(ends, base + limit, side="right")))
        out.append((lo, hi))
        lo = hi
    return out


def _postings(paras: _Paragraphs) -> tuple[I64, I64, I64]:
    """Each n-gram's number, and the postings: (n-gram number, paragraph) pairs, each once.

    N-grams are numbered in hash order from 0 (``gram[i]`` is the number of
    ``paras.grams[i]``); postings are sorted by n-gram number then paragraph.
    """
    owner = _owners(paras)
    order = np.lexsort((owner, paras.grams))
    g, own = paras.grams[order], owner[order]
    new_gram = np.ones(len(g), dtype=bool)
    new_gram[1:] = g[1:] != g[:-1]
    number = np.cumsum(new_gram) - 1
    gram = np.empty(len(number), dtype=np.int64)
    gram[order] = number
    fresh = new_gram.copy()
    fresh[1:] |= own[1:] != own[:-1]
    return gram, number[fresh], own[fresh]


def _owners(paras: _Paragraphs) -> I64:
    """The paragraph of each n-gram in ``paras.grams``."""
    return np.repeat(np.arange(len(paras.article), dtype=np.int64), np.diff(paras.gram_start))


def _outlet_keys(ids: list[str], outlets: Mapping[str, str | None]) -> I64:
    """One number per article: its outlet's, or one of its own when the outlet is unknown."""
    keys = [f"o:{o}" if (o := outlets.get(i)) is not None else f"a:{i}" for i in ids]
    number: dict[str, int] = {}
    return np.array([number.setdefault(k, len(number)) for k in keys], dtype=np.int64)


@frozen
class _Held:
    """Which n-grams link, and which paragraphs hold them."""

    linking: npt.NDArray[np.bool_]  # per n-gram number
    keys: I64  # sorted ``paragraph * len(linking) + n-gram number``, linking n-grams only
    gram: I64  # the number of each n-gram of ``paras.grams``

    @classmethod
    def of(cls, kept: I64, gram: I64, paras: _Paragraphs) -> _Held:
        """From the linking n-grams' numbers ``kept`` and the numbers ``gram`` of ``paras.grams``.

        Keys fit in 63 bits: both factors are below the number of words. In
        paragraph order, so the searches for one pair stay in one small block.
        """
        linking = np.zeros(int(gram.max(initial=-1)) + 1, dtype=bool)
        linking[kept] = True
        at = np.flatnonzero(linking[gram])
        keys = np.sort(_owners(paras)[at] * len(linking) + gram[at])
        return cls(linking, keys, gram)

    def holds(self, gram: I64, paragraph: I64) -> npt.NDArray[np.bool_]:
        """Whether each n-gram number of ``gram`` links and is held by its ``paragraph``."""
        out = self.linking[gram]
        out[out] = _in_sorted(paragraph[out] * len(self.linking) + gram[out], self.keys)
        return out


def _scored(
    paras: _Paragraphs, x: I64, y: I64, short: I64, held: _Held, ids: list[str], n: int
) -> list[PassageLink]:
    """Score linked pairs ``(x, y)`` on the linking n-grams they share, read in ``short``.

    A position of the shorter paragraph counts when its n-gram is a linking
    one held by the other paragraph too; the score is the share of its words
    such n-grams cover, the text the first longest run of them.
    """
    lens = np.diff(paras.gram_start)[short]
    offs = np.concatenate(([0], np.cumsum(lens)))
    pair = np.repeat(np.arange(len(x)), lens)
    pos = np.repeat(paras.gram_start[short] - offs[:-1], lens) + np.arange(offs[-1])
    mask = held.holds(held.gram[pos], (x + y - short)[pair])
    rs, re = _runs(mask, offs)
    rp, length = pair[rs], re - rs
    order = np.lexsort((rs, -length, rp))  # per pair: longest first, then earliest
    best = order[np.concatenate(([True], rp[order][1:] != rp[order][:-1]))]
    has = rp[best]  # the pairs with a run (all of them: each shares a linking n-gram)
    joined = np.concatenate(([False], rp[1:] == rp[:-1]))
    gap = rs - np.concatenate(([0], re[:-1]))
    covered = length + n - 1 - np.where(joined, np.maximum(0, n - 1 - gap), 0)
    score = (
        np.bincount(rp, weights=covered, minlength=len(x))[has]
        / np.diff(paras.tok_start)[short[has]]
    )
    words = length[best] + n - 1
    first = paras.tok_start[short[has]] + rs[best] - offs[has]
    xs, ys = x[has], y[has]
    return [
        PassageLink(ids[a], pa, ids[b], pb, w, s, t)
        for a, pa, b, pb, w, s, t in zip(
            paras.article[xs].tolist(),
            paras.index[xs].tolist(),
            paras.article[ys].tolist(),
            paras.index[ys].tolist(),
            words.tolist(),
            score.tolist(),
            _texts(paras, short[has], first, words),
            strict=True,
        )
    ]


def _runs(mask: npt.NDArray[np.bool_], offs: I64) -> tuple[I64, I64]:
    """Starts and ends of the runs of True in ``mask``, cut at the segment bounds ``offs``.

    Example:
        >>> _runs(np.array([True, True, True, False, True]), np.array([0, 2, 5]))
        (array([0, 2, 4]), array([2, 3, 5]))
    """
    cut = np.zeros(len(mask) + 1, dtype=bool)
    cut[offs] = True
    before = np.concatenate(([False], mask[:-1])) & ~cut[:-1]
    after = np.concatenate((mask[1:], [False])) & ~cut[1:]
    return np.flatnonzero(mask & ~before), np.flatnonzero(mask & ~after) + 1


def _texts(paras: _Paragraphs, para: I64, first: I64, words: I64) -> list[str]:
    """Per item, the normalised words ``first .. first + words`` (flat token positions) joined.

    The words of each paragraph in ``para`` are joined once, all in one
    string; an item's text is a slice of it (many items share a paragraph).
    """
    used, rank = np.unique(para, return_inverse=True)
    lengths = np.diff(paras.tok_start)[used]
    offs = np.concatenate(([0], np.cumsum(lengths)))
    at = np.repeat(paras.tok_start[used] - offs[:-1], lengths) + np.arange(offs[-1])
    tokens = paras.tokens[at].tolist()
    chars = np.concatenate(([0], np.cumsum(paras.width[paras.tokens[at]] + 1)))
    start = offs[rank] + first - paras.tok_start[para]  # in the used paragraphs' tokens
    joined = " ".join(map(paras.words.__getitem__, tokens))
    spans = zip(chars[start].tolist(), (chars[start + words] - 1).tolist(), strict=True)
    return [joined[a:b] for a, b in spans]


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
