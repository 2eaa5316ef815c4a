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

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from attrs import frozen
from datasketch import MinHashLSH

from newsprov.errors import IncompatibleSignatureError, InvalidArticleError
from newsprov.fingerprint import Fingerprint, SketchSpec, check_compatible
from newsprov.model import Params

__all__ = [
    "LSH_WEIGHTS",
    "LshPlan",
    "PairScore",
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
        try:
            check_compatible(want, fp.spec)
        except IncompatibleSignatureError as exc:
            raise IncompatibleSignatureError(
                f"fingerprint {fp.id!r} does not match the run's Params: {exc}"
            ) from None


def score(a: Fingerprint, b: Fingerprint) -> PairScore:
    """Exact shingle overlap of two fingerprints (ids put in order).

    Example:
        >>> from newsprov.fingerprint import SketchSpec, fingerprint
        >>> s = SketchSpec(num_perm=16, seed=1, shingle_size=1)
        >>> score(fingerprint("y", "a b c d", s), fingerprint("x", "a b", s))
        PairScore(a='x', b='y', jaccard=0.5, contain_a=1.0, contain_b=0.5)
    """
    a.compatible(b)
    if b.id < a.id:
        a, b = b, a
    inter = len(np.intersect1d(a.shingles, b.shingles, assume_unique=True))
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

    Example:
        >>> from newsprov.model import Params
        >>> is_duplicate(PairScore("a", "b", 0.48, 0.95, 0.5), 40, Params())  # truncated reprint
        True
        >>> is_duplicate(PairScore("a", "b", 0.1, 0.95, 0.1), 40, Params())  # teaser
        False
        >>> is_duplicate(PairScore("a", "b", 0.48, 0.95, 0.5), 5, Params())  # too short
        False
    """
    if smaller == 0:
        return False
    if s.jaccard >= params.duplicate_jaccard:
        return True
    high, low = max(s.contain_a, s.contain_b), min(s.contain_a, s.contain_b)
    # low / high is the smaller text's share of the larger: a teaser is not a reprint.
    share = low / high if high else 0.0
    return (
        smaller >= MIN_CONTAINMENT_SHINGLES
        and high >= params.duplicate_containment
        and share >= params.duplicate_min_share
    )


def _identical_sets(fps: Sequence[Fingerprint]) -> list[list[Fingerprint]]:
    """Fingerprints with equal non-empty shingle sets, grouped; each group sorted by id."""
    by_key: dict[bytes, list[Fingerprint]] = defaultdict(list)
    for fp in fps:
        if len(fp.shingles):
            by_key[fp.shingles.tobytes()].append(fp)
    return [sorted(g, key=lambda f: f.id) for g in by_key.values()]


def duplicate_pairs(fps: Sequence[Fingerprint], params: Params) -> list[PairScore]:
    """Verified near-duplicate pairs among ``fps``, sorted by ``(a, b)``.

    Articles with identical shingle sets are collapsed first: each is reported
    paired with the smallest id of its set (a star, not all pairs), so 100,000
    identical articles give 99,999 pairs and the same duplicate group. The
    representatives go through MinHash LSH (:func:`lsh_plan`); every candidate
    is verified on exact shingles (:func:`is_duplicate`). Texts with no shingles
    never pair. Raises :class:`IncompatibleSignatureError` if a fingerprint was
    made with another spec than ``params`` gives.

    Example:
        >>> duplicate_pairs([], Params())
        []
    """
    _check(fps, params)
    groups = _identical_sets(fps)
    out = [PairScore(g[0].id, f.id, 1.0, 1.0, 1.0) for g in groups for f in g[1:]]
    reps = sorted((g[0] for g in groups), key=lambda f: f.id)
    plan = lsh_plan(params)
    lsh = MinHashLSH(num_perm=plan.num_perm, params=(plan.bands, plan.rows))
    with lsh.insertion_session() as session:
        for i, fp in enumerate(reps):
            session.insert(i, fp.sketch, check_duplication=False)
    for i, fp in enumerate(reps):
        for j in sorted(k for k in lsh.query(fp.sketch) if k > i):
            s = score(fp, reps[j])
            if is_duplicate(s, min(len(fp.shingles), len(reps[j].shingles)), params):
                out.append(s)
    # Pairs between representatives stand for their whole identical sets:
    # grouping connects the rest through the star pairs above.
    return sorted(out, key=lambda s: (s.a, s.b))
