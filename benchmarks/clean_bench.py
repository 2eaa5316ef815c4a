"""Score the cleaner on the ScrapingHub article-extraction benchmark.

Usage (from the repository root)::

    .venv/bin/python benchmarks/clean_bench.py [--bench ../shared/bench/scrapinghub] [--limit N]
        [--repeat 5]

The metric mirrors the benchmark's own ``evaluate.py``: text is tokenised into
runs of word characters, each text becomes the multiset of its 4-token shingles,
a page's true/false positives and negatives are normalised to sum to one,
precision and recall are averaged over pages, and F1 is computed from those
averages. ``residue`` is the share of output lines whose words do not occur in
the ground truth (boilerplate that got through). Two extractors are compared:
plain trafilatura (``deduplicate=False``) and ``newsprov.clean``.

Scores are printed for all pages and for the two halves of the page ids (the
first round tuned on ids starting 0-7 and held 8-f out; the second round looked
at failures on both, so 8-f is no longer unseen), then per language of the
ground truth (script and stop-word guess) so a non-English page that loses its
text shows. Speed is the ratio of newsprov's time to trafilatura's own over the
same pages, timed ``--repeat`` times in alternation; the median ratio is
reported (the machine is shared and noisy), then the same ratio in CPU time
alternated page by page (steadier under load).

The scoring functions are imported by ``tests/test_clean_quality.py`` so the
quality gate and this report share one implementation.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = ROOT.parent / "shared" / "bench" / "scrapinghub"
SHINGLE = 4
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    """One benchmark page: its id, raw HTML bytes and ground-truth article body."""

    key: str
    html: bytes
    truth: str


@dataclass(frozen=True)
class Score:
    """Averaged scores of one extractor over a set of pages."""

    precision: float
    recall: float
    f1: float
    residue: float
    ms_per_page: float


def tokens(text: str) -> list[str]:
    """Word-character tokens, as the benchmark tokenises."""
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token shingles (a short text is one shorter shingle)."""
    toks = tokens(text)
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks)


def tp_fp_fn(truth: str, pred: str) -> tuple[float, float, float]:
    """Shingle true/false positives and false negatives of one page, summing to 1."""
    want, got = shingles(truth), shingles(pred)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def prf(counts: Iterable[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Mean precision, mean recall and the F1 of those means, as evaluate.py does."""
    rows = list(counts)
    precision = statistics.mean(
        1.0 if fp == fn == 0 else tp / (tp + fp) for tp, fp, fn in rows if tp + fp > 0
    )
    recall = statistics.mean(
        1.0 if fp == fn == 0 else tp / (tp + fn) for tp, fp, fn in rows if tp + fn > 0
    )
    return precision, recall, 2 * precision * recall / (precision + recall)


def residue_lines(truth: str, pred: str) -> tuple[int, int]:
    """(lines absent from the truth, output lines): a line is absent when its word
    sequence does not occur in the truth's word sequence (case-insensitive)."""
    haystack = " " + " ".join(tokens(truth.lower())) + " "
    lines = [line for line in pred.splitlines() if line.strip()]
    absent = sum(1 for line in lines if " " + " ".join(tokens(line.lower())) + " " not in haystack)
    return absent, len(lines)


_SCRIPTS = (
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
)
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "is", "that", "with", "for"},
    "pt": {"não", "que", "com", "uma", "para", "os", "do", "da", "em"},
    "es": {"que", "el", "los", "las", "del", "por", "una", "con", "y"},
    "fr": {"le", "les", "des", "est", "une", "et", "dans", "pour", "du"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "ein", "zu"},
    "it": {"il", "che", "di", "per", "non", "una", "della", "gli", "è"},
    "id": {"yang", "dan", "di", "dengan", "ini", "itu", "untuk", "dari"},
}


def language(text: str) -> str:
    """A rough language guess for grouping pages: script first, then stop words.

    >>> language("Der Hund ist nicht mit dem Ball"), language("주요뉴스 기사")
    ('de', 'ko')
    """
    sample = text[:3000]
    letters = sum(1 for ch in sample if ch.isalpha()) or 1
    for code, script in _SCRIPTS:
        if len(script.findall(sample)) > 0.2 * letters:
            return code
    words = Counter(w.lower() for w in tokens(sample))
    best = max(_STOPWORDS, key=lambda code: sum(words[w] for w in _STOPWORDS[code]))
    return best if sum(words[w] for w in _STOPWORDS[best]) else "other"


def load_pages(bench: Path = DEFAULT_BENCH, limit: int | None = None) -> list[Page]:
    """The benchmark pages in key order (the first ``limit`` when given)."""
    if not (bench / "ground-truth.json").is_file():
        raise FileNotFoundError(
            f"benchmark not found: expected {bench}/ground-truth.json and {bench}/html/*.html.gz"
        )
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    return [
        Page(
            k,
            gzip.decompress((bench / "html" / f"{k}.html.gz").read_bytes()),
            truth[k].get("articleBody") or "",
        )
        for k in keys
    ]


def trafilatura_text(html: bytes) -> str:
    """Plain trafilatura 2.x main text, deduplication and comments off (as newsprov runs it)."""
    import trafilatura

    return trafilatura.extract(html, deduplicate=False, include_comments=False) or ""


@functools.cache
def _registry() -> Any:
    """The source registry, built once per run as the pipeline builds it once."""
    from newsprov.model import Registry

    return Registry.default()


