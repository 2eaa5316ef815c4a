"""Speed of newsprov's dedup path against the datasketch default pipeline.

Both pipelines run side by side in one process on the same synthetic articles:

* newsprov: ``fingerprint_batch`` + ``duplicate_pairs`` (LSH, then exact
  verification) + ``duplicate_groups``;
* datasketch default: word 3-shingles encoded to bytes, ``MinHash.update_batch``
  with its default SHA-1 hash, ``MinHashLSH`` at the same threshold and
  permutations, one query per article, union-find over every candidate.

The corpus: N articles made from N/5 base stories of 300-900 words drawn from a
Zipf-like vocabulary; each story appears as the original, lightly edited
reprints (2% of words changed) and a truncated reprint (first 60%).

Usage: ``.venv/bin/python benchmarks/dedup_speed.py [N] [--seed S]``
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from datasketch import MinHash, MinHashLSH

from newsprov.candidates import duplicate_pairs
from newsprov.fingerprint import SketchSpec, fingerprint_batch
from newsprov.grouping import components, duplicate_groups
from newsprov.model import Params


def corpus(n: int, seed: int) -> list[tuple[str, str]]:
    """N (id, text) articles: base stories with edited and truncated reprints."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(20_000)]
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    out: list[tuple[str, str]] = []
    story = 0
    while len(out) < n:
        base = rng.choices(vocab, weights, k=rng.randrange(300, 900))
        variants = [base, _edit(base, rng), _edit(base, rng), base[: len(base) * 6 // 10]]
        variants.append(rng.choices(vocab, weights, k=len(base)))  # an unrelated article
        for k, words in enumerate(variants):
            out.append((f"s{story:06d}-{k}", " ".join(words)))
        story += 1
    return out[:n]


def _edit(words: list[str], rng: random.Random) -> list[str]:
    return [f"e{rng.randrange(10**6)}" if rng.random() < 0.02 else w for w in words]


def newsprov_pipeline(items: list[tuple[str, str]], params: Params) -> int:
    """Number of duplicate groups found by newsprov."""
    fps = fingerprint_batch(items, SketchSpec.from_params(params))
    pairs = duplicate_pairs(fps, params)
    return len(duplicate_groups([i for i, _ in items], pairs))


def datasketch_pipeline(items: list[tuple[str, str]], params: Params) -> int:
    """Number of groups found by the datasketch default pipeline."""
    return len(datasketch_pipeline_groups(items, params))


def datasketch_pipeline_groups(
    items: list[tuple[str, str]], params: Params | None = None
) -> tuple[tuple[str, ...], ...]:
    """Groups found by the datasketch default pipeline (newsprov's shingle size and threshold)."""
    params = params or Params()
    k = params.shingle_size
    sketches = []
    for _, text in items:
        toks = text.lower().split()
        shingles = {" ".join(toks[i : i + k]).encode("utf-8") for i in range(len(toks) - k + 1)}
        m = MinHash(num_perm=params.num_perm, seed=params.seed)
        m.update_batch(shingles)
        sketches.append(m)
    lsh = MinHashLSH(threshold=params.lsh_threshold, num_perm=params.num_perm)
    for (id_, _), m in zip(items, sketches, strict=True):
        lsh.insert(id_, m)
    edges = [
        (id_, other)
        for (id_, _), m in zip(items, sketches, strict=True)
        for other in lsh.query(m)
        if other != id_
    ]
    return components([i for i, _ in items], edges)


def timed(
    fn: Callable[[list[tuple[str, str]], Params], int], items: list[tuple[str, str]], params: Params
) -> tuple[float, int]:
    start = time.perf_counter()
    groups = fn(items, params)
    return time.perf_counter() - start, groups


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=5000, help="number of articles")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    items = corpus(args.n, args.seed)
    params = Params()
    words = sum(len(t.split()) for _, t in items)
    print(f"{len(items)} articles, {words} words, num_perm={params.num_perm}")
    ours, ours_groups = timed(newsprov_pipeline, items, params)
    base, base_groups = timed(datasketch_pipeline, items, params)
    print(f"newsprov   : {ours:7.2f} s  {len(items) / ours:9.0f} articles/s  {ours_groups} groups")
    print(f"datasketch : {base:7.2f} s  {len(items) / base:9.0f} articles/s  {base_groups} groups")
    print(f"speed-up   : {base / ours:.1f}x")
    print(f"expected   : {len(items) - 3 * (len(items) // 5)} groups (4 reprints per story)")


if __name__ == "__main__":
    main()
