"""Credits and dates written in the text: bylines, datelines, trailers, sign-offs.

Names are normalised through the source :class:`Registry` ("REUTERS" ->
"Reuters"); a name the registry does not know is kept as written, tidied with
:func:`normalise_name`. All patterns are anchored, bounded, and tried only on
the first few hundred characters of a line, so long lines cost nothing.

Example:
    >>> from newsprov.model import Registry
    >>> found = find_credits("SEOUL (Reuters) - North Korea said ...", Registry.default())
    >>> found.reason, [(c.source, c.kind) for c in found.credits]
    (None, [('Reuters', 'dateline')])
"""

from __future__ import annotations

import datetime as dt
import re

from attrs import frozen

from newsprov.clean.features import Line, line_of
from newsprov.model import Credit, CreditKind, Published, Registry, normalise_name

__all__ = ["META_MAX_WORDS", "Found", "date_meta", "find_credits", "names_in"]

_HEAD = 300
"""Credit cues stand at the start of a line; only this many characters are looked at."""

_BYLINE = re.compile(
    r"^(?:by|written by|reported by|words by|story by)[:\s]\s*(?P<names>[^\n]{2,120})$",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]{1,20}(?:[ -][A-Z][A-Z.'’-]{1,20}){0,3}"
    r"(?:,\s?[A-Z][a-z]{2,8}\.?\s\d{1,2})?\s?)?"
    r"\((?P<src>[A-Za-z][\w&.'’ -]{0,40})\)\s?(?:--|-|—|–|:)\s?"
)
_TRAILER = re.compile(
    r"^\(?(?:(?:additional )?reporting|writing|editing|compiled|produced|translated"
    r"|contributing|research) by\b",
    re.IGNORECASE,
)
_CONTRIBUTED = re.compile(
    r"^(?P<names>[A-Z][^.;:!?]{1,120}?) contributed (?:additional )?"
    r"(?:reporting|research|to this (?:report|article|story))\b",
)
_TRAILER_PART = re.compile(
    r"\b(?:reporting|writing|editing|compiled|produced|translated"
    r"|contributing|research|additional) by\s",
    re.IGNORECASE,
)
_SIGNOFF = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]{0,30}(?:[ -][A-Z][\w'’.-]{0,30}){0,3}),\s?"
    r"(?P<outlet>[A-Z][\w&'’.]{0,30}(?: [\w&'’.]{1,30}){0,4}?)\.?$"
)
_BROADCAST = re.compile(r"\b(?:news|tv|radio|television|broadcasting|channel)$", re.IGNORECASE)
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|\||&|\band\b|/)\s*", re.IGNORECASE)
_IN_PLACE = re.compile(r"\s+(?:in|from)\s+[A-Z][\w .'-]{0,40}$")

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_ISO_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:[ T,]{1,2}(?P<H>\d{1,2}):(?P<M>\d\d)(?::\d\d)?)?(?!\d)"
)
_TEXT_DATE = re.compile(
    r"(?:(?P<d1>\d{1,2})\s)?(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?"
    r"\s(?:(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s)?(?P<y>(?:19|20)\d\d)"
    r"(?:,?\s(?:at\s)?(?P<H>\d{1,2}):(?P<M>\d\d)\s?(?P<ap>[ap]\.?m\.?)?)?",
    re.IGNORECASE,
)
_META_WORDS = re.compile(
    r"\b(?:published|updated|posted|last|modified|date|dated|on|at|time|am|pm|a\.m|p\.m"
    r"|gmt|utc|kst|est|edt|bst|cet|ist|jst|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b|[-:|,.()/\[\]]",
    re.IGNORECASE,
)
META_MAX_WORDS = 12
"""A date line is short: "Published on: 2025/04/28 10:00 | Updated ..." fits."""
_META_LEFTOVER = 2
"""Words allowed beside the date and meta words: a section label such as "World"."""


@frozen
class Found:
    """What a line credits: ``reason`` is set when the whole line is a credit to remove."""

    reason: str | None
    credits: tuple[Credit, ...] = ()
    outlet: str | None = None


_NOTHING = Found(None)
"""What most lines credit (a frozen constant, not state)."""


