"""End-to-end tests of newsprov.cluster on the seeds, bad input, and the run's invariants."""

from __future__ import annotations

import gc
import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsprov
from newsprov import Article, Params, Result, pipeline

SEED_000 = "000_711d1f5cb463d1e6"
SEED_001 = "001_6c6713f1f34bc545"
SEED_002 = "002_17b392a9ff1228d7"
SEED_003 = "003_19a4667f5072d908"
SEED_004 = "004_a2bdac593a31db87"


@pytest.fixture(scope="module")
def seeds_result() -> Result:
    """The full pipeline run once on the seeds."""
    return newsprov.cluster(newsprov.load(Path(__file__).parent.parent / "seeds"))


def _all_text(result: Result) -> str:
    return "\n".join(p.text for a in result.articles for p in a.paragraphs)


def test_seeds_boilerplate_is_gone_and_recorded(seeds_result: Result) -> None:
    """Page chrome never reaches the paragraphs, and each removal is recorded with a reason."""
    text = _all_text(seeds_result)
    for junk in (
        "Most Viewed",
        "Verified by MonsterInsights",
        "Read More",
        "Read Entire Article",
        "Chattythat Icon",
        "google8c874a0b684bfa11.html",
        "You must be logged in",
        "Magnitude 5.1 earthquake strikes Australia",
    ):
        assert junk not in text
    removed = {r.text.strip() for a in seeds_result.articles for r in a.removed}
    assert "Verified by MonsterInsights" in removed
    assert all(r.reason for a in seeds_result.articles for r in a.removed)


def test_seeds_content_is_kept(seeds_result: Result) -> None:
    """Story paragraphs survive cleaning in every seed."""
    text = _all_text(seeds_result)
    assert "Central Military Commission vowed that North Korea would continue" in text
    assert "Neither Russia nor North Korea had previously either confirmed" in text
    assert "South Korea's intelligence agency in October of last year" in text
    assert "Third-party countries like North Korea bear responsibility" in text


def test_seed_dates_and_broadcast_outlet_are_found(seeds_result: Result) -> None:
    """Dates written in the text become `published`; a sign-off names the outlet."""
    assert str(seeds_result.article(SEED_001).published).startswith("2025-04-27")
    assert str(seeds_result.article(SEED_004).published).startswith("2025-04-28")
    assert seeds_result.article(SEED_004).outlet == "Arirang News"


def test_seeds_sharing_reuters_copy_are_one_cluster(seeds_result: Result) -> None:
    """The three seeds built on the Reuters story are linked into one cluster."""
    home = {a: c.id for c in seeds_result.clusters for a in c.articles}
    assert home[SEED_000] == home[SEED_002] == home[SEED_003]


def test_a_short_line_of_topic_words_matches_but_does_not_link_clusters() -> None:
    """A one-line plug of four topic words inside another story is a match of the
    paragraph, not enough reused text to put the two stories in one cluster
    (Params.cluster_link_shared); lowering the bar links them."""
    apple = {
        "id": "apple",
        "text": "Apple released the new 16-inch MacBook Pro on Wednesday with a redesigned "
        "scissor keyboard, a physical escape key and a larger battery, the company said.\n\n"
        "Reviewers praised the speakers and the display, though the price starts at $2,399 "
        "for the base model with a six-core processor.",
    }
    deals = {
        "id": "deals",
        "text": "Shoppers looking for holiday bargains have plenty of choice this year, with "
        "retailers cutting prices on televisions, headphones and kitchen gadgets well before "
        "the usual weekend rush.\n\nNew 16-inch MacBook Pro keyboard guide.\n\nThe best "
        "discounts so far are on older models of laptops and phones, which stores want to "
        "clear before the new year begins in January.",
    }
    result = newsprov.cluster([apple, deals])
    (match,) = result.article("deals").paragraphs[1].matches
    assert (match.article, match.kind) == ("apple", "rewrite")
    assert match.score >= result.params.cluster_link_score
    assert sorted(c.articles for c in result.clusters) == [("apple",), ("deals",)]
    loose = newsprov.cluster([apple, deals], params=Params(cluster_link_shared=1))
    assert [c.articles for c in loose.clusters] == [("apple", "deals")]


def test_own_stories_of_an_event_stay_out_of_the_wire_cluster() -> None:
    """On the annotated earthquake (tests/data/provenance/event2) the clusters are the
    annotation's: the AP story with its reprints and write-through, and apart from it
    a paper's and a TV station's own stories of the same quake."""
    result = newsprov.cluster(newsprov.load(Path(__file__).parent / "data/provenance/event2"))
    assert sorted(c.articles for c in result.clusters) == [
        ("000_ap_first", "001_tv_reprint", "002_ap_writethru_blob", "003_ap_writethru_reprint"),
        ("004_paper_own",),
        ("005_tv_own",),
    ]


