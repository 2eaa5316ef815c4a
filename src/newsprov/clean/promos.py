"""Subscription and newsletter prompts ("Sign up for our newsletter"), counted.

:data:`_PROMPT` is a long alternation tried case-insensitively: run at every
position of a story paragraph it costs tens of microseconds, and common words
("signed", "support", "following") let many paragraphs through the hint test.
:func:`promo_cues` therefore tries it only where one of its alternatives can
begin, which gives the same count.

Example:
    >>> promo_cues("Sign up for The Daily today to get the newsletter in your inbox.")
    3
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsprov.clean.features import Line, line_of

__all__ = ["PROMO_WORDS", "promo_cues"]

PROMO_WORDS = 45
"""A promotion (newsletter, subscription, app) is a sentence or two; a longer
paragraph that mentions a newsletter is story text."""

_PROMPT = re.compile(
    r"(?:^sign up\b|sign up (?:for|to)|subscribe (?:to|for)|\bnewsletters?\b|thanks for signing up"
    r"|your inbox|processing your subscription|click(?:ing)? here|share it with"
    r"|^follow\b.{0,80}\b(?:on|at) (?:facebook|twitter|instagram|x)\b"
    r"|delivered (?:straight )?to your inbox|newsletter sign-?up"
    r"|enter your e-?mail|by signing up|download (?:our|the) app"
    r"|follow us on|join our \w+ channel|support (?:our|independent) journalism"
    r"|^follow\b.{0,80}\bat (?:https?://|www\.)|^if you (?:enjoyed|liked) (?:this|our|reading)\b)",
    re.IGNORECASE,
)

_PROMPT_HINTS = (
    "sign",
    "subscri",
    "newsletter",
    "inbox",
    "click",
    "share it",
    "follow",
    "enter your",
    "download",
    "join our",
    "support",
    "if you",
)
"""Every :data:`_PROMPT` alternative holds one of these; a line with none is
skipped without running the pattern (most lines are story text)."""

_PROMPT_STARTS = (
    "sign up",
    "subscribe ",
    "newsletter",
    "thanks for signing up",
    "your inbox",
    "processing your subscription",
    "click",
    "share it with",
    "follow",
    "delivered ",
    "enter your e",
    "by signing up",
    "download ",
    "join our ",
    "support ",
    "if you ",
)
"""How each :data:`_PROMPT` alternative begins, lower-cased: a match starts where
one of these does (``tests/test_clean.py`` checks every alternative against them)."""
_FOLD_ODD = ("\u0130", "\u0131", "\u017f")
"""The only characters a case-insensitive pattern matches to an ASCII letter but
``str.lower()`` does not turn into it (İ, ı, ſ: checked over every code point in
the tests). Without them, a lower-cased hint is where the pattern can match."""


def promo_cues(line: str | Line) -> int:
    """How many subscription/newsletter prompts ``line`` holds (0 for long lines).

    Example:
        >>> promo_cues("Sign up for The Daily today to get the newsletter in your inbox.")
        3
        >>> promo_cues("The bank said it would cut rates.")
        0
    """
    text, count, low = line_of(line) if isinstance(line, str) else line
    if count > PROMO_WORDS:
        return 0
    if not any(map(low.__contains__, _PROMPT_HINTS)):
        return 0
    return _count_prompts(text, low)


def _count_prompts(text: str, low: str) -> int:
    """``len(_PROMPT.findall(text))``, trying the pattern only where an alternative
    can begin: findall takes the leftmost match, then searches on from its end.
    Without the characters of :data:`_FOLD_ODD`, ``low`` has the length of ``text``
    (U+0130 is the only character ``lower()`` turns into two), so a position in
    one is the same position in the other."""
    if not text.isascii() and any(map(text.__contains__, _FOLD_ODD)):
        return len(_PROMPT.findall(text))
    count = end = 0
    for i in sorted({i for lead in _PROMPT_STARTS for i in _occurrences(low, lead)}):
        if i >= end and (m := _PROMPT.match(text, i)) is not None:
            count, end = count + 1, m.end()
    return count


def _occurrences(low: str, lead: str) -> Iterator[int]:
    i = low.find(lead)
    while i >= 0:
        yield i
        i = low.find(lead, i + 1)
