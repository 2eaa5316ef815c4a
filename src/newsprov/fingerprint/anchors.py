"""Winnowed passage anchors: a small, position-free sample of a text's word n-grams.

Part of :mod:`newsprov.fingerprint` (which re-exports the public names). A text
is cut into paragraphs at blank lines; each paragraph's ``n``-word n-grams are
hashed to 64 bits (:func:`ngram_hashes` over :func:`packed_hashes`, the same
normalisation and hashes as everything else); then, as in MOSS (Schleimer,
Wilkerson & Aiken, "Winnowing", SIGMOD 2003), every window of ``w``
consecutive n-grams keeps its smallest hash (the rightmost one on ties). The
kept hashes, deduplicated, are the text's anchors.

Two texts sharing a run of ``w + n - 1`` words or more inside one paragraph of
each share at least one anchor (the run holds a whole window, whose minimum
both keep); shorter runs may or may not. About ``2 / (w + 1)`` of the n-grams
are kept.

Example:
    >>> spec = AnchorSpec(n=3, w=2)
    >>> a, b = anchor_batch(["one two three four five", "Zero ONE two three four!"], spec)
    >>> bool(set(a.anchors.tolist()) & set(b.anchors.tolist())), a.paragraphs
    (True, ['one two three four five'])
"""

from __future__ import annotations

import re
from typing import Any

import attrs
import numpy as np
from attrs import field, frozen

from newsprov.errors import InvalidParamsError
from newsprov.fingerprint.arrays import I64, U64
from newsprov.fingerprint.hashing import packed_hashes
from newsprov.model import Params

__all__ = ["ANCHOR_WINDOW", "AnchorSpec", "Anchored", "anchor_batch", "paragraphs", "winnow"]


ANCHOR_WINDOW = 8
"""The default winnowing window ``w``. With 8-word n-grams it guarantees that
every shared run of 15 words or more is found (a quoted sentence; news quotes
are rarely shorter), while keeping about 2/9 = 22% of the n-grams: ~120 anchors
for a 550-word article instead of ~550 n-grams. w = 4 (11 words, 40%) doubles
the storage; w = 16 (23 words, 12%) misses many one-sentence quotes."""

# Sorts after every real hash: pads the windows of paragraphs shorter than w.
_MAX = np.uint64(2**64 - 1)
# A blank line: a newline, then one or more lines of only spaces. Each inner
# repetition ends at its own newline, so the pattern cannot backtrack badly.
_BLANK = re.compile(r"\n(?:[^\S\n]*\n)+")
_HASH = "packed64-fmix/ngram-mul-fmix64/winnow-min-rightmost"


