"""Candidate pairs: near-duplicate articles and passages shared between articles.

:func:`duplicate_pairs` finds reprints (MinHash LSH, verified on exact
shingles); :func:`shared_passages` finds shorter reuse, such as one quoted
clause, between paragraphs of different articles.

Example:
    >>> from newsprov.model import Params
    >>> lsh_plan(Params()).bands
    42
"""

from newsprov.candidates.duplicates import (
    MIN_CONTAINMENT_SHINGLES,
    LshPlan,
    PairScore,
    duplicate_pairs,
    is_duplicate,
    lsh_plan,
    score,
)
from newsprov.candidates.passages import PassageLink, shared_passages

__all__ = [
    "MIN_CONTAINMENT_SHINGLES",
    "LshPlan",
    "PairScore",
    "PassageLink",
    "duplicate_pairs",
    "is_duplicate",
    "lsh_plan",
    "score",
    "shared_passages",
]
