"""Near-duplicate articles: MinHash LSH candidates, verified exactly.

:func:`duplicate_pairs` finds reprints: LSH over the fingerprints' sketches
proposes candidates, and each candidate is kept only if its exact shingle
overlap passes ``Params.duplicate_jaccard`` or ``Params.duplicate_containment``.

Example:
    >>> from newsprov.fingerprint import SketchSpec, fingerprint_batch
    >>> p = Params(num_perm=32)
    >>> text = "North Korea confirmed on Monday that it sent troops to Russia. " * 3
    >>> fps = fingerprint_batch([("b", text), ("a", text), ("c", "Other news.")],
    ...                         SketchSpec.from_params(p))
    >>> [(s.a, s.b, s.jaccard) for s in duplicate_pairs(fps, p)]
    [('a', 'b', 1.0)]
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from attrs import frozen
from datasketch import MinHashLSH

from newsprov.candidates._labels import Labels as _Labels
from newsprov.errors import IncompatibleSignatureError, InvalidArticleError
from newsprov.fingerprint import Fingerprint, SketchSpec, check_compatible, thread_map
from newsprov.fingerprint.arrays import I64, U32
from newsprov.model import Params

__all__ = [
    "LSH_WEIGHTS",
    "MAX_BUCKET_PAIRS",
    "LshPlan",
    "PairScore",
    "candidate_pairs",
    "duplicate_pairs",
    "is_duplicate",
    "lsh_plan",
    "score",
]


# The containment rule (a short text inside a long one) needs the shorter text
# to have at least this many shingles (about 20 words): below that, a stock
# sentence or a caption contained in a long article would make it a "reprint".
# The Jaccard rule needs no floor, since two short texts must then be alike as
# a whole.
MIN_CONTAINMENT_SHINGLES = 20


@frozen
class PairScore:
    """Exact overlap of two articles' shingle sets; ``a < b``.

    ``contain_a`` = |A∩B| / |A| (how much of ``a`` is in ``b``), likewise ``contain_b``.
    """

    a: str
    b: str
    jaccard: float
    contain_a: float
    contain_b: float


@frozen
class LshPlan:
    """The LSH banding used for candidates (record it with a run's results)."""

    threshold: float
    num_perm: int
    bands: int
    rows: int


# Weights (false positive, false negative) of datasketch's band optimiser. A
# missed reprint is lost for good while a false candidate only costs one exact
# verification, so misses weigh four times as much: with 128 permutations this
# gives 42 bands of 3 rows, catching a pair at J=0.3 68% of the time and at
# J=0.4 92% (equal weights: 37 x 3, 64% and 90%), while unrelated news
# articles (J about 0.02) still become candidates only 0.03% of the time.
LSH_WEIGHTS = (0.2, 0.8)


def lsh_plan(params: Params) -> LshPlan:
    """Bands and rows datasketch chooses for ``params.lsh_threshold`` and ``num_perm``.

    Example:
        >>> lsh_plan(Params())
        LshPlan(threshold=0.3, num_perm=128, bands=42, rows=3)
    """
    lsh = MinHashLSH(threshold=params.lsh_threshold, num_perm=params.num_perm, weights=LSH_WEIGHTS)
    return LshPlan(params.lsh_threshold, params.num_perm, int(lsh.b), int(lsh.r))


def _check(fps: Sequence[Fingerprint], params: Params) -> None:
    want = SketchSpec.from_params(params)
    seen: set[str] = set()
    for fp in fps:
        if fp.id in seen:
            raise InvalidArticleError(f"fingerprint ids must be unique (got {fp.id!r} twice)")
        seen.add(fp.id)
        if fp.spec == want:  # the common case, one tuple comparison
            continue
        try:
            check_compatible(want, fp.spec)
        except IncompatibleSignatureError as exc:
            raise IncompatibleSignatureError(
                f"fingerprint {fp.id!r} does not match the run's Params: {exc}"
            ) from None


def _overlap(a: U32, b: U32) -> int:
    """|a ∩ b| of two sorted unique arrays: the smaller one searched in the larger."""
    if len(b) < len(a):
        a, b = b, a
    if not len(a):
        return 0
    # A value past b's end is clipped to b's last, which it cannot equal.
    return int(np.count_nonzero(b.take(np.searchsorted(b, a), mode="clip") == a))


def score(a: Fingerprint, b: Fingerprint) -> PairScore:
    """Exact shingle overlap of two fingerprints (ids put in order).

    Example:
        >>> from newsprov.fingerprint import SketchSpec, fingerprint
        >>> s = SketchSpec(num_perm=16, seed=1, shingle_size=1)
        >>> score(fingerprint("y", "a b c d", s), fingerprint("x", "a b", s))
        PairScore(a='x', b='y', jaccard=0.5, contain_a=1.0, contain_b=0.5)
    """
    a.compatible(b)
    return _score(a, b)


def _score(a: Fingerprint, b: Fingerprint) -> PairScore:
    """:func:`score` without the spec check (the caller checked every fingerprint)."""
    if b.id < a.id:
        a, b = b, a
    inter = _overlap(a.shingles, b.shingles)
    na, nb = len(a.shingles), len(b.shingles)
    union = na + nb - inter
    return PairScore(
        a.id,
        b.id,
        inter / union if union else 0.0,
        inter / na if na else 0.0,
        inter / nb if nb else 0.0,
    )


def is_duplicate(s: PairScore, smaller: int, params: Params) -> bool:
    """Whether a scored pair passes verification; ``smaller`` = shingles of the smaller set.

    A pair is a reprint when its Jaccard reaches ``duplicate_jaccard``; or, both
    texts having 20 shingles or more, when they are about the same length
    (``duplicate_edited_share``) and their Jaccard reaches
    ``duplicate_edited_jaccard`` (a whole reprint, heavily edited); or when the
    shorter has ``duplicate_containment`` of its shingles in the longer and is at
    least ``duplicate_min_share`` of its size (a truncated reprint, not a teaser).

    Example:
        >>> from newsprov.model import Params
        >>> is_duplicate(PairScore("a", "b", 0.48, 0.95, 0.5), 40, Params())  # truncated reprint
        True
        >>> is_duplicate(PairScore("a", "b", 0.1, 0.95, 0.1), 40, Params())  # teaser
        False
        >>> is_duplicate(PairScore("a", "b", 0.48, 0.95, 0.5), 5, Params())  # too short
        False
        >>> is_duplicate(PairScore("a", "b", 0.46, 0.62, 0.66), 40, Params())  # edited, noisy
        True
        >>> is_duplicate(PairScore("a", "b", 0.33, 0.5, 0.5), 40, Params())  # half own text
        False
    """
    if smaller == 0:
        return False
    if s.jaccard >= params.duplicate_jaccard:
        return True
    if smaller < MIN_CONTAINMENT_SHINGLES:
        return False
    high, low = max(s.contain_a, s.contain_b), min(s.contain_a, s.contain_b)
    # low / high is the smaller text's share of the larger: a teaser is not a reprint.
    share = low / high if high else 0.0
    if share >= params.duplicate_edited_share and s.jaccard >= params.duplicate_edited_jaccard:
        return True  # a whole reprint, heavily edited
    return high >= params.duplicate_containment and share >= params.duplicate_min_share


def _identical_sets(fps: Sequence[Fingerprint], sig: U32) -> list[list[int]]:
    """Rows of ``fps`` with equal non-empty shingle sets, grouped (singletons too); sorted by id.

    Equal sets have equal sizes and signatures, so only rows that agree on the
    size and the first three MinHash values (found with one vectorised sort,
    :func:`_band_runs`) are compared; nearly all rows agree with none and are
    singletons at once. The few that do are bucketed by a 128-bit digest of
    their bytes and compared exactly, so thousands of near-copies that agree on
    the first values cost one digest each, not one comparison per pair.
    """
    sizes = np.array([len(fp.shingles) for fp in fps], dtype=np.uint32)
    rows = np.flatnonzero(sizes)  # texts without shingles never pair
    order, starts, lengths = _band_runs(np.column_stack((sizes[rows], sig[rows, :3])))
    alike = np.zeros(len(rows), dtype=bool)
    alike[order[np.repeat(starts, lengths) + _offsets(lengths)]] = True
    groups = [[i] for i in rows[~alike].tolist()]
    for start, length in zip(starts.tolist(), lengths.tolist(), strict=True):
        groups += _equal_sets(fps, rows[order[start : start + length]].tolist())
    return groups


def _equal_sets(fps: Sequence[Fingerprint], rows: list[int]) -> list[list[int]]:
    """``rows`` grouped by equal shingle sets (digest buckets, then exact comparison)."""
    by_key: dict[bytes, list[list[int]]] = defaultdict(list)
    for i in rows:
        shingles = fps[i].shingles
        key = hashlib.blake2b(np.ascontiguousarray(shingles).data, digest_size=16).digest()
        for group in by_key[key]:
            if np.array_equal(fps[group[0]].shingles, shingles):
                group.append(i)
                break
        else:
            by_key[key].append([i])
    return [sorted(g, key=lambda i: fps[i].id) for gs in by_key.values() for g in gs]


def _band_runs(band: U32) -> tuple[I64, I64, I64]:
    """Rows of ``band`` with equal values: (row order, run starts, run lengths >= 2).

    Equal rows are exactly datasketch's equal bucket keys (its key is the
    byte-swapped bytes of the band). Rows are sorted by a 64-bit mix of all
    their columns; equal rows then sit together. Two different rows with the
    same mix (a 64-bit collision: about n**2 / 2**65 per band) would be told
    apart by the row comparison, and the band is then sorted exactly on its
    columns instead, so the runs are always exact.
    """
    key = band[:, 0].astype(np.uint64)
    for column in range(1, band.shape[1]):
        key = key * _BAND_MIX + band[:, column]
    order = np.argsort(key)
    sorted_key, rows = key[order], band[order]
    differ = (rows[1:] != rows[:-1]).any(axis=1)
    if (differ & (sorted_key[1:] == sorted_key[:-1])).any():
        order = np.lexsort(band.T[::-1])
        rows = band[order]
        differ = (rows[1:] != rows[:-1]).any(axis=1)
    starts = np.flatnonzero(np.concatenate(([True], differ)))
    lengths = np.diff(np.append(starts, len(band)))
    keep = lengths >= 2
    return order, starts[keep], lengths[keep]


# Odd 64-bit multiplier (splitmix64's) mixing a band's columns into one sort key.
_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)