def test_every_seed_paragraph_has_an_origin_with_evidence(seeds_result: Result) -> None:
    """Each paragraph carries an origin with a kind, a confidence and some evidence."""
    for art in seeds_result.articles:
        assert art.paragraphs
        for p in art.paragraphs:
            assert p.origin is not None
            assert 0.0 <= p.origin.confidence <= 1.0
            assert p.origin.evidence


def test_reuters_lead_is_traced_to_reuters(seeds_result: Result) -> None:
    """Seed 000's "Reuters reported" lead is Reuters wire copy, found from the cue."""
    lead = next(p for p in seeds_result.article(SEED_000).paragraphs if "Reuters" in p.text)
    assert lead.origin is not None
    assert (lead.origin.source, lead.origin.kind) == ("Reuters", "wire")


def test_rewritten_reuters_copy_is_matched_across_outlets(seeds_result: Result) -> None:
    """The 14,000-troops paragraph of 000 is matched in 002 and 003, which never name Reuters."""
    para = next(p for p in seeds_result.article(SEED_000).paragraphs if "14,000" in p.text)
    assert {SEED_002, SEED_003} <= {m.article for m in para.matches}


def test_attribution_offsets_point_at_their_cues(seeds_result: Result) -> None:
    """Every attribution's offsets cut its cue out of the paragraph text."""
    count = 0
    for art in seeds_result.articles:
        for p in art.paragraphs:
            for a in p.attributions:
                assert p.text[a.start : a.end] == a.cue
                count += 1
    assert count >= 10


def test_json_round_trips(seeds_result: Result) -> None:
    """to_dict() is JSON-serialisable and stable across dumps."""
    first = json.dumps(seeds_result.to_dict(), sort_keys=True)
    assert json.loads(first)["schema"] == "newsprov/1"


def test_dedup_only_mode_skips_origins() -> None:
    """Params(provenance=False) still cleans and groups, but traces nothing."""
    r = newsprov.cluster(
        newsprov.load(Path(__file__).parent.parent / "seeds"), params=Params(provenance=False)
    )
    assert len(r.articles) == 5
    assert all(p.origin is None and not p.attributions for a in r.articles for p in a.paragraphs)


def test_without_passages_clusters_are_the_duplicate_groups() -> None:
    """passages=False (--dedup-only) gives the same duplicate groups, and clusters equal to them;
    with passages, the seeds' shared KCNA wording links some of the five."""
    seeds = newsprov.load(Path(__file__).parent.parent / "seeds")
    lean = newsprov.cluster(seeds, params=Params(provenance=False, passages=False))
    full = newsprov.cluster(seeds, params=Params(provenance=False))
    assert lean.duplicate_groups == full.duplicate_groups
    assert sorted(c.articles for c in lean.clusters) == sorted(lean.duplicate_groups)
    assert len(full.clusters) < len(lean.clusters)
    assert len(lean.clusters) == 5
    assert lean.to_dict()["params"]["passages"] is False


def test_cleaning_on_a_process_pool_gives_the_same_result() -> None:
    """cluster(..., executor=ProcessPoolExecutor) equals the run without one, rejections too."""
    seeds = list(newsprov.load(Path(__file__).parent.parent / "seeds").articles)
    extra = [{"id": "empty", "text": "  "}, {"id": "x1", "html": "<html><body></body></html>"}]
    inputs = [*seeds, *extra]
    params = Params(provenance=False)
    want = newsprov.cluster(inputs, params=params).to_dict()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        got = newsprov.cluster(inputs, params=params, executor=pool).to_dict()
    assert got == want
    assert {r["id"] for r in got["rejected"]} == {"empty", "x1"}


def _outlet_corpus() -> list[Article]:
    """Three short stories of one outlet under the same long promotion, which only the
    outlet stage strips: left in, it would make the three one duplicate group."""
    promo = " ".join(f"promo{i}" for i in range(120))
    stories = [" ".join(f"story{k}w{i}" for i in range(40)) for k in range(3)]
    return [
        Article.from_text(f"one-{k}", f"{story}.\n\n{promo}.", outlet="One")
        for k, story in enumerate(stories)
    ]


def test_fingerprints_made_on_the_pool_are_remade_when_the_outlet_stage_strips() -> None:
    """On a process pool each chunk is fingerprinted as it is cleaned; an article the
    outlet stage then changes is fingerprinted again, so the groups are those of the
    run without a pool (the stale fingerprints would group the three stories)."""
    inputs = _outlet_corpus()
    params = Params(provenance=False, passages=False)
    want = newsprov.cluster(inputs, params=params)
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        got = newsprov.cluster(inputs, params=params, executor=pool)
    assert want.duplicate_groups == (("one-0",), ("one-1",), ("one-2",))
    assert got.to_dict() == want.to_dict()
    assert [r.reason for r in got.articles[0].removed] == ["outlet-boilerplate"]


