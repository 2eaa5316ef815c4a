"""``newsprov run --dedup-only`` end to end on a JSONL file, beside the datasketch default.

Writes the synthetic reprint corpus of ``dedup_speed.py`` as JSON Lines (one
``{"id", "text"}`` per line, the text in 60-word paragraphs, about 3 KB per
article), then times, each in its own process, one after the other:

* ``newsprov --groups``: ``newsprov run FILE --dedup-only --quiet --groups OUT``
  (read, clean, outlet boilerplate, fingerprint, duplicate groups, write the
  groups, clusters and rejections as JSON Lines): the like-for-like row;
* ``newsprov --jsonl``: the same with ``--jsonl OUT`` (every article's cleaned
  object written too, about 350 MB at 100,000);
* ``datasketch``: the same file read line by line (``json.loads``), the
  datasketch default of ``dedup_speed.py`` (Python word 3-grams, SHA-1
  ``MinHash.update_batch``, ``MinHashLSH`` at 0.3, a query per article,
  union-find), the groups written as JSON Lines.

Wall time of the whole process (imports included) and its peak RSS.

Usage: ``.venv/bin/python benchmarks/dedup_cli.py [--sizes 10000 30000 100000]
[--baseline-sizes 100000] [--dir /tmp/newsprov-cli-bench]``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dedup_speed import corpus


def write_corpus(n: int, seed: int, path: Path) -> None:
    """The corpus as JSON Lines, texts cut into 60-word paragraphs."""
    with path.open("w", encoding="utf-8") as out:
        for id_, text in corpus(n, seed):
            w = text.split()
            paras = [" ".join(w[i : i + 60]).capitalize() + "." for i in range(0, len(w), 60)]
            out.write(json.dumps({"id": id_, "text": "\n\n".join(paras)}) + "\n")


def datasketch_child(src: str, dst: str) -> None:
    """The datasketch default from a JSONL file to a JSONL file of groups."""
    from dedup_speed import datasketch_pipeline_groups

    with open(src, encoding="utf-8") as f:
        items = [(d["id"], d["text"]) for d in map(json.loads, f)]
    with open(dst, "w", encoding="utf-8") as out:
        for group in datasketch_pipeline_groups(items):
            out.write(json.dumps({"duplicate_group": list(group)}) + "\n")


def measure(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of ``cmd``, run in a fresh wrapper process."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True)\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(time.perf_counter() - t, rss)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, check=True
    )
    seconds, rss = proc.stdout.split()[-2:]
    return float(seconds), float(rss)


def groups_in(path: Path) -> int:
    with path.open(encoding="utf-8") as f:
        return sum(1 for line in f if line.startswith('{"duplicate_group"'))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 30_000, 100_000])
    ap.add_argument("--baseline-sizes", type=int, nargs="*", default=[100_000])
    ap.add_argument("--dir", type=Path, default=Path("/tmp/newsprov-cli-bench"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--datasketch-child", nargs=2, metavar=("SRC", "DST"))
    args = ap.parse_args()
    if args.datasketch_child:
        datasketch_child(*args.datasketch_child)
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    newsprov = str(Path(sys.executable).parent / "newsprov")
    print("| pipeline | articles | seconds | us/article | peak RSS MB | groups |")
    print("|---|---|---|---|---|---|")
    for n in sorted(set(args.sizes) | set(args.baseline_sizes)):
        src, out = args.dir / f"corpus-{n}.jsonl", args.dir / f"out-{n}.jsonl"
        if not src.exists():
            write_corpus(n, args.seed, src)
        runs = []
        if n in args.baseline_sizes:
            cmd = [sys.executable, __file__, "--datasketch-child", str(src), str(out)]
            runs.append(("datasketch default", cmd))
        if n in args.sizes:
            for output in ("--groups", "--jsonl"):
                cmd = [newsprov, "run", str(src), "--dedup-only", "--quiet", output, str(out)]
                runs.append((f"newsprov run --dedup-only {output}", cmd))
        for name, cmd in runs:
            seconds, rss = measure(cmd)
            print(
                f"| {name} | {n:,} | {seconds:.2f} | {seconds / n * 1e6:,.0f} | {rss:,.0f} "
                f"| {groups_in(out):,} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
