"""What every line rule reads, computed once per line: the per-call feature record.

The residue filter used to re-split a line each time a rule asked for its word
count (eight times per line) and to lower-case it for each prefilter; a
:class:`Line` carries the text with its whitespace collapsed, its word count
and its lower-cased form, made once when the lines are read. It lives as long
as one :func:`newsprov.clean.residue.filter_lines` call: no cache outlives it.

Example:
    >>> line = normalised_line("  Most \\u00a0Viewed ")
    >>> line.text, line.words, line.low
    ('Most Viewed', 2, 'most viewed')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

__all__ = [
    "Line",
    "collapse",
    "collapse_all",
    "collapsed_lines",
    "is_collapsed",
    "line_of",
    "lines_of",
    "normalised_line",
]


class Line(NamedTuple):
    """One line and the features the rules read (a tuple: it is built per line on
    the hot path, where an attrs class costs several times more to create).

    ``text`` is the line as the rules see it, ``words`` its number of
    whitespace-separated words and ``low`` its ``str.lower()``.
    """

    text: str
    words: int
    low: str


def line_of(text: str) -> Line:
    """The features of ``text`` taken as it is (whitespace not collapsed).

    Example:
        >>> line_of("Read  More")
        Line(text='Read  More', words=2, low='read  more')
    """
    return Line(text, len(text.split()), text.lower())


def normalised_line(raw: str) -> Line:
    """The features of ``raw`` with its whitespace collapsed (``" ".join(raw.split())``).

    Example:
        >>> normalised_line("One\\ttwo  three").text
        'One two three'
    """
    text = collapse(raw)
    return Line(text, text.count(" ") + 1 if text else 0, text.lower())


def lines_of(texts: Sequence[str]) -> list[Line]:
    """The features of each of ``texts``, whitespace collapsed.

    Example:
        >>> [line.words for line in lines_of(["Most Viewed", " Kim  visits Moscow"])]
        [2, 3]
    """
    return [normalised_line(text) for text in texts]


def collapsed_lines(texts: Sequence[str]) -> list[Line]:
    """:func:`lines_of`, with one check for all the texts when they are already
    collapsed (an article's paragraphs, most often).

    Example:
        >>> [(line.text, line.words) for line in collapsed_lines(["Most  Viewed", "Kim"])]
        [('Most Viewed', 2), ('Kim', 1)]
    """
    # a collapsed text has one word more than it has spaces, or none at all
    return [
        Line(text, text.count(" ") + 1 if text else 0, text.lower()) for text in collapse_all(texts)
    ]


def collapse(text: str) -> str:
    """``" ".join(text.split())``, without splitting when nothing would change.

    Example:
        >>> collapse(" a\\u2009b  c "), collapse("a b c")
        ('a b c', 'a b c')
    """
    return text if is_collapsed(text) else " ".join(text.split())


def is_collapsed(text: str) -> bool:
    """True when ``" ".join(text.split()) == text``, told without splitting.

    ``str.split()`` splits on the characters for which ``str.isspace()`` holds:
    in ASCII the space and the controls ``\\t \\n \\x0b \\x0c \\r \\x1c-\\x1f``;
    beyond ASCII only separators and controls, none of them printable. So a
    text with none of those, no doubled space and none at either end is its own
    collapsed form (``tests/test_clean.py`` checks every code point).

    Example:
        >>> is_collapsed("a b"), is_collapsed("a  b"), is_collapsed("a\\u00a0b")
        (True, False, False)
    """
    if text.isascii():
        return _ascii_collapsed(text)
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def collapse_all(texts: Sequence[str]) -> list[str]:
    """``[collapse(t) for t in texts]``, checked in one pass over their join (an
    article's paragraphs, most often already collapsed, ASCII or not).

    Joined by single spaces, the texts are all collapsed when the join is: a
    text's doubled, leading or trailing space (or an empty text between two
    others) shows as a doubled space or a space at an end of the join.

    Example:
        >>> collapse_all(["One  two.", "Three."])
        ['One two.', 'Three.']
    """
    joined = " ".join(texts)
    if is_collapsed(joined):
        return list(texts)
    return [collapse(t) for t in texts]


def _ascii_collapsed(text: str) -> bool:
    """:func:`is_collapsed` for an ASCII ``text``: no whitespace control, no doubled
    space, no space at either end (single-character searches run at memory speed)."""
    return not (
        "\t" in text
        or "\n" in text
        or "\r" in text
        or "\x0b" in text
        or "\x0c" in text
        or "\x1c" in text
        or "\x1d" in text
        or "\x1e" in text
        or "\x1f" in text
        or "  " in text
        or text[:1] == " "
        or text[-1:] == " "
    )