def _offsets(lengths: I64) -> I64:
    """0, 1, ..., L-1 for each length L, concatenated."""
    ends = np.cumsum(lengths)
    return np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64) - np.repeat(
        ends - lengths, lengths
    )


# A bucket with more articles than this (hundreds of near-copies of one text,
# such as a wire story carried by every outlet with its own footer) yields a
# star, each member paired with the bucket's first (smallest-id) member, not
# all pairs: the work and memory stay linear while the members still group
# together. News buckets hold a handful of articles, so this never applies to
# them; 200 keeps a full bucket at 19,900 pairs.
MAX_BUCKET_PAIRS = 200


def _run_pairs(order: I64, starts: I64, lengths: I64) -> I64:
    """Pairs of rows within each run, encoded ``low * 2**32 + high``: all pairs,
    or a star from the run's first row when it has more than ``MAX_BUCKET_PAIRS``."""
    out = [np.zeros(0, dtype=np.int64)]
    for size in np.unique(lengths).tolist():
        members = order[starts[lengths == size][:, None] + np.arange(size)]
        if size > MAX_BUCKET_PAIRS:
            iu, ju = np.zeros(size - 1, dtype=np.int64), np.arange(1, size)
        else:
            iu, ju = np.triu_indices(size, 1)
        x, y = members[:, iu].ravel(), members[:, ju].ravel()
        out.append((np.minimum(x, y) << 32) | np.maximum(x, y))
    return np.concatenate(out)


