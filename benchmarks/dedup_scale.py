"""Dedup-only speed and peak memory at scale: newsprov, the datasketch default and rensa.

Each (pipeline, size) runs in its own subprocess on the synthetic reprint
families of ``dedup_speed.py`` (about 2.5 KB per article), so its peak RSS
(``resource.getrusage``) is its own. Time excludes making the corpus; peak RSS
includes it (the ``corpus`` row is the corpus alone). Pipelines:

* ``newsprov``: ``fingerprint_batch`` + ``duplicate_pairs`` + ``duplicate_groups``
  (the like-for-like comparison), with the time of each of the three steps;
* ``cluster``: ``newsprov.cluster(..., params=Params(provenance=False))`` from
  text (articles of 60-word paragraphs), with the time of each pipeline stage;
* ``datasketch``: the datasketch default of ``dedup_speed.py`` (Python word
  3-gram shingles, ``MinHash.update_batch`` SHA-1, ``MinHashLSH``, one query per
  article, union-find);
* ``rensa``: the same Python shingles fed to rensa (``RMinHash.from_token_sets``,
  ``RMinHashLSH`` with 32 bands: rensa needs bands dividing 128), ``query_all``,
  union-find;
* ``sketch``: sketching alone on newsprov's shingle hashes, newsprov's numpy
  ``signatures`` against rensa's ``digest_matrix_from_flat_token_hashes``.

rensa is not a dependency: ``.venv/bin/pip install rensa`` to run its rows.

Usage: ``.venv/bin/python benchmarks/dedup_scale.py [--sizes 10000 30000 100000]
[--baseline-sizes 10000 100000] [--cluster-sizes 200 400] [--bad]``

``--bad`` runs newsprov on bad input instead: 100,000 identical articles
(``identical`` row) and one article of about 20 MB (``huge`` row, N = MB).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dedup_speed import corpus, datasketch_pipeline

Items = list[tuple[str, str]]


def _newsprov(items: Items) -> dict[str, Any]:
    from newsprov.candidates import duplicate_pairs
    from newsprov.fingerprint import SketchSpec, fingerprint_batch
    from newsprov.grouping import duplicate_groups
    from newsprov.model import Params

    params = Params()
    t0 = time.perf_counter()
    fps = fingerprint_batch(items, SketchSpec.from_params(params), workers=params.workers)
    t1 = time.perf_counter()
    pairs = duplicate_pairs(fps, params, spanning=True)
    t2 = time.perf_counter()
    groups = duplicate_groups([i for i, _ in items], pairs)
    t3 = time.perf_counter()
    stages = {"fingerprint": t1 - t0, "candidates+verify": t2 - t1, "grouping": t3 - t2}
    return {"groups": len(groups), "pairs": len(pairs), "stages": stages}


def _cluster(items: Items) -> dict[str, Any]:
    import newsprov
    from newsprov import pipeline
    from newsprov.model import Params

    articles = []
    for id_, text in items:
        w = text.split()
        paras = [" ".join(w[i : i + 60]).capitalize() + "." for i in range(0, len(w), 60)]
        articles.append({"id": id_, "text": "\n\n".join(paras)})
    stages: dict[str, float] = {}
    names = ["_clean", "_outlet_boilerplate", "_fingerprint", "_duplicates", "_passages", "_result"]
    for name in names:
        setattr(pipeline, name, _timed_stage(getattr(pipeline, name), name.strip("_"), stages))
    result = newsprov.cluster(articles, params=Params(provenance=False, passages=False))
    stages["grouping+result"] = stages.pop("result")
    return {"groups": len(result.duplicate_groups), "stages": stages}


def _timed_stage(fn: Callable[..., Any], name: str, into: dict[str, float]) -> Callable[..., Any]:
    def run(*args: Any) -> Any:
        start = time.perf_counter()
        out = fn(*args)
        into[name] = into.get(name, 0.0) + time.perf_counter() - start
        return out

    return run


def _datasketch(items: Items) -> dict[str, Any]:
    from newsprov.model import Params

    return {"groups": datasketch_pipeline(items, Params())}


def _rensa(items: Items) -> dict[str, Any]:
    import rensa

    from newsprov.grouping import components

    shingling = sketching = 0.0
    sketches: list[Any] = []
    for start in range(0, len(items), 1000):  # chunks: shingle strings are large
        t0 = time.perf_counter()
        sets = []
        for _, text in items[start : start + 1000]:
            toks = text.lower().split()
            sets.append({" ".join(toks[i : i + 3]) for i in range(len(toks) - 2)})
        t1 = time.perf_counter()
        sketches += rensa.RMinHash.from_token_sets(sets, 128, 1)
        shingling, sketching = shingling + t1 - t0, sketching + time.perf_counter() - t1
    t1 = time.perf_counter()
    lsh = rensa.RMinHashLSH(0.3, 128, 32)
    lsh.insert_pairs(list(enumerate(sketches)))
    found = lsh.query_all(sketches)
    t2 = time.perf_counter()
    edges = [(items[i][0], items[j][0]) for i, c in enumerate(found) for j in c if j != i]
    groups = components([i for i, _ in items], edges)
    stages = {
        "shingles": shingling,
        "sketch": sketching,
        "lsh": t2 - t1,
        "grouping": time.perf_counter() - t2,
    }
    return {"groups": len(groups), "stages": stages}


def _sketch(items: Items) -> dict[str, Any]:
    import numpy as np
    import rensa

    from newsprov.fingerprint import SketchSpec, Vocabulary, _batch_shingles, signatures

    vocab = Vocabulary()
    seqs = [vocab.encode(text) for _, text in items]
    sets = []
    for start in range(0, len(seqs), 512):
        sets += _batch_shingles([vocab.hashes[s] for s in seqs[start : start + 512]], 3)
    spec = SketchSpec(num_perm=128, seed=1, shingle_size=3)
    t0 = time.perf_counter()
    for start in range(0, len(sets), 512):
        signatures(sets[start : start + 512], spec)
    t1 = time.perf_counter()
    flat = np.concatenate(sets).astype(np.uint64)
    offsets = np.concatenate(([0], np.cumsum([len(s) for s in sets]))).astype(np.uint64)
    t2 = time.perf_counter()
    rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, 128, 1)
    t3 = time.perf_counter()
    return {"groups": 0, "stages": {"newsprov signatures": t1 - t0, "rensa digest matrix": t3 - t2}}


PIPELINES: dict[str, Callable[[Items], dict[str, Any]]] = {
    "corpus": lambda items: {"groups": 0},
    "newsprov": _newsprov,
    "cluster": _cluster,
    "datasketch": _datasketch,
    "rensa": _rensa,
    "sketch": _sketch,
}


def bad_input(name: str, n: int, seed: int) -> Items:
    """``identical``: N copies of one article; ``huge``: one article of about N MB."""
    text = corpus(1, seed)[0][1]
    if name == "identical":
        return [(f"id{i:06d}", text) for i in range(n)]
    big = corpus(n * 1_000_000 // 2_500, seed)
    return [("huge", " ".join(t for _, t in big))]


def child(name: str, n: int, seed: int) -> None:
    """Run one pipeline on N articles and print one JSON line."""
    if name in ("identical", "huge"):
        items = bad_input(name, n, seed)
        name_run = "newsprov"
    else:
        items, name_run = corpus(n, seed), name
    start = time.perf_counter()
    out = PIPELINES[name_run](items)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pipeline": name, "n": n, "seconds": seconds, "peak_mb": peak_mb, **out}))


def run(name: str, n: int, seed: int) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", name, str(n), "--seed", str(seed)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        return {"pipeline": name, "n": n, "error": proc.stderr.strip().splitlines()[-1:]}
    row: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return row


def show(row: dict[str, Any]) -> None:
    if "error" in row:
        print(f"| {row['pipeline']} | {row['n']:,} | error: {row['error']} |", flush=True)
        return
    rate = row["n"] / row["seconds"] if row["seconds"] else 0.0
    stages = ", ".join(f"{k} {v:.2f}" for k, v in row.get("stages", {}).items())
    print(
        f"| {row['pipeline']} | {row['n']:,} | {row['seconds']:.2f} | {rate:,.0f} "
        f"| {row['seconds'] / row['n'] * 1e6:,.0f} | {row['peak_mb']:,.0f} | {row['groups']:,} "
        f"| {stages} |",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 30_000, 100_000])
    ap.add_argument("--baseline-sizes", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--cluster-sizes", type=int, nargs="*", default=[200, 400])
    ap.add_argument(
        "--bad", action="store_true", help="only 100,000 identical and one 20 MB article"
    )
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--child", nargs=2, metavar=("PIPELINE", "N"))
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.seed)
        return
    print(
        "| pipeline | articles | seconds | articles/s | us/article | peak MB | groups | stages, s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    if args.bad:
        show(run("identical", 100_000, args.seed))
        show(run("huge", 20, args.seed))
        return
    for n in sorted(set(args.sizes) | set(args.baseline_sizes)):
        names = ["corpus"] if n in args.sizes else []
        names += ["datasketch"] if n in args.baseline_sizes else []
        for name in (*names, "newsprov", "rensa"):
            show(run(name, n, args.seed))
    show(run("sketch", args.sizes[0], args.seed))
    for n in args.cluster_sizes:
        show(run("cluster", n, args.seed))


if __name__ == "__main__":
    main()
