"""Reprint families from real article text, for the near-duplicate quality benchmark.

Every transformation takes a ``random.Random`` so a corpus is reproducible from
its seed. Articles are lists of paragraphs (strings); a document is the
paragraphs joined by blank lines.

Kinds of documents (``Doc.kind``) and their labels (``Doc.family``):

* ``original``: a base article, its own family;
* ``reprint``: the base through a random mix of realistic edits (new headline,
  dateline, boilerplate lines, tail truncation, dropped and merged paragraphs,
  1-5% word edits, OCR-like noise in a minority): same family as the base;
* ``updated_top``: the base with its first 1-2 paragraphs rewritten (a wire
  story updated through the day): same family;
* ``quoted``: another base with one paragraph of this base inserted: the family
  of the article it was inserted into, never this one's;
* ``mixed``: half the page its own text (from a donor article that is not in
  the benchmark), half the first part of the base: its OWN family (a page that
  reuses a wire story is linked to it by shared passages, it is not a reprint);
* ``teaser``: the base's first two sentences only: its own family (a teaser
  points to an article, it does not reproduce it).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROUND_TRUTH = ROOT.parent / "shared/bench/scrapinghub/ground-truth.json"
SEEDS = ROOT / "seeds"

# Bases need enough text to be worth reprinting; shorter ground-truth bodies
# (captions, stubs) are used as donors only.
MIN_BASE_WORDS = 120

DATELINES = (
    "LONDON (Reuters) - ",
    "WASHINGTON (AP) — ",
    "PARIS (AFP) - ",
    "SEOUL, April 28 (Reuters) - ",
    "NEW YORK — ",
    "BERLIN (dpa) - ",
)
BOILERPLATE = (
    "Reporting by Hyonhee Shin; Editing by Michael Perry",
    "Our Standards: The Thomson Reuters Trust Principles.",
    "Copyright 2024 The Associated Press. All rights reserved. This material may not be "
    "published, broadcast, rewritten or redistributed.",
    "Sign up for our daily newsletter to get the latest news delivered to your inbox.",
    "Advertisement",
    "Follow us on Twitter and Facebook for more updates.",
    "Related: More stories from our world desk",
    "Share this article",
)
# OCR-like character confusions, each way round.
CONFUSIONS = (
    ("m", "rn"),
    ("rn", "m"),
    ("l", "1"),
    ("1", "l"),
    ("O", "0"),
    ("0", "O"),
    ("e", "c"),
    ("i", "l"),
    ("cl", "d"),
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


@dataclass(frozen=True)
class Doc:
    """One benchmark document: its text, true family, kind and the base it came from."""

    id: str
    text: str
    family: str
    kind: str
    source: str
    split: str


def paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs (blank-line separated, else line separated)."""
    parts = re.split(r"\n\s*\n", text) if "\n\n" in text else text.split("\n")
    return [p.strip() for p in parts if p.strip()]


def load_bases() -> tuple[list[tuple[str, list[str]]], list[list[str]]]:
    """(bases, donors): bases are (id, paragraphs), ground truth then seeds.

    Raises FileNotFoundError naming the path if the ScrapingHub data is missing.
    """
    if not GROUND_TRUTH.is_file():
        raise FileNotFoundError(f"ScrapingHub ground truth not found at {GROUND_TRUTH}")
    data = json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))
    bases, donors = [], []
    for key in sorted(data):
        paras = paragraphs(data[key]["articleBody"])
        words = sum(len(p.split()) for p in paras)
        if words >= MIN_BASE_WORDS and len(paras) >= 3 and not _is_donor(key):
            bases.append((f"sh-{key[:10]}", paras))
        else:
            donors.append(paras)
    for path in sorted(SEEDS.glob("*.txt")):
        bases.append((f"seed-{path.stem[:3]}", paragraphs(path.read_text(encoding="utf-8"))))
    return bases, donors


def _is_donor(key: str) -> bool:
    """About one ground-truth article in six is kept out of the families and used
    only as a page's own text (mixed pages, rewritten tops)."""
    return hashlib.blake2b(b"donor:" + key.encode(), digest_size=1).digest()[0] % 6 == 0


def split_of(base_id: str) -> str:
    """'tune' or 'test', from a hash of the base id (stable, about half each)."""
    return "tune" if hashlib.blake2b(base_id.encode(), digest_size=1).digest()[0] % 2 else "test"


# --- word-level edits ---------------------------------------------------------


def word_edits(paras: list[str], rate: float, rng: random.Random) -> list[str]:
    """Substitute, delete or insert words at ``rate`` (a share of all words)."""
    vocab = [w for p in paras for w in p.split()]
    out = []
    for p in paras:
        toks: list[str] = []
        for w in p.split():
            if rng.random() >= rate:
                toks.append(w)
                continue
            op = rng.randrange(3)
            if op == 0:
                toks.append(rng.choice(vocab))
            elif op == 2:
                toks.extend((w, rng.choice(vocab)))
        out.append(" ".join(toks))
    return [p for p in out if p]


def ocr_noise(paras: list[str], rate: float, rng: random.Random) -> list[str]:
    """Character confusions in ``rate`` of words, and some dropped spaces."""
    out = []
    for p in paras:
        toks = p.split()
        noisy: list[str] = []
        for w in toks:
            if rng.random() < rate:
                options = [(a, b) for a, b in CONFUSIONS if a in w]
                if options:
                    a, b = rng.choice(options)
                    w = w.replace(a, b, 1)
            if noisy and rng.random() < rate / 3:
                noisy[-1] += w  # a dropped space
            else:
                noisy.append(w)
        out.append(" ".join(noisy))
    return out


