"""Noun-phrase scanning around a cue: who said it, who was cited, who carried it.

No parser: a bounded token walk. Backwards from a verb, the subject is a run of
capitalised words ("Kim Jong Un", "North Korea's official KCNA news agency"),
optionally started by a determiner ("the commission", "the state news agency
KCNA"); forwards after "according to" or "citing", the phrase runs to the next
punctuation or function word. Every walk looks at a bounded window, so a
100,000-character line costs no more than a short one.
"""

from __future__ import annotations

import re
from typing import Literal

from newsprov.model.agencies import Registry, normalise_name

__all__ = [
    "CUE_VERBS",
    "Token",
    "backward_np",
    "forward_np",
    "is_non_name",
    "pronoun_before",
    "source_name",
    "subject_np",
    "tokens",
]

WINDOW = 240
"""Characters looked at on either side of a cue; a subject longer than this is not a subject."""

MAX_LOWER = 4
"""Lowercase words a phrase may hold in a row ("the state news agency KCNA" has three)."""

MAX_TOKENS = 14
"""Words a phrase may hold at most
("the Central Military Commission of the regime's ruling Workers' Party")."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(r"[^\W_][\w’'\-]*(?:\.(?=[^\W_])[\w’'\-]*)*|\S")

DETERMINERS = frozenset({"the", "a", "an"})
POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
CONNECTORS = frozenset({"of", "for"})
# Words that stand for someone without naming anyone ("Others said", "Some said").
NON_NAMES = _words(
    "i we you he she it they this that these those others other some another many most all "
    "both each either neither several few one everyone someone anyone nobody everybody "
    "somebody anybody"
)
# Of those, words that may start a phrase as a determiner does ("Some analysts said").
QUANTIFIERS = _words("one some another both several many most all each few other")
# Prepositions a subject's head noun may carry a phrase after ("A doctor on the scene").
PREPOSITIONS = _words(
    "on in at with across from near inside outside around within among behind beside for to"
)
# A capitalised phrase after these names whom the head speaks for ("a spokesman for the
# Defence Ministry", "an analyst at Miller Tabak"): that phrase stays the subject, and
# after "for" any phrase does ("a spokeswoman for the company").
_OWNER_PREPOSITIONS = _words("for at from to")
# Adjectives that follow their noun before a preposition ("a person familiar with ...").
POSTMODIFIERS = _words("familiar close involved briefed knowledgeable present")
_CONTRACTION = re.compile(r"[’'](?:s|ve|re|ll|d|m)$")
_ABBREVIATIONS = frozenset(
    {"u.s", "u.k", "u.n", "mr", "mrs", "ms", "dr", "st", "jr", "gen", "lt", "col", "sen", "rep"}
)

CUE_VERBS = _words(
    "said says say told tells reported reports stated added adds announced confirmed "
    "warned warns claimed asserted noted insisted declared wrote writes posted tweeted "
    "explained argued vowed stressed emphasized emphasised acknowledged cited quoted "
    "cites quotes saying described hailed praised condemned denounced"
)

STOP = (
    _words(
        "that which who whom whose on in at as with to from after before during since until "
        "while when where and or but is was were are has have had be been being will would "
        "could may might can should shall not no also this these those about over under into "
        "than because if so then there here amid despite against via per up down out off "
        "do does did said just only even still yet already very more most"
    )
    | CUE_VERBS
    | PRONOUNS
)

# Capitalised words that start a clause rather than a name.
_CAP_STOP = _words(
    "meanwhile but and however also then so yet still now later earlier separately instead "
    "in on at after before as when while if although though since because this that it "
    "there here thus therefore moreover furthermore besides nevertheless today yesterday "
    "monday tuesday wednesday thursday friday saturday sunday i we you"
)


class Token:
    """One word or punctuation mark with its offsets (a plain class: hot path)."""

    __slots__ = ("end", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end

    @property
    def is_word(self) -> bool:
        """True for a word, False for a punctuation mark."""
        return self.text[0].isalnum()


def tokens(text: str, start: int, end: int) -> list[Token]:
    """The tokens of ``text[start:end]`` with offsets into ``text``.

    Example:
        >>> [t.text for t in tokens("North Korea’s KCNA, said", 0, 24)]
        ['North', 'Korea’s', 'KCNA', ',', 'said']
    """
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def _capitalised(word: str) -> bool:
    return word[0].isupper() or (word[0].isdigit() and any(c.isupper() for c in word))


def backward_np(text: str, pos: int) -> tuple[int, int] | None:
    """The subject phrase ending right before ``pos`` (spaces skipped), or None.

    Example:
        >>> s = "the Secretary of State told NBC News"
        >>> span = backward_np(s, 23)
        >>> s[span[0]:span[1]]
        'the Secretary of State'
    """
    toks = tokens(text, max(0, pos - WINDOW), pos)
    first: Token | None = None
    last: Token | None = None
    pending: list[Token] = []
    for tok in reversed(toks[-MAX_TOKENS:]):
        word = tok.text
        lower = word.lower()
        if tok.is_word and (lower in DETERMINERS or lower in POSSESSIVES):
            if last is None and not pending:
                break
            first, last = tok, last or pending[0]
            pending = []
            break
        if tok.is_word and _capitalised(word) and lower not in _CAP_STOP:
            if lower in QUANTIFIERS and (last is not None or pending):
                first, last = tok, last or pending[0]  # "One official", "Some analysts"
                break
            if is_non_name(lower):
                break  # "We've said", "Others reported"
            first, last = tok, last or (pending[0] if pending else tok)
            pending = []
            continue
        if tok.is_word and (lower in CONNECTORS or _lower_word(lower)) and len(pending) < MAX_LOWER:
            if lower in CONNECTORS and first is None:
                break
            pending.append(tok)
            continue
        if word == "." and first is not None and _abbreviation_before(toks, tok):
            continue
        break
    if first is None or last is None:
        return None
    return first.start, last.end


def is_non_name(word: str) -> bool:
    """True for a pronoun or quantifier word, contracted or not ("we’ve", "others").

    Example:
        >>> [is_non_name(w) for w in ("We've", "others", "Kim", "it’s")]
        [True, True, False, True]
    """
    return _CONTRACTION.sub("", word.lower()) in NON_NAMES


def subject_np(text: str, pos: int) -> tuple[int, int] | None:
    """The subject ending right before ``pos``: :func:`backward_np` taken back to its head.

    A prepositional phrase ("A doctor on the scene"), a short relative clause
    ("analysts who ran the numbers") and a coordinated "and his team" are
    skipped to the noun they hang on; a subject that is only a pronoun or a
    quantifier ("those with asthma", "Some") is none.

    Example:
        >>> s = "A medic at the clinic and her team told Reuters"
        >>> span = subject_np(s, s.index("told"))
        >>> s[span[0]:span[1]]
        'A medic'
    """
    span = backward_np(text, pos)
    for _ in range(_MAX_HOPS):
        if span is None:
            return None
        head = _head_before(text, span)
        if head is False:
            break
        span = head
    if span is None or all(is_non_name(t.text) for t in tokens(text, *span) if t.is_word):
        return None
    return span


_MAX_HOPS = 3
"""Phrases skipped back at most ("workers at the site of the attack in Kyiv" is three)."""

_RELATIVE_REACH = 8
"""Words a relative clause without commas may hold ("who have done the calculations")."""


def _head_before(text: str, span: tuple[int, int]) -> tuple[int, int] | Literal[False] | None:
    """The phrase ``span`` hangs on, None when that is no subject, False when ``span`` is one."""
    toks = tokens(text, max(0, span[0] - WINDOW), span[0])[-MAX_TOKENS:]
    if not toks or not toks[-1].is_word:
        return False
    lower = toks[-1].text.lower()
    phrase = text[span[0] : span[1]]
    if lower in PREPOSITIONS:
        named = any(_capitalised(w) for w in phrase.split())
        if lower == "for" or (lower in _OWNER_PREPOSITIONS and named):
            return False  # "a spokesman for the Defence Ministry": the ministry speaks
        prior = toks[-2] if len(toks) > 1 else None
        if prior is not None and prior.text.lower().endswith("ed"):
            return False  # "research published in the journal Nature": the journal
        at = -2 if prior is not None and prior.text.lower() in POSTMODIFIERS else -1
        return backward_np(text, toks[at].start) or _bare_noun(toks[: len(toks) + at])
    if lower == "and" and phrase.split()[0].lower() in POSSESSIVES:
        return backward_np(text, toks[-1].start) or False  # "Kim and his team"
    for back, tok in enumerate(reversed(toks[-_RELATIVE_REACH:])):
        if not tok.is_word:
            break
        if tok.text.lower() in ("who", "whom") and back > 0:
            index = len(toks) - 1 - back  # "analysts who ran the numbers"
            return backward_np(text, tok.start) or _bare_noun(toks[:index])
    return False


def _bare_noun(toks: list[Token]) -> tuple[int, int] | None:
    """The last token as a subject when it is a bare lower-case noun ("people familiar
    with the plan", "sources in the camp"), not a function word, pronoun, participle
    or adverb."""
    if not toks or not toks[-1].is_word:
        return None
    word = toks[-1].text
    if not word.islower() or not _lower_word(word) or is_non_name(word):
        return None
    if word.endswith(("ed", "ing", "ly")):
        return None
    return toks[-1].start, toks[-1].end


def _abbreviation_before(toks: list[Token], dot: Token) -> bool:
    index = toks.index(dot)
    return index > 0 and toks[index - 1].text.lower() in _ABBREVIATIONS


def _lower_word(lower: str) -> bool:
    return lower.replace("-", "").replace("'", "").replace("’", "").isalpha() and lower not in STOP


def pronoun_before(text: str, pos: int) -> tuple[int, int] | None:
    """The span of a subject pronoun ("he", "she", "it", "they") right before ``pos``.

    Example:
        >>> pronoun_before("as he said", 6)
        (3, 5)
    """
    toks = tokens(text, max(0, pos - 12), pos)
    if toks and toks[-1].text.lower() in PRONOUNS - {"i", "we"}:
        return toks[-1].start, toks[-1].end
    return None


def forward_np(text: str, pos: int, *, allow_by: bool = False) -> tuple[int, int] | None:
    """The phrase starting at ``pos`` (spaces skipped), up to punctuation or a function word.

    ``allow_by`` lets the phrase run on through "by" ("a video shared by
    Ukrainian president Volodymyr Zelensky").

    Example:
        >>> s = "according to a video shared by Zelensky, he"
        >>> span = forward_np(s, 13, allow_by=True)
        >>> s[span[0]:span[1]]
        'a video shared by Zelensky'
    """
    toks = tokens(text, pos, min(len(text), pos + WINDOW))[:MAX_TOKENS]
    start: int | None = None
    end: int | None = None
    open_slot = True  # a determiner may come here (start, or after a connector)
    lower_run = 0
    for index, tok in enumerate(toks):
        lower = tok.text.lower()
        if tok.text == "." and end is not None and _abbreviation_before(toks[: index + 1], tok):
            end = tok.end  # "the U.S. Geological Survey"
            continue
        if not tok.is_word:
            break
        if lower in DETERMINERS or lower in POSSESSIVES:
            if not open_slot:
                break
            start = tok.start if start is None else start
            open_slot = False
            continue
        if end is not None and (lower in CONNECTORS or (allow_by and lower == "by")):
            open_slot = True
            continue
        if _capitalised(tok.text) and lower not in _CAP_STOP:
            lower_run = 0
        elif _lower_word(lower) and lower_run < MAX_LOWER:
            lower_run += 1
        else:
            break
        start = tok.start if start is None else start
        end = tok.end
        open_slot = False
    if start is None or end is None:
        return None
    return start, end


_BY = re.compile(r"\b(?:shared|published|released|issued|posted|carried|cited|quoted)\s+by\s+")
_OF_TAIL = re.compile(
    r"\s+of\s+(?=(?:the|a|an|its|his|her|their)\s|(?:[A-Z][\w-]*\s+){0,2}[\w-]+['’]s\b)"
)
# "North Korea's Central Military Commission" -> "Central Military Commission": the
# owner goes when two or more capitalised words (a proper name) follow it.
_OWNER = re.compile(r"^(?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*['’]s\s+(?=[A-Z][\w-]*\s+[A-Z])")
# A capitalised, non-possessive word right before a registry name makes it part of
# a person's name ("Michael Bloomberg"), not the agency.
_NAME_BEFORE = re.compile(r"(?<![\w’'-])(?!(?:A|An|The)\s)[A-Z][\w’'-]*(?<![’']s)(?<![’'])\s+$")
_LEADING = re.compile(r"^(?:(?:the|a|an|his|her|its|their)\s+)+", re.IGNORECASE)


def source_name(phrase: str, registry: Registry) -> str:
    """The source a phrase names: a registry agency, else the normalised phrase.

    Example:
        >>> reg = Registry.default()
        >>> source_name("North Korea’s official KCNA news agency", reg)
        'KCNA'
        >>> source_name("The Central Military Commission of North Korea’s ruling party", reg)
        'Central Military Commission'
        >>> source_name("a video shared by Ukrainian president Volodymyr Zelensky", reg)
        'Volodymyr Zelensky'
        >>> source_name("Michael Bloomberg", reg)
        'Michael Bloomberg'
        >>> source_name("Sweet Grass County Sheriff Norma Bighorn", reg)
        'Norma Bighorn'
    """
    for mention in registry.find_all(phrase):
        if not _NAME_BEFORE.search(phrase, 0, mention.start):
            return mention.agency.name  # not "Michael Bloomberg"
    by = _BY.search(phrase)
    if by is not None:
        phrase = phrase[by.end() :]
    of_tail = _OF_TAIL.search(phrase)
    if of_tail is not None:
        phrase = phrase[: of_tail.start()]
    stripped = _LEADING.sub("", phrase) or phrase
    owner = _OWNER.match(stripped)
    if owner is not None:
        stripped = stripped[owner.end() :]
    return normalise_name(stripped)
