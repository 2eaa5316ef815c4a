"""Report and speech cues: "X said", "according to X", "citing X", "published by X".

A verb from :data:`_VERB` is a cue when a subject stands right before it (or,
after a quotation or comma, right after it: "..., said Kim"). The subject
decides the source; "told", "cited ... as saying" and "quoted ... as saying"
also name a carrier (``via``). A cue citing a registry agency, or using
"reported", is a ``report``; any other speaker's is ``speech``.
"""

from __future__ import annotations

import re

from attrs import evolve

from newsprov.attribution._scan import (
    backward_np,
    forward_np,
    pronoun_before,
    source_name,
    subject_np,
)
from newsprov.attribution._speech import document_owner, ordinary_use, speaker_like
from newsprov.model.agencies import Registry
from newsprov.model.result import Attribution, AttributionKind

__all__ = ["find_cues"]

_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ADVERBS = (
    r"has|have|had|also|previously|later|earlier|further|then|repeatedly|again|officially|"
    r"publicly|separately|once|recently|today|yesterday|reportedly|allegedly|formally|"
    r"openly|directly|personally|initially|explicitly|privately|firmly|strongly|briefly|"
    r"first|never|immediately|subsequently|quickly|"
    r"on\s+" + _DAYS + r"|" + _DAYS
)
# Each repetition starts with a distinct word, so the {0,3} cannot backtrack badly.
_PRE = rf"(?:(?:{_ADVERBS})(?:\s+local\s+time)?\s+|(?:last|this)\s+(?:week|month|year)\s+){{0,3}}"
_VERBS = (
    r"said|says|say|told|tells|reported|reports|stated|added|adds|announced|confirmed|warned|"
    r"warns|claimed|asserted|noted|insisted|declared|wrote|writes|posted|tweeted|explained|"
    r"argued|vowed|stressed|emphasi[sz]ed|acknowledged|cited|quoted|cites|quotes|"
    r"described|hailed|praised|condemned|denounced"
)
_CUE = re.compile(rf"(?<![\w’'-])(?P<pre>{_PRE})(?P<verb>{_VERBS})(?![\w’'-])")
_REPORT_VERBS = frozenset({"reported", "reports"})
_CARRY_VERBS = frozenset({"cited", "quoted", "cites", "quotes"})
# Verbs that judge rather than report ("the statement described X as ..."): a cue
# only after a named subject. After a pronoun ("it described") or inverted
# ("..., hailed Kim") they too often belong to a sentence about something else.
_JUDGE_VERBS = frozenset({"described", "hailed", "praised", "condemned", "denounced"})
_NOT_ACTIVE = frozenset(
    re.findall(
        r"\w+",
        "was were is are be been being to not would will could may might should can did does do "
        "who which that",
    )
)
_MEDIUM = (
    r"statement|post|address|interview|speech|message|video|briefing|remarks|email|letter|"
    r"tweet|broadcast|conference|report|op-ed|editorial|commentary|note"
)
_IN_MEDIUM = re.compile(
    rf"\s+in\s+(?:a|an|the|his|her|its|their)\s+(?:[\w’'-]+\s+){{0,3}}(?:{_MEDIUM})(?![\w-])"
)
_ON_PLATFORM = re.compile(
    r"\s+on\s+(?:(?:his|her|its|their|the|a)\s+(?:[\w’'-]+\s+){0,3}"
    r"(?:platform|account|page|channel|feed|website|site|network)|Truth\s+Social|X|Twitter|"
    r"Facebook|Telegram|Instagram|social\s+media)(?![\w-])"
)
_AS_SAYING = re.compile(r"\s+as\s+say(?:ing|s)?(?![\w-])")
_ACCORDING = re.compile(r"(?<![\w-])[Aa]ccording\s+to\s+")
_CITING = re.compile(r"(?<![\w-])[Cc]iting\s+")
_CARRIED = re.compile(
    r"(?<![\w-])(?:(?:[Ii]n\s+)?(?:a|an|the|its|his|her)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:statement|report|article|dispatch|commentary|editorial|broadcast)\s+)?"
    r"(?:published|carried|released|issued|broadcast|aired|distributed)\s+by\s+"
)
_APPOSITION = 40
"""Characters past a phrase where a registry alias it starts may end (", KCNA")."""


