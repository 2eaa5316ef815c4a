"""Speed of newsprov's full pipeline (with provenance) on one large event.

The corpus: N articles about one event, made from real paragraphs — the five
seeds' and the six event2 articles' (tests/data/provenance/event2/) — the way
coverage of one story spreads: each article takes 4-10 paragraphs of the pool,
about half verbatim (a reprint) and half rewritten (words dropped, replaced and
reordered, as a rewrite desk does), adds 1-4 paragraphs of its own writing
(unique text built from the pool's vocabulary), and a third of the articles
credit a wire with a dateline. So every pool paragraph has many copies and the
whole corpus is one cluster: the worst case for alignment.

Timed: ``newsprov.cluster`` in full mode, stage by stage (the same stages in the
same order as :func:`newsprov.cluster`), for each size given.

Usage:
    .venv/bin/python benchmarks/provenance_speed.py [N ...] [--seed S] [--no-passages]

Default sizes: 100 300 1000. ``--no-passages`` skips the shared-passage stage
(candidates, not provenance) to show how align and the later stages grow on
their own at sizes where that stage would dominate.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path
from typing import Any

from attrs import evolve

from newsprov import pipeline
from newsprov.model import Params, Registry

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "seeds", ROOT / "tests" / "data" / "provenance" / "event2")
DATELINES = ("SEOUL (Reuters) - ", "WASHINGTON (AP) — ", "BILLINGS, Mont. (AP) -- ")


def pool() -> list[str]:
    """The real paragraphs the corpus is made of (lines of eight words or more)."""
    out = []
    for directory in SOURCES:
        for path in sorted(directory.glob("*.txt")):
            out += [line.strip() for line in path.read_text().splitlines()]
    return sorted({p for p in out if len(p.split()) >= 8})


def _rewrite(text: str, vocab: list[str], rng: random.Random) -> str:
    words = text.split()
    out = []
    for word in words:
        roll = rng.random()
        if roll < 0.1:
            continue  # dropped
        out.append(rng.choice(vocab) if roll < 0.2 else word)
    cut = rng.randrange(len(out)) if rng.random() < 0.3 and len(out) > 4 else 0
    return " ".join(out[cut:] + out[:cut])


def _own(vocab: list[str], rng: random.Random, serial: int) -> str:
    words = rng.choices(vocab, k=rng.randrange(20, 60))
    return f"{' '.join(words).capitalize()} (note {serial})."


def corpus(n: int, seed: int) -> list[dict[str, Any]]:
    """N article dicts about one event, built from the real paragraph pool."""
    rng = random.Random(seed)
    paragraphs = pool()
    vocab = sorted({w for p in paragraphs for w in p.split()})
    out = []
    for i in range(n):
        body = []
        for p in rng.sample(paragraphs, rng.randrange(4, 11)):
            body.append(p if rng.random() < 0.5 else _rewrite(p, vocab, rng))
        for k in range(rng.randrange(1, 5)):
            body.insert(rng.randrange(len(body) + 1), _own(vocab, rng, i * 10 + k))
        if rng.random() < 1 / 3:
            body[0] = rng.choice(DATELINES) + body[0]
        title = " ".join(rng.choice(paragraphs).split()[:9])
        out.append({"id": f"a{i:05d}", "text": "\n\n".join([title, *body])})
    return out


def run(
    items: list[dict[str, Any]], params: Params, *, passages: bool = True
) -> tuple[dict[str, float], Any]:
    """Seconds per stage of one full run, and the result."""
    times: dict[str, float] = {}
    start = time.perf_counter()
    state = pipeline._State(params, Registry.default())
    state = evolve(state, **pipeline._coerce(items, params))
    times["inputs"] = time.perf_counter() - start
    for stage in pipeline._stages(params):
        if not passages and stage.__name__ == "_passages":
            continue
        start = time.perf_counter()
        state = stage(state)
        times[stage.__name__.lstrip("_")] = time.perf_counter() - start
    start = time.perf_counter()
    result = pipeline._result(state)
    times["result"] = time.perf_counter() - start
    return times, (result, state)


def main() -> int:
    """Time each size and print per-stage seconds and the growth between sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 300, 1000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-passages", action="store_true")
    args = parser.parse_args()
    params = Params()
    previous: tuple[int, float, int] | None = None
    for n in args.sizes:
        items = corpus(n, args.seed)
        times, (result, state) = run(items, params, passages=not args.no_passages)
        total = sum(times.values())
        paras = sum(len(c.paragraphs) for c in state.cleaned.values())
        matches = len(state.aligned)
        biggest = max((len(c.articles) for c in result.clusters), default=0)
        print(
            f"N={n}: {total:.1f} s total, {paras} paragraphs, {matches} aligned pairs, "
            f"largest cluster {biggest} articles"
        )
        print("  " + ", ".join(f"{k} {v:.2f}" for k, v in times.items()))
        if previous is not None:
            pn, pt, pp = previous
            print(
                f"  growth vs N={pn}: time x{total / pt:.2f} for paragraphs x{paras / pp:.2f} "
                f"(quadratic would be x{(paras / pp) ** 2:.2f})"
            )
        previous = (n, total, paras)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
