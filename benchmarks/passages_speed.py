"""Speed of ``newsprov.candidates.shared_passages``, the shared-passage stage.

The reprint corpus: the first N articles of the JSON Lines file
``dedup_cli.py`` writes (the synthetic corpus of ``dedup_speed.py``: stories
with edited and truncated reprints, texts cut into 60-word paragraphs), with
the same seed, so ``head -N`` of ``/tmp/newsprov-cli-bench/corpus-100000.jsonl``
is the same input. Each size is timed twice: without outlets (every article an
outlet of its own) and with outlets (the articles, in id order, take turns
among three outlets and an unknown one, so the outlet rules fire: same-outlet
pairs do not link and a run in three articles of one outlet is its
boilerplate). ``--event N`` also times the one-event corpus of
``provenance_speed.py`` (N articles made of the same real paragraphs, cleaned
first, outlets as the cleaner finds them).

Best of ``--repeat`` runs; prints seconds, articles/s, ms per article and links.

Usage:
    .venv/bin/python benchmarks/passages_speed.py [N ...] [--seed 1] [--repeat 3] [--event N]

Default sizes: 1000 3000.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dedup_speed import corpus

from newsprov.candidates import shared_passages
from newsprov.model import Params

# Turn by turn, in id order: a reprint family (five consecutive ids) then holds
# two or three articles of one outlet, so both outlet rules are exercised.
OUTLETS = ("alpha", "beta", "alpha", "gamma", "beta", "alpha", None)


def reprint_corpus(n: int, seed: int = 1) -> dict[str, list[str]]:
    """The first ``n`` articles of the reprint corpus, as ``dedup_cli.py`` paragraphs them."""
    out = {}
    for id_, text in corpus(n, seed):
        w = text.split()
        out[id_] = [" ".join(w[i : i + 60]).capitalize() + "." for i in range(0, len(w), 60)]
    return out


def outlets_of(paragraphs: dict[str, list[str]]) -> dict[str, str | None]:
    """An outlet per article, taking turns through ``OUTLETS`` in id order."""
    return {id_: OUTLETS[k % len(OUTLETS)] for k, id_ in enumerate(sorted(paragraphs))}


def event_corpus(n: int) -> tuple[dict[str, list[str]], dict[str, str | None]]:
    """``provenance_speed.py``'s one-event corpus of ``n`` articles, cleaned."""
    from provenance_speed import corpus as event

    from newsprov.clean import clean_article
    from newsprov.model import Article, Registry

    registry = Registry.default()
    cleaned = {
        d["id"]: clean_article(Article.from_text(d["id"], d["text"]), registry=registry)
        for d in event(n, 7)
    }
    return {i: list(c.paragraphs) for i, c in cleaned.items()}, {
        i: c.outlet for i, c in cleaned.items()
    }


def timed(
    label: str, paragraphs: dict[str, list[str]], outlets: dict[str, str | None], repeat: int
) -> None:
    """Print the best time of ``repeat`` runs of ``shared_passages``."""
    best, links = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        links = len(shared_passages(paragraphs, outlets, Params()))
        best = min(best, time.perf_counter() - start)
    n = len(paragraphs)
    print(
        f"{label}: {n} articles, {best:.2f} s, {n / best:,.0f} articles/s, "
        f"{1000 * best / n:.2f} ms/article, {links} links"
    )


def main() -> int:
    """Time each size without and with outlets (and the event corpus if asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 3000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--event", type=int, default=0)
    args = parser.parse_args()
    for n in args.sizes:
        paragraphs = reprint_corpus(n, args.seed)
        timed(f"reprints N={n}, no outlets", paragraphs, {}, args.repeat)
        timed(f"reprints N={n}, outlets", paragraphs, outlets_of(paragraphs), args.repeat)
    if args.event:
        paragraphs, outlets = event_corpus(args.event)
        timed(f"one event N={args.event}", paragraphs, outlets, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