def _kind(verb: str, source: str, registry: Registry) -> AttributionKind:
    if verb in _REPORT_VERBS or registry.lookup(source) is not None:
        return "report"
    return "speech"


# "Kim Dasher, who manages the store, said": the subject stands before the clause.
_RELATIVE = re.compile(r",\s+(?:who|which|whose)\s[^.!?]{1,120},\s*$")
# A crowd counted, not named, is nobody's voice ("Fewer people reported the aftershocks").
_QUANTIFIERS = frozenset(
    [
        "fewer",
        "few",
        "more",
        "many",
        "most",
        "dozens",
        "hundreds",
        "thousands",
        "millions",
        "scores",
        "numerous",
    ]
)


def _subject(text: str, start: int, *, pronoun: bool = True) -> tuple[int, int] | None:
    before = text[max(0, start - 12) : start].split()
    if before and before[-1].lower() in _NOT_ACTIVE:
        return None
    found = subject_np(text, start)
    if found is None and backward_np(text, start) is None:
        found = _before_clause(text, start)
    if found is None and pronoun:
        found = pronoun_before(text, start)
    if found is None or _counted_crowd(text[found[0] : found[1]]) or _adverb_end(text, found):
        return None
    return found


# "Mayer, Disney's chairman of streaming, said": a name, then its apposition between commas.
# Each character matches one branch only, so the search stays linear per start.
_APPOSED = re.compile(r",\s+(?:[^,.!?;:\"“”]|\.(?!\s)){1,120},\s*$")
_CLAUSE_WORDS = frozenset(
    re.findall(
        r"\w+",
        "and but or so yet nor while although though because as if when where whereas since "
        "then which that who",
    )
)
_CLAUSE_OPEN = frozenset(".!?”\"’'")


def _before_clause(text: str, start: int) -> tuple[int, int] | None:
    """The subject before a relative clause or an apposition set off by commas."""
    lo = max(0, start - 150)
    clause = _RELATIVE.search(text, lo, start)
    if clause is not None:
        return backward_np(text, clause.start())
    apposition = _APPOSED.search(text, lo, start)
    if apposition is None:
        return None
    first = text[apposition.start() + 1 : apposition.end()].split()[0].lower()
    if first in _CLAUSE_WORDS:
        return None  # ", but the poles are wetter, said ...": a clause, not an apposition
    found = backward_np(text, apposition.start())
    if found is None or not text[found[0]].isupper():
        return None
    opening = text[: found[0]].rstrip()
    return found if not opening or opening[-1] in _CLAUSE_OPEN else None


_NOUNS_IN_LY = frozenset(
    ["ally", "family", "assembly", "rally", "supply", "monopoly", "daily", "weekly", "bully"]
)
"""Nouns ending in "-ly": any other lower-case "-ly" word is an adverb, no subject's head."""


def _adverb_end(text: str, span: tuple[int, int]) -> bool:
    """True when the phrase ends in an adverb ("a poorly" of "a poorly described article")."""
    last = text[span[0] : span[1]].split()[-1]
    return last.islower() and last.endswith("ly") and last not in _NOUNS_IN_LY


def _counted_crowd(phrase: str) -> bool:
    words = phrase.split()
    return words[0].lower() in _QUANTIFIERS and not any(w[0].isupper() for w in words[1:])


def _inverted(text: str, m: re.Match[str]) -> tuple[int, int] | None:
    """ "..., said Kim": the speaker after the verb, only after a quotation or comma."""
    before = text[: m.start()].rstrip()
    if not before or before[-1] not in ",”\"'’" or m.group("pre"):
        return None
    if m.group("verb") in ("told", "tells"):
        return None  # "..., told KMTV" names the listener, not the speaker
    found = forward_np(text, m.end())
    if found is None or not speaker_like(text, found):
        return None
    return document_owner(text, found) or found


def _verb_cue(text: str, m: re.Match[str], registry: Registry) -> Attribution | None:
    verb = m.group("verb")
    judging = verb in _JUDGE_VERBS
    subject = _subject(text, m.start(), pronoun=not judging)
    if subject is None and judging:
        return None
    if subject is None:
        inverted = _inverted(text, m)
        if inverted is None or verb in _CARRY_VERBS:
            return None
        name = source_name(text[inverted[0] : inverted[1]], registry)
        start, end = m.start(), inverted[1]
        return Attribution(name, text[start:end], start, end, kind=_kind(verb, name, registry))
    medium = _medium(text, m.end()) is not None
    if ordinary_use(text, (m.start(), m.end()), subject, medium=medium):
        return None
    name = source_name(text[subject[0] : subject[1]], registry)
    if verb in _CARRY_VERBS:
        return _carry_cue(text, m, subject[0], name, registry)
    end, via = _tail(text, m.end(), verb, registry)
    return Attribution(
        name, text[subject[0] : end], subject[0], end, kind=_kind(verb, name, registry), via=via
    )


