"""Tests of newsprov.candidates.shared_passages against the reference implementation.

``shared_passages`` is vectorised (numpy over all paragraphs, n-grams and
pairs at once). The reference below is the implementation it replaced (one
paragraph, one n-gram, one pair at a time, as of commit 4ad71e6), kept
verbatim in behaviour: the new code must give exactly the same links, field
for field, on any input.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Mapping, Sequence
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from attrs import frozen
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprov import load
from newsprov.candidates import PassageLink, shared_passages
from newsprov.candidates.passages import _in_sorted
from newsprov.clean import clean_article
from newsprov.fingerprint import Vocabulary, ngram_hashes
from newsprov.fingerprint.arrays import I64, U64
from newsprov.model import Params, Registry

ROOT = Path(__file__).resolve().parents[1]


# --- the reference: the paragraph-at-a-time implementation ----------------------


@frozen
class _Para:
    article: int
    index: int
    tokens: I64
    grams: U64


def reference(
    paragraphs: Mapping[str, Sequence[str]], outlets: Mapping[str, str | None], params: Params
) -> list[PassageLink]:
    """The links as the former ``shared_passages`` found them."""
    ids = sorted(paragraphs)
    n = params.passage_words
    vocab = Vocabulary()
    paras = []
    for ai, id_ in enumerate(ids):
        for pi, text in enumerate(paragraphs[id_]):
            tokens = vocab.encode(text)
            if len(tokens) >= n:
                paras.append(_Para(ai, pi, tokens, ngram_hashes(vocab.hashes[tokens], n)))
    g, own, art = _ref_postings(paras)
    okeys = [f"o:{o}" if (o := outlets.get(i)) is not None else f"a:{i}" for i in ids]
    linked: set[tuple[int, int]] = set()
    kept: list[int] = []
    for start, end in _ref_linking_groups(g, art, params.passage_max_articles):
        pairs = _ref_pairs_for(art[start:end].tolist(), own[start:end].tolist(), okeys, params)
        if pairs:
            linked.update(pairs)
            kept.append(start)
    kept_grams = np.sort(g[kept]) if kept else np.zeros(0, dtype=np.uint64)
    links = [_ref_link(paras[x], paras[y], kept_grams, vocab, ids, n) for x, y in linked]
    return sorted((lk for lk in links if lk is not None), key=lambda lk: (lk.a, lk.pa, lk.b, lk.pb))


def _ref_postings(paras: list[_Para]) -> tuple[U64, I64, I64]:
    grams, owner = [], []
    for k, p in enumerate(paras):
        uniq = np.unique(p.grams)
        grams.append(uniq)
        owner.append(np.full(len(uniq), k, dtype=np.int64))
    if not grams:
        empty = np.zeros(0, dtype=np.int64)
        return np.zeros(0, dtype=np.uint64), empty, empty
    g, o = np.concatenate(grams), np.concatenate(owner)
    art = np.array([p.article for p in paras], dtype=np.int64)[o]
    order = np.lexsort((art, g))
    return g[order], o[order], art[order]


def _ref_linking_groups(g: U64, art: I64, cap: int) -> list[tuple[int, int]]:
    if not len(g):
        return []
    starts = np.flatnonzero(np.concatenate(([True], g[1:] != g[:-1])))
    ends = np.append(starts[1:], len(g))
    new_art = np.concatenate(([1], (art[1:] != art[:-1]) | (g[1:] != g[:-1])))
    distinct = np.add.reduceat(new_art.astype(np.int64), starts)
    keep = (distinct >= 2) & (distinct <= cap)
    return list(zip(starts[keep].tolist(), ends[keep].tolist(), strict=True))


def _ref_pairs_for(
    arts: list[int], owners: list[int], okeys: list[str], params: Params
) -> list[tuple[int, int]]:
    per_outlet: dict[str, set[int]] = {}
    for a in arts:
        per_outlet.setdefault(okeys[a], set()).add(a)
    if len(per_outlet) < 2 or any(
        len(s) >= params.outlet_boilerplate_min for s in per_outlet.values()
    ):
        return []
    return [
        (min(x, y), max(x, y))
        for (x, ax), (y, ay) in combinations(zip(owners, arts, strict=True), 2)
        if okeys[ax] != okeys[ay]
    ]


def _ref_link(
    p: _Para, q: _Para, kept: U64, vocab: Vocabulary, ids: list[str], n: int
) -> PassageLink | None:
    if ids[q.article] < ids[p.article]:
        p, q = q, p
    short = p if len(p.tokens) <= len(q.tokens) else q
    other = q if short is p else p
    mask = np.isin(short.grams, other.grams) & _in_sorted(short.grams, kept)
    if not mask.any():
        return None
    covered = np.convolve(mask.astype(np.int64), np.ones(n, dtype=np.int64))[: len(short.tokens)]
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    best = int(np.argmax(edges[1::2] - edges[::2]))
    start, run = int(edges[::2][best]), int(edges[1::2][best] - edges[::2][best])
    text = " ".join(vocab.tokens[t] for t in short.tokens[start : start + run + n - 1].tolist())
    return PassageLink(
        a=ids[p.article],
        pa=p.index,
        b=ids[q.article],
        pb=q.index,
        words=run + n - 1,
        score=float(np.count_nonzero(covered)) / len(short.tokens),
        text=text,
    )


# --- sameness -------------------------------------------------------------------

# Few words, so that word runs repeat by chance inside and across paragraphs too.
# Non-ASCII words too, so the regular-expression tokeniser (and one token per CJK
# character) is exercised beside the numpy one.
WORDS = ["kim", "said", "the", "army", "U.S.", "Korea’s", "14,000", "troops", "of", "and"]
WORDS += ["déjà", "北朝鮮は", "軍を送った"]
# Runs reused across articles: wire copy, a quotation, a footer.
RUNS = [
    "the highest strategic level of the firm militant friendship",
    "SEOUL (Reuters) - North Korea said on Monday it had sent troops",
    "follow us on every platform for the latest news",
    "one two three four five six seven eight nine ten eleven",
]


@st.composite
def _paragraph(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(RUNS),
                st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join),
            ),
            max_size=4,
        )
    )
    return " ".join(parts)


@st.composite
def _corpus(draw: st.DrawFn) -> tuple[dict[str, list[str]], dict[str, str | None]]:
    ids = draw(st.lists(st.text("abcxyz", min_size=1, max_size=3), max_size=9, unique=True))
    paragraphs = {i: draw(st.lists(_paragraph(), max_size=5)) for i in ids}
    outlets = {i: draw(st.sampled_from([None, "A", "B", "C"])) for i in ids if draw(st.booleans())}
    return paragraphs, outlets


PARAMS = st.builds(
    Params,
    passage_words=st.integers(4, 9),
    passage_max_articles=st.integers(2, 7),
    outlet_boilerplate_min=st.integers(2, 4),
)


@settings(max_examples=300, deadline=None)
@given(_corpus(), PARAMS)
def test_same_links_as_the_reference(
    corpus: tuple[dict[str, list[str]], dict[str, str | None]], params: Params
) -> None:
    """Random paragraph sets (shared runs, outlets, short and empty paragraphs): same links."""
    paragraphs, outlets = corpus
    assert shared_passages(paragraphs, outlets, params) == reference(paragraphs, outlets, params)


@pytest.mark.parametrize(
    "event", ["seeds", "tests/data/provenance/event2", "tests/data/provenance/event3"]
)
def test_same_links_on_the_annotated_events(event: str) -> None:
    """The seeds and the annotated event sets, cleaned: same links (and some links)."""
    cleaned = {a.id: clean_article(a, registry=Registry.default()) for a in load(ROOT / event)}
    paragraphs = {i: list(c.paragraphs) for i, c in cleaned.items()}
    outlets = {i: c.outlet for i, c in cleaned.items()}
    want = reference(paragraphs, outlets, Params())
    assert want
    assert shared_passages(paragraphs, outlets, Params()) == want
    assert shared_passages(paragraphs, {}, Params()) == reference(paragraphs, {}, Params())


def test_same_links_on_a_reprint_corpus() -> None:
    """150 articles of the benchmark's reprint corpus, with and without outlets: same links."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from passages_speed import outlets_of, reprint_corpus

    paragraphs = reprint_corpus(150, seed=3)
    for outlets in ({}, outlets_of(paragraphs)):
        want = reference(paragraphs, outlets, Params())
        assert len(want) > 100
        assert shared_passages(paragraphs, outlets, Params()) == want


