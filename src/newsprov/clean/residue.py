"""The residue filter: what is left of a page after extraction, line by line.

Lines are first judged alone (:func:`newsprov.clean.lines.line_reason`, date
lines, credit lines), then in context: a caption repeated with a photo credit
glued to it, the heading of a list of other stories with the items around it,
and runs of headline-like lines at the end of the text or around a copy of the
article's own title. For HTML, what the page's markup says about each line is
used too: how much of it is link text (lists of other stories, labelled
pointers, headlines with teasers), and whether it repeats an image's ``alt``
text (a caption). Promotions and punctuation-only lines go last.

Example:
    >>> from newsprov.model import Registry
    >>> text = ["A headline about troops", "Troops moved on Monday.", "Read More"]
    >>> out = filter_lines(text, Registry.default())
    >>> out.title, out.paragraphs, [r.reason for r in out.removed]
    ('A headline about troops', ('Troops moved on Monday.',), ['read-more'])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from newsprov.clean.credits import META_MAX_WORDS, date_meta, find_credits, names_in
from newsprov.clean.features import Line, collapsed_lines
from newsprov.clean.lines import (
    is_heading,
    is_section_time,
    is_sentence,
    is_separator,
    is_title_like,
    line_reason,
    photo_credit_names,
    words,
)
from newsprov.clean.links import ITEM, LINKED, link_lists, separators, tag_lists, teaser_lists
from newsprov.clean.promos import PROMO_WORDS, promo_cues
from newsprov.model import Cleaned, Credit, Published, Registry, Removal

__all__ = ["filter_lines", "split_text"]

_T = TypeVar("_T")

_TITLE = "\x00title"
"""Internal mark for the line taken as the title: excluded, but not a removal."""

_CAPTION_WORDS = 40
"""A caption is a sentence or two; a repeated line longer than this is prose."""
_CREDIT_WORDS = 10
"""A photo credit glued to a caption ("KCNA via REUTERS") is a few names."""
_TAIL_RUN = 3
"""Headline-like lines at the very end form a list of other stories from three on;
two could be an article's closing list of short points."""
_CREDIT_HINT = re.compile(
    r"^\(.{1,100}\)$|\bvia\b|/|\b(?:photo|image|getty|file|pool|handout|afp|ap|reuters)\b",
    re.IGNORECASE,
)


def split_text(text: str) -> list[str]:
    """Paragraphs of plain text: every non-blank line (any line break), stripped.

    Example:
        >>> split_text("One.\\nTwo.\\n\\n  Three.  ")
        ['One.', 'Two.', 'Three.']
    """
    return [line for line in map(str.strip, text.splitlines()) if line]


def filter_lines(
    lines: Sequence[str],
    registry: Registry,
    *,
    title: str | None = None,
    find_title: bool = True,
    link_share: Sequence[float] = (),
    image_alt: Sequence[bool] = (),
    link_lead: Sequence[float] = (),
    in_header: Sequence[bool] = (),
    headline: str | None = None,
    addresses: Sequence[str] = (),
) -> Cleaned:
    """Split ``lines`` into content paragraphs and removed residue, with the credits found.

    ``title`` is a title already known (HTML metadata), ``headline`` the ``<h1>``:
    a line printing either is taken out. Otherwise, with ``find_title``, the first
    line becomes the title when it reads like a headline. Per input line, from
    :func:`newsprov.clean.html.extract_page` (plain text has none): ``link_share``
    and ``link_lead``, the share of link text and of links opening it;
    ``image_alt``, whether it repeats an image description; ``in_header``, whether
    it is page header text. A line that is one of the page's ``addresses`` goes.

    Example:
        >>> from newsprov.model import Registry
        >>> out = filter_lines(["By Reuters", "SEOUL (Reuters) - It rained."], Registry.default())
        >>> out.paragraphs, [(c.source, c.kind) for c in out.credits]
        (('SEOUL (Reuters) - It rained.',), [('Reuters', 'byline'), ('Reuters', 'dateline')])
    """
    kept = [i for i, line in enumerate(lines) if line.strip()]
    shares = _at(link_share, kept, 0.0)
    alts = _at(image_alt, kept, False)
    leads = _at(link_lead, kept, 0.0)
    header = _at(in_header, kept, False)
    feats = collapsed_lines([lines[i] for i in kept])
    texts = [line.text for line in feats]
    marks: list[str | None] = [None] * len(feats)
    credits: list[Credit] = []
    published, outlet = _judge_lines(feats, marks, credits, registry)
    _captions(feats, marks, credits, registry)
    title = _take_title(feats, marks, title, find_title, headline)
    _page_header(marks, header)
    _page_addresses(texts, marks, addresses)
    link_lists(feats, marks, shares)
    teaser_lists(feats, marks, leads)
    _headline_lists(feats, marks, title, shares)
    separators(feats, marks)
    tag_lists(feats, marks, shares)
    _promos(feats, marks)
    _image_captions(marks, alts)
    paragraphs, removed = _split(texts, marks)
    return Cleaned(
        title,
        paragraphs,
        removed,
        tuple(dict.fromkeys(credits)),
        published=published,
        outlet=outlet,
    )