def _medium(text: str, pos: int) -> re.Match[str] | None:
    return _IN_MEDIUM.match(text, pos) or _ON_PLATFORM.match(text, pos)


def _carry_cue(
    text: str, m: re.Match[str], start: int, carrier: str, registry: Registry
) -> Attribution | None:
    """ "KCNA cited the Commission as saying": source the Commission, via KCNA."""
    obj = forward_np(text, m.end())
    if obj is None:
        return None
    saying = _AS_SAYING.match(text, obj[1])
    if saying is None:
        return None
    name = source_name(text[obj[0] : obj[1]], registry)
    end = saying.end()
    via = carrier if carrier != name else None
    return Attribution(name, text[start:end], start, end, kind="speech", via=via)


def _tail(text: str, pos: int, verb: str, registry: Registry) -> tuple[int, str | None]:
    """Where the cue ends after its verb, and the outlet told (``via``) if any."""
    if verb in {"told", "tells"}:
        obj = forward_np(text, pos)
        if obj is None:
            return pos, None
        mentions = registry.find_all(text[obj[0] : obj[1]])
        return obj[1], (mentions[0].agency.name if mentions else None)
    for pattern in (_IN_MEDIUM, _ON_PLATFORM):
        m = pattern.match(text, pos)
        if m is not None:
            return m.end(), None
    return pos, None


def _through_mention(text: str, phrase: tuple[int, int], registry: Registry) -> int:
    """The phrase's end, pushed to the end of a registry name it starts
    ("North Korea's state-run news agency, KCNA" runs past the comma)."""
    for mention in registry.find_all(text[phrase[0] : phrase[1] + _APPOSITION]):
        if mention.start < phrase[1] - phrase[0] < mention.end:
            return phrase[0] + mention.end
    return phrase[1]


def _phrase_cues(text: str, registry: Registry) -> list[Attribution]:
    out = []
    for pattern in (_ACCORDING, _CITING, _CARRIED):
        for m in pattern.finditer(text):
            phrase = forward_np(text, m.end(), allow_by=pattern is _ACCORDING)
            if phrase is None:
                continue
            if pattern is not _CARRIED:
                phrase = document_owner(text, phrase) or phrase  # "a report in the Globe"
            end = _through_mention(text, phrase, registry)
            name = source_name(text[phrase[0] : end], registry)
            start = m.start()
            out.append(Attribution(name, text[start:end], start, end, kind="report"))
    return out


def _sentence_of(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, pos), text.rfind("? ", 0, pos), text.rfind("! ", 0, pos))
    end = text.find(". ", pos)
    return start + 1, (len(text) if end == -1 else end)


def _citing_via(text: str, cues: list[Attribution]) -> list[Attribution]:
    """ "Citing X, KCNA said": X's cue is carried by KCNA, the sentence's reporter."""
    out = []
    for cue in cues:
        if cue.kind == "report" and cue.cue[:6].lower() == "citing" and cue.via is None:
            lo, hi = _sentence_of(text, cue.start)
            others = [
                c for c in cues if c is not cue and lo <= c.start < hi and c.source != cue.source
            ]
            if others:
                cue = evolve(cue, via=min(others, key=lambda c: abs(c.start - cue.start)).source)
        out.append(cue)
    return out


def find_cues(text: str, registry: Registry) -> list[Attribution]:
    """Every report or speech cue in ``text`` (kinds ``report`` and ``speech``).

    Example:
        >>> found = find_cues("It grew, Reuters reported.", Registry.default())
        >>> [(a.source, a.kind, a.cue) for a in found]
        [('Reuters', 'report', 'Reuters reported')]
    """
    cues = [c for m in _CUE.finditer(text) if (c := _verb_cue(text, m, registry)) is not None]
    cues.extend(_phrase_cues(text, registry))
    return _citing_via(text, cues)
