"""Cost of adding articles to a large newsprov.Index, against adding them to an empty one.

For each size N: build an index of N articles (SQLite file by default, or
``--redis URL``), then time adding a batch of ``--batch`` more articles to it
and to an empty index, alternately (``--repeats`` pairs, the batch removed again
after each), so that both see the same load on a shared machine. Reports the
median wall and CPU times and their ratios, build speed, single-query latency,
open time, file size and peak memory.

Articles come from ``dedup_speed.corpus``: stories of 300-900 words from a
Zipf-like vocabulary, each with two lightly edited reprints, a truncated
reprint and an unrelated article. The batch is the same for every size: the
articles of another corpus seed (new stories and their reprints), ids
prefixed ``new-``. With ``--quotes``, each batch article also gets a paragraph
quoting 20 words of a stored article (picked at random among the first 1,000,
which the "empty" index then holds too), so that the passage search has
passages to report; the number the batch reported is printed.

Usage: ``.venv/bin/python benchmarks/index_bench.py --sizes 20000 50000 100000``
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dedup_speed import corpus

from newsprov import Index, Params


def location(args: argparse.Namespace, folder: Path, label: str) -> tuple[str, str]:
    """Where one index lives: a fresh file, or a fresh name on the Redis server."""
    if args.redis:
        return args.redis, f"bench-{label}-{uuid.uuid4().hex[:8]}"
    return str(folder / f"{label}.db"), "newsprov"


def drop(args: argparse.Namespace, where: str, name: str) -> None:
    """Delete a benchmark index from Redis (files go with the temporary folder)."""
    if args.redis:
        import redis

        client = redis.Redis.from_url(where)
        for key in client.scan_iter(match=f"{name}:*", count=5000):
            client.delete(key)
        client.close()


def new_batch(args: argparse.Namespace, quoted: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The articles every measurement adds (quoting ``quoted`` with ``--quotes``)."""
    rng = random.Random(args.seed)
    out = []
    for i, text in corpus(args.batch, args.seed + 1000):
        if args.quotes:
            words = rng.choice(quoted)[1].split()
            at = rng.randrange(max(len(words) - 20, 1))
            text = f"{text}\n\nAs reported earlier, {' '.join(words[at : at + 20])}."
        out.append((f"new-{i}", text))
    return out


def time_batch(index: Index, batch: list[tuple[str, str]], found: list[int]) -> tuple[float, float]:
    """(wall, CPU) seconds to add ``batch`` (passages reported go to ``found``); then removed."""
    wall, cpu = time.perf_counter(), time.process_time()
    got = index.add_many(batch)
    out = time.perf_counter() - wall, time.process_time() - cpu
    found.append(sum(len(m.passages) for m in got))
    index.remove([i for i, _ in batch])
    return out


def paired(big: Index, empty: Index, batch: list[tuple[str, str]], repeats: int) -> str:
    """Adds into the big and the empty index, alternated so both see the same machine load."""
    found: list[int] = []
    runs = [(time_batch(empty, batch, []), time_batch(big, batch, found)) for _ in range(repeats)]
    e_wall = statistics.median(e[0] for e, _ in runs)
    b_wall = statistics.median(b[0] for _, b in runs)
    e_cpu = statistics.median(e[1] for e, _ in runs)
    b_cpu = statistics.median(b[1] for _, b in runs)
    pairs = ", ".join(f"{b[0]:.2f}/{e[0]:.2f}" for e, b in runs)
    return (
        f"add {len(batch)}: {b_wall:5.2f} s vs {e_wall:5.2f} s empty, ratio {b_wall / e_wall:4.2f} "
        f"(CPU {b_cpu:4.2f} vs {e_cpu:4.2f}, ratio {b_cpu / e_cpu:4.2f}; runs {pairs}); "
        f"passages reported {found[-1]}"
    )


def build(index: Index, items: list[tuple[str, str]]) -> float:
    """Seconds to add ``items`` in batches of 1,000, printing progress.

    The rate over each 10,000 includes the merges of key tables that fell in
    it: the amortised cost of adding to an index of that size.
    """
    start = last = time.perf_counter()
    for k in range(0, len(items), 1000):
        index.add_many(items[k : k + 1000])
        if (k // 1000) % 10 == 9:
            now = time.perf_counter()
            rate, recent = (k + 1000) / (now - start), 10_000 / (now - last)
            print(f"  ... {k + 1000} stored, {rate:.0f}/s, last 10,000 {recent:.0f}/s", flush=True)
            last = now
    return time.perf_counter() - start


def query_ms(index: Index, texts: list[str]) -> float:
    """Median milliseconds of one query."""
    times = []
    for text in texts:
        start = time.perf_counter()
        index.query(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def run_size(args: argparse.Namespace, folder: Path, n: int) -> None:
    """Build an index of ``n`` articles and time the batch into it and into an empty one."""
    stored = corpus(n, args.seed)
    batch = new_batch(args, stored[:1000])
    where, name = location(args, folder, f"n{n}")
    with Index.open(where, Params(), name=name) as index:
        took = build(index, stored)
    e_where, e_name = location(args, folder, f"empty{n}")
    start = time.perf_counter()
    with Index.open(where, Params(), name=name) as big, Index.open(e_where, name=e_name) as empty:
        opened = time.perf_counter() - start
        empty.add_many(corpus(50, args.seed + 2000))  # warm-up: imports, permutations
        empty.remove([i for i, _ in corpus(50, args.seed + 2000)])
        if args.quotes:  # what the batch quotes: then "empty" holds these 1,000
            empty.add_many(stored[:1000])
        line = paired(big, empty, batch, args.repeats)
        q = query_ms(big, [t for _, t in stored[:: max(1, n // 200)]])
    size = Path(where).stat().st_size / 2**20 if not args.redis else float("nan")
    print(
        f"N={n:>7}: build {took:6.1f} s ({n / took:4.0f}/s), open {opened * 1000:4.0f} ms, "
        f"query {q:4.1f} ms, file {size:4.0f} MB\n    {line}",
        flush=True,
    )
    drop(args, where, name)
    drop(args, e_where, e_name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[20_000, 50_000, 100_000])
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--redis", help="a redis:// URL: measure the Redis storage instead")
    ap.add_argument("--quotes", action="store_true", help="batch articles quote stored ones")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            run_size(args, Path(tmp), n)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the whole run: {peak:.0f} MB")


if __name__ == "__main__":
    main()