def headline(paras: list[str], rng: random.Random) -> str:
    """A new headline made of words of the lead (a rewritten title, not a copied one)."""
    words = [w.strip('.,;:"“”') for w in paras[0].split()]
    words = [w for w in words if w]
    k = min(len(words), rng.randrange(6, 11))
    pick = sorted(rng.sample(range(len(words)), k))
    return " ".join(words[i] for i in pick).title()


def reprint(paras: list[str], rng: random.Random) -> list[str]:
    """The base through a random mix of the edits reprints go through."""
    out = list(paras)
    if rng.random() < 0.4 and len(out) > 4:  # tail truncation, 50-90% kept
        out = out[: max(3, round(len(out) * rng.uniform(0.5, 0.9)))]
    if rng.random() < 0.4 and len(out) > 3:
        del out[rng.randrange(1, len(out))]
    if rng.random() < 0.4 and len(out) > 2:
        i = rng.randrange(len(out) - 1)
        out[i : i + 2] = [out[i] + " " + out[i + 1]]
    out = word_edits(out, rng.uniform(0.01, 0.05), rng)
    if rng.random() < 0.25:
        out = ocr_noise(out, rng.uniform(0.02, 0.06), rng)
    if rng.random() < 0.5:
        out[0] = rng.choice(DATELINES) + out[0]
    if rng.random() < 0.6:
        out.insert(0, headline(paras, rng))
    if rng.random() < 0.5:
        out.extend(rng.sample(BOILERPLATE, rng.randrange(1, 4)))
    return out


def updated_top(paras: list[str], donor: list[str], rng: random.Random) -> list[str]:
    """The base with its first 1-2 paragraphs rewritten: a new lead, sentences
    reordered, a third of the words replaced, then light edits throughout."""
    n = 1 if len(paras) < 5 else rng.randrange(1, 3)
    top = [s for p in paras[:n] for s in _SENTENCE.split(p)]
    rng.shuffle(top)
    rewritten = word_edits([" ".join(top)], 0.35, rng)
    lead = _SENTENCE.split(rng.choice(donor))[0]
    out = [lead, *rewritten, *paras[n:]]
    return word_edits(out, 0.01, rng)


def teaser(paras: list[str]) -> list[str]:
    """The first two sentences of the base."""
    sentences = [s for p in paras[:3] for s in _SENTENCE.split(p)]
    return [" ".join(sentences[:2])]


def mixed(paras: list[str], donor: list[str], rng: random.Random) -> list[str]:
    """Own text (the donor, up to half the base's length), then the base's first
    paragraphs (the wire story) up to as many words: half its own, half wire."""
    half = sum(len(p.split()) for p in paras) // 2
    own: list[str] = []
    for p in donor:
        if sum(len(q.split()) for q in own) >= half:
            break
        own.append(p)
    size = min(half, sum(len(q.split()) for q in own))
    wire = [paras[0]]
    for p in paras[1:-1]:
        if sum(len(q.split()) for q in wire) >= size:
            break
        wire.append(p)
    return word_edits(own, 0.01, rng) + wire


def quoted(into: list[str], source: list[str], rng: random.Random) -> list[str]:
    """``into`` with one paragraph of ``source`` (its longest of the first five) inserted."""
    para = max(source[:5], key=len)
    out = list(into)
    out.insert(rng.randrange(1, len(out)), para)
    return out


# --- the corpus -----------------------------------------------------------------


def build(seed: int = 7, limit: int | None = None) -> list[Doc]:
    """The benchmark documents, reproducible from ``seed``.

    ``limit`` keeps only the first bases of each split (a small, fast corpus).
    """
    rng = random.Random(seed)
    bases, donors = load_bases()
    by_split: dict[str, list[tuple[str, list[str]]]] = {"tune": [], "test": []}
    for b in bases:
        by_split[split_of(b[0])].append(b)
    docs: list[Doc] = []
    for split, group in sorted(by_split.items()):
        docs.extend(_family_docs(group[:limit] if limit else group, donors, split, rng))
    return docs


def _family_docs(
    bases: list[tuple[str, list[str]]], donors: list[list[str]], split: str, rng: random.Random
) -> list[Doc]:
    docs: list[Doc] = []
    join = "\n\n".join
    # Own text comes from donors only, never from an article with a family.
    long_donors = [d for d in donors if sum(len(p.split()) for p in d) >= 40] or donors
    for i, (bid, paras) in enumerate(bases):
        docs.append(Doc(bid, join(paras), bid, "original", bid, split))
        for k in range(rng.randrange(2, 5)):
            docs.append(Doc(f"{bid}-r{k}", join(reprint(paras, rng)), bid, "reprint", bid, split))
        if rng.random() < 0.4:
            text = join(updated_top(paras, rng.choice(long_donors), rng))
            docs.append(Doc(f"{bid}-top", text, bid, "updated_top", bid, split))
        if rng.random() < 0.4 and len(bases) > 1:
            other_id, other = bases[(i + 1 + rng.randrange(len(bases) - 1)) % len(bases)]
            text = join(quoted(other, paras, rng))
            docs.append(Doc(f"{other_id}-q{bid}", text, other_id, "quoted", bid, split))
        if rng.random() < 0.3:
            text = join(mixed(paras, rng.choice(long_donors), rng))
            docs.append(Doc(f"{bid}-mix", text, f"{bid}-mix", "mixed", bid, split))
        short = teaser(paras)
        # A teaser is a small part of a long article; two long sentences that
        # make up a third of a short article are not what the case is about.
        if rng.random() < 0.3 and 3 * len(short[0].split()) <= len(join(paras).split()):
            docs.append(Doc(f"{bid}-teaser", join(short), f"{bid}-teaser", "teaser", bid, split))
    return docs