def _at(values: Sequence[_T], kept: list[int], default: _T) -> list[_T]:
    """``values`` at the ``kept`` indices, ``default`` past their end (plain text
    gives none at all)."""
    if not values:
        return [default] * len(kept)
    return [values[i] if i < len(values) else default for i in kept]


def _image_captions(marks: list[str | None], alts: list[bool]) -> None:
    for i in (i for i, alt in enumerate(alts) if alt):
        if marks[i] is None:
            marks[i] = "caption"


def _split(
    lines: list[str], marks: list[str | None]
) -> tuple[tuple[str, ...], tuple[Removal, ...]]:
    """(paragraphs, removals) from the lines and their marks; the title is neither."""
    if marks.count(None) == len(marks):  # nothing marked
        return tuple(lines), ()
    pairs = list(zip(lines, marks, strict=True))
    paragraphs = tuple(line for line, mark in pairs if mark is None)
    removed = tuple(Removal(line, mark) for line, mark in pairs if mark not in (None, _TITLE))
    return paragraphs, removed


def _judge_lines(
    lines: list[Line], marks: list[str | None], credits: list[Credit], registry: Registry
) -> tuple[Published, str | None]:
    published: Published = None
    outlet: str | None = None
    for i, line in enumerate(lines):
        reason = line_reason(line)
        if reason == "photo-credit":
            text = line.text
            credits.extend(names_in(photo_credit_names(text), registry, "photo", text))
        dated = line.words <= META_MAX_WORDS and reason in (None, "dateline-meta")
        if dated and (when := date_meta(line)) is not None:
            reason, published = "dateline-meta", published or when
        if reason is None:
            found = find_credits(line, registry)
            credits.extend(found.credits)
            reason, outlet = found.reason, outlet or found.outlet
        marks[i] = reason
    return published, outlet


def _captions(
    lines: list[Line], marks: list[str | None], credits: list[Credit], registry: Registry
) -> None:
    for i in range(len(lines) - 1):
        if marks[i] is not None or marks[i + 1] is not None or lines[i].words > _CAPTION_WORDS:
            continue
        a, b = lines[i].text, lines[i + 1].text
        if a == b and a.count("|") < 2:  # table rows repeat; captions do not hold cells
            marks[i] = marks[i + 1] = "caption"
            continue
        rest = b[len(a) :].strip()
        if len(a) >= 12 and b.startswith(a) and _is_credit(rest, registry):
            marks[i] = marks[i + 1] = "caption"
            credits.extend(names_in(rest.strip("()[] "), registry, "photo", rest))


def _is_credit(rest: str, registry: Registry) -> bool:
    if not rest or words(rest) > _CREDIT_WORDS or is_sentence(rest):
        return False
    return _CREDIT_HINT.search(rest) is not None or bool(registry.find_all(rest))


_TITLE_LINES = 3
"""The headline printed in the text stands among its first three lines (after a
kicker or a date at most)."""
_TITLE_PARTS = re.compile(r"\s[|–—-]\s|:\s")
"""Separators of a metadata title's parts ("Opinion | Headline", "Headline - Site")."""
_TITLE_PART_CHARS = 12
"""A title part shorter than this ("BBC News", "Opinion") is a site or section name."""
_WORDS = re.compile(r"\w+")


