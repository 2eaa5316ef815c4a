"""Reports for people: a readable text summary and a self-contained HTML page.

Example:
    >>> from newsprov.model import Result
    >>> print(summary(Result((), (), ())))
    newsprov: 0 articles, 0 rejected; 0 clusters, 0 duplicate groups
"""

from __future__ import annotations

import html
import json
import textwrap
from collections.abc import Iterator

from newsprov.model import ArticleResult, Origin, Paragraph, Result

__all__ = ["origin_label", "summary", "to_html"]

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


# --- HTML ------------------------------------------------------------------

_PALETTE = (
    "#fde68a", "#bfdbfe", "#c7f9cc", "#fbcfe8", "#ddd6fe", "#fed7aa", "#a5f3fc", "#e9d5ff",
)  # fmt: skip
_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem;color:#111}
.cluster{margin:2rem 0}.cols{display:flex;gap:1rem;align-items:flex-start;overflow-x:auto}
.art{flex:1 1 22rem;min-width:18rem;border:1px solid #ccc;border-radius:6px;padding:.6rem}
.art h3{margin:.2rem 0 .4rem;font-size:1rem}.meta{color:#555;font-size:.85rem}
.p{padding:.35rem .45rem;margin:.35rem 0;border-radius:4px;cursor:pointer;
border:2px solid transparent}
.p.sel{border-color:#111}.p.hit{border-color:#d00;box-shadow:0 0 0 2px #fcc}
.origin{font-size:.75rem;color:#333;display:block}.legend span{padding:.1rem .4rem;margin:.2rem;
border-radius:3px;display:inline-block}#evidence{position:sticky;top:0;background:#fff;
border-bottom:1px solid #ccc;padding:.5rem;min-height:1.5rem;font-size:.9rem}
.dup{color:#a00;font-size:.8rem}details{font-size:.8rem;color:#555}
"""
_JS = """
document.addEventListener('click',function(e){
 var p=e.target.closest('.p');if(!p)return;
 document.querySelectorAll('.p.sel,.p.hit').forEach(function(x){x.classList.remove('sel','hit')});
 p.classList.add('sel');var m=JSON.parse(p.getAttribute('data-matches'));
 m.forEach(function(t){var el=document.getElementById('p-'+t[0]+'-'+t[1]);
  if(el)el.classList.add('hit')});
 document.getElementById('evidence').textContent=p.getAttribute('data-evidence');
});
"""


def to_html(result: Result) -> str:
    """One self-contained HTML page (inline CSS and script, no network) of the result.

    Every piece of article text is escaped, so markup in an article renders as text.

    Example:
        >>> from newsprov.model import Result
        >>> to_html(Result((), (), ())).startswith("<!doctype html>")
        True
    """
    colours = _colours(result)
    dup_of = {a: g for g in result.duplicate_groups if len(g) > 1 for a in g}
    by_id = {a.id: a for a in result.articles}
    legend = "".join(
        f'<span style="background:{c}">{html.escape(s)}</span>' for s, c in colours.items()
    )
    body = [f"<h1>newsprov provenance map</h1><p class=legend>Sources: {legend}</p>"]
    body.append('<div id="evidence">Select a paragraph to see its origin and matches.</div>')
    for c in result.clusters:
        cols = "".join(_article_html(by_id[a], colours, dup_of.get(a)) for a in c.articles)
        body.append(
            f'<section class="cluster"><h2>Cluster {html.escape(c.id)}</h2>'
            f'<div class="cols">{cols}</div></section>'
        )
    head = f"<meta charset=utf-8><title>newsprov</title><style>{_CSS}</style>"
    script = f"<script>{_JS}</script>"
    return f"<!doctype html><html><head>{head}</head><body>{''.join(body)}{script}</body></html>"


def _colours(result: Result) -> dict[str, str]:
    sources = sorted({_source_key(p) for a in result.articles for p in a.paragraphs})
    return {s: _PALETTE[i % len(_PALETTE)] for i, s in enumerate(sources)}


def _source_key(p: Paragraph) -> str:
    if p.origin is None:
        return "untraced"
    return p.origin.source or "own writing"


def _article_html(art: ArticleResult, colours: dict[str, str], dup: tuple[str, ...] | None) -> str:
    esc = html.escape
    meta = " · ".join(esc(x) for x in (art.outlet or "", _date(art) or "", art.id) if x)
    out = [f'<div class="art"><h3>{esc(art.title or "(no title)")}</h3>']
    out.append(f"<div class=meta>{meta}</div>")
    if dup:
        others = ", ".join(x for x in dup if x != art.id)
        out.append(f'<div class="dup">near-duplicate of {esc(others)}</div>')
    out += [_paragraph_html(art.id, p, colours[_source_key(p)]) for p in art.paragraphs]
    if art.removed:
        items = "".join(f"<li>{esc(r.reason)}: {esc(r.text)}</li>" for r in art.removed)
        summary_ = f"<summary>removed boilerplate ({len(art.removed)})</summary>"
        out.append(f"<details>{summary_}<ul>{items}</ul></details>")
    out.append("</div>")
    return "".join(out)


def _paragraph_html(article_id: str, p: Paragraph, colour: str) -> str:
    esc = html.escape
    matches = json.dumps([[m.article, m.paragraph] for m in p.matches])
    details = [e.detail for e in (p.origin.evidence if p.origin else ())]
    details += [f"{m.kind} {m.score:.2f} with {m.article}[{m.paragraph}]" for m in p.matches]
    evidence = " | ".join([origin_label(p.origin), *details])
    return (
        f'<div class="p" id="p-{esc(article_id)}-{p.index}" style="background:{colour}"'
        f' data-matches="{esc(matches)}" data-evidence="{esc(evidence)}">'
        f"<span class=origin>{esc(origin_label(p.origin))}</span>{esc(p.text)}</div>"
    )