def test_repeated_runs_inside_one_paragraph() -> None:
    """A run repeated inside a paragraph and across many paragraphs of one article: same links."""
    rng = random.Random(5)
    run = RUNS[0]
    paragraphs = {
        f"n{i}": [f"{run} {run} x{i}", f"{rng.choice(WORDS)} {run}", run, "", "short"]
        for i in range(4)
    }
    outlets: dict[str, str | None] = {"n0": "A", "n1": "A", "n2": None}
    for params in (Params(), Params(passage_max_articles=3), Params(outlet_boilerplate_min=2)):
        want = reference(paragraphs, outlets, params)
        assert shared_passages(paragraphs, outlets, params) == want
    assert reference(paragraphs, outlets, Params())


def test_distinct_rows_survive_hash_collisions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows are told apart by a hash, but a collision never loses a distinct row."""
    from newsprov.candidates import _passage_groups

    rows = np.array([[0, 1, 2], [0, 1, 3], [0, 1, 2], [4, 5, 6], [0, 1, 3]])
    kept = _passage_groups._distinct_rows(rows)
    assert sorted(map(tuple, kept.tolist())) == [(0, 1, 2), (0, 1, 3), (4, 5, 6)]
    monkeypatch.setattr(_passage_groups, "fmix64", lambda h: h * np.uint64(0))  # all collide
    kept = _passage_groups._distinct_rows(rows)
    assert {tuple(r) for r in kept.tolist()} == {(0, 1, 2), (0, 1, 3), (4, 5, 6)}


def test_same_links_when_the_work_is_sliced_finely(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tiny tokenising batches, scoring slices and group slices change nothing."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from passages_speed import outlets_of, reprint_corpus

    from newsprov.candidates import _passage_groups, passages

    paragraphs = reprint_corpus(40, seed=4)
    paragraphs["q1"] = [f"{RUNS[0]} {RUNS[0]}", "", RUNS[3]]
    paragraphs["q2"] = [f"x {RUNS[0]} y {RUNS[3]}"]
    outlets = outlets_of(paragraphs)
    want = reference(paragraphs, outlets, Params())
    monkeypatch.setattr(passages, "_BATCH_CHARS", 200)
    monkeypatch.setattr(passages, "_SCORE_CELLS", 7)
    monkeypatch.setattr(_passage_groups, "_CELLS", 5)
    assert len(want) > 20
    assert shared_passages(paragraphs, outlets, Params()) == want
