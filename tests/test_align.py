"""Tests of paragraph alignment: verbatim, quote (translation-tolerant) and rewrite matches."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsprov.align import AlignedPair, align, content_stems, matches_by_paragraph, quoted_spans
from newsprov.candidates import PassageLink
from newsprov.model import Params

TRANSLATION_A = (
    '"Under the order of the head of state, the sub-units of the armed forces of the Republic '
    "regarded the territory of Russia as the one of their country and proved the firm alliance "
    'between the two countries," the agency cited the Commission as saying.'
)
TRANSLATION_B = (
    "“Under the head of state’s order, units of the Republic’s armed forces treated Russian "
    "territory as their own and demonstrated the strength of the alliance between the two "
    "nations,” the Commission said."
)


def test_content_stems_fold_plurals_possessives_and_number_separators() -> None:
    """Stems let "countries"/"country" and "14,000"/"14000" meet; stopwords are dropped."""
    assert content_stems("The countries' 14,000 troops") == ["countr", "14000", "troop"]
    assert content_stems("country 14000 troop") == ["countr", "14000", "troop"]


def test_quoted_spans_handles_straight_and_curly_marks() -> None:
    """Both '"..."' and '“...”' quotations are found, without their marks."""
    text = 'He said "this is a long enough quote" and “another long enough quote”.'
    assert [text[s:e] for s, e in quoted_spans(text)] == [
        "this is a long enough quote",
        "another long enough quote",
    ]


def test_two_translations_of_one_quote_match_as_quote() -> None:
    """The same statement in two English translations is aligned as a shared quotation."""
    pairs = align({"a": [TRANSLATION_A], "b": [TRANSLATION_B]}, (), Params())
    assert [(p.a, p.b, p.kind) for p in pairs] == [("a", "b", "quote")]
    assert pairs[0].score >= 0.5


def test_rewrite_with_shared_figures_is_found_and_unrelated_text_is_not() -> None:
    """A rewrite sharing rare words and figures matches; an unrelated paragraph does not."""
    paras = {
        "a": [
            "According to Ukrainian officials, North Korea has sent approximately 14,000 soldiers "
            "to the battlefield, including 3,000 reinforcements to make up for significant losses.",
            "The weather in Lisbon was sunny with light winds across the coast all afternoon.",
        ],
        "b": [
            "North Korea sent an estimated total of 14,000 troops, including 3,000 reinforcements "
            "to replace its losses, Ukrainian officials have said.",
        ],
    }
    pairs = align(paras, (), Params())
    assert [(p.a, p.pa, p.b, p.pb, p.kind) for p in pairs] == [("a", 0, "b", 0, "rewrite")]


def test_verbatim_passage_links_win_over_weaker_kinds() -> None:
    """A passage covering most of a paragraph makes the pair verbatim, scored by its coverage."""
    link = PassageLink("a", 0, "b", 0, 12, 0.9, "some shared words")
    pairs = align({"a": ["x y z"], "b": ["x y z"]}, [link], Params())
    assert pairs == (AlignedPair("a", 0, "b", 0, 0.9, "verbatim", shared=0),)


def test_aligned_pairs_count_the_content_words_they_share() -> None:
    """`shared` is the number of distinct content stems common to the two paragraphs."""
    paras = {
        "a": ["Officials said 14,000 troops and 3,000 reinforcements crossed the Kursk border."],
        "b": ["About 14,000 troops and 3,000 reinforcements crossed into Kursk, officials said."],
    }
    (pair,) = align(paras, (), Params())
    assert pair.shared == 7  # offici, 14000, troop, 3000, reinfo, crosse, kursk

    """Two paragraphs of one article never match each other."""
    text = "Officials said 14,000 troops and 3,000 reinforcements crossed the Kursk border region."
    assert align({"a": [text, text]}, (), Params()) == ()


def test_matches_by_paragraph_is_symmetric() -> None:
    """Each aligned pair appears in both paragraphs' match lists."""
    m = matches_by_paragraph([AlignedPair("a", 1, "b", 2, 0.7, "rewrite")])
    assert m[("a", 1)][0].article == "b"
    assert m[("b", 2)][0].paragraph == 1


words = st.lists(
    st.sampled_from(
        [
            "korea",
            "troops",
            "russia",
            "kursk",
            "14,000",
            "border",
            "army",
            "said",
            "officials",
            "treaty",
            "alliance",
            "statement",
            "moscow",
        ]
    ),
    min_size=3,
    max_size=25,
)


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from("abcd"),
        st.lists(words.map(" ".join), min_size=1, max_size=4),
        min_size=1,
        max_size=4,
    )
)
def test_alignment_is_deterministic_and_order_independent(paras: dict[str, list[str]]) -> None:
    """The pairs do not depend on the order the articles are given in, and scores stay in [0, 1]."""
    forward = align(paras, (), Params())
    backward = align(dict(reversed(list(paras.items()))), (), Params())
    assert forward == backward
    assert all(0.0 <= p.score <= 1.0 and p.a < p.b for p in forward)


BLOB = (
    "The quake came hours after a smaller jolt that many residents slept through. "
    "Light aftershocks shook the valley but did no more damage. "
    "In Coyle, the stone front of the old bank building lay in the street. "
    "The sheriff said deputies found a collapsed barn roof and a toppled water tower. "
    "It was the largest quake since a 5.6 temblor near Helena in 1993, a seismologist said. "
    "Down the road, daylight showed through a crack in the feed store, which lost glass."
)


def test_long_paragraph_is_compared_window_by_window() -> None:
    """A short paragraph rewriting one place of a run-together page matches it; one that
    gathers the event's facts from all over the page does not."""
    rewrite = "Deputies found a barn roof collapsed and a water tower toppled, the sheriff said."
    scattered = (
        "Residents who slept through the jolt saw the bank building in Coyle, and Helena in 1993."
    )
    found = align({"a": [BLOB], "b": [rewrite], "c": [scattered]}, (), Params())
    assert [(p.a, p.b) for p in found] == [("a", "b")]
    assert found[0].kind == "rewrite"


def test_mass_copies_cost_links_in_proportion_to_their_number() -> None:
    """Forty copies of one rewritten paragraph give each copy a bounded set of links, and
    every copy still reaches the first one (where a credit usually sits)."""
    text = "Officials said North Korea sent 14,000 troops and 3,000 reinforcements to Kursk."
    paras = {f"a{i:02d}": [text] for i in range(40)}
    found = align(paras, (), Params())
    per_paragraph = matches_by_paragraph(found)
    assert max(len(ms) for ms in per_paragraph.values()) <= 40 - 1
    assert max(len(ms) for k, ms in per_paragraph.items() if k[0] >= "a08") <= 8
    assert all(
        any(m.article == "a00" for m in per_paragraph[(f"a{i:02d}", 0)]) for i in range(1, 40)
    )
    assert len(found) < 40 * 39 / 2
