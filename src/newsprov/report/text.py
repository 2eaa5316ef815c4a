"""The readable text summary printed by ``newsprov run``: clusters, then each paragraph's origin.

Example:
    >>> from newsprov.model import Result
    >>> print(summary(Result((), (), ())))
    newsprov: 0 articles, 0 rejected; 0 clusters, 0 duplicate groups
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from newsprov.model import ArticleResult, Origin, Paragraph, Result

__all__ = ["origin_label", "summary"]

_EXCERPT = 72


def origin_label(origin: Origin | None) -> str:
    """A short label for an origin: kind, source, carriers and confidence.

    Example:
        >>> from newsprov.model import Origin
        >>> origin_label(Origin("KCNA", "statement", 0.9, via=("Reuters",)))
        'statement KCNA via Reuters (0.90)'
    """
    if origin is None:
        return "not traced (dedup-only)"
    source = origin.source or "own"
    via = "".join(f" via {v}" for v in origin.via)
    return f"{origin.kind} {source}{via} ({origin.confidence:.2f})"


def summary(result: Result) -> str:
    """A short readable summary: clusters, then each article's paragraphs and their origins.

    Example:
        >>> from newsprov.model import Result, Rejection
        >>> "empty text" in summary(Result((), (), (), (Rejection("x", "empty text"),)))
        True
    """
    return "\n".join(_summary_lines(result))


def _summary_lines(result: Result) -> Iterator[str]:
    yield (
        f"newsprov: {len(result.articles)} articles, {len(result.rejected)} rejected; "
        f"{len(result.clusters)} clusters, {len(result.duplicate_groups)} duplicate groups"
    )
    if not result.params.passages:
        yield "  (no shared passages looked for: clusters are the duplicate groups; see --passages)"
    for c in result.clusters:
        yield f"  cluster {c.id}: {', '.join(c.articles)}"
    for g in result.duplicate_groups:
        if len(g) > 1:
            yield f"  near-duplicates: {', '.join(g)}"
    for r in result.rejected:
        yield f"  rejected {r.id}: {r.reason}"
    for art in result.articles:
        yield ""
        yield from _article_lines(art)


def _article_lines(art: ArticleResult) -> Iterator[str]:
    meta = ", ".join(x for x in (art.outlet, _date(art)) if x)
    yield f"== {art.id}: {art.title or '(no title)'}" + (f" [{meta}]" if meta else "")
    if art.credits:
        yield "   credits: " + "; ".join(f"{c.source} ({c.kind}: {c.cue!r})" for c in art.credits)
    if art.removed:
        reasons = sorted({r.reason for r in art.removed})
        yield f"   removed {len(art.removed)} boilerplate pieces: {', '.join(reasons)}"
    for p in art.paragraphs:
        yield f"   [{p.index}] {origin_label(p.origin)}: {_excerpt(p.text)}"
        for line in _evidence_lines(p):
            yield f"        {line}"


def _evidence_lines(p: Paragraph) -> Iterator[str]:
    if p.origin is not None:
        for ev in p.origin.evidence[:2]:
            yield f"- {ev.detail}"
    if p.matches:
        shown = ", ".join(
            f"{m.article}[{m.paragraph}] {m.kind} {m.score:.2f}" for m in p.matches[:3]
        )
        more = f" (+{len(p.matches) - 3} more)" if len(p.matches) > 3 else ""
        yield f"- matches: {shown}{more}"


def _excerpt(text: str) -> str:
    return textwrap.shorten(text, _EXCERPT, placeholder=" ...")


def _date(art: ArticleResult) -> str | None:
    return None if art.published is None else art.published.isoformat()