def _words_key(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def _title_keys(title: str, headline: str | None) -> set[str]:
    """Word keys of the ways a page prints its title: the metadata title, the
    ``<h1>`` headline, and the title's parts without the site or section name."""
    parts = [title, headline or "", *_TITLE_PARTS.split(title)]
    keys = {_words_key(part) for part in parts}
    return {key for key in keys if len(key) >= _TITLE_PART_CHARS}


def _take_title(
    lines: list[Line],
    marks: list[str | None],
    title: str | None,
    find_title: bool,
    headline: str | None = None,
) -> str | None:
    if title is not None:
        key = title.strip().casefold()
        exact = [
            i for i, line in enumerate(lines) if marks[i] is None and line.text.casefold() == key
        ]
        keys = _title_keys(title, headline)
        first = [i for i, mark in enumerate(marks) if mark is None][:_TITLE_LINES]
        found = exact or [i for i in first if _words_key(lines[i].text) in keys]
        if found:
            marks[found[0]] = _TITLE
        return title.strip() or None
    if not find_title:
        return None
    free = [i for i, mark in enumerate(marks) if mark is None]
    # A lone line is the text itself, never a headline over nothing.
    if len(free) < 2:
        return None
    line = lines[free[0]]
    if is_title_like(line) or (line.words <= 20 and line.text.endswith(("?", "!"))):
        marks[free[0]] = _TITLE
        return line.text
    return None


def _page_addresses(lines: list[str], marks: list[str | None], addresses: Sequence[str]) -> None:
    keys = {_words_key(address) for address in addresses} - {""}
    if not keys:
        return
    for i, line in enumerate(lines):
        if marks[i] is None and keys and _words_key(line) in keys:
            marks[i] = "page-url"


def _page_header(marks: list[str | None], header: list[bool]) -> None:
    """The lines opening the text that are blocks of the page's ``<header>``: the
    standfirst, kicker and breadcrumbs printed above the story (trafilatura's own
    precision mode drops the element). Never the whole text."""
    run: list[int] = []
    for i, mark in enumerate(marks):
        if mark is None:
            if not header[i]:
                break
            run.append(i)
    if run and len(run) < marks.count(None):
        for i in run:
            marks[i] = "page-header"


_ITEM_WORDS = 25
"""The most words any item test below accepts (a heading): a longer line is no
heading (25), separator (one word), section time (8) or headline (24)."""


def _is_item(line: Line, mark: str | None, share: float = 0.0) -> bool:
    if mark is not None:
        return mark != _TITLE
    if share >= LINKED and not is_sentence(line.text):
        return True
    if line.words > _ITEM_WORDS:
        return False
    # a colon introduces the story's list; the heading pattern, the dearest
    # test, goes last (the tests have no side effects: their order is free)
    if is_title_like(line) and not line.text.endswith(":"):
        return True
    return is_separator(line.text) or is_section_time(line) or is_heading(line)


_LISTED_WORDS = 25
"""An item under a "Related"/"Most read" heading is a headline, at most a long one."""


def _listed(line: Line, mark: str | None) -> bool:
    """A marked list item ("- ...") of headline length: under a heading of other
    stories it is one of them, whatever its script or capitals."""
    return mark is None and line.words <= _LISTED_WORDS and ITEM.match(line.text) is not None


def _mark_run(marks: list[str | None], start: int, stop: int) -> None:
    for k in range(start, stop):
        if marks[k] is None:
            marks[k] = "headline-list"


def _headline_lists(
    lines: list[Line], marks: list[str | None], title: str | None, shares: list[float]
) -> None:
    n = len(lines)
    for i, line in enumerate(lines):
        if marks[i] is None and line.words <= 6 and is_heading(line):
            lo, hi = i, i + 1
            while lo > 0 and _is_item(lines[lo - 1], marks[lo - 1], shares[lo - 1]):
                lo -= 1
            while hi < n and (
                _is_item(lines[hi], marks[hi], shares[hi]) or _listed(lines[hi], marks[hi])
            ):
                hi += 1
            _mark_run(marks, lo, hi)
    runs = _item_runs(lines, marks)
    linked_page = any(share > 0 for share in shares)
    key = title.casefold() if title else None
    for lo, hi in runs:
        fresh = [k for k in range(lo, hi) if marks[k] is None]
        holds_title = key is not None and any(lines[k].text.casefold() == key for k in fresh)
        at_tail = all(marks[k] is not None for k in range(hi, n)) and _headlines(lines, lo, fresh)
        # when the page tells links apart (HTML), a list of other stories links
        # them; a closing list with no link at all is the story's own
        at_tail = at_tail and (not linked_page or any(shares[k] > 0 for k in fresh))
        if (holds_title and len(fresh) >= 2) or (at_tail and len(fresh) >= _TAIL_RUN):
            _mark_run(marks, lo, hi)


_DATA_ITEM = re.compile(
    r"^[-–•*· ]{0,3}(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.? \d)"
    r"|^\(|@|\|| -- ",
    re.IGNORECASE,
)


def _headlines(lines: list[Line], lo: int, fresh: list[int]) -> bool:
    """A trailing run is a list of other stories, not the article's own list: it is
    not introduced by a line ending in a colon, and its items are not dated or tabular."""
    if lo > 0 and lines[lo - 1].text.rstrip().endswith(":"):
        return False
    data = sum(1 for k in fresh if _DATA_ITEM.search(lines[k].text))
    return data * 2 < len(fresh)


def _item_runs(lines: list[Line], marks: list[str | None]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = None
    for k in range(len(lines) + 1):
        inside = (
            k < len(lines)
            and marks[k] != _TITLE
            and (marks[k] is not None or lines[k].words <= _ITEM_WORDS)
            and _is_item(lines[k], marks[k])
        )
        if inside and start is None:
            start = k
        elif not inside and start is not None:
            runs.append((start, k))
            start = None
    return runs


_TAIL_LINES = 2
"""A promotion printed after the story sits in its last one or two lines."""


def _promos(lines: list[Line], marks: list[str | None]) -> None:
    """Subscription and newsletter promotions: two prompts anywhere, or one in the
    story's last lines (after the text, where outlets print them)."""
    free = [i for i, mark in enumerate(marks) if mark is None]
    tail = set(free[-_TAIL_LINES:]) if len(free) > _TAIL_LINES else set()
    for i in free:
        cues = promo_cues(lines[i]) if lines[i].words <= PROMO_WORDS else 0
        if cues >= 2 or (cues == 1 and i in tail):
            marks[i] = "promo"