def _at_least(low: int) -> Any:
    def check(_inst: object, att: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise InvalidParamsError(f"{att.name!r} must be an integer >= {low} (got {value!r})")

    return check


@frozen(kw_only=True)
class AnchorSpec:
    """How anchors are made: n-gram words ``n``, window ``w``, hash; recorded with stored anchors.

    Example:
        >>> AnchorSpec.from_params(Params()).to_dict()["n"], AnchorSpec(n=8, w=8).guaranteed
        (8, 15)
    """

    n: int = field(validator=_at_least(1))
    w: int = field(default=ANCHOR_WINDOW, validator=_at_least(1))
    hash: str = field(default=_HASH)

    @classmethod
    def from_params(cls, params: Params) -> AnchorSpec:
        """The spec of ``params``: ``n`` is ``Params.passage_words``, ``w`` the default window."""
        return cls(n=params.passage_words)

    @property
    def guaranteed(self) -> int:
        """Shared runs of at least this many words (in one paragraph) always share an anchor."""
        return self.w + self.n - 1

    def to_dict(self) -> dict[str, object]:
        """All fields as a JSON-able dict."""
        return attrs.asdict(self)


@frozen(eq=False)
class Anchored:
    """One text's paragraphs, their token and n-gram hashes, and its sorted unique anchors."""

    paragraphs: list[str]
    hashes: list[U64] = field(repr=False)
    grams: list[U64] = field(repr=False)
    anchors: U64 = field(repr=lambda a: f"<{len(a)} anchors>")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``: split at blank lines, stripped, blank ones dropped.

    Example:
        >>> paragraphs("First.\\n\\n\\nSecond\\nline.\\n  \\n\\nThird.\\n\\n")
        ['First.', 'Second\\nline.', 'Third.']
    """
    return [s for p in _BLANK.split(text) if (s := p.strip())]


def winnow(grams: U64, w: int) -> I64:
    """Positions winnowing keeps: the rightmost minimum of each window of ``w``, sorted, unique.

    A sequence shorter than ``w`` is one window.

    Example:
        >>> winnow(np.array([5, 3, 9, 3, 7, 8, 1], dtype=np.uint64), 3).tolist()
        [1, 3, 6]
    """
    return _winnow(grams, np.array([len(grams)], dtype=np.int64), w)


def _winnow(grams: U64, counts: I64, w: int) -> I64:
    """:func:`winnow` of each run of ``counts`` n-grams in ``grams``, as global positions."""
    counts = counts[counts > 0]
    if not len(counts):
        return np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(counts) - counts
    windows = np.maximum(counts - w + 1, 1)  # windows per run
    starts = np.repeat(offsets, windows) + _ranges(windows)
    ends = np.repeat(offsets + counts, windows)  # one past each window's run
    padded = np.concatenate((grams, np.full(w, _MAX, dtype=np.uint64)))
    low = np.full(len(starts), _MAX, dtype=np.uint64)
    for j in range(w):  # w vectorised passes: no per-n-gram Python
        low = np.minimum(low, np.where(starts + j < ends, padded[starts + j], _MAX))
    pos = np.full(len(starts), -1, dtype=np.int64)
    for j in range(w - 1, -1, -1):  # the rightmost position holding the minimum
        hit = (pos < 0) & (starts + j < ends) & (padded[starts + j] == low)
        pos[hit] = starts[hit] + j
    return np.unique(pos[pos >= 0])


def _ranges(counts: I64) -> I64:
    """0, 1, ..., c-1 for each count c, concatenated."""
    ends = np.cumsum(counts)
    return np.arange(int(ends[-1]), dtype=np.int64) - np.repeat(ends - counts, counts)


def _ngrams(seqs: list[U64], n: int) -> tuple[U64, I64]:
    """The ``n``-gram hashes of each token-hash sequence, concatenated, and their counts."""
    from newsprov.fingerprint import ngram_hashes  # the package re-exports this module

    counts = np.array([max(len(s) - n + 1, 0) for s in seqs], dtype=np.int64)
    if not counts.sum():
        return np.zeros(0, dtype=np.uint64), counts
    lengths = np.array([len(s) for s in seqs], dtype=np.int64)
    windows = np.repeat(np.cumsum(lengths) - lengths, counts) + _ranges(counts)
    return ngram_hashes(np.concatenate(seqs), n)[windows], counts


def anchor_batch(texts: list[str], spec: AnchorSpec) -> list[Anchored]:
    """Each text's paragraphs, n-gram hashes and anchors; all texts in a few numpy passes.

    Example:
        >>> got = anchor_batch(["a b c d e f g h i j", "", "Hi."], AnchorSpec(n=8, w=8))
        >>> [len(g.anchors) for g in got], [len(g) for g in got[0].grams]
        ([1, 0, 0], [3])
    """
    paras = [paragraphs(t) for t in texts]
    flat = [p for ps in paras for p in ps]
    hashes = packed_hashes(flat) if flat else []
    grams, counts = _ngrams(hashes, spec.n)
    kept = _winnow(grams, counts, spec.w)
    split = np.cumsum(counts)[:-1]
    per_para = np.split(grams, split) if len(counts) else []
    per_text = np.cumsum([len(ps) for ps in paras], dtype=np.int64)
    bounds = np.concatenate(([0], np.cumsum(counts)))[np.concatenate(([0], per_text))]
    cut = np.searchsorted(kept, bounds)
    out, first = [], 0
    for k, ps in enumerate(paras):
        mine = grams[kept[cut[k] : cut[k + 1]]]
        mine_paras = slice(first, first + len(ps))
        out.append(Anchored(ps, hashes[mine_paras], per_para[mine_paras], np.unique(mine)))
        first += len(ps)
    return out
