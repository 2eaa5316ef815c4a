"""Tests of origin inference: cues first, then credits, propagation, dates, own writing."""

from __future__ import annotations

import datetime as dt

from newsprov.model import Attribution, Credit, Match, Registry
from newsprov.provenance import Doc, trace

REG = Registry.default()


def _doc(
    id_: str,
    paragraphs: list[str],
    attributions: list[tuple[Attribution, ...]] | None = None,
    credits: tuple[Credit, ...] = (),
    outlet: str | None = None,
    published: dt.date | None = None,
) -> Doc:
    return Doc(
        id_,
        outlet,
        published,
        credits,
        tuple(paragraphs),
        tuple(attributions or [() for _ in paragraphs]),
    )


def test_explicit_cue_decides_with_high_confidence() -> None:
    """A paragraph that says "Reuters reported" is Reuters wire copy."""
    text = "North Korea confirmed the deployment, Reuters reported."
    cue = Attribution("Reuters", "Reuters reported", 38, 54)
    origin = trace([_doc("a", [text], [(cue,)])], {}, REG)["a"][0]
    assert (origin.source, origin.kind, origin.confidence) == ("Reuters", "wire", 0.9)
    assert origin.evidence[0].kind == "cue"


def test_lead_credit_carries_to_matched_text_but_not_to_own_additions() -> None:
    """ "Reuters reported" in the lead covers the article's wire-derived paragraphs only."""
    lead = "Troops were sent, Reuters reported."
    cue = Attribution("Reuters", "Reuters reported", 18, 34)
    a = _doc("a", [lead, "Wire-derived fact.", "Our own analysis."], [(cue,), (), ()])
    b = _doc("b", ["Another outlet's copy of the fact."])
    matches = {
        ("a", 1): (Match("b", 0, 0.8, "rewrite"),),
        ("b", 0): (Match("a", 1, 0.8, "rewrite"),),
    }
    origins = trace([a, b], matches, REG)
    assert (origins["a"][1].source, origins["a"][1].kind) == ("Reuters", "wire")
    assert origins["a"][2].kind == "outlet"
    assert origins["a"][2].source is None


def test_propagation_gives_uncredited_rewrites_the_source_with_lower_confidence() -> None:
    """A paragraph rewriting Reuters-credited text elsewhere is probably Reuters, less surely."""
    lead = "Troops were sent, Reuters reported."
    cue = Attribution("Reuters", "Reuters reported", 18, 34)
    a = _doc("a", [lead], [(cue,)])
    b = _doc("b", ["Troops were dispatched, it emerged."])
    matches = {
        ("a", 0): (Match("b", 0, 0.6, "rewrite"),),
        ("b", 0): (Match("a", 0, 0.6, "rewrite"),),
    }
    origin = trace([a, b], matches, REG)["b"][0]
    assert origin.source == "Reuters"
    assert 0 < origin.confidence < 0.9
    assert origin.evidence[0].article == "a"


def test_statement_carried_by_wire_keeps_the_chain() -> None:
    """A KCNA cue inside a Reuters-bylined article is KCNA via Reuters."""
    text = "The commission praised the troops, KCNA said."
    cue = Attribution("KCNA", "KCNA said", 35, 44, kind="speech")
    byline = Credit("Reuters", "By Reuters", "byline")
    origin = trace([_doc("a", [text], [(cue,)], credits=(byline,))], {}, REG)["a"][0]
    assert (origin.source, origin.kind, origin.via) == ("KCNA", "statement", ("Reuters",))


def test_earliest_copy_is_original_and_later_copy_names_it() -> None:
    """Without cues, the earliest published copy is the original; later ones point at it."""
    a = _doc("a", ["Shared text."], outlet="Early Times", published=dt.date(2025, 4, 27))
    b = _doc("b", ["Shared text."], outlet="Late Post", published=dt.date(2025, 4, 28))
    matches = {
        ("a", 0): (Match("b", 0, 1.0, "verbatim"),),
        ("b", 0): (Match("a", 0, 1.0, "verbatim"),),
    }
    origins = trace([a, b], matches, REG)
    assert origins["a"][0].kind == "original"
    assert (origins["b"][0].source, origins["b"][0].kind) == ("Early Times", "outlet")


def test_a_loose_match_with_an_earlier_article_leaves_the_paragraph_its_own() -> None:
    """Two reports of the same facts in other words (a rewrite score below the 0.45 that
    propagation needs) do not make the later one the earlier outlet's text; at 0.6 it is."""
    a = _doc("a", ["Plague confirmed."], outlet="Early Times", published=dt.date(2025, 4, 27))
    b = _doc("b", ["Plague case found."], outlet="Late Post", published=dt.date(2025, 4, 28))
    loose = trace([a, b], _pair("a", 0, "b", 0, 0.4), REG)["b"][0]
    assert (loose.source, loose.kind, loose.confidence) == ("Late Post", "outlet", 0.6)
    assert "loose match" in loose.evidence[0].detail
    close = trace([a, b], _pair("a", 0, "b", 0, 0.6), REG)["b"][0]
    assert (close.source, close.kind) == ("Early Times", "outlet")