def newsprov_text(html: bytes) -> str:
    """newsprov's cleaned paragraphs, one per line (registry passed, as the pipeline does)."""
    from newsprov.clean import clean

    return "\n".join(clean(html, registry=_registry()).paragraphs)


def score(pages: list[Page], extract: Callable[[bytes], str]) -> Score:
    """Run ``extract`` on every page and score it."""
    counts, absent, total, elapsed = [], 0, 0, 0.0
    for page in pages:
        start = time.perf_counter()
        text = extract(page.html)
        elapsed += time.perf_counter() - start
        counts.append(tp_fp_fn(page.truth, text))
        a, t = residue_lines(page.truth, text)
        absent, total = absent + a, total + t
    p, r, f1 = prf(counts)
    return Score(p, r, f1, absent / max(total, 1), 1000 * elapsed / max(len(pages), 1))


EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    "trafilatura (dedup off)": trafilatura_text,
    "newsprov.clean": newsprov_text,
}
HELD_OUT = tuple("89abcdef")
"""First characters of the page ids held out in the cleaner's first tuning round
(looked at in the second round: no longer unseen pages)."""


def cpu_ratio(pages: list[Page], repeat: int) -> tuple[float, list[float]]:
    """Median over ``repeat`` runs of newsprov's CPU time / trafilatura's, the two
    alternated page by page: steadier than wall time on a shared machine, where
    other processes stretch whichever run they land on."""
    ratios = []
    for _ in range(repeat):
        spent = [0.0, 0.0]
        for page in pages:
            for k, fn in enumerate((trafilatura_text, newsprov_text)):
                start = time.process_time()
                fn(page.html)
                spent[k] += time.process_time() - start
        ratios.append(spent[1] / spent[0])
    return statistics.median(ratios), ratios


def time_ratio(pages: list[Page], repeat: int) -> tuple[float, list[float]]:
    """Median over ``repeat`` runs of newsprov's time / trafilatura's time on ``pages``."""
    ratios = []
    for _ in range(repeat):
        spent = []
        for fn in (trafilatura_text, newsprov_text):
            start = time.perf_counter()
            for page in pages:
                fn(page.html)
            spent.append(time.perf_counter() - start)
        ratios.append(spent[1] / spent[0])
    return statistics.median(ratios), ratios


def _row(name: str, s: Score) -> str:
    return (
        f"{name:<26}{s.precision:>10.4f}{s.recall:>8.4f}{s.f1:>8.4f}"
        f"{s.residue:>8.1%}{s.ms_per_page:>9.1f}"
    )


def _languages(pages: list[Page], texts: dict[str, list[str]]) -> None:
    by_lang: dict[str, list[int]] = {}
    for i, page in enumerate(pages):
        by_lang.setdefault(language(page.truth), []).append(i)
    print("\nper language (recall; pages whose recall is under half of trafilatura's):")
    print(f"{'lang':<6}{'pages':>6}{'trafilatura':>13}{'newsprov':>10}{'lost':>6}")
    for lang in sorted(by_lang, key=lambda k: (-len(by_lang[k]), k)):
        idx = by_lang[lang]
        recall = {}
        for name, out in texts.items():
            counts = [tp_fp_fn(pages[i].truth, out[i]) for i in idx]
            recall[name] = [tp / (tp + fn) if tp + fn else 1.0 for tp, fp, fn in counts]
        base, mine = recall["trafilatura (dedup off)"], recall["newsprov.clean"]
        lost = sum(1 for a, b in zip(base, mine, strict=True) if b < 0.5 * a)
        print(
            f"{lang:<6}{len(idx):>6}{statistics.mean(base):>13.4f}"
            f"{statistics.mean(mine):>10.4f}{lost:>6}"
        )


def main(argv: list[str] | None = None) -> int:
    """Print the comparison tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=5, help="timing repetitions")
    args = parser.parse_args(argv)
    pages = load_pages(args.bench, args.limit)
    newsprov_text(pages[0].html)  # warm imports and caches of both before timing
    trafilatura_text(pages[0].html)
    print(f"{len(pages)} pages from {args.bench}")
    texts = {name: [fn(p.html) for p in pages] for name, fn in EXTRACTORS.items()}
    splits = (
        ("all", pages),
        ("tuned on (0-7)", [p for p in pages if not p.key.startswith(HELD_OUT)]),
        ("ids 8-f (held out in round 1)", [p for p in pages if p.key.startswith(HELD_OUT)]),
    )
    for label, subset in splits:
        print(f"\n{label}: {len(subset)} pages")
        print(
            f"{'extractor':<26}{'precision':>10}{'recall':>8}{'F1':>8}{'residue':>9}{'ms/page':>9}"
        )
        for name, fn in EXTRACTORS.items():
            print(_row(name, score(subset, fn)))
    _languages(pages, texts)
    median, ratios = time_ratio(pages, args.repeat)
    runs = ", ".join(f"{r:.2f}" for r in ratios)
    print(f"\ntime newsprov.clean / trafilatura: median {median:.2f}x")
    print(f"over {args.repeat} runs ({runs})")
    cpu, cpu_runs = cpu_ratio(pages, max(1, args.repeat // 2))
    runs = ", ".join(f"{r:.2f}" for r in cpu_runs)
    print(f"CPU time, alternated page by page: median {cpu:.2f}x ({runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
