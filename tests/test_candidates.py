"""Tests of newsprov.candidates: verified near-duplicate pairs (and shared passages)."""

from __future__ import annotations

import random
import time

import numpy as np
import pytest
from datasketch import MinHashLSH
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprov.candidates import (
    MIN_CONTAINMENT_SHINGLES,
    PairScore,
    duplicate_pairs,
    is_duplicate,
    lsh_plan,
    score,
    shared_passages,
)
from newsprov.candidates import duplicates as dup_module
from newsprov.candidates.duplicates import candidate_pairs
from newsprov.errors import IncompatibleSignatureError, InvalidArticleError
from newsprov.fingerprint import SketchSpec, fingerprint, fingerprint_batch
from newsprov.grouping import duplicate_groups
from newsprov.model import Params

PARAMS = Params()
SPEC = SketchSpec.from_params(PARAMS)


def _story(seed: int, n: int = 200) -> str:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(3000)]
    return " ".join(rng.choice(vocab) for _ in range(n))


def _edit(text: str, share: float, seed: int) -> str:
    """Replace about ``share`` of the words with new ones."""
    rng = random.Random(seed)
    return " ".join(f"x{rng.random():.6f}" if rng.random() < share else w for w in text.split())


def test_finds_reprints_and_truncations_but_not_unrelated() -> None:
    """A lightly edited reprint and a truncated copy pair with the original; others do not."""
    base = _story(1)
    fps = fingerprint_batch(
        [
            ("orig", base),
            ("edit", _edit(base, 0.03, 2)),
            ("trunc", " ".join(base.split()[:95])),
            ("other", _story(9)),
        ],
        SPEC,
    )
    pairs = {(p.a, p.b): p for p in duplicate_pairs(fps, PARAMS)}
    assert set(pairs) == {("edit", "orig"), ("orig", "trunc"), ("edit", "trunc")}
    trunc = pairs[("orig", "trunc")]
    assert trunc.contain_b == 1.0
    assert trunc.jaccard < PARAMS.duplicate_jaccard
    assert pairs[("edit", "orig")].jaccard > 0.8


def test_a_heavily_edited_whole_reprint_pairs_but_half_own_text_does_not() -> None:
    """A whole reprint with 12% of its words replaced keeps under half of its word
    3-grams (Jaccard 0.48, containment 0.65): it pairs with its source through the
    edited-reprint rule alone (off at 1.0, it would not); a page of as many words of
    its own beside half the story (Jaccard 0.33) does not."""
    base = _story(4)
    mixed = _story(11, 100) + " " + " ".join(base.split()[:100])
    items = [("orig", base), ("edit", _edit(base, 0.12, 5)), ("mixed", mixed)]
    fps = fingerprint_batch(items, SPEC)
    (pair,) = duplicate_pairs(fps, PARAMS)
    assert (pair.a, pair.b) == ("edit", "orig")
    assert 0.45 <= pair.jaccard < PARAMS.duplicate_jaccard
    assert max(pair.contain_a, pair.contain_b) < PARAMS.duplicate_containment
    assert duplicate_pairs(fps, Params(duplicate_edited_jaccard=1.0)) == []
    assert score(fps[0], fps[2]).jaccard < 0.35


def test_pair_scores_are_exact_and_ordered() -> None:
    """score() computes exact Jaccard and containments with a < b."""
    s = SketchSpec(num_perm=16, seed=1, shingle_size=1)
    got = score(fingerprint("z", "a b c d e f", s), fingerprint("m", "d e f g", s))
    assert got == PairScore("m", "z", 3 / 7, 3 / 4, 3 / 6)


def test_short_text_inside_a_long_one_is_not_a_reprint() -> None:
    """A stock sentence contained in a long article does not make the pair duplicates."""
    base = _story(3)
    short = " ".join(base.split()[50:60])  # 8 shingles, fully contained
    fps = fingerprint_batch([("long", base), ("short", short)], SPEC)
    assert len(fps[1].shingles) < MIN_CONTAINMENT_SHINGLES
    assert duplicate_pairs(fps, PARAMS) == []


