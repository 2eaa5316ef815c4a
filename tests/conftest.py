"""Shared fixtures: paths to the seeds and the shared benchmark corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    """The five seed articles shipped in ``seeds/``."""
    return SEEDS
