"""Attribution cues in cleaned paragraphs: who is credited, reported, quoted.

Rule-based and fast (stdlib ``re`` and bounded token walks, no model). For each
paragraph it finds

- credits: datelines "SEOUL (Reuters) -", bylines, "Reporting by ...; Editing by ..."
  trailers, copyright lines, photo credits "KCNA via REUTERS";
- report and speech cues: "Reuters reported", "according to X", "citing X",
  "in a statement published by X", "X said / told / warned ...",
  "KCNA cited the Commission as saying" (source the Commission, via KCNA);
- direct quotations joined to the cue standing right after or right before
  them; a quotation after an attributed one in the same paragraph keeps its
  speaker, and a paragraph opening with a quotation continues the previous
  paragraph's speaker (kind ``continued``).

A double-quoted phrase with no cue next to it (a scare quote, a quoted
fragment inside a reported sentence) is not reported as a quotation; a
single-quoted one is reported only when a cue stands next to it.

Example:
    >>> from newsprov.model import Registry
    >>> paras = ['"We cannot go on," the Secretary of State told NBC News.', '"It is over."']
    >>> for found in extract(paras, Registry.default()):
    ...     print([(a.source, a.kind, a.cue, a.via) for a in found])
    [('Secretary of State', 'quote', 'the Secretary of State told NBC News', 'NBC News')]
    [('Secretary of State', 'continued', '"It is over."', 'NBC News')]
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import evolve

from newsprov.attribution._credits import find_credits
from newsprov.attribution._cues import find_cues
from newsprov.attribution._names import resolve_names
from newsprov.attribution._quotes import Quotation, find_quotations
from newsprov.model.agencies import Registry
from newsprov.model.result import Attribution

__all__ = ["extract", "extract_one"]

_LINK_GAP = 3
"""Characters allowed between a quotation and its cue: ``,`` ``:`` and spaces ("said: “")."""


def _inner(text: str, quote: Quotation) -> str:
    return text[quote.inner_start : quote.inner_end].strip().rstrip(",;:").strip()


def _cue_after(text: str, quote: Quotation, cues: list[Attribution]) -> Attribution | None:
    gap_end = quote.end
    while gap_end < len(text) and gap_end - quote.end < _LINK_GAP and text[gap_end] in " ,\t":
        gap_end += 1
    return next((c for c in cues if c.start == gap_end), None)


def _cue_before(text: str, quote: Quotation, cues: list[Attribution]) -> Attribution | None:
    for cue in cues:
        gap = text[cue.end : quote.start]
        if cue.end <= quote.start and len(gap) <= _LINK_GAP and not gap.strip(" ,:\t"):
            return cue
    return None


def _quote_attr(text: str, quote: Quotation, speaker: Attribution, kind: str) -> Attribution:
    return Attribution(
        speaker.source,
        text[quote.start : quote.end],
        quote.start,
        quote.end,
        quote=_inner(text, quote),
        kind="continued" if kind == "continued" else "quote",
        via=speaker.via,
    )


def _link(text: str, quotes: list[Quotation], cues: list[Attribution]) -> dict[int, Attribution]:
    """Join quotations to adjacent cues: the cue after a quotation first, then before it."""
    linked: dict[int, Attribution] = {}
    free = list(cues)
    for finder in (_cue_after, _cue_before):
        for index, quote in enumerate(quotes):
            if index in linked:
                continue
            cue = finder(text, quote, free)
            if cue is not None:
                free.remove(cue)
                linked[index] = evolve(cue, kind="quote", quote=_inner(text, quote))
    return linked


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in '.!?”"’'


def _cue_between(cues: list[Attribution], lo: int, hi: int, source: str) -> bool:
    return any(lo <= c.start < hi and c.source != source for c in cues)


def _inside_quote(cue: Attribution, quotes: list[Quotation]) -> bool:
    """True for a cue within a closed double quotation: the quoted person's words."""
    return any(
        q.closed and not q.single and q.inner_start <= cue.start < q.inner_end for q in quotes
    )


def _last_speaker(found: list[Attribution], registry: Registry) -> Attribution | None:
    """The speaker a paragraph names last ("Russia ... confirmed that ..."), if any;
    a wire agency reports what others said, so it is nobody's speaker."""
    spoken = [
        a
        for a in found
        if a.kind in ("speech", "report", "quote", "continued")
        and getattr(registry.lookup(a.source), "kind", None) != "wire"
    ]
    return max(spoken, key=lambda a: a.end) if spoken else None