def test_identical_short_texts_pair_but_empty_texts_never_do() -> None:
    """Two identical short briefs are duplicates; texts without shingles never pair."""
    fps = fingerprint_batch(
        [
            ("a", "Troops were sent to Kursk."),
            ("b", "Troops were sent to Kursk!"),
            ("c", ""),
            ("d", ""),
            ("e", "one"),
            ("f", "one"),
        ],
        SPEC,
    )
    assert [(p.a, p.b) for p in duplicate_pairs(fps, PARAMS)] == [("a", "b")]


def test_identical_articles_are_paired_as_a_star() -> None:
    """Many identical articles give one pair per article, not all pairs."""
    text = _story(5)
    items = [(f"id{i:05d}", text) for i in range(2000)]
    random.Random(0).shuffle(items)
    pairs = duplicate_pairs(fingerprint_batch(items, SPEC), PARAMS)
    assert len(pairs) == 1999
    assert {p.a for p in pairs} == {"id00000"}


def test_output_does_not_depend_on_input_order() -> None:
    """Shuffling the fingerprints gives the same sorted pairs."""
    base = _story(7)
    items = [(f"a{i}", _edit(base, 0.02, i)) for i in range(12)] + [
        (f"b{i}", _story(100 + i)) for i in range(12)
    ]
    fps = fingerprint_batch(items, SPEC)
    want = duplicate_pairs(fps, PARAMS)
    assert len(want) == 66
    for seed in range(3):
        shuffled = list(fps)
        random.Random(seed).shuffle(shuffled)
        assert duplicate_pairs(shuffled, PARAMS) == want


def test_mismatched_specs_and_duplicate_ids_are_refused() -> None:
    """Fingerprints made with other settings, or sharing an id, raise clear errors."""
    other = fingerprint("x", _story(1), SketchSpec(num_perm=128, seed=9, shingle_size=3))
    with pytest.raises(IncompatibleSignatureError, match=r"'x'.*'seed': 1 vs 9"):
        duplicate_pairs([other], PARAMS)
    fp = fingerprint("x", _story(1), SPEC)
    with pytest.raises(InvalidArticleError, match="'x' twice"):
        duplicate_pairs([fp, fp], PARAMS)


def test_lsh_plan_is_recorded_from_params() -> None:
    """The banding is derived from lsh_threshold and num_perm and fits the permutations."""
    plan = lsh_plan(Params(num_perm=128, lsh_threshold=0.3))
    assert (plan.bands, plan.rows) == (42, 3)
    assert plan.bands * plan.rows <= 128


