"""Quality gate of newsprov.clean on the ScrapingHub article-extraction benchmark.

The scoring is the one in ``benchmarks/clean_bench.py`` (imported, not copied).
The benchmark lives beside the clone in ``../shared/bench/scrapinghub``; when it
is missing the test fails and says where it looked, it never skips silently.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Floors a little below what was measured with benchmarks/clean_bench.py on the
# 181 pages: F1 0.9657, recall 0.9767, residue 4.7% of output lines (plain
# trafilatura: F1 0.9598, recall 0.9783, residue 7.5%).
F1_FLOOR = 0.960
RECALL_FLOOR = 0.970
RESIDUE_CEILING = 0.055


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("clean_bench", ROOT / "benchmarks/clean_bench.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("clean_bench", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_clean_quality_on_scrapinghub_benchmark() -> None:
    """newsprov.clean keeps at least the measured F1 and recall on the 181 benchmark
    pages and lets through no more boilerplate lines than measured."""
    bench = _bench()
    if not (bench.DEFAULT_BENCH / "ground-truth.json").is_file():
        pytest.fail(
            f"ScrapingHub benchmark missing: expected {bench.DEFAULT_BENCH}/ground-truth.json "
            "and html/*.html.gz (CI keeps ../shared beside the clone)"
        )
    score = bench.score(bench.load_pages(), bench.newsprov_text)
    assert score.f1 >= F1_FLOOR, score
    assert score.recall >= RECALL_FLOOR, score
    assert score.residue <= RESIDUE_CEILING, score
