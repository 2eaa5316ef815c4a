"""Quality of newsprov's near-duplicate groups against two MinHash anchors.

The corpus (``benchmarks/_reprints.py``) is made from REAL article text: the
ScrapingHub ground-truth bodies and the five seeds, each with reprints through
realistic edits, plus hard cases (rewritten tops, a paragraph quoted in another
article, pages mixing own text with a wire story, teasers). The five seeds are
one event from five outlets: each is its own family.

Three settings run in ONE process on the same documents:

* newsprov: ``Params()`` through ``fingerprint_batch`` + ``duplicate_pairs`` +
  ``duplicate_groups`` (LSH candidates verified exactly);
* datasketch default: lower-cased whitespace words, word 5-grams, ``MinHash``
  with 128 permutations and SHA-1 (``update_batch``), ``MinHashLSH(threshold=0.5)``,
  union-find over every LSH candidate, no verification;
* text-dedup NEWS-COPY: text-dedup's tokenisation (lower case, split on
  non-alphanumerics), word 2-grams, 256 permutations, LSH at threshold 0.45,
  union-find over every candidate (SHA-1 MinHash via datasketch).

Scores: adjusted Rand index (from the contingency table) and pairwise
precision / recall / F1 over same-group pairs, per split, then per case type.
Families are split in two by a hash of the base article: "tune" (used to choose
Params defaults) and "test" (held out; the figures to quote).

Usage: ``.venv/bin/python benchmarks/dedup_quality.py [--seed S] [--limit N]
[--grid | --grid-edited]``
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from datasketch import MinHash, MinHashLSH

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _reprints import Doc, build

from newsprov.candidates import duplicate_pairs, is_duplicate, score
from newsprov.fingerprint import SketchSpec, fingerprint_batch
from newsprov.grouping import components, duplicate_groups
from newsprov.model import Params

Items = list[tuple[str, str]]
Labels = dict[str, int]
_NON_ALNUM = re.compile(r"[^a-z0-9_]+")


# --- the three settings --------------------------------------------------------


def newsprov_groups(items: Items, params: Params | None = None) -> Labels:
    """Group of each id under newsprov with ``params`` (default ``Params()``)."""
    params = params or Params()
    fps = fingerprint_batch(items, SketchSpec.from_params(params))
    return _labels(duplicate_groups([i for i, _ in items], duplicate_pairs(fps, params)))


def _minhash_groups(
    items: Items, tokens: Callable[[str], list[str]], n: int, num_perm: int, threshold: float
) -> Labels:
    sketches = []
    for _, text in items:
        toks = tokens(text)
        grams = {" ".join(toks[i : i + n]).encode("utf-8") for i in range(len(toks) - n + 1)}
        m = MinHash(num_perm=num_perm)
        m.update_batch(list(grams))
        sketches.append(m)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for (id_, _), m in zip(items, sketches, strict=True):
        lsh.insert(id_, m)
    edges = [(i, o) for (i, _), m in zip(items, sketches, strict=True) for o in lsh.query(m)]
    return _labels(components([i for i, _ in items], edges))


def datasketch_groups(items: Items) -> Labels:
    """The datasketch default anchor: word 5-grams, 128 perms, LSH 0.5, no verification."""
    return _minhash_groups(items, lambda t: t.lower().split(), 5, 128, 0.5)


def textdedup_groups(items: Items) -> Labels:
    """text-dedup's NEWS-COPY anchor: word 2-grams, 256 perms, LSH 0.45, no verification."""
    return _minhash_groups(
        items, lambda t: [w for w in _NON_ALNUM.split(t.lower()) if w], 2, 256, 0.45
    )


def _labels(groups: Iterable[Sequence[str]]) -> Labels:
    return {id_: g for g, members in enumerate(groups) for id_ in members}


