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

``--text real`` makes the corpus of real news prose instead. The pool: the
lines of the ScrapingHub ground-truth article bodies with 8 words or more, at
most 600 characters and at least 95% ASCII characters (2,463 lines, English
mostly, with their curly quotes, accents, dashes, numbers and names). Each
story draws lines from the pool until it has 2,600 characters or more, then
rewords them with a mapping of its own: each word outside the pool's 300
commonest is replaced, everywhere in the story, by a word drawn from the
pool's vocabulary by frequency, keeping its capitals and punctuation. So
sentences keep their real shape (what the cleaner and the tokeniser read)
while two stories share no more text than two real articles do (the lines
are each in about 300 stories at 100,000: reused as they are, every article
would share a paragraph with hundreds of others, a crawl of nothing but one
site's boilerplate). The families are those of the synthetic corpus: the
original, two reprints with 2% of words replaced by other words of the
article, a 60% truncation at a paragraph boundary, one unrelated article.

Usage: ``.venv/bin/python benchmarks/dedup_cli.py [--sizes 10000 30000 100000]
[--baseline-sizes 100000] [--text synthetic|real] [--dir /tmp/newsprov-cli-bench]``
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from collections import Counter
from itertools import accumulate
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


GROUND_TRUTH = Path(__file__).resolve().parents[2] / "shared/bench/scrapinghub/ground-truth.json"


# Paragraphs longer than this (a few pages print a whole article as one line)
# would make two stories drawing the same one near-duplicates of each other.
_MAX_PARAGRAPH = 600
_MIN_ASCII = 0.95
# Words kept as they are when a story is reworded: the pool's commonest (the,
# of, said...), which real articles share too.
_KEPT_WORDS = 300
_WORD = re.compile(r"[^\W\d_]+")


def real_corpus(n: int, seed: int) -> list[tuple[str, str]]:
    """N (id, text) articles of reworded real paragraphs, in the families of ``corpus``."""
    bodies = json.loads(GROUND_TRUTH.read_text(encoding="utf-8")).values()
    pool = [
        line
        for body in bodies
        for line in map(str.strip, (body.get("articleBody") or "").split("\n"))
        if len(line.split()) >= 8
        and len(line) <= _MAX_PARAGRAPH
        and sum(c.isascii() for c in line) >= _MIN_ASCII * len(line)
    ]
    counts = Counter(w.lower() for p in pool for w in _WORD.findall(p))
    vocab = [w for w, _ in counts.most_common()]
    kept = set(vocab[:_KEPT_WORDS])
    drawn = vocab[_KEPT_WORDS:]
    cum = list(accumulate(counts[w] for w in drawn))
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    story = 0
    while len(out) < n:
        base, other = (_story(pool, kept, drawn, cum, rng) for _ in range(2))
        variants = [base, _edited(base, rng), _edited(base, rng)]
        variants += [base[: max(1, len(base) * 6 // 10)], other]
        out += [(f"r{story:06d}-{k}", "\n\n".join(v)) for k, v in enumerate(variants)]
        story += 1
    return out[:n]


def _story(
    pool: list[str], kept: set[str], drawn: list[str], cum: list[int], rng: random.Random
) -> list[str]:
    """Lines of the pool, reworded: each word not ``kept`` mapped to one of ``drawn``."""
    paras: list[str] = []
    while sum(len(p) for p in paras) < 2_600:
        paras.append(rng.choice(pool))
    own = sorted({w.lower() for p in paras for w in _WORD.findall(p)} - kept)
    mapping = dict(zip(own, rng.choices(drawn, cum_weights=cum, k=len(own)), strict=True))

    def swap(m: re.Match[str]) -> str:
        word = m.group()
        new = mapping.get(word.lower(), word.lower())
        if word.isupper() and len(word) > 1:
            return new.upper()
        return new.capitalize() if word[0].isupper() else new

    return [_WORD.sub(swap, p) for p in paras]


def _edited(paras: list[str], rng: random.Random) -> list[str]:
    """2% of the words replaced by other words of the same article."""
    words = [w for p in paras for w in p.split()]
    return [
        " ".join(rng.choice(words) if rng.random() < 0.02 else w for w in p.split()) for p in paras
    ]


def write_real_corpus(n: int, seed: int, path: Path) -> None:
    """The real-prose corpus as JSON Lines."""
    with path.open("w", encoding="utf-8") as out:
        for id_, text in real_corpus(n, seed):
            out.write(json.dumps({"id": id_, "text": text}) + "\n")


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
    ap.add_argument("--text", choices=("synthetic", "real"), default="synthetic")
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
        prefix = "corpus" if args.text == "synthetic" else "real"
        src, out = args.dir / f"{prefix}-{n}.jsonl", args.dir / f"out-{prefix}-{n}.jsonl"
        if not src.exists():
            (write_corpus if args.text == "synthetic" else write_real_corpus)(n, args.seed, src)
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