def candidate_pairs(
    fps: Sequence[Fingerprint], plan: LshPlan, *, workers: int = 1
) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of fingerprints sharing a bucket in any LSH band.

    The same candidates as inserting every sketch into ``datasketch.MinHashLSH``
    with ``plan``'s bands and rows (its ``hashranges``) and querying each one,
    computed per band with one vectorised sort instead of 2 x bands dictionary
    operations per article; a bucket of more than ``MAX_BUCKET_PAIRS`` articles
    gives a star instead of all its pairs. Sorted. ``workers`` bands are sorted
    at once in threads (0: one per available core); the result is the same.

    Example:
        >>> from newsprov.fingerprint import SketchSpec, fingerprint_batch
        >>> p = Params(num_perm=32)
        >>> fps = fingerprint_batch([("a", "one two three four"), ("b", "x y z"),
        ...                          ("c", "one two three four five")], SketchSpec.from_params(p))
        >>> candidate_pairs(fps, lsh_plan(p))
        [(0, 2)]
    """
    return _candidates(_signature_matrix(fps), plan, workers)


def _signature_matrix(fps: Sequence[Fingerprint]) -> U32:
    """The fingerprints' signatures as rows of one matrix."""
    if not fps:
        return np.zeros((0, 1), dtype=np.uint32)
    return np.stack([fp.signature for fp in fps])


