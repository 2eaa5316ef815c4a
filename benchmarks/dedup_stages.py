"""Where ``newsprov run --dedup-only`` spends its time: each pipeline stage timed.

Runs the stages of ``newsprov.cluster(..., Params(provenance=False,
passages=False))`` one by one on a JSON Lines file (for example one written by
``dedup_cli.py``), as the command line does (inputs read first, then handed
over), and prints each stage's wall and CPU seconds and the process's peak RSS
after it. Uses the pipeline's private stage list, so it follows the pipeline.

Usage: ``.venv/bin/python benchmarks/dedup_stages.py FILE.jsonl``
"""

from __future__ import annotations

import argparse
import gc
import resource
import time

T0 = time.perf_counter()
C0 = time.process_time()

from attrs import evolve  # noqa: E402

from newsprov import pipeline  # noqa: E402
from newsprov.inputs import iter_load  # noqa: E402
from newsprov.model import Params, Registry  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    args = ap.parse_args()
    clock = [T0, C0]

    def lap(name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"| {name} | {wall - clock[0]:.2f} | {cpu - clock[1]:.2f} | {rss:,.0f} |")
        clock[:] = [wall, cpu]

    print("| stage | wall s | CPU s | peak RSS MB after |\n|---|---|---|---|")
    lap("imports")
    gc.disable()  # as cluster() does
    params = Params(provenance=False, passages=False)
    loaded = list(iter_load(args.path, keep_going=True))
    lap("read")
    state = pipeline._State(params, Registry.default())
    state = evolve(state, **pipeline._coerce(loaded, params))
    del loaded
    lap("coerce")
    for stage in pipeline._stages(params):
        state = stage(state)
        lap(stage.__name__.lstrip("_"))
    result = pipeline._result(state)
    lap(f"result ({len(result.duplicate_groups):,} groups)")


if __name__ == "__main__":
    main()
