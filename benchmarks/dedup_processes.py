"""Would worker processes make ``newsprov run --dedup-only`` faster? Both ways, one run.

The command runs its text pipeline in one process: cleaning is pure Python
(one core), fingerprinting numpy on two threads. This script measures the
alternative on a JSON Lines file (for example one written by
``dedup_cli.py``): the same stages given a process pool as ``cluster(...,
executor=pool)`` is, which cleans *and* fingerprints each chunk of articles on
the workers, so that both cores run the Python stage; the outlet boilerplate,
the duplicate groups and the result stay in the parent.

Each way runs in a child process of its own, one after the other (``serial``:
the pipeline's stages, as ``dedup_stages.py``; ``pool``: the same with the
pool), and
prints its wall seconds from process start (imports included), the CPU
seconds of the parent and of the workers, the peak RSS of the parent and the
peak of the parent's and the workers' RSS summed (sampled every 0.2 s), and
the number of groups; then the ratio of the two walls.

Usage: ``.venv/bin/python benchmarks/dedup_processes.py FILE.jsonl
[--context spawn|fork] [--workers 2]``
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import gc  # noqa: E402
import multiprocessing  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402

from attrs import evolve  # noqa: E402

from newsprov import pipeline  # noqa: E402
from newsprov.inputs import iter_load  # noqa: E402
from newsprov.model import Params, Registry  # noqa: E402


def _rss_mb(pid: int | str) -> float:
    """Resident memory of a process now, from /proc (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            line = next(x for x in f if x.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0.0
    return int(line.split()[1]) / 1024


class _TreeRss(threading.Thread):
    """The largest sum of this process's and its workers' RSS, sampled every 0.2 s.

    (``RUSAGE_CHILDREN`` would not do: a spawned worker is forked before it
    executes Python, and its peak then counts this whole process's pages.)
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0
        self.pids: list[int] = []
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            total = _rss_mb("self") + sum(_rss_mb(pid) for pid in self.pids)
            self.peak = max(self.peak, total)


def _one_way(path: str, way: str, context: str, workers: int) -> None:
    gc.disable()  # as cluster() does
    params = Params(provenance=False, passages=False)
    loaded = list(iter_load(path, keep_going=True))
    state = pipeline._State(params, Registry.default())
    state = evolve(state, **pipeline._coerce(loaded, params))
    del loaded
    sampler = _TreeRss()
    sampler.start()
    if way == "serial":
        for stage in pipeline._stages(params):
            state = stage(state)
    else:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(context)) as pool:
            pool.submit(int).result()  # the workers are started
            sampler.pids = [p.pid for p in multiprocessing.active_children()]
            state = evolve(state, executor=pool)
            for stage in pipeline._stages(params):
                state = stage(state)
    groups = len(pipeline._result(state).duplicate_groups)
    sampler.done.set()
    me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(
        f"| {way} | {time.perf_counter() - T0:.2f} | {me.ru_utime + me.ru_stime:.2f} "
        f"| {kids.ru_utime + kids.ru_stime:.2f} | {me.ru_maxrss / 1024:,.0f} "
        f"| {max(sampler.peak, me.ru_maxrss / 1024):,.0f} | {groups:,} |",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--context", choices=("spawn", "fork"), default="spawn")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--way", choices=("serial", "pool"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.way:
        _one_way(args.path, args.way, args.context, args.workers)
        return
    print(
        "| way | wall s | parent CPU s | workers CPU s | parent peak RSS MB"
        " | summed peak RSS MB | groups |"
    )
    print("|---|---|---|---|---|---|---|")
    walls = {}
    for way in ("serial", "pool"):
        argv = [sys.executable, __file__, args.path, "--way", way]
        argv += ["--context", args.context, "--workers", str(args.workers)]
        start = time.perf_counter()
        subprocess.run(argv, check=True)
        walls[way] = time.perf_counter() - start
    print(f"\npool / serial wall: {walls['pool'] / walls['serial']:.2f}")


if __name__ == "__main__":
    main()
