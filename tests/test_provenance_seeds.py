"""Quality gate: origins and matches on the hand-annotated seeds stay above pinned floors.

The annotation (tests/data/provenance/seeds.json) was written before tuning;
the floors sit just under the figures measured when they were set, so a change
that makes provenance worse on the seeds fails CI. The issue's targets (90%
top-1, 80% pairs) are reported by benchmarks/provenance_seeds.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import newsprov

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import provenance_seeds  # noqa: E402

# Measured 51/53 = 96.2% and 27/31 = 87.1% on 2026-11-24 (was 46/53 before the
# judging-verb cues, the wire-over-informant rule and whole-quotation speakers).
MIN_ORIGIN_ACCURACY = 0.92
MIN_PAIR_RECALL = 0.85


@pytest.fixture(scope="module")
def scores() -> provenance_seeds.Scores:
    """The seeds scored against their annotation."""
    annotation = json.loads(provenance_seeds.ANNOTATION.read_text(encoding="utf-8"))
    result = newsprov.cluster(newsprov.load(ROOT / "seeds"))
    return provenance_seeds.score(result, annotation)


def test_every_annotated_paragraph_survives_cleaning(scores: provenance_seeds.Scores) -> None:
    """Each content paragraph of the annotation is present in the output."""
    assert scores.missing_paragraphs == ()


def test_top1_origin_accuracy_floor(scores: provenance_seeds.Scores) -> None:
    """The share of paragraphs whose top-1 origin is acceptable stays above its floor."""
    assert scores.origin_accuracy >= MIN_ORIGIN_ACCURACY, "\n".join(scores.wrong)


def test_shared_pair_recall_floor(scores: provenance_seeds.Scores) -> None:
    """The share of annotated shared pairs that are matched stays above its floor."""
    assert scores.pair_recall >= MIN_PAIR_RECALL