def _families(stories: int, seed: int) -> list[tuple[str, str]]:
    """Reprint families (original, two edited copies, a truncation) and unrelated texts."""
    items = []
    for k in range(stories):
        base = _story(seed + k, 150 + 20 * (k % 5))
        words = base.split()
        items += [
            (f"f{k:02d}-o", base),
            (f"f{k:02d}-e1", _edit(base, 0.03, 10 * k + 1)),
            (f"f{k:02d}-e2", _edit(base, 0.06, 10 * k + 2)),
            (f"f{k:02d}-t", " ".join(words[: len(words) * 7 // 10])),
            (f"u{k:02d}", _story(1000 + seed + k)),
        ]
    return items


def test_pairs_equal_brute_force_verification_of_all_pairs() -> None:
    """On a small corpus, LSH + verification finds exactly what verifying all pairs finds."""
    fps = fingerprint_batch(_families(12, 40), SPEC)
    brute = set()
    for i, a in enumerate(fps):
        for b in fps[i + 1 :]:
            s = score(a, b)
            if is_duplicate(s, min(len(a.shingles), len(b.shingles)), PARAMS):
                brute.add(s)
    got = duplicate_pairs(fps, PARAMS)
    assert set(got) == brute
    assert len(got) >= 12 * 5  # nearly every pair within each family of four
    assert {(p.a[:3], p.b[:3]) for p in got} == {(f"f{k:02d}",) * 2 for k in range(12)}


@pytest.mark.parametrize("params", [Params(), Params(num_perm=64, lsh_threshold=0.5)])
def test_candidates_are_exactly_datasketch_lsh_query_results(params: Params) -> None:
    """candidate_pairs equals inserting every sketch in MinHashLSH and querying each one."""
    fps = fingerprint_batch(_families(10, 70), SketchSpec.from_params(params))
    plan = lsh_plan(params)
    lsh = MinHashLSH(num_perm=plan.num_perm, params=(plan.bands, plan.rows))
    with lsh.insertion_session() as session:
        for i, fp in enumerate(fps):
            session.insert(i, fp.sketch, check_duplication=False)
    want = sorted({(i, j) for i, fp in enumerate(fps) for j in lsh.query(fp.sketch) if j > i})
    got = candidate_pairs(fps, plan)
    assert got == want
    assert len(got) >= 10 * 4


def test_band_key_collisions_fall_back_to_an_exact_sort(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a mixer that collides on purpose (key = last column), candidates are unchanged."""
    fps = fingerprint_batch(_families(8, 30), SPEC)
    want = candidate_pairs(fps, lsh_plan(PARAMS))
    monkeypatch.setattr(dup_module, "_BAND_MIX", np.uint64(0))
    band = np.array([[1, 7], [2, 7], [1, 7], [3, 5]], dtype=np.uint32)
    order, starts, lengths = dup_module._band_runs(band)
    assert sorted(order[starts[0] : starts[0] + lengths[0]].tolist()) == [0, 2]
    assert lengths.tolist() == [2]
    assert candidate_pairs(fps, lsh_plan(PARAMS)) == want


def _count_scores(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Patch the exact verification to record one entry per pair it scores."""
    calls: list[int] = []
    real = dup_module._score

    def counting(a: object, b: object) -> PairScore:
        calls.append(1)
        return real(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(dup_module, "_score", counting)
    return calls


def test_twenty_thousand_identical_articles_verify_a_linear_number_of_pairs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """20,000 identical articles give a star of pairs; verification work stays linear."""
    calls = _count_scores(monkeypatch)
    text = _story(11)
    items = [(f"id{i:05d}", text) for i in range(20_000)]
    items += [(f"o{k}", _story(500 + k)) for k in range(20)]
    pairs = duplicate_pairs(fingerprint_batch(items, SPEC), PARAMS)
    assert len(pairs) == 19_999
    assert {p.a for p in pairs} == {"id00000"}
    assert len(calls) <= len(items)  # no pair of the identical set is verified one by one


def test_thousands_of_near_copies_verify_a_linear_number_of_pairs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """3,000 copies differing by one word pair as stars in big buckets and form one group."""
    calls = _count_scores(monkeypatch)
    text = _story(12)
    items = [(f"n{i:04d}", f"{text} unique{i}") for i in range(3000)]
    pairs = duplicate_pairs(fingerprint_batch(items, SPEC), PARAMS)
    assert len(calls) < 3000 * PARAMS.num_perm // 3  # at most one star pair per band
    assert len(calls) < 3000 * 2999 // 2 // 20
    groups = duplicate_groups([i for i, _ in items], pairs)
    assert groups == (tuple(i for i, _ in items),)


@given(st.permutations(range(30)), st.integers(min_value=0, max_value=5))
@settings(max_examples=15, deadline=None)
def test_spanning_pairs_give_the_same_groups_with_fewer_verifications(
    order: list[int], workers: int
) -> None:
    """spanning=True pairs (any input order, any workers) connect exactly the groups of all pairs,
    are a subset of them, and verify fewer candidates (a family of four needs three)."""
    items = _families(6, 90)
    params = Params(workers=workers)
    full = duplicate_pairs(fingerprint_batch(items, SPEC), PARAMS)
    shuffled = [items[i] for i in order]
    fps = fingerprint_batch(shuffled, SPEC, workers=workers)
    spanning = duplicate_pairs(fps, params, spanning=True)
    ids = [i for i, _ in items]
    assert duplicate_groups(ids, spanning) == duplicate_groups(ids, full)
    assert set(spanning) < set(full)
    assert len(spanning) == 6 * 3  # a spanning tree per family of four


# --- shared passages ------------------------------------------------------------

QUOTE = "the highest strategic level of the firm militant friendship"


def _filler(seed: int, n: int = 30) -> str:
    rng = random.Random(seed)
    return " ".join(f"f{rng.randrange(10**6)}" for _ in range(n))


def test_shared_quotation_links_paragraphs_of_different_outlets() -> None:
    """A quoted clause shared by three outlets links each pair of paragraphs holding it."""
    paras = {
        "x": [_filler(1), f"KCNA said relations reached {QUOTE}, state media said."],
        "y": [f"“{QUOTE.title()}”, the statement read.", _filler(2)],
        "z": [_filler(3), _filler(4), f"He praised {QUOTE} and left."],
    }
    links = shared_passages(paras, {"x": "ox", "y": "oy", "z": None}, Params())
    assert [(lk.a, lk.pa, lk.b, lk.pb) for lk in links] == [
        ("x", 1, "y", 0),
        ("x", 1, "z", 2),
        ("y", 0, "z", 2),
    ]
    assert all(lk.text == QUOTE and lk.words == 9 for lk in links)
    xy = links[0]
    assert xy.score == pytest.approx(9 / 12)  # y's paragraph: 12 words, 9 covered


def test_seed_articles_share_the_kcna_quotation() -> None:
    """In the seed articles, 000, 002 and 003 are linked by the quoted clause."""
    from pathlib import Path

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    paras = {
        p.name[:3]: [line for line in p.read_text().splitlines() if line.strip()]
        for p in sorted(seeds.glob("*.txt"))
    }
    links = shared_passages(paras, {k: k for k in paras}, Params())
    quoted = {(lk.a, lk.b) for lk in links if QUOTE in lk.text}
    assert quoted == {("000", "002"), ("000", "003"), ("002", "003")}


def test_outlet_boilerplate_and_same_outlet_reuse_link_nothing() -> None:
    """A run in 3 articles of one outlet is boilerplate; an outlet repeating itself is no link."""
    footer = "follow us on every platform for the latest news and analysis today"
    paras = {f"a{i}": [_filler(i), footer] for i in range(3)}
    paras["b"] = [_filler(9), footer]
    outlets = {"a0": "A", "a1": "A", "a2": "A", "b": "B"}
    assert shared_passages(paras, outlets, Params()) == []
    two = {"a0": paras["a0"], "a1": paras["a1"]}
    assert shared_passages(two, outlets, Params()) == []
    assert len(shared_passages(two, {}, Params())) == 1  # unknown outlets: each its own


def test_document_frequency_cap() -> None:
    """A run in more than passage_max_articles articles links none of them."""
    phrase = "one two three four five six seven eight nine ten"
    paras = {f"n{i:02d}": [_filler(i), phrase] for i in range(6)}
    assert len(shared_passages(paras, {}, Params(passage_max_articles=6))) == 15
    assert shared_passages(paras, {}, Params(passage_max_articles=5)) == []


def test_many_articles_with_a_common_phrase_stay_fast() -> None:
    """3,000 articles sharing one phrase do not make the work quadratic."""
    phrase = "one two three four five six seven eight nine ten"
    paras = {f"n{i:05d}": [f"{_filler(i, 40)} u{i} {phrase}"] for i in range(3000)}
    paras["q1"] = [f"x {QUOTE} y"]
    paras["q2"] = [f"z {QUOTE} w"]
    start = time.perf_counter()
    links = shared_passages(paras, {}, Params())
    assert time.perf_counter() - start < 20.0
    assert [(lk.a, lk.b) for lk in links] == [("q1", "q2")]


def test_passages_do_not_depend_on_input_order() -> None:
    """Reordering the articles gives the same links."""
    paras = {
        "x": [f"A said {QUOTE} today."],
        "y": [f"B: {QUOTE}."],
        "w": [_filler(5), f"{QUOTE} again"],
    }
    want = shared_passages(paras, {}, Params())
    assert len(want) == 3
    rev = dict(reversed(list(paras.items())))
    assert shared_passages(rev, {}, Params()) == want
