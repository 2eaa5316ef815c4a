"""Score the cleaner on the ScrapingHub article-extraction benchmark.

Usage (from the repository root)::

    .venv/bin/python benchmarks/clean_bench.py [--bench ../shared/bench/scrapinghub] [--limit N]

The metric mirrors the benchmark's own ``evaluate.py``: text is tokenised into
runs of word characters, each text becomes the multiset of its 4-token shingles,
a page's true/false positives and negatives are normalised to sum to one,
precision and recall are averaged over pages, and F1 is computed from those
averages. ``residue`` is the share of output lines whose words do not occur in
the ground truth (boilerplate that got through). Two extractors are compared:
plain trafilatura (``deduplicate=False``) and ``newsprov.clean``.

The scoring functions are imported by ``tests/test_clean_quality.py`` so the
quality gate and this report share one implementation.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = ROOT.parent / "shared" / "bench" / "scrapinghub"
SHINGLE = 4
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    """One benchmark page: its id, raw HTML bytes and ground-truth article body."""

    key: str
    html: bytes
    truth: str


@dataclass(frozen=True)
class Score:
    """Averaged scores of one extractor over a set of pages."""

    precision: float
    recall: float
    f1: float
    residue: float
    ms_per_page: float


def tokens(text: str) -> list[str]:
    """Word-character tokens, as the benchmark tokenises."""
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token shingles (a short text is one shorter shingle)."""
    toks = tokens(text)
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks)


def tp_fp_fn(truth: str, pred: str) -> tuple[float, float, float]:
    """Shingle true/false positives and false negatives of one page, summing to 1."""
    want, got = shingles(truth), shingles(pred)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def prf(counts: Iterable[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Mean precision, mean recall and the F1 of those means, as evaluate.py does."""
    rows = list(counts)
    precision = statistics.mean(
        1.0 if fp == fn == 0 else tp / (tp + fp) for tp, fp, fn in rows if tp + fp > 0
    )
    recall = statistics.mean(
        1.0 if fp == fn == 0 else tp / (tp + fn) for tp, fp, fn in rows if tp + fn > 0
    )
    return precision, recall, 2 * precision * recall / (precision + recall)


def residue_lines(truth: str, pred: str) -> tuple[int, int]:
    """(lines absent from the truth, output lines): a line is absent when its word
    sequence does not occur in the truth's word sequence (case-insensitive)."""
    haystack = " " + " ".join(tokens(truth.lower())) + " "
    lines = [line for line in pred.splitlines() if line.strip()]
    absent = sum(1 for line in lines if " " + " ".join(tokens(line.lower())) + " " not in haystack)
    return absent, len(lines)


def load_pages(bench: Path = DEFAULT_BENCH, limit: int | None = None) -> list[Page]:
    """The benchmark pages in key order (the first ``limit`` when given)."""
    if not (bench / "ground-truth.json").is_file():
        raise FileNotFoundError(
            f"benchmark not found: expected {bench}/ground-truth.json and {bench}/html/*.html.gz"
        )
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    return [
        Page(
            k,
            gzip.decompress((bench / "html" / f"{k}.html.gz").read_bytes()),
            truth[k].get("articleBody") or "",
        )
        for k in keys
    ]


def trafilatura_text(html: bytes) -> str:
    """Plain trafilatura 2.x main text, deduplication and comments off (as newsprov runs it)."""
    import trafilatura

    return trafilatura.extract(html, deduplicate=False, include_comments=False) or ""


def newsprov_text(html: bytes) -> str:
    """newsprov's cleaned paragraphs, one per line."""
    from newsprov.clean import clean

    return "\n".join(clean(html).paragraphs)


def score(pages: list[Page], extract: Callable[[bytes], str]) -> Score:
    """Run ``extract`` on every page and score it."""
    counts, absent, total, elapsed = [], 0, 0, 0.0
    for page in pages:
        start = time.perf_counter()
        text = extract(page.html)
        elapsed += time.perf_counter() - start
        counts.append(tp_fp_fn(page.truth, text))
        a, t = residue_lines(page.truth, text)
        absent, total = absent + a, total + t
    p, r, f1 = prf(counts)
    return Score(p, r, f1, absent / max(total, 1), 1000 * elapsed / max(len(pages), 1))


def main(argv: list[str] | None = None) -> int:
    """Print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    pages = load_pages(args.bench, args.limit)
    newsprov_text(pages[0].html)  # warm imports and caches of both before timing
    trafilatura_text(pages[0].html)
    print(f"{len(pages)} pages from {args.bench}")
    print(f"{'extractor':<22}{'precision':>10}{'recall':>8}{'F1':>8}{'residue':>9}{'ms/page':>9}")
    for name, fn in (
        ("trafilatura (dedup off)", trafilatura_text),
        ("newsprov.clean", newsprov_text),
    ):
        s = score(pages, fn)
        print(
            f"{name:<22}{s.precision:>10.4f}{s.recall:>8.4f}{s.f1:>8.4f}"
            f"{s.residue:>8.1%}{s.ms_per_page:>9.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
