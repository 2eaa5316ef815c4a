"""Lines that are links in the page: pointers, menus, lists of other stories, tags.

For HTML, :func:`newsprov.clean.html.extract_page` tells for each line the share
of its text that is link text and the share in the links that open it; these
recognisers use them (plain text has no links, and none of them fires).

Example:
    >>> from newsprov.clean.features import lines_of
    >>> marks = [None, None]
    >>> lines = lines_of(["Troops moved north.", "Related: Kim visits Moscow"])
    >>> link_lists(lines, marks, [0.0, 0.7])
    >>> marks
    [None, 'related-link']
"""

from __future__ import annotations

import re

from newsprov.clean.features import Line
from newsprov.clean.lines import is_sentence, is_separator, is_title_like

__all__ = ["ITEM", "LINKED", "link_lists", "separators", "tag_lists", "teaser_lists"]

LINKED = 0.8
"""A line whose text is at least this share link text is a link, not prose: story
paragraphs carry a linked name or two (well under half their text)."""
_LABELLED = 0.5
"""A labelled line ("Related: ...", "See more: ...") is a pointer once most of what
follows the label links (the label itself never does)."""
_LINK_HEADLINE_WORDS = 5
"""A linked headline of another story has five words or more; shorter linked lines
are product names, sources and the like that articles list."""
ITEM = re.compile(r"^[-•*] ")
_WORD_CHAR = re.compile(r"\w")
"""A line without a single letter or digit ("-", ".", "|---|---|") carries no text."""
_LABEL = re.compile(
    r"^\W{0,2}(?:related|see(?: also| more)?|more|also|read(?: also| more)?|watch|listen"
    r"|sign up|tags?|filed under|recommended|popular|trending|latest|top stories"
    r"|more (?:from|on|in) [\w .&'-]{1,40}|also on [\w .-]{1,30}"
    r"|related (?:\w+ ){0,2}\w+)\s?[:|]",
    re.IGNORECASE,
)


def link_lists(lines: list[Line], marks: list[str | None], shares: list[float]) -> None:
    """Lines that are links in the page: labelled pointers, linked headlines, and
    runs of linked list items (menus and lists of other stories). Run before the
    headline lists, so a list of other stories closing the text is told apart from
    the story's own list before the two are seen as one run.

    Example:
        >>> from newsprov.clean.features import lines_of
        >>> marks = [None, None]
        >>> link_lists(lines_of(["Troops moved.", "Related: Kim"]), marks, [0.0, 0.7])
        >>> marks
        [None, 'related-link']
    """
    n = len(lines)
    linked = [shares[i] >= LINKED and not is_separator(lines[i].text) for i in range(n)]
    for i, line in enumerate(lines):
        if marks[i] is not None:
            continue
        text = line.text
        if not linked[i] and ":" not in text and "|" not in text:
            continue  # a label ends with one of them
        label = _LABEL.match(text)
        labelled = label is not None and shares[i] * len(text) >= _LABELLED * len(
            text[label.end() :]
        )
        if labelled or (linked[i] and (_link_headline(line) or _near_item(i, text, linked))):
            marks[i] = "related-link"


def _link_headline(line: Line) -> bool:
    return line.words >= _LINK_HEADLINE_WORDS and is_title_like(line)


def _near_item(i: int, text: str, linked: list[bool]) -> bool:
    """A list item ("- ...") beside a linked line."""
    near = (i > 0 and linked[i - 1]) or (i + 1 < len(linked) and linked[i + 1])
    return near and ITEM.match(text) is not None


def separators(lines: list[Line], marks: list[str | None]) -> None:
    """Lines without a letter or digit ("-", "|---|").

    Example:
        >>> from newsprov.clean.features import lines_of
        >>> marks = [None, None]
        >>> separators(lines_of(["-", "Troops moved."]), marks)
        >>> marks
        ['separator', None]
    """
    for i, line in enumerate(lines):
        # a first letter or digit is a \w (the same test, str.isalnum, in both)
        if marks[i] is None and not line.text[:1].isalnum() and not _WORD_CHAR.search(line.text):
            marks[i] = "separator"


_TAG_HEADING = re.compile(
    r"^(?:tags?|tagged(?: with| in)?|topics?|keywords|etiquetas|marcadores|palavras-chave"
    r"|schlagw(?:ö|oe)rter|schlagworte|stichw(?:ö|oe)rter|mots-clés|теги|метки"
    r"|タグ|태그|标签|標籤)\s?:?$",
    re.IGNORECASE,
)
_TAG_WORDS = 6
"""A tag is a name or a short phrase; a longer line after the heading is text again."""


def tag_lists(lines: list[Line], marks: list[str | None], shares: list[float]) -> None:
    """A tags heading standing alone ("Tags", "Etiquetas") and the tags under it:
    linked or short lines that are not sentences. Only forward: the lines above
    the heading are the story's end.

    Example:
        >>> from newsprov.clean.features import lines_of
        >>> marks = [None, None, None]
        >>> tag_lists(lines_of(["Tags", "north korea,", "kursk"]), marks, [0.0, 1.0, 1.0])
        >>> marks
        ['tags', 'tags', 'tags']
    """
    for i, line in enumerate(lines):
        # a tags heading is three words at most ("Tagged with :")
        if marks[i] is not None or line.words > 3 or _TAG_HEADING.match(line.text) is None:
            continue
        k = i + 1
        while k < len(lines) and (
            marks[k] is not None
            or (
                (shares[k] >= LINKED or lines[k].words <= _TAG_WORDS)
                and not is_sentence(lines[k].text)
            )
        ):
            k += 1
        if k > i + 1:
            _mark_free(marks, i, k, "tags")


def _mark_free(marks: list[str | None], start: int, stop: int, reason: str) -> None:
    for k in range(start, stop):
        if marks[k] is None:
            marks[k] = reason


_LEAD = 0.2
"""An item opening with a link over a fifth of its text is a linked headline with
its teaser ("- Jones tells story Jones said ..."); in prose lists links sit inside."""
_TEASER_RUN = 3
"""Three such items in a row are a list of other stories, not the story's own list."""


def teaser_lists(lines: list[Line], marks: list[str | None], leads: list[float]) -> None:
    """Runs of list items that each open with a link (headline plus teaser lists).

    Example:
        >>> from newsprov.clean.features import lines_of
        >>> items = ["- Kim visits Moscow The leader met Putin.", "- Seoul on alert It rose."] * 2
        >>> items = lines_of(items)
        >>> marks = [None] * 4
        >>> teaser_lists(items, marks, [0.4] * 4)
        >>> marks
        ['related-link', 'related-link', 'related-link', 'related-link']
    """
    if not any(map(_LEAD.__le__, leads)):
        return  # no line opens with a link
    run: list[int] = []
    for i in range(len(lines) + 1):
        if i < len(lines) and marks[i] is None and leads[i] >= _LEAD and ITEM.match(lines[i].text):
            run.append(i)
            continue
        if len(run) >= _TEASER_RUN:
            for k in run:
                marks[k] = "related-link"
        run = []