def _candidates(sig: U32, plan: LshPlan, workers: int) -> list[tuple[int, int]]:
    """:func:`candidate_pairs` on a matrix of signatures (one row per article)."""
    if len(sig) < 2:
        return []
    lsh = MinHashLSH(num_perm=plan.num_perm, params=(plan.bands, plan.rows))
    bands = [np.ascontiguousarray(sig[:, lo:hi]) for lo, hi in lsh.hashranges]
    found = list(thread_map(lambda band: _run_pairs(*_band_runs(band)), bands, workers))
    keys = np.concatenate(found)
    keys.sort()  # np.unique's hash table is slower here than a sort
    keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys
    low = (keys >> 32).tolist()
    high = (keys & 0xFFFFFFFF).tolist()
    return list(zip(low, high, strict=True))


def duplicate_pairs(
    fps: Sequence[Fingerprint], params: Params, *, spanning: bool = False
) -> list[PairScore]:
    """Verified near-duplicate pairs among ``fps``, sorted by ``(a, b)``.

    Articles with identical shingle sets are collapsed first: each is reported
    paired with the smallest id of its set (a star, not all pairs), so 100,000
    identical articles give 99,999 pairs and the same duplicate group. The
    representatives go through MinHash LSH banding (:func:`lsh_plan`,
    :func:`candidate_pairs`; hundreds of near-copies in one bucket are paired
    as a star, see ``MAX_BUCKET_PAIRS``); every candidate is verified on exact
    shingles (:func:`is_duplicate`). Texts with no shingles never pair. Raises
    :class:`IncompatibleSignatureError` if a fingerprint was made with another
    spec than ``params`` gives.

    ``spanning=True`` is for grouping: a candidate whose two articles are
    already connected through verified pairs (taken in sorted order) is not
    verified, since it cannot change the groups. The pairs then connect exactly
    the same duplicate groups, with about half the verifications on reprint
    families (a family of four has six candidate pairs and needs three).

    Example:
        >>> duplicate_pairs([], Params())
        []
    """
    _check(fps, params)
    sig = _signature_matrix(fps)
    groups = _identical_sets(fps, sig)
    out = [PairScore(fps[g[0]].id, fps[i].id, 1.0, 1.0, 1.0) for g in groups for i in g[1:]]
    reps = sorted((g[0] for g in groups), key=lambda i: fps[i].id)
    joined = _Labels() if spanning else None
    for i, j in _candidates(sig[reps], lsh_plan(params), params.workers):
        a, b = fps[reps[i]], fps[reps[j]]
        if joined is not None and joined.find(a.id) == joined.find(b.id):
            continue
        s = _score(a, b)
        if is_duplicate(s, min(len(a.shingles), len(b.shingles)), params):
            out.append(s)
            if joined is not None:
                joined.join((a.id, b.id))
    # Pairs between representatives stand for their whole identical sets:
    # grouping connects the rest through the star pairs above.
    return sorted(out, key=lambda s: (s.a, s.b))
