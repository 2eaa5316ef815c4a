"""The registry of news agencies, state media and broadcasters, with their aliases.

A source is known by many names: "AP", "The Associated Press", "Associated Press";
"KCNA", "Korean Central News Agency", "North Korea's state news agency". The
registry maps each alias to one canonical name so that credits and cues found
in different articles compare equal. Users extend it with their own sources.

Matching rules (explained because they are tuned):
- aliases of five letters or fewer written in capitals ("AP", "AFP", "KCNA") are
  acronyms and match only as written or in capitals, never inside a word, so
  "ap" in "cap" or "Ani" as a given name is not a source;
- every other alias matches case-insensitively on word boundaries ("REUTERS"
  in a photo credit is Reuters), the longest alias first ("Yonhap News Agency"
  before "Yonhap").

Example:
    >>> reg = Registry.default()
    >>> reg.lookup("The Associated Press").name
    'AP'
    >>> [(m.start, m.agency.name) for m in reg.find_all("KCNA via REUTERS")]
    [(0, 'KCNA'), (9, 'Reuters')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal, TypeAlias

from attrs import field, frozen

__all__ = ["Agency", "AgencyKind", "Mention", "Registry", "normalise_name"]

AgencyKind: TypeAlias = Literal["wire", "state", "broadcaster", "newspaper"]
"""``wire``: a news agency selling copy; ``state``: state media relaying official
statements; ``broadcaster`` and ``newspaper``: outlets that others quote."""


@frozen
class Agency:
    """One source with its canonical ``name`` and every ``aliases`` it goes by."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: AgencyKind = "wire"
    country: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases."""
        return (self.name, *self.aliases)


@frozen
class Mention:
    """Where a registry name occurs in a text: ``text[start:end]`` names ``agency``."""

    start: int
    end: int
    agency: Agency


_A = Agency
_BUILTIN: tuple[Agency, ...] = (
    _A("Reuters", ("Thomson Reuters", "Reuters News Agency"), "wire", "GB"),
    _A("AP", ("Associated Press", "The Associated Press", "AP News"), "wire", "US"),
    _A(
        "AFP", ("Agence France-Presse", "Agence France Presse", "Agence France-Press"), "wire", "FR"
    ),
    _A("Bloomberg", ("Bloomberg News",), "wire", "US"),
    _A("UPI", ("United Press International",), "wire", "US"),
    _A("dpa", ("DPA", "Deutsche Presse-Agentur", "German Press Agency"), "wire", "DE"),
    _A("EFE", ("Agencia EFE",), "wire", "ES"),
    _A("ANSA", ("Agenzia Nazionale Stampa Associata",), "wire", "IT"),
    _A("Kyodo", ("Kyodo News", "Kyodo News Agency"), "wire", "JP"),
    _A("Jiji Press", ("Jiji",), "wire", "JP"),
    _A(
        "Yonhap",
        ("Yonhap News Agency", "Yonhap News", "South Korea's Yonhap news agency"),
        "wire",
        "KR",
    ),
    _A(
        "KCNA",
        (
            "Korean Central News Agency",
            "North Korea's state news agency",
            "North Korea's state-run news agency",
            "North Korea's official news agency",
            "North Korean state media",
            "North Korea's state media",
            "the North's state media",
            "the North's official news agency",
            "KCNA state news agency",
            "KCNA news agency",
            "the state news agency KCNA",
            "North Korea's official KCNA news agency",
            "North Korea's state-run news agency, KCNA",
            "North Korea's state news agency, KCNA",
            "Korean Central News Agency (KCNA)",
        ),
        "state",
        "KP",
    ),
    _A("KCTV", ("Korean Central Television",), "state", "KP"),
    _A("Rodong Sinmun", ("Rodong Sinmun newspaper",), "state", "KP"),
    _A(
        "Xinhua",
        ("Xinhua News Agency", "China's state news agency", "Chinese state media"),
        "state",
        "CN",
    ),
    _A("CCTV", ("China Central Television",), "state", "CN"),
    _A("Global Times", (), "state", "CN"),
    _A("TASS", ("ITAR-TASS", "Tass", "Russia's state news agency"), "state", "RU"),
    _A("RIA Novosti", ("RIA",), "state", "RU"),
    _A("Interfax", (), "wire", "RU"),
    _A("Ukrinform", ("Ukrainian National News Agency",), "state", "UA"),
    _A("Interfax-Ukraine", (), "wire", "UA"),
    _A("PA Media", ("Press Association", "PA"), "wire", "GB"),
    _A("ANI", ("Asian News International",), "wire", "IN"),
    _A("PTI", ("Press Trust of India",), "wire", "IN"),
    _A("UNI", ("United News of India",), "wire", "IN"),
    _A("AAP", ("Australian Associated Press",), "wire", "AU"),
    _A("The Canadian Press", ("Canadian Press",), "wire", "CA"),
    _A("Anadolu", ("Anadolu Agency", "Anadolu Ajansi"), "state", "TR"),
    _A("IRNA", ("Islamic Republic News Agency",), "state", "IR"),
    _A("WAFA", ("Palestinian news agency WAFA",), "state", "PS"),
    _A("Central News Agency", (), "wire", "TW"),
    _A("Bernama", (), "state", "MY"),
    _A("Antara", ("Antara News Agency",), "state", "ID"),
    _A("NBC News", ("NBC",), "broadcaster", "US"),
    _A("CBS News", ("CBS",), "broadcaster", "US"),
    _A("ABC News", (), "broadcaster", "US"),
    _A("CNN", (), "broadcaster", "US"),
    _A("Fox News", (), "broadcaster", "US"),
    _A("BBC", ("BBC News",), "broadcaster", "GB"),
    _A("Sky News", (), "broadcaster", "GB"),
    _A("Al Jazeera", (), "broadcaster", "QA"),
    _A("NHK", (), "broadcaster", "JP"),
    _A("KBS", ("Korean Broadcasting System",), "broadcaster", "KR"),
    _A("Arirang News", ("Arirang",), "broadcaster", "KR"),
    _A("Deutsche Welle", ("DW",), "broadcaster", "DE"),
    _A("France 24", (), "broadcaster", "FR"),
    _A("Euronews", (), "broadcaster", "FR"),
    _A("RT", ("Russia Today",), "state", "RU"),
    _A("Sputnik", (), "state", "RU"),
    _A("The New York Times", ("New York Times", "NYT"), "newspaper", "US"),
    _A("The Washington Post", ("Washington Post",), "newspaper", "US"),
    _A("The Wall Street Journal", ("Wall Street Journal", "WSJ"), "newspaper", "US"),
    _A("Financial Times", ("FT",), "newspaper", "GB"),
    _A("The Guardian", ("Guardian",), "newspaper", "GB"),
)


def _is_acronym(alias: str) -> bool:
    letters = alias.replace("-", "")
    return len(letters) <= 5 and letters.isalpha() and (letters.isupper() or letters.islower())


def _alias_pattern(alias: str) -> str:
    body = r"\s+".join(re.escape(part) for part in alias.replace("'", "’").split())
    body = body.replace("’", "['’]")
    if _is_acronym(alias):
        variants = {alias, alias.upper()}
        body = "|".join(re.escape(v) for v in sorted(variants))
        return rf"(?-i:(?:{body})(?![\w-]))"
    return rf"{body}(?![\w-])"


def _compile(agencies: tuple[Agency, ...]) -> tuple[re.Pattern[str], tuple[Agency, ...]]:
    pairs = sorted(
        ((alias, agency) for agency in agencies for alias in agency.names),
        key=lambda pair: (-len(pair[0]), pair[0]),
    )
    group_agencies = tuple(agency for _, agency in pairs)
    if not pairs:
        return re.compile(r"(?!x)x"), group_agencies
    # The word-start test and a first-letter lookahead are hoisted out of the
    # alternation, so most positions fail before any alias is tried.
    firsts = "".join(sorted({re.escape(alias[0]) for alias, _ in pairs}))
    body = "|".join(f"({_alias_pattern(alias)})" for alias, _ in pairs)
    pattern = rf"(?<![\w-])(?=[{firsts}])(?:{body})"
    return re.compile(pattern, re.IGNORECASE), group_agencies


@frozen
class Registry:
    """An immutable set of sources; :meth:`extend` returns a larger one."""

    agencies: tuple[Agency, ...]
    _compiled: tuple[re.Pattern[str], tuple[Agency, ...]] = field(init=False, eq=False, repr=False)

    @_compiled.default
    def _compile_default(self) -> tuple[re.Pattern[str], tuple[Agency, ...]]:
        return _compile(self.agencies)

    @classmethod
    def default(cls) -> Registry:
        """The built-in registry (wire agencies, state media, broadcasters).

        Example:
            >>> Registry.default().lookup("Yonhap News Agency").name
            'Yonhap'
        """
        return cls(_BUILTIN)

    def extend(self, agencies: Iterable[Agency]) -> Registry:
        """A registry with ``agencies`` added; a name already known is replaced.

        Example:
            >>> reg = Registry.default().extend([Agency("Chattythat", kind="newspaper")])
            >>> reg.lookup("chattythat").name
            'Chattythat'
        """
        new = tuple(agencies)
        replaced = {a.name for a in new}
        return Registry(tuple(a for a in self.agencies if a.name not in replaced) + new)

    def find_all(self, text: str) -> list[Mention]:
        """Every non-overlapping mention of a known source in ``text``, in order.

        Example:
            >>> [m.agency.name for m in Registry.default().find_all("AP and AFP, not a cap")]
            ['AP', 'AFP']
        """
        pattern, owners = self._compiled
        out = []
        for m in pattern.finditer(text):
            index = m.lastindex
            if index is not None:
                out.append(Mention(m.start(), m.end(), owners[index - 1]))
        return out

    def lookup(self, name: str) -> Agency | None:
        """The source that ``name`` is, as a whole, or None.

        Example:
            >>> Registry.default().lookup("REUTERS").name
            'Reuters'
            >>> Registry.default().lookup("Reuters reported") is None
            True
        """
        cleaned = name.strip().strip(".,;:()[]\"'“”‘’").strip()
        for mention in self.find_all(cleaned):
            if mention.start == 0 and mention.end == len(cleaned):
                return mention.agency
        return None


_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_TITLE_WORDS = (
    r"president|vice\s+president|prime\s+minister|minister|secretary\s+of\s+state|"
    r"secretary-general|secretary|chancellor|leader|chairman|chairwoman|chair|spokesperson|"
    r"spokesman|spokeswoman|diplomat|envoy|ambassador|gen\.|admiral|senator|sen\.|"
    r"representative|rep\.|governor|gov\.|mayor|king|queen|pope|mr\.?|mrs\.?|ms\.?|dr\.?|"
    r"commander|official|director|officer|ceo|founder|lawmaker|analyst|expert"
)
# A title is stripped only when a capitalised name follows it ("President Vladimir
# Putin" -> "Vladimir Putin"); "Secretary of State" or "spokesperson" alone stay.
# Up to three words before the title ("North Korean leader", "Ukrainian President");
# the greedy prefix picks the last title, each word is bounded, so no backtracking blowup.
_ROLE = re.compile(
    rf"^(?:[\w’'.\-]+\s+){{0,3}}(?:{_TITLE_WORDS})\s+(?-i:(?=[A-Z])(?!of\b))", re.IGNORECASE
)


# Roles (not titles) before a person's name: stripped only when a name of at least
# two capitalised words follows, so "Sweet Grass County Sheriff Norma Bighorn" ->
# "Norma Bighorn" while "Student Union" or "resident Loretta" stay as written.
_ROLES = (
    r"sheriff|deputy|resident|residents|geophysicist|seismologist|geologist|scientist|"
    r"researcher|meteorologist|forecaster|owner|co-owner|manager|inspector|chief|captain|"
    r"lieutenant|sergeant|detective|professor|lawyer|attorney|judge|coach|engineer|"
    r"technician|farmer|rancher|teacher|student|worker|economist|clerk|nurse|doctor|executive"
)
_ROLE_BEFORE_NAME = re.compile(
    rf"^(?:[\w’'.\-]+\s+){{0,3}}(?:{_ROLES})\s+(?-i:(?=[A-Z][a-z]))", re.IGNORECASE
)


def normalise_name(name: str) -> str:
    """A speaker's name as newsprov reports it: single spaces, no quotes, determiners or titles.

    A title goes only when a name follows it; a bare title is the name.

    Example:
        >>> normalise_name("  the  Central Military   Commission, ")
        'Central Military Commission'
        >>> normalise_name("North Korean leader Kim Jong Un")
        'Kim Jong Un'
        >>> normalise_name("the Secretary of State")
        'Secretary of State'
        >>> normalise_name("Sweet Grass County Sheriff Norma Bighorn")
        'Norma Bighorn'
    """
    text = " ".join(name.split()).strip(" ,.;:\"'“”‘’()[]")
    text = _DETERMINER.sub("", text) or text
    role = _ROLE_BEFORE_NAME.match(text)
    if role is not None and " " in text[role.end() :].strip():
        text = text[role.end() :]
    role = _ROLE.match(text)
    if role is not None and role.end() < len(text):
        text = text[role.end() :]
    return text