def test_the_garbage_collector_is_paused_during_a_run_and_restored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """cluster() runs with the cyclic collector off and leaves it as it found it, even when
    a stage raises."""
    seen: list[bool] = []
    text = {"id": "a", "text": "The harbour reopened on Monday after the storm, officials said."}
    newsprov.cluster([text], progress=lambda *_: seen.append(gc.isenabled()))
    assert seen
    assert not any(seen)
    assert gc.isenabled()
    gc.disable()
    try:
        newsprov.cluster([text], params=Params(provenance=False))
        assert not gc.isenabled()  # it was off: it stays off
    finally:
        gc.enable()

    def broken(_state: object) -> object:
        raise RuntimeError("stage failed")

    monkeypatch.setattr(pipeline, "_fingerprint", broken)
    with pytest.raises(RuntimeError, match="stage failed"):
        newsprov.cluster([text], params=Params(provenance=False))
    assert gc.isenabled()


def test_bad_inputs_are_rejected_with_reasons_not_lost() -> None:
    """Empty, blank, binary, oversized, mistyped and duplicate inputs become rejections."""
    inputs: list[object] = [
        {"id": "ok", "text": "A real paragraph about the harbour reopening after the storm."},
        {"id": "empty", "text": ""},
        {"id": "blank", "text": "   \n\t "},
        {"id": "bin", "text": "\x00\x01binary"},
        {"id": "big", "text": "word " * 300_000},
        {"id": "ok", "text": "Same id again, different text entirely here."},
        42,
        "/no/such/path.txt",
    ]
    r = newsprov.cluster(inputs, params=Params(max_chars=1_000_000))  # type: ignore[arg-type]
    assert [a.id for a in r.articles] == ["ok"]
    reasons = {x.id: x.reason for x in r.rejected}
    assert set(reasons) == {"empty", "blank", "bin", "big", "ok", "input #6", "/no/such/path.txt"}
    assert "duplicate id" in reasons["ok"]
    assert "Params.max_chars" in reasons["big"]


def test_twenty_megabyte_document_is_rejected_quickly() -> None:
    """A 20 MB text is refused with a reason under the default limits, not processed for minutes."""
    r = newsprov.cluster([Article.from_text("huge", "x" * 20_000_000)])
    assert r.articles == ()
    assert "characters" in r.rejected[0].reason


STORIES = [
    "The harbour authority said the port would reopen on Tuesday after storm damage was repaired "
    "along the northern quay, where cranes had been toppled by winds of 140 km/h.",
    "Shares in the regional bank fell 12 percent after it reported a quarterly loss of 45 million "
    "euros, blaming bad loans to property developers in the capital.",
    "The national orchestra will tour six cities next spring, its director announced, with a "
    "programme of Sibelius and new works by three young composers.",
]


@st.composite
def corpora(draw: st.DrawFn) -> list[dict[str, str]]:
    """Small corpora of distinct stories with exact and truncated reprints."""
    n = draw(st.integers(min_value=1, max_value=6))
    docs = []
    for i in range(n):
        story = STORIES[draw(st.integers(0, len(STORIES) - 1))]
        cut = draw(st.sampled_from([None, 0.7]))
        text = story if cut is None else " ".join(story.split()[: int(len(story.split()) * cut)])
        docs.append({"id": f"d{i}", "text": text})
    return docs


@settings(max_examples=25, deadline=None)
@given(corpora(), st.randoms(use_true_random=False))
def test_result_is_a_partition_and_independent_of_order(docs: list[dict[str, str]], rnd) -> None:  # type: ignore[no-untyped-def]
    """Groups and clusters partition the ids; shuffling the input changes nothing."""
    first = newsprov.cluster(docs).to_dict()
    shuffled = list(docs)
    rnd.shuffle(shuffled)
    assert newsprov.cluster(shuffled).to_dict() == first
    ids = sorted(d["id"] for d in docs)
    assert sorted(i for g in first["duplicate_groups"] for i in g) == ids
    assert sorted(i for c in first["clusters"] for i in c["articles"]) == ids


def test_same_input_gives_same_output_twice(seeds_result: Result) -> None:
    """Two runs over the same input give byte-identical JSON (no hidden state between calls)."""
    again = newsprov.cluster(newsprov.load(Path(__file__).parent.parent / "seeds"))
    assert json.dumps(again.to_dict()) == json.dumps(seeds_result.to_dict())
