"""Tests of the source registry: built-in agencies, alias matching, extension, names."""

from __future__ import annotations

import itertools
import time

import pytest

from newsprov.model import Agency, Registry, normalise_name

REG = Registry.default()


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("Reuters", "Reuters"),
        ("Thomson Reuters", "Reuters"),
        ("The Associated Press", "AP"),
        ("Associated Press", "AP"),
        ("AP", "AP"),
        ("Agence France-Presse", "AFP"),
        ("AFP", "AFP"),
        ("Bloomberg News", "Bloomberg"),
        ("United Press International", "UPI"),
        ("dpa", "dpa"),
        ("Deutsche Presse-Agentur", "dpa"),
        ("EFE", "EFE"),
        ("ANSA", "ANSA"),
        ("Kyodo News", "Kyodo"),
        ("Yonhap News Agency", "Yonhap"),
        ("KCNA", "KCNA"),
        ("Korean Central News Agency", "KCNA"),
        ("North Korea's state news agency", "KCNA"),
        ("North Korea’s state news agency", "KCNA"),
        ("North Korean state media", "KCNA"),
        ("KCNA state news agency", "KCNA"),
        ("the state news agency KCNA", "KCNA"),
        ("North Korea's state-run news agency, KCNA", "KCNA"),
        ("Xinhua News Agency", "Xinhua"),
        ("TASS", "TASS"),
        ("Tass", "TASS"),
        ("RIA Novosti", "RIA Novosti"),
        ("Interfax", "Interfax"),
        ("Interfax-Ukraine", "Interfax-Ukraine"),
        ("Ukrinform", "Ukrinform"),
        ("PA Media", "PA Media"),
        ("Asian News International", "ANI"),
        ("Press Trust of India", "PTI"),
    ],
)
def test_builtin_aliases(alias: str, canonical: str) -> None:
    """Every wire agency and state outlet the brief names is known under its aliases."""
    agency = REG.lookup(alias)
    assert agency is not None
    assert agency.name == canonical


def test_lookup_is_whole_name_and_case_insensitive() -> None:
    """lookup matches a whole name in any case, trimmed of punctuation; a phrase is not a name."""
    assert REG.lookup("REUTERS").name == "Reuters"  # type: ignore[union-attr]
    assert REG.lookup("  (Reuters) ").name == "Reuters"  # type: ignore[union-attr]
    assert REG.lookup("Reuters reported") is None
    assert REG.lookup("nobody") is None


def test_acronyms_match_only_as_words_in_capitals() -> None:
    """Short acronyms never match inside a word or in lower case ("cap", "Ani")."""
    text = "A cap, Ani's map and an ap were seen; AP and AFP were not."
    assert [(m.start, m.agency.name) for m in REG.find_all(text)] == [(38, "AP"), (45, "AFP")]


def test_find_all_prefers_longest_alias_and_does_not_overlap() -> None:
    """The longest alias wins and mentions come in order without overlaps."""
    text = "Yonhap News Agency said, then the Korean Central News Agency and KCNA via REUTERS."
    found = REG.find_all(text)
    assert [(text[m.start : m.end], m.agency.name) for m in found] == [
        ("Yonhap News Agency", "Yonhap"),
        ("Korean Central News Agency", "KCNA"),
        ("KCNA", "KCNA"),
        ("REUTERS", "Reuters"),
    ]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_extend_adds_and_replaces() -> None:
    """extend adds new sources and replaces one of the same name, leaving the original intact."""
    local = REG.extend(
        [Agency("Chattythat", ("Chattythat News",), "newspaper"), Agency("Reuters", ("R.",))]
    )
    assert local.lookup("chattythat news").name == "Chattythat"  # type: ignore[union-attr]
    assert local.lookup("Thomson Reuters") is None
    assert REG.lookup("Thomson Reuters").name == "Reuters"  # type: ignore[union-attr]
    assert REG.lookup("Chattythat") is None


def test_empty_registry_finds_nothing() -> None:
    """A registry without sources matches nothing and does not fail."""
    assert Registry(()).find_all("Reuters and AP") == []


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("  the  Central Military   Commission, ", "Central Military Commission"),
        ("North Korean leader Kim Jong Un", "Kim Jong Un"),
        ("Ukrainian President Volodymyr Zelenskyy", "Volodymyr Zelenskyy"),
        ("US diplomat Marco Rubio", "Marco Rubio"),
        ("the Secretary of State", "Secretary of State"),
        ("Secretary of State Marco Rubio", "Marco Rubio"),
        ("the spokesperson", "spokesperson"),
        ("Mr. Kim", "Kim"),
        ("General Motors", "General Motors"),
        ("President", "President"),
        ("“Kim Yo Jong”", "Kim Yo Jong"),
    ],
)
def test_normalise_name(raw: str, name: str) -> None:
    """Names lose determiners, quotes and a title before a name, but a bare title stays."""
    assert normalise_name(raw) == name


def test_find_all_is_fast_on_long_text() -> None:
    """A 100k-character text is scanned quickly (no backtracking blow-up)."""
    text = ("North Korea's state " * 5000)[:100_000]
    began = time.perf_counter()
    REG.find_all(text)
    assert time.perf_counter() - began < 2.0
