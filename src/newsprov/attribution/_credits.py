"""Credits written inside the text: datelines, bylines, trailers, copyright lines.

Each finder returns ``credit`` attributions whose source the registry knows;
a credit naming no known source is not reported (the cleaner keeps its own
record of boilerplate).
"""

from __future__ import annotations

import itertools
import re

from newsprov.model.agencies import Mention, Registry
from newsprov.model.result import Attribution

__all__ = ["find_credits"]

TRAILER_HOUSE = "Reuters"
"""Whose house style "Reporting by ...; Editing by ..." is when the trailer names no agency."""

MAX_BYLINE = 160
"""Characters a byline paragraph ("By Jane Doe and John Roe, Associated Press") may have."""

_DATELINE = re.compile(r"\(\s*([^()\n]{1,60}?)\s*\)\s*[-—–]{1,2}")
# "SEOUL", "KYIV, Ukraine", "WASHINGTON, April 28", "NEW YORK, Jan. 5, 2025"; each part bounded.
_PLACE = re.compile(
    r"\s*[A-Z][A-Z.'’\- ]{1,40}(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,3})?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*"
)
_TRAILER = re.compile(r"\(?\b(?:Additional\s+)?[Rr]eporting\s+by\s")
_EDITING = re.compile(r";\s*(?:Additional\s+reporting|Writing|Editing|Compiled|Graphics)\s+by\s")
_COPYRIGHT = re.compile(
    r"(?:Copyright\b\s*(?:©|\(c\))?|©)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?[\s,]*)?(?:by\s+)?"
)
_RIGHTS = re.compile(r"[.,]?\s*All\s+rights\s+reserved\.?")
_VIA = re.compile(r"\s+via\s+")
_CONTRIBUTED = re.compile(
    r"\s+(?:writers?|reporters?|correspondents?|staff)\b[^.\n]{0,200}?\bcontributed"
    r"(?:\s+to\s+this\s+(?:report|story))?"
)
_SIGNOFF = re.compile(r"(?:[A-Z][\w’'.\-]*\s+){0,4}[A-Z][\w’'.\-]*,\s+")


def _credit(text: str, start: int, end: int, source: str, via: str | None = None) -> Attribution:
    return Attribution(source, text[start:end], start, end, kind="credit", via=via)


def _datelines(text: str, registry: Registry) -> list[Attribution]:
    out = []
    for m in _DATELINE.finditer(text):
        agency = registry.lookup(m.group(1))
        if agency is None:
            continue
        start = m.start()
        prefix = text[: m.start()]
        if len(prefix) <= 120 and prefix.strip() and _PLACE.fullmatch(prefix):
            start = len(prefix) - len(prefix.lstrip())
        out.append(_credit(text, start, m.end(), agency.name))
    return out


def _byline(text: str, mentions: list[Mention]) -> list[Attribution]:
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    if not stripped.startswith("By ") or len(stripped) > MAX_BYLINE or not mentions:
        return []
    return [_credit(text, offset, mentions[-1].end, mentions[0].agency.name)]


def _trailers(text: str, mentions: list[Mention]) -> list[Attribution]:
    m = _TRAILER.search(text)
    if m is None:
        return []
    end = len(text.rstrip())
    if text[m.start()] == "(":
        close = text.find(")", m.end())
        end = close + 1 if close != -1 else end
    inside = [x for x in mentions if m.start() <= x.start < end]
    if inside:
        return [_credit(text, m.start(), end, inside[0].agency.name)]
    if _EDITING.search(text, m.end(), end) is None:
        return []
    return [_credit(text, m.start(), end, TRAILER_HOUSE)]


def _copyrights(text: str, mentions: list[Mention]) -> list[Attribution]:
    out = []
    by_start = {x.start: x for x in mentions}
    for m in _COPYRIGHT.finditer(text):
        mention = by_start.get(m.end())
        if mention is None:
            continue
        rights = _RIGHTS.match(text, mention.end)
        end = rights.end() if rights else mention.end
        out.append(_credit(text, m.start(), end, mention.agency.name))
    return out


def _pairs(text: str, mentions: list[Mention]) -> list[Attribution]:
    out = []
    for first, second in itertools.pairwise(mentions):
        if _VIA.fullmatch(text, first.end, second.start):
            out.append(
                _credit(text, first.start, second.end, first.agency.name, second.agency.name)
            )
    for mention in mentions:
        m = _CONTRIBUTED.match(text, mention.end)
        if m is not None:
            out.append(_credit(text, mention.start, m.end(), mention.agency.name))
    return out


def _signoff(text: str, mentions: list[Mention]) -> list[Attribution]:
    stripped = text.rstrip().rstrip(".")
    if not mentions or mentions[-1].end != len(stripped) or len(stripped) > 80:
        return []
    start = len(text) - len(text.lstrip())
    if not _SIGNOFF.fullmatch(text, start, mentions[-1].start):
        return []
    return [_credit(text, start, mentions[-1].end, mentions[-1].agency.name)]


def find_credits(text: str, registry: Registry) -> list[Attribution]:
    """Datelines, bylines, trailers, copyright lines, "X via Y" and sign-offs in ``text``.

    Example:
        >>> found = find_credits("SEOUL (Reuters) - North Korea", Registry.default())
        >>> [(a.source, a.cue) for a in found]
        [('Reuters', 'SEOUL (Reuters) -')]
    """
    mentions = registry.find_all(text)
    return [
        *_datelines(text, registry),
        *_byline(text, mentions),
        *_trailers(text, mentions),
        *_copyrights(text, mentions),
        *_pairs(text, mentions),
        *_signoff(text, mentions),
    ]