def test_unmatched_uncredited_paragraph_is_the_outlets_own() -> None:
    """No cue, no credit, no match: the outlet's own writing."""
    origin = trace([_doc("a", ["Local council news."], outlet="Gazette")], {}, REG)["a"][0]
    assert (origin.source, origin.kind) == ("Gazette", "outlet")
    assert origin.evidence[0].kind == "none"


def _pair(a: str, pa: int, b: str, pb: int, score: float) -> dict[tuple[str, int], tuple[Match]]:
    return {(a, pa): (Match(b, pb, score, "rewrite"),), (b, pb): (Match(a, pa, score, "rewrite"),)}


def test_own_speaker_stands_against_a_match_with_another_speaker() -> None:
    """ "Zelensky said ..." matching a paragraph quoting KCNA stays Zelensky's: the match says
    the same facts were told, not who told them here."""
    kcna = Attribution("KCNA", "KCNA said", 0, 9, kind="report")
    a = _doc("a", ["KCNA said Ukrainian troops had left Kursk."], [(kcna,)])
    own = Attribution("Zelensky", "Zelensky said", 0, 13, kind="speech")
    b = _doc("b", ["Zelensky said Ukrainian troops still hold parts of Kursk."], [(own,)])
    origin = trace([a, b], _pair("a", 0, "b", 0, 0.9), REG)["b"][0]
    assert (origin.source, origin.kind) == ("Zelensky", "statement")


def test_wire_text_one_match_away_outweighs_an_informants_cue() -> None:
    """ "Russia said ..." rewriting a Reuters-credited paragraph is Reuters copy; two matches
    away from the credit, the paragraph's own speaker stands."""
    lead = Attribution("Reuters", "Reuters reported", 0, 16, kind="report")
    a = _doc("a", ["Reuters reported the troops left the village."], [(lead,)])
    russia = Attribution("Russia", "Russia said", 0, 11, kind="speech")
    b = _doc("b", ["Russia said the troops left the village."], [(russia,)])
    c = _doc("c", ["Russia said troops had left a village."], [(russia,)])
    matches = {**_pair("a", 0, "b", 0, 0.7)}
    matches[("b", 0)] = (*matches[("b", 0)], Match("c", 0, 0.7, "rewrite"))
    matches[("c", 0)] = (Match("b", 0, 0.7, "rewrite"),)
    origins = trace([a, b, c], matches, REG)
    assert (origins["b"][0].source, origins["b"][0].kind) == ("Reuters", "wire")
    assert origins["b"][0].evidence[0].kind == "match"
    assert origins["c"][0].source == "Russia"


def test_the_institution_alone_refers_back() -> None:
    """ "According to the regime" after a Reuters-reported paragraph continues that account;
    "the treaty says" (a document quoted) keeps its own source."""
    lead = Attribution("Reuters", "Reuters reported", 0, 16, kind="report")
    regime = Attribution("regime", "According to the regime", 0, 23, kind="report")
    treaty = Attribution("treaty", "the treaty says", 0, 15, kind="speech")
    doc = _doc(
        "a",
        ["Reuters reported the troops were sent.", "According to the regime, they won.", "x"],
        [(lead,), (regime,), (treaty,)],
    )
    origins = trace([doc], {}, REG)["a"]
    assert (origins[1].source, origins[1].kind) == ("Reuters", "wire")
    assert "continues the account of paragraph 0" in origins[1].evidence[-1].detail
    assert origins[2].source == "treaty"


def test_the_institution_binds_only_to_a_body_of_that_kind() -> None:
    """ "the ministry said" after the Defence Ministry is the Defence Ministry; after a
    commission it is not the commission (it continues the paragraph before instead)."""
    ministry = Attribution("Defence Ministry", "the Defence Ministry said", 0, 25, kind="speech")
    commission = Attribution("Central Military Commission", "the CMC said", 0, 12, kind="speech")
    anaphor = Attribution("ministry", "the ministry said", 0, 17, kind="speech")
    paragraphs = ["the Defence Ministry said it moved.", "the ministry said it won."]
    origins = trace([_doc("a", paragraphs, [(ministry,), (anaphor,)])], {}, REG)["a"]
    assert origins[1].source == "Defence Ministry"
    paragraphs = [
        "the CMC said it moved.",
        "Troops left, Reuters reported.",
        "the ministry said so.",
    ]
    wire = Attribution("Reuters", "Reuters reported", 13, 29, kind="report")
    doc = _doc("b", paragraphs, [(commission,), (wire,), (anaphor,)])
    origins = trace([doc], {}, REG)["b"]
    assert origins[2].source == "Reuters"