def names_in(text: str, registry: Registry, kind: CreditKind, cue: str) -> tuple[Credit, ...]:
    """Credits for every name in ``text``: registry sources first, then other names.

    Example:
        >>> from newsprov.model import Registry
        >>> [c.source for c in names_in("KCNA via REUTERS", Registry.default(), "photo", "")]
        ['KCNA', 'Reuters']
    """
    mentions = registry.find_all(text)
    if mentions:
        return tuple(Credit(m.agency.name, cue, kind) for m in mentions)
    out = []
    for part in _SPLIT_NAMES.split(text):
        name = normalise_name(_IN_PLACE.sub("", part))
        if name and len(name.split()) <= 6 and name.lower() not in {"staff", "the"}:
            out.append(Credit(name, cue, kind))
    return tuple(out)


def find_credits(line: str | Line, registry: Registry) -> Found:
    """The credit ``line`` carries, if any, and whether the line is only that credit.

    Example:
        >>> from newsprov.model import Registry
        >>> f = find_credits("Bae Eun-ji, Arirang News.", Registry.default())
        >>> f.reason, f.outlet, [c.source for c in f.credits]
        ('signoff', 'Arirang News', ['Arirang News'])
    """
    text, words, low = line_of(line) if isinstance(line, str) else line
    head = text[:_HEAD]
    # each pattern is tried only when a word it needs is there (lower-cased when
    # the pattern ignores case: see lines.py on why that is safe)
    if words <= 14 and "by" in low and (m := _BYLINE.match(head)):
        return Found("byline", names_in(m["names"].rstrip("."), registry, "byline", text))
    if words <= 40 and " by" in low and _TRAILER.match(head):
        return Found("trailer", _trailer_credits(text, registry))
    if words <= 40 and "contributed" in text and (m := _CONTRIBUTED.match(head)):
        return Found("trailer", names_in(m["names"], registry, "trailer", text))
    if "(" in head and (m := _DATELINE.match(head)):  # the source is in brackets
        src = m["src"].strip()
        agency = registry.lookup(src)
        if agency is not None or (src[:1].isupper() and len(src.split()) <= 4):
            name = agency.name if agency else normalise_name(src)
            return Found(None, (Credit(name, m.group(0).strip(), "dateline"),))
    if words <= 10 and "," in text and (m := _SIGNOFF.match(head)):
        outlet = m["outlet"].strip(" .")
        agency = registry.lookup(outlet)
        if agency is not None or _BROADCAST.search(outlet):
            name = agency.name if agency else normalise_name(outlet)
            return Found("signoff", (Credit(name, text, "signoff"),), outlet=name)
    return _NOTHING


def _trailer_credits(line: str, registry: Registry) -> tuple[Credit, ...]:
    body = line.strip().strip("()")
    out: list[Credit] = []
    for part in _TRAILER_PART.split(body):
        names = part.strip(" ;.,)")
        if names:
            out.extend(names_in(names, registry, "trailer", line))
    return tuple(out)


def date_meta(line: str | Line) -> Published:
    """The date of a short metadata line ("Published on: 2025/04/28 10:00"), else None.

    A time without a zone is taken as UTC, like :func:`newsprov.model.parse_published`.

    Example:
        >>> date_meta(" date 2025-04-27 World")
        datetime.date(2025, 4, 27)
        >>> date_meta("Published on: 2025/04/28 10:00").isoformat()
        '2025-04-28T10:00:00+00:00'
        >>> date_meta("The war began on 2022-02-24 and goes on.") is None
        True
    """
    text, words, _ = line_of(line) if isinstance(line, str) else line
    # both date patterns need a year starting 19 or 20 (digits have no case)
    if words > META_MAX_WORDS or ("19" not in text and "20" not in text):
        return None
    m = _ISO_DATE.search(text) or _TEXT_DATE.search(text)
    if m is None:
        return None
    rest = _META_WORDS.sub(" ", text[: m.start()] + " " + text[m.end() :])
    if len(rest.split()) > _META_LEFTOVER:
        return None
    return _to_published(m)


def _to_published(m: re.Match[str]) -> Published:
    groups = m.groupdict()
    month = int(groups["m"]) if groups.get("m") else _MONTHS[groups["mon"][:3].lower()]
    day = groups.get("d") or groups.get("d1") or groups.get("d2") or "1"
    try:
        date = dt.date(int(groups["y"]), month, int(day))
        if groups.get("H") is None:
            return date
        hour = int(groups["H"]) % 12 + (12 if (groups.get("ap") or "").lower()[:1] == "p" else 0)
        if not groups.get("ap"):
            hour = int(groups["H"])
        return dt.datetime.combine(date, dt.time(hour, int(groups["M"])), dt.timezone.utc)
    except ValueError:
        return None
