"""Speed of newsprov.clean on plain text (issue #4), and on HTML against trafilatura.

Text sets, each cleaned with ``clean_article`` as the pipeline does:

* ``synthetic``: the issue #4 corpus of ``benchmarks/dedup_speed.py`` (N
  articles, 300-900 words) cut into 60-word paragraphs, as the pipeline sees it;
* ``seeds``: the five seed articles (real text, real boilerplate);
* ``scrapinghub``: the ground-truth article bodies of the ScrapingHub benchmark
  (``articleBody``, plain text, 181 pages, many languages).

For each set: microseconds per article of ``clean_article``, and of
``strip_outlet_boilerplate`` on the cleaned set twice: with the outlets the
cleaner found (the pipeline's call; the synthetic corpus names none, so nothing
can be stripped) and with five outlets assigned in turn (every paragraph keyed
and counted). Each figure is the median of ``--repeat`` runs in CPU time (the
machine is shared; wall time swings with the other processes).

For the 181 ScrapingHub HTML pages, the CPU time of ``newsprov.clean`` over
trafilatura's own ``extract`` on the same pages, alternated page by page, median
of ``--repeat`` runs (``benchmarks/clean_bench.py``'s ``cpu_ratio``).

Usage (from the repository root)::

    .venv/bin/python benchmarks/clean_text_speed.py [--n 2000] [--seed 1] [--repeat 5]
        [--bench ../shared/bench/scrapinghub] [--no-html]
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from clean_bench import DEFAULT_BENCH, cpu_ratio, load_pages  # noqa: E402
from dedup_speed import corpus  # noqa: E402

from newsprov.model import Article, Cleaned, Registry  # noqa: E402

# the package re-exports a function named `clean`, so import the module by name
_clean = importlib.import_module("newsprov.clean")


def synthetic(n: int, seed: int) -> list[Article]:
    """The issue #4 corpus as the pipeline sees it: 60-word paragraphs."""
    out = []
    for ident, text in corpus(n, seed):
        w = text.split()
        paras = [" ".join(w[i : i + 60]).capitalize() + "." for i in range(0, len(w), 60)]
        out.append(Article.from_dict({"id": ident, "text": "\n\n".join(paras)}))
    return out


def seeds() -> list[Article]:
    """The five seed articles."""
    return [Article.from_path(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]


def ground_truth(bench: Path) -> list[Article]:
    """The ScrapingHub ground-truth article bodies, as plain-text articles."""
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = ((k, truth[k].get("articleBody") or "") for k in sorted(truth))
    return [Article.from_text(k, body) for k, body in bodies if body.strip()]


def median_cpu_us(fn: Callable[[], object], count: int, repeat: int) -> tuple[float, list[float]]:
    """Median over ``repeat`` runs of ``fn``'s CPU time, in microseconds per item."""
    runs = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        runs.append((time.process_time() - start) / count * 1e6)
    return statistics.median(runs), runs


def measure(name: str, articles: list[Article], registry: Registry, repeat: int) -> None:
    """Print the clean_article and strip_outlet_boilerplate figures of one set."""
    scale = max(1, 2000 // len(articles))  # small sets run several times per timing
    batch = articles * scale

    def clean_all() -> list[Cleaned]:
        return [_clean.clean_article(a, registry=registry) for a in batch]

    cleaned = {a.id: _clean.clean_article(a, registry=registry) for a in articles}
    found = {k: c.outlet for k, c in cleaned.items()}
    five = {k: "ABCDE"[i % 5] for i, k in enumerate(sorted(cleaned))}
    clean_us, clean_runs = median_cpu_us(clean_all, len(batch), repeat)
    rows = [("clean_article", clean_us, clean_runs)]
    for label, outlets in (("outlets as found", found), ("five outlets", five)):

        def strip(outlets: dict[str, str | None] = outlets) -> None:
            for _ in range(scale):
                _clean.strip_outlet_boilerplate(cleaned, outlets, min_articles=3)

        us, runs = median_cpu_us(strip, len(batch), repeat)
        rows.append((f"strip_outlet_boilerplate ({label})", us, runs))
    paragraphs = sum(len(c.paragraphs) for c in cleaned.values()) / max(len(cleaned), 1)
    print(f"\n{name}: {len(articles)} articles, {paragraphs:.1f} paragraphs each after cleaning")
    for label, us, runs in rows:
        spread = ", ".join(f"{r:.1f}" for r in runs)
        print(f"  {label:<45}{us:9.1f} us/article  (runs: {spread})")


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="synthetic articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (median shown)")
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--no-html", action="store_true", help="skip the HTML ratio")
    args = parser.parse_args(argv)
    registry = Registry.default()
    measure("synthetic (issue #4 corpus)", synthetic(args.n, args.seed), registry, args.repeat)
    measure("seeds", seeds(), registry, args.repeat)
    measure("scrapinghub ground truth (text)", ground_truth(args.bench), registry, args.repeat)
    if not args.no_html:
        pages = load_pages(args.bench)
        ratio, runs = cpu_ratio(pages, args.repeat)
        spread = ", ".join(f"{r:.2f}" for r in runs)
        print(f"\nscrapinghub HTML, {len(pages)} pages: CPU time newsprov.clean / trafilatura")
        print(f"  median {ratio:.2f}x  (runs: {spread})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