# --- scores -----------------------------------------------------------------------


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def scores(truth: Sequence[object], pred: Sequence[object]) -> dict[str, float]:
    """ARI and pairwise precision, recall, F1 of ``pred`` against ``truth`` (same order).

    >>> s = scores(["a", "a", "b", "b"], [1, 1, 2, 3])
    >>> round(s["ari"], 3), s["precision"], s["recall"]
    (0.571, 1.0, 0.5)
    """
    cells = Counter(zip(truth, pred, strict=True))
    same = sum(_pairs(c) for c in cells.values())
    true_pairs = sum(_pairs(c) for c in Counter(truth).values())
    pred_pairs = sum(_pairs(c) for c in Counter(pred).values())
    total = _pairs(len(truth))
    expected = true_pairs * pred_pairs / total if total else 0.0
    top = (true_pairs + pred_pairs) / 2
    ari = 1.0 if top == expected else (same - expected) / (top - expected)
    p = same / pred_pairs if pred_pairs else 1.0
    r = same / true_pairs if true_pairs else 1.0
    return {"ari": ari, "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def split_scores(docs: Sequence[Doc], labels: Labels, split: str | None) -> dict[str, float]:
    """Scores over the documents of one split (``None`` = all)."""
    chosen = [d for d in docs if split is None or d.split == split]
    return scores([d.family for d in chosen], [labels[d.id] for d in chosen])


def _rate(docs: Sequence[Doc], labels: Labels, kind: str) -> tuple[int, int]:
    """(grouped with the base, count) for documents of ``kind``."""
    chosen = [d for d in docs if d.kind == kind]
    return sum(labels[d.id] == labels[d.source] for d in chosen), len(chosen)


def cases(docs: Sequence[Doc], labels: Labels, split: str | None = None) -> dict[str, str]:
    """Per-case rates on one split (``None`` = all), as printable strings."""
    docs = [d for d in docs if split is None or d.split == split]

    def frac(hit: int, n: int) -> str:
        return f"{hit}/{n} ({hit / n:.0%})" if n else "0/0"

    out = {k: frac(*_rate(docs, labels, k)) for k in ("reprint", "updated_top")}
    quoted = [d for d in docs if d.kind == "quoted"]
    out["quoted->own"] = frac(sum(labels[d.id] == labels[d.family] for d in quoted), len(quoted))
    out["quoted->X (bad)"] = frac(*_rate(docs, labels, "quoted"))
    out["mixed->wire"] = frac(*_rate(docs, labels, "mixed"))
    out["teaser->src (bad)"] = frac(*_rate(docs, labels, "teaser"))
    originals = [d for d in docs if d.kind == "original"]
    bad = sum(labels[a.id] == labels[b.id] for a, b in itertools.combinations(originals, 2))
    out["originals merged (bad)"] = frac(bad, _pairs(len(originals)))
    seeds = [d for d in originals if d.id.startswith("seed-")]
    bad = sum(labels[a.id] == labels[b.id] for a, b in itertools.combinations(seeds, 2))
    out["seed pairs merged (bad)"] = frac(bad, _pairs(len(seeds)))
    return out


# --- running ------------------------------------------------------------------------


def run_all(docs: Sequence[Doc], params: Params | None = None) -> dict[str, Labels]:
    """Labels of every setting on ``docs`` (one run, same data)."""
    items = [(d.id, d.text) for d in docs]
    return {
        "newsprov": newsprov_groups(items, params),
        "datasketch default": datasketch_groups(items),
        "text-dedup NEWS-COPY": textdedup_groups(items),
    }


def grid(docs: Sequence[Doc]) -> None:
    """Tune Params on the 'tune' split; print ARI/F1 of each setting (both splits)."""
    items = [(d.id, d.text) for d in docs]
    for k, lsh, jac, con in itertools.product((3, 4, 5), (0.2, 0.3), (0.4, 0.5), (0.6, 0.7, 0.8)):
        p = Params(
            shingle_size=k, lsh_threshold=lsh, duplicate_jaccard=jac, duplicate_containment=con
        )
        labels = newsprov_groups(items, p)
        tune, test = split_scores(docs, labels, "tune"), split_scores(docs, labels, "test")
        print(
            f"k={k} lsh={lsh} J={jac} C={con}: tune ARI {tune['ari']:.4f} F1 {tune['f1']:.4f}"
            f" | test ARI {test['ari']:.4f} F1 {test['f1']:.4f}"
        )


def grid_edited(docs: Sequence[Doc]) -> None:
    """Tune the edited-reprint rule (``duplicate_edited_jaccard`` / ``_share``, 1.0 =
    off) on 'tune', the other Params at their defaults; print ARI, and how many mixed
    pages join the wire story, per setting (both splits)."""
    items = [(d.id, d.text) for d in docs]
    for jac, share in itertools.product((1.0, 0.45, 0.42, 0.4), (0.7, 0.8, 0.85, 0.9)):
        p = Params(duplicate_edited_jaccard=jac, duplicate_edited_share=share)
        labels = newsprov_groups(items, p)
        tune, test = split_scores(docs, labels, "tune"), split_scores(docs, labels, "test")
        print(
            f"edited J={jac} share={share}: tune ARI {tune['ari']:.4f} F1 {tune['f1']:.4f}"
            f" | test ARI {test['ari']:.4f} F1 {test['f1']:.4f}"
            f" | mixed->wire {cases(docs, labels)['mixed->wire']}"
        )


def missed(docs: Sequence[Doc], labels: Labels, params: Params | None = None) -> Counter[str]:
    """Why newsprov's reprints and updated tops are not grouped with their base:
    ``lsh`` when the pair passes verification (LSH did not propose it, nor a chain
    through the family), ``verification`` when its shingles fail the rules."""
    params = params or Params()
    fps = fingerprint_batch([(d.id, d.text) for d in docs], SketchSpec.from_params(params))
    by_id = {fp.id: fp for fp in fps}
    why: Counter[str] = Counter()
    for d in docs:
        if d.kind in ("reprint", "updated_top") and labels[d.id] != labels[d.source]:
            a, b = by_id[d.id], by_id[d.source]
            ok = is_duplicate(score(a, b), min(len(a.shingles), len(b.shingles)), params)
            why["lsh" if ok else "verification"] += 1
    return why


def report(docs: Sequence[Doc], results: dict[str, Labels]) -> None:
    """Print the score table and the per-case table."""
    print(
        f"{len(docs)} documents: "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(d.kind for d in docs).items()))
    )
    print(f"\n{'setting':22} {'split':5} {'ARI':>7} {'prec':>7} {'recall':>7} {'F1':>7}")
    for name, labels in results.items():
        for split in ("test", "tune", None):
            s = split_scores(docs, labels, split)
            print(
                f"{name:22} {split or 'all':5} {s['ari']:7.4f} {s['precision']:7.4f}"
                f" {s['recall']:7.4f} {s['f1']:7.4f}"
            )
    print("\nper case (held-out 'test' split; 'with base' = grouped with the article it came from)")
    rows = {name: cases(docs, labels, "test") for name, labels in results.items()}
    print(f"{'case':24} " + " ".join(f"{n:>22}" for n in rows))
    for case in next(iter(rows.values())):
        print(f"{case:24} " + " ".join(f"{r[case]:>22}" for r in rows.values()))
    why = missed(docs, results["newsprov"])
    print(
        f"\nnewsprov, reprints and updated tops not with their base (both splits): "
        f"{why['verification']} fail verification, {why['lsh']} would pass it but were "
        "not proposed by LSH"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7, help="corpus RNG seed")
    ap.add_argument("--limit", type=int, default=None, help="bases per split (default all)")
    ap.add_argument("--grid", action="store_true", help="tune newsprov Params on 'tune'")
    ap.add_argument("--grid-edited", action="store_true", help="tune the edited-reprint rule")
    args = ap.parse_args()
    docs = build(args.seed, args.limit)
    if args.grid or args.grid_edited:
        (grid_edited if args.grid_edited else grid)(docs)
        return
    report(docs, run_all(docs))


if __name__ == "__main__":
    main()