def _paragraph(
    text: str, registry: Registry, carried: Attribution | None, named: Attribution | None = None
) -> tuple[list[Attribution], Attribution | None, Quotation | None]:
    """Attributions of one paragraph, the speaker it hands on, its last unattributed quotation.

    ``carried`` is the speaker of the quotation that ended the paragraph before;
    ``named`` the speaker it named last, which a paragraph made of nothing but
    an unattributed quotation takes (transcripts: "Russia confirmed ..." then
    the quoted statement).
    """
    quotes = [q for q in find_quotations(text) if q.inner_end > q.inner_start]
    cues = [c for c in find_cues(text, registry) if not _inside_quote(c, quotes)]
    if carried is None and named is not None and not cues and _whole_quote(text, quotes):
        carried = named
    linked = _link(text, quotes, cues)
    used = {a.start for a in linked.values()}
    free = [c for c in cues if c.start not in used]
    out = free + find_credits(text, registry)
    first = len(text) - len(text.lstrip())
    speaker: Attribution | None = None
    speaker_end = 0
    unattributed: Quotation | None = None
    for index, quote in enumerate(quotes):
        if index in linked:
            speaker, speaker_end, unattributed = linked[index], quote.end, None
            out.append(speaker)
            continue
        if quote.single:
            continue
        if quote.start == first and carried is not None:
            out.append(_quote_attr(text, quote, carried, "continued"))
            speaker, speaker_end, unattributed = carried, quote.end, None
            continue
        if (
            speaker is not None
            and _starts_sentence(text, quote.start)
            and not _cue_between(free, speaker_end, quote.start, speaker.source)
        ):
            out.append(_quote_attr(text, quote, speaker, "quote"))
            speaker_end, unattributed = quote.end, None
            continue
        unattributed = quote
    hand_on = speaker
    if unattributed is not None or (
        speaker is not None and _cue_between(free, speaker_end, len(text), speaker.source)
    ):
        hand_on = None
    return _tidy(out), hand_on, unattributed


_WHOLE_QUOTE_SLACK = 3
"""Characters a quotation may leave uncovered and still be the whole paragraph (`."` and spaces)."""


def _whole_quote(text: str, quotes: list[Quotation]) -> bool:
    """True when ``text`` is a single double-quoted passage and nothing else."""
    if len(quotes) != 1 or quotes[0].single:
        return False
    q = quotes[0]
    body = text.strip()
    return q.start == text.find(body) and len(body) - (q.end - q.start) <= _WHOLE_QUOTE_SLACK


def _tidy(found: list[Attribution]) -> list[Attribution]:
    """Sorted by offset, without duplicates or cues inside a longer one for the same source."""
    unique = sorted(set(found), key=lambda a: (a.start, -a.end, a.source, a.kind))
    reach: dict[str, int] = {}  # per source, the furthest end of a kept cue
    out: list[Attribution] = []
    for attr in unique:
        if reach.get(attr.source, -1) < attr.end:
            out.append(attr)
            reach[attr.source] = attr.end
    return sorted(out, key=lambda a: (a.start, a.end, a.source, a.kind))


def extract_one(paragraph: str, registry: Registry) -> tuple[Attribution, ...]:
    """The attributions in one paragraph, sorted by start (no cross-paragraph state).

    Example:
        >>> from newsprov.model import Registry
        >>> text = "SEOUL (Reuters) - It rained, Yonhap reported."
        >>> [(a.source, a.kind, a.cue) for a in extract_one(text, Registry.default())]
        [('Reuters', 'credit', 'SEOUL (Reuters) -'), ('Yonhap', 'report', 'Yonhap reported')]
    """
    found, _, _ = _paragraph(paragraph, registry, None)
    return tuple(resolve_names([found], registry, [paragraph])[0])


def extract(paragraphs: Sequence[str], registry: Registry) -> tuple[tuple[Attribution, ...], ...]:
    """The attributions of each paragraph (one tuple each, sorted by start).

    A quotation that opens a paragraph continues the speaker of the quotation
    that ended the paragraph before (kind ``continued``); a paragraph whose
    last quotation is left open and unattributed takes the speaker of the
    continuation that names one.

    Example:
        >>> from newsprov.model import Registry
        >>> out = extract(['"Our troops held," he said.', 'Kim said "no".'], Registry.default())
        >>> [[a.source for a in p] for p in out]
        [['he'], ['Kim']]
    """
    results: list[list[Attribution]] = []
    open_quotes: list[Quotation | None] = []
    carried: Attribution | None = None
    named: Attribution | None = None
    for text in paragraphs:
        found, carried, open_quote = _paragraph(text, registry, carried, named)
        named = _last_speaker(found, registry)
        results.append(found)
        open_quotes.append(open_quote if open_quote is not None and not open_quote.closed else None)
    _backfill(paragraphs, results, open_quotes)
    return tuple(tuple(p) for p in resolve_names(results, registry, paragraphs))


def _backfill(
    paragraphs: Sequence[str], results: list[list[Attribution]], open_quotes: list[Quotation | None]
) -> None:
    """An unclosed, unattributed quotation takes the speaker of the next paragraph's opening one."""
    for index in range(len(paragraphs) - 2, -1, -1):
        quote = open_quotes[index]
        following = results[index + 1]
        text = paragraphs[index + 1]
        first = len(text) - len(text.lstrip())
        if quote is None or text[first : first + 1] not in '"“„«' or not text.strip():
            continue
        speaker = next((a for a in following if a.kind in ("quote", "continued")), None)
        if speaker is None:
            continue
        results[index] = _tidy(
            [*results[index], _quote_attr(paragraphs[index], quote, speaker, "continued")]
        )
