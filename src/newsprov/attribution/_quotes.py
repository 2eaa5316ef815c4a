"""Quotation spans: double quotes (straight, curly, mixed) and single-quoted phrases.

Straight quotes carry no direction, so direction comes from the neighbours: a
``"`` after a space or at the start opens, otherwise it closes. Writers mix the
two (``"We cannot ... fruition,”``), so while a quotation is open either closing
form ends it. A quotation still open at the end of the paragraph runs to the end
(``closed`` is False): in news copy that means it continues in the next paragraph.
"""

from __future__ import annotations

import re

from attrs import frozen

__all__ = ["Quotation", "find_quotations"]

MAX_SINGLE = 300
"""Characters a single-quoted phrase may span; past that a ``'`` is an apostrophe."""

_DOUBLE = re.compile(r'["“”„«»]')
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))['‘](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[^\s'‘])['’](?![\w’'])")
_OPEN_AFTER = frozenset(" \t\n([{—–-:;/")


@frozen
class Quotation:
    """``text[start:end]`` is the quotation with its marks; ``inner`` holds the words."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool
    single: bool = False


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation in ``text``, in order (single-quoted ones outside double quotes).

    Example:
        >>> [(q.start, q.end, q.closed) for q in find_quotations('He said "yes" and "no')]
        [(8, 13, True), (18, 21, False)]
    """
    doubles = _doubles(text)
    singles = [q for q in _singles(text) if not any(d.start <= q.start < d.end for d in doubles)]
    return sorted(doubles + singles, key=lambda q: q.start)


def _opens(text: str, i: int) -> bool:
    char = text[i]
    if char in "“„«":
        return True
    if char == '"':
        return i == 0 or text[i - 1] in _OPEN_AFTER
    return False


def _doubles(text: str) -> list[Quotation]:
    out: list[Quotation] = []
    open_at: int | None = None
    curly_outer = False
    for m in _DOUBLE.finditer(text):
        i = m.start()
        char = text[i]
        if open_at is None:
            if _opens(text, i):
                open_at, curly_outer = i, char != '"'
            continue
        if char == '"' and curly_outer:
            continue  # a straight quote nested inside a curly one
        if char in "”»" or (char == '"' and not _opens(text, i)):
            out.append(Quotation(open_at, i + 1, open_at + 1, i, True))
            open_at = None
    if open_at is not None:
        out.append(Quotation(open_at, len(text), open_at + 1, len(text), False))
    return out


def _singles(text: str) -> list[Quotation]:
    out: list[Quotation] = []
    closers = [m.start() for m in _SINGLE_CLOSE.finditer(text)]
    index = 0
    floor = 0
    for m in _SINGLE_OPEN.finditer(text):
        i = m.start()
        if i < floor:
            continue
        while index < len(closers) and closers[index] <= i:
            index += 1
        if index < len(closers) and closers[index] - i <= MAX_SINGLE:
            j = closers[index]
            out.append(Quotation(i, j + 1, i + 1, j, True, single=True))
            floor = j + 1
    return out
