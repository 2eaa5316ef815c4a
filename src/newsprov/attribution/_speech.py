"""Does a cue speak? Checks on the words around a report or speech verb.

A phrase after the verb ("..., said Tuesday", "..., said of that") must look like
a speaker; a document named after "according to" may belong to an outlet ("a
report in the Valley Courier"); and verbs that are ordinary verbs too ("the
shares added 3%", "a merger announced in May") need speech context. Every check
reads a bounded window of tokens.
"""

from __future__ import annotations

import re

from newsprov.attribution._scan import (
    CONNECTORS,
    DETERMINERS,
    POSSESSIVES,
    PREPOSITIONS,
    PRONOUNS,
    QUANTIFIERS,
    STOP,
    backward_np,
    forward_np,
    is_non_name,
    tokens,
)

__all__ = ["document_owner", "ordinary_use", "speaker_like"]

_DATE_WORDS = frozenset(
    re.findall(
        r"\w+",
        "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow "
        "tonight january february march april may june july august september october november "
        "december jan feb mar apr jun jul aug sep sept oct nov dec",
    )
)
_FUNCTION = PREPOSITIONS | CONNECTORS
_OWNER_S = re.compile(r"[’']s$")
_NUMBERS = frozenset(
    re.findall(r"\w+", "two three four five six seven eight nine ten dozen hundred thousand")
)
# After an inverted speaker, these make it the subject of a clause of its own
# ("..., says the stock could rise"): the speaker stood before the verb.
_CLAUSE_VERBS = frozenset(
    re.findall(
        r"\w+", "is was are were has have had will would could can may might should must does did"
    )
)


def speaker_like(text: str, span: tuple[int, int]) -> bool:
    """True when a phrase after the verb can be its speaker: a name, or a determiner and a
    noun; never a date word, a number, a preposition, a pronoun or an owner's possessive,
    nor the subject of a verb of its own.

    Example:
        >>> [speaker_like(s, (0, len(s))) for s in ("Tuesday", "of that", "engineer Ana Ruiz")]
        [False, False, True]
    """
    words = [t.text for t in tokens(text, span[0], span[1]) if t.is_word]
    first = words[0].lower()
    if _OWNER_S.sub("", first) in _DATE_WORDS or first in _NUMBERS or first[0].isdigit():
        return False
    if first in DETERMINERS or first in POSSESSIVES or first in QUANTIFIERS:
        if len(words) < 2 or is_non_name(words[1]):
            return False  # "said one legal expert" speaks, "said this" does not
    elif is_non_name(first) or (words[0].islower() and (first in STOP or first in _FUNCTION)):
        return False  # "said of that on-ramp"
    if words[-1].endswith(("’s", "'s")):
        return False  # "said the president’s “temperament” ...": an owner, not a speaker
    following = tokens(text, span[1], min(len(text), span[1] + 20))
    return not (following and following[0].text.lower() in _CLAUSE_VERBS)


_DOCUMENTS = (
    r"report|study|survey|article|story|analysis|statement|paper|note|letter|release|filing|"
    r"memo|review|poll|interview|investigation"
)
_OWNED_DOCUMENT = re.compile(rf"(?:{_DOCUMENTS})\s+(?:in|from|by|of)\s+(?=(?:the\s+)?[A-Z])")


def document_owner(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """ "a report in the Argus Leader": the phrase naming whose document it is, or None.

    Example:
        >>> s = "a report in the Valley Courier, the"
        >>> span = document_owner(s, (0, 8))
        >>> s[span[0]:span[1]]
        'the Valley Courier'
    """
    head = text[span[0] : span[1]].split()[-1]
    owned = _OWNED_DOCUMENT.match(text, span[1] - len(head))
    return forward_np(text, owned.end()) if owned is not None else None


_ORDINARY_VERBS = frozenset(
    re.findall(r"\w+", "added adds announced described reported reports posted noted")
)
"""Cue verbs that are ordinary verbs too ("the stock added 2%", "a deal announced in May")."""
_QUANTITY = frozenset(
    re.findall(r"\w+", "nearly almost about around roughly some up down over just than")
)
"""Words that lead to a number ("added about 2%", "reported up 3%")."""
_MORE = frozenset(["more", "less", "fewer", "another"])
# Where a participle after a common noun goes on ("a deal announced at the start").
_AFTER_PARTICIPLE = frozenset(
    re.findall(r"\w+", "in on at by for during with from to after before last this as since")
)
_MONTHS = _DATE_WORDS - frozenset(
    re.findall(r"\w+", "monday tuesday wednesday thursday friday saturday sunday today tonight")
)
_SPEECH_WORDS = frozenset(["that", ":", '"', "“", "«", "‘"])
_SPEECH_REACH = 16
"""Tokens after the verb searched for "that", a colon or a quotation mark."""


def _speech_follows(after: list[str]) -> bool:
    """True when "that", a colon or a quotation mark follows within the sentence."""
    for index, word in enumerate(after[:_SPEECH_REACH]):
        if word.lower() in _SPEECH_WORDS:
            return True
        if word in (".", "!", "?") and (index == 0 or after[index - 1].lower() not in _MONTHS):
            return False  # the sentence ended ("Nov." is no end)
    return False


def ordinary_use(
    text: str, verb: tuple[int, int], subject: tuple[int, int], *, medium: bool
) -> bool:
    """True when an ordinary-verb cue is no speech: a quantity or a bare date follows
    ("added 2%", "added Nov. 18:"), or it is a participle after a common noun ("a deal
    announced at ...") with no "that", colon or quotation after it. ``verb`` is the
    verb's span (with any adverbs before it), ``subject`` the subject's; ``medium``
    says a medium follows ("in a statement"), which makes a named subject's verb speech.

    Example:
        >>> s = "The shares added 3% on Monday."
        >>> ordinary_use(s, (11, 16), (0, 10), medium=False)
        True
        >>> s = "Kim added that it was over."
        >>> ordinary_use(s, (4, 9), (0, 3), medium=False)
        False
    """
    start, end = verb
    if text[start:end].split()[-1] not in _ORDINARY_VERBS:
        return False
    after = [t.text for t in tokens(text, end, min(len(text), end + 120))]
    while after and after[0].islower() and after[0].endswith("ly"):
        after = after[1:]  # "reported significantly more"
    nxt = after[0].lower() if after else ""
    number = nxt[:1].isdigit() or nxt in ("$", "%", "€", "£")
    led = nxt in _QUANTITY and any(w[0].isdigit() for w in after[1:3])  # "about 20"
    if nxt in _MORE or number or led:
        return True
    if nxt in _MONTHS:  # "announced Jan. 4 that ..." speaks; "added Jan. 4, 2021:" dates a note
        return "that" not in (w.lower() for w in after[:_SPEECH_REACH])
    near = backward_np(text, start) or subject  # the noun right before the verb
    head = text[near[0] : near[1]].split()[-1]
    if not head.islower() or head in PRONOUNS or nxt not in _AFTER_PARTICIPLE:
        return False  # a name or a pronoun does speak
    if _speech_follows(after):
        return False
    before = text[max(0, near[0] - 12) : near[0]].split()
    governed = bool(before) and before[-1].lower() in PREPOSITIONS  # "in a letter posted on X"
    return governed or not medium
