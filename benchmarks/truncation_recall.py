"""How often a tail truncation is found, by the share of its source it keeps.

The containment rule accepts a truncated reprint down to
``Params.duplicate_min_share`` of its source (25%), but a pair must first be
proposed by LSH, which is banded on Jaccard (0.3): a pure truncation keeping a
share ``s`` of its source has a Jaccard of about ``s``, so short truncations
are proposed only now and then. For each share, this makes ``--n`` random
500-word articles (a vocabulary of 20,000 words, so unrelated articles share
nothing) with a truncation of each, runs ``duplicate_pairs`` with the default
``Params`` over all of them, and prints the share of truncations paired with
their source.

Usage: ``.venv/bin/python benchmarks/truncation_recall.py [--n 400] [--seed 3]``
"""

from __future__ import annotations

import argparse
import random

from newsprov.candidates import duplicate_pairs
from newsprov.fingerprint import SketchSpec, fingerprint_batch
from newsprov.model import Params

WORDS = 500
SHARES = (0.26, 0.3, 0.35, 0.4, 0.5, 0.6, 0.8)


def recall(share: float, n: int, rng: random.Random, params: Params) -> float:
    """The share of ``n`` truncations keeping ``share`` of their source that pair with it."""
    vocab = [f"w{i}" for i in range(20_000)]
    items = []
    for k in range(n):
        words = [rng.choice(vocab) for _ in range(WORDS)]
        items += [(f"o{k}", " ".join(words)), (f"t{k}", " ".join(words[: round(WORDS * share)]))]
    fps = fingerprint_batch(items, SketchSpec.from_params(params))
    pairs = {(p.a, p.b) for p in duplicate_pairs(fps, params)}
    return sum((f"o{k}", f"t{k}") in pairs for k in range(n)) / n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400, help="articles per share")
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    print("| share kept | truncations found |\n|---|---|")
    for share in SHARES:
        print(f"| {share:.0%} | {recall(share, args.n, rng, Params()):.1%} |", flush=True)


if __name__ == "__main__":
    main()
