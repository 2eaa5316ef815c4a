"""Score newsprov's origins and matches on the hand-annotated seeds.

Usage:
    .venv/bin/python benchmarks/provenance_seeds.py [--set seeds|event2|event3] [-v]

``--set event2`` scores the second check (tests/data/provenance/event2/, a
different event and style, annotated the same way), ``--set event3`` the
held-out one (never used for tuning); ``-v`` lists the missed
pairs and the links beyond the annotation.

The annotation (tests/data/provenance/seeds.json) was written from reading the
five seeds before any tuning: acceptable top-1 origins per content paragraph
and the cross-article paragraph pairs that share wire copy or a quotation.
Prints top-1 origin accuracy, shared-pair recall, and the extra links found
beyond the annotation. The test suite pins floors on the same figures.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from attrs import frozen

import newsprov
from newsprov import ArticleResult, Paragraph, Result

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "provenance"
ANNOTATION = DATA / "seeds.json"
SETS = {
    "seeds": (ROOT / "seeds", ANNOTATION),
    "event2": (DATA / "event2", DATA / "event2.json"),
    "event3": (DATA / "event3", DATA / "event3.json"),
}
"""Each scored set: its article directory and its annotation."""


@frozen
class Scores:
    """Figures of one scoring run."""

    origins_right: int
    origins_total: int
    pairs_linked: int
    pairs_total: int
    extra_links: int
    missing_paragraphs: tuple[str, ...]
    wrong: tuple[str, ...]
    missed_pairs: tuple[str, ...] = ()
    extras: tuple[str, ...] = ()

    @property
    def origin_accuracy(self) -> float:
        """Share of annotated paragraphs whose top-1 origin is acceptable."""
        return self.origins_right / self.origins_total

    @property
    def pair_recall(self) -> float:
        """Share of annotated shared pairs that newsprov matched."""
        return self.pairs_linked / self.pairs_total


def _norm(name: str | None) -> str:
    text = (name or "").lower().replace("’", "'").strip()
    return text.removeprefix("the ").strip()


def _find(art: ArticleResult, prefix: str) -> Paragraph | None:
    return next((p for p in art.paragraphs if p.text.startswith(prefix)), None)


def _acceptable(
    p: Paragraph, art: ArticleResult, accepted: list[str], aliases: dict[str, Any]
) -> bool:
    origin = p.origin
    if origin is None:
        return False
    names = {_norm(n) for a in accepted for n in [a, *aliases.get(_norm(a), [])]}
    own = origin.kind in ("outlet", "original") and origin.source in (None, art.outlet)
    return ("own" in names and own) or (not own and _norm(origin.source) in names)


def score(result: Result, annotation: dict[str, Any]) -> Scores:
    """Score ``result`` (a run on the seeds) against the annotation."""
    arts = {a.id[:3]: a for a in result.articles}
    right, total, missing, wrong = 0, 0, [], []
    for seed, paras in annotation["origins"].items():
        for prefix, accepted in paras.items():
            total += 1
            p = _find(arts[seed], prefix)
            if p is None:
                missing.append(f"{seed}: {prefix}")
            elif _acceptable(p, arts[seed], accepted, annotation["aliases"]):
                right += 1
            else:
                label = f"{p.origin.kind} {p.origin.source}" if p.origin else "none"
                wrong.append(f"{seed}[{p.index}] {prefix[:40]!r}: got {label}, want {accepted}")
    linked, wanted, missed = 0, set(), []
    for sa, pa, sb, pb in annotation["shared"]:
        a, b = _find(arts[sa], pa), _find(arts[sb], pb)
        if a is None or b is None:
            continue
        wanted.add(frozenset({(sa, a.index), (sb, b.index)}))
        hit = any(m.article == arts[sb].id and m.paragraph == b.index for m in a.matches)
        linked += hit
        if not hit:
            missed.append(f"{sa}[{a.index}] {pa[:30]!r} ~ {sb}[{b.index}] {pb[:30]!r}")
    found = {
        frozenset({(art.id[:3], p.index), (m.article[:3], m.paragraph)}): (m.kind, m.score)
        for art in result.articles
        for p in art.paragraphs
        for m in p.matches
    }
    extras = sorted(
        f"{'~'.join(f'{s}[{i}]' for s, i in sorted(pair))} {kind} {sc:.2f}"
        for pair, (kind, sc) in found.items()
        if pair not in wanted
    )
    return Scores(
        right,
        total,
        linked,
        len(annotation["shared"]),
        len(extras),
        tuple(missing),
        tuple(wrong),
        tuple(missed),
        tuple(extras),
    )


def run(name: str) -> Scores:
    """Run the pipeline on the named set ("seeds", "event2" or "event3") and score it."""
    directory, annotation_path = SETS[name]
    annotation = json.loads(annotation_path.read_text(encoding="utf-8"))
    return score(newsprov.cluster(newsprov.load(directory)), annotation)


def main() -> int:
    """Run the pipeline on the chosen set and print the figures."""
    name = sys.argv[sys.argv.index("--set") + 1] if "--set" in sys.argv else "seeds"
    s = run(name)
    print(f"top-1 origin acceptable: {s.origins_right}/{s.origins_total} = {s.origin_accuracy:.1%}")
    print(f"shared pairs linked:     {s.pairs_linked}/{s.pairs_total} = {s.pair_recall:.1%}")
    print(f"links beyond the annotation: {s.extra_links}")
    for line in (*s.missing_paragraphs, *s.wrong):
        print("  " + line)
    if "-v" in sys.argv:
        print("shared pairs missed:")
        for line in s.missed_pairs:
            print("  " + line)
        print("links beyond the annotation:")
        for line in s.extras:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
