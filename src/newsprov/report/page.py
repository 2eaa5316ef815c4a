"""The HTML provenance map: one self-contained page (inline CSS and script, no network).

The page opens with an overview of the clusters and a legend of the sources,
then shows each cluster's articles side by side, every paragraph coloured by the
source it came from and its attribution cues underlined. Selecting a paragraph
(click, or Tab then Enter/Space) outlines its matches in the other articles and
shows the evidence in a side panel. All article text is escaped: markup in an
article renders as text, and the JSON the script reads cannot close its tag.

Example:
    >>> from newsprov.model import Result
    >>> page = to_html(Result((), (), ()))
    >>> page.startswith("<!doctype html>") and "http://" not in page
    True
"""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from collections.abc import Sequence
from html import escape

from newsprov.model import ArticleResult, Attribution, Cluster, Paragraph, Result
from newsprov.report._assets import CSS, JS, source_style
from newsprov.report.text import origin_label

__all__ = ["to_html"]

_OWN = "own writing"
_TOP_SOURCES = 8  # sources shown per cluster in the overview; the legend lists them all
_LABEL = 44  # characters of a title that name an article with no outlet in links
_UNTRACED = "not traced"
# Script-breaking characters in JSON embedded in <script>: "</script>" or "<!--"
# in article text must not end the element, and U+2028/9 are line ends in old JS.
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def to_html(result: Result) -> str:
    """One self-contained HTML page (inline CSS and script, no network) of the result.

    Every piece of article text is escaped, so markup in an article renders as
    text and never runs; the page fetches nothing and can be mailed as is.

    Example:
        >>> import newsprov
        >>> r = newsprov.cluster([{"id": "a", "text": "Tom <b>said</b> it rained."}])
        >>> page = to_html(r)
        >>> "Tom &lt;b&gt;said&lt;/b&gt; it rained." in page, "<b>said" in page
        (True, False)
    """
    view = _View(result)
    body = "".join(
        [
            _header_html(result),
            '<div class="layout"><main>',
            _overview_html(view),
            _legend_html(view),
            *(_cluster_html(view, c) for c in result.clusters),
            _rejected_html(result),
            "</main>",
            _panel_html(),
            "</div>",
        ]
    )
    data = _script_json(_page_data(view))
    head = (
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>newsprov provenance map</title><style>{CSS}{source_style(view.slots)}</style>"
    )
    scripts = f'<script type="application/json" id="np-data">{data}</script><script>{JS}</script>'
    return f'<!doctype html><html lang="en"><head>{head}</head><body>{body}{scripts}</body></html>'


class _View:
    """What the page needs beyond the result: element keys, colour slots, group names."""

    def __init__(self, result: Result) -> None:
        self.result = result
        self.keys = {a.id: f"a{i}" for i, a in enumerate(result.articles)}
        self.by_id = {a.id: a for a in result.articles}
        counts = Counter(source_key(p) for a in result.articles for p in a.paragraphs)
        named = sorted(
            (s for s in counts if s not in (_OWN, _UNTRACED)), key=lambda s: (-counts[s], s)
        )
        self.counts = counts
        self.slots = {s: i for i, s in enumerate(named)} | {_OWN: -1, _UNTRACED: -2}
        groups = [g for g in result.duplicate_groups if len(g) > 1]
        self.dup_names = {a: f"D{i + 1}" for i, g in enumerate(groups) for a in g}
        self.dup_groups = {f"D{i + 1}": g for i, g in enumerate(groups)}

    def slot_class(self, source: str) -> str:
        """The CSS class carrying a source's colours."""
        slot = self.slots[source]
        return f"s{slot}" if slot >= 0 else ("own" if slot == -1 else "untraced")

    def pkey(self, article: str, paragraph: int) -> str:
        """The element id of one paragraph."""
        return f"{self.keys[article]}-p{paragraph}"


def source_key(p: Paragraph) -> str:
    """The legend entry a paragraph is coloured by: its origin's source, or own writing.

    Example:
        >>> from newsprov.model import Origin, Paragraph
        >>> source_key(Paragraph(0, "x", Origin("KCNA", "statement", 0.9)))
        'KCNA'
        >>> own = Paragraph(0, "x", Origin(None, "outlet", 0.5))
        >>> source_key(own), source_key(Paragraph(0, "x"))
        ('own writing', 'not traced')
    """
    if p.origin is None:
        return _UNTRACED
    return p.origin.source or _OWN


def _header_html(result: Result) -> str:
    arts = result.articles
    outlets = {a.outlet for a in arts if a.outlet}
    stats = [
        _count(len(arts), "article"),
        _count(len(outlets), "named outlet"),
        _count(len(result.clusters), "cluster"),
        _count(sum(len(g) > 1 for g in result.duplicate_groups), "near-duplicate group"),
    ]
    if result.rejected:
        stats.append(f'<a href="#rejected">{_count(len(result.rejected), "input")} rejected</a>')
    dates = _date_range(arts)
    if dates:
        stats.append(escape(dates))
    return (
        '<header><h1>Provenance map</h1><p class="stats">'
        + " · ".join(stats)
        + '</p><p class="hint">Each paragraph is coloured by where it came from. Select one '
        "(click, or Tab then Enter) to outline the same text in the other articles and see "
        "the evidence. Underlined words are the cues that credit a source.</p></header>"
    )


def _overview_html(view: _View) -> str:
    rows = []
    for c in view.result.clusters:
        arts = [view.by_id[a] for a in c.articles]
        outlets = sorted({a.outlet for a in arts if a.outlet})
        unnamed = sum(a.outlet is None for a in arts)
        outlet_text = ", ".join(outlets) + (f" (+{unnamed} unnamed)" if unnamed and outlets else "")
        sources = Counter(source_key(p) for a in arts for p in a.paragraphs)
        ranked = sorted(sources.items(), key=lambda x: (-x[1], x[0]))
        chips = "".join(_chip(view, s, n) for s, n in ranked[:_TOP_SOURCES])
        if len(ranked) > _TOP_SOURCES:
            chips += f'<span class="note">+{len(ranked) - _TOP_SOURCES} more</span>'
        dups = sorted({view.dup_names[a.id] for a in arts if a.id in view.dup_names})
        rows.append(
            f'<tr><th scope="row"><a href="#c-{escape(c.id)}">{escape(c.id)}</a></th>'
            f"<td>{len(arts)}</td><td>{escape(outlet_text or 'not named')}</td>"
            f"<td>{escape(_date_range(arts) or 'undated')}</td>"
            f"<td>{escape(', '.join(dups)) or '—'}</td><td>{chips}</td></tr>"
        )
    head = (
        "<tr><th>Cluster</th><th>Articles</th><th>Outlets</th><th>Dates</th>"
        "<th>Near-duplicates</th><th>Main sources (paragraphs)</th></tr>"
    )
    return (
        '<section class="overview"><h2>Clusters</h2>'
        f'<div class="scroll"><table><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
        "</div></section>"
    )


def _legend_html(view: _View) -> str:
    entries = sorted(view.counts.items(), key=lambda x: (view.slots[x[0]] < 0, -x[1], x[0]))
    chips = "".join(f"<li>{_chip(view, s, n)}</li>" for s, n in entries)
    return (
        '<section class="legend" aria-label="Legend"><h2>Sources</h2>'
        f'<ul class="chips">{chips}</ul><p class="note">Number of paragraphs traced to each '
        "source. <em>Own writing</em>: text found in no other article, or first published "
        "here; it carries no credit to anyone else.</p></section>"
    )


def _chip(view: _View, source: str, count: int | None = None) -> str:
    n = "" if count is None else f' <span class="n">{count}</span>'
    return f'<span class="chip {view.slot_class(source)}">{escape(source)}{n}</span>'


def _cluster_html(view: _View, cluster: Cluster) -> str:
    arts = [view.by_id[a] for a in cluster.articles]
    cols = "".join(_article_html(view, a) for a in arts)
    more = " (scroll sideways for more)" if len(arts) > 3 else ""
    return (
        f'<section class="cluster" id="c-{escape(cluster.id)}" aria-label="Cluster '
        f'{escape(cluster.id)}"><h2>Cluster {escape(cluster.id)} '
        f'<span class="sub">{_count(len(arts), "article")} side by side{more}</span></h2>'
        f'<div class="cols" style="--n:{len(arts)}">{cols}</div></section>'
    )


def _article_html(view: _View, art: ArticleResult) -> str:
    out = [f'<article class="art" id="{view.keys[art.id]}">', _article_head(view, art)]
    out.append('<div class="body">')
    out += [_paragraph_html(view, art.id, p) for p in art.paragraphs]
    if not art.paragraphs:
        out.append('<p class="note">No text left after cleaning.</p>')
    if art.removed:
        items = "".join(
            f'<li><span class="why">{escape(r.reason)}</span> {escape(r.text)}</li>'
            for r in art.removed
        )
        out.append(
            f"<details><summary>Removed boilerplate ({len(art.removed)})</summary>"
            f"<ul>{items}</ul></details>"
        )
    out.append("</div></article>")
    return "".join(out)


def _article_head(view: _View, art: ArticleResult) -> str:
    meta = [f"<b>{escape(art.outlet)}</b>" if art.outlet else "outlet not named"]
    meta.append(escape(_date(art) or "undated"))
    meta.append(f"<code>{escape(art.id)}</code>")
    if art.url and art.url.lower().startswith(("http://", "https://")):
        meta.append(f'<a href="{escape(art.url)}" rel="noopener noreferrer">link</a>')
    out = [
        f"<h3>{escape(art.title or '(no title)')}</h3>",
        f'<p class="meta">{" · ".join(meta)}</p>',
    ]
    if art.id in view.dup_names:
        name = view.dup_names[art.id]
        others = [x for x in view.dup_groups[name] if x != art.id]
        labels = ", ".join(_article_label(view.by_id[x]) for x in others)
        out.append(f'<p class="dup">Near-duplicate group {name}: same copy as {escape(labels)}</p>')
    if art.credits:
        cues = dict.fromkeys((c.kind, c.cue) for c in art.credits)
        credits = "; ".join(f"{escape(kind)}: {escape(cue)}" for kind, cue in cues)
        out.append(f'<p class="credits">Credits — {credits}</p>')
    return f'<div class="head">{"".join(out)}</div>'


def _paragraph_html(view: _View, article: str, p: Paragraph) -> str:
    source = source_key(p)
    kind = p.origin.kind if p.origin else "dedup only"
    via = "".join(f" via {v}" for v in p.origin.via) if p.origin else ""
    conf = f" · {p.origin.confidence:.2f}" if p.origin else ""
    hits = f" · {_count(len(p.matches), 'match')}" if p.matches else ""
    label = escape(f"{source}{via}")
    return (
        f'<div class="p {view.slot_class(source)}" id="{view.pkey(article, p.index)}" '
        'tabindex="0" role="button" aria-pressed="false">'
        f'<div class="tag"><span><b>{label}</b> · {escape(kind)}{conf}</span>'
        f'<span class="nm">¶{p.index}{hits}</span></div>'
        f'<p class="txt">{marked_text(p.text, p.attributions)}</p></div>'
    )


def marked_text(text: str, attributions: Sequence[Attribution]) -> str:
    """The paragraph text escaped, with each attribution cue wrapped in ``<mark class="cue">``.

    Cues whose offsets do not hold their text, or that overlap an earlier cue,
    are left unmarked (the evidence panel still lists them).

    Example:
        >>> from newsprov.model import Attribution
        >>> marked_text("<b> KCNA said", [Attribution("KCNA", "KCNA said", 4, 13)])
        '&lt;b&gt; <mark class="cue" title="KCNA (report)">KCNA said</mark>'
    """
    out, at = [], 0
    for a in sorted(attributions, key=lambda a: (a.start, -a.end)):
        if a.start < at or text[a.start : a.end] != a.cue or a.start == a.end:
            continue
        title = f"{a.source}{f' via {a.via}' if a.via else ''} ({a.kind})"
        out.append(escape(text[at : a.start]))
        out.append(f'<mark class="cue" title="{escape(title)}">{escape(a.cue)}</mark>')
        at = a.end
    out.append(escape(text[at:]))
    return "".join(out)


def _rejected_html(result: Result) -> str:
    if not result.rejected:
        return ""
    items = "".join(
        f"<li><code>{escape(r.id)}</code>: {escape(r.reason)}</li>" for r in result.rejected
    )
    return f'<section id="rejected"><h2>Rejected inputs</h2><ul>{items}</ul></section>'


def _panel_html() -> str:
    return (
        '<aside id="np-panel" aria-live="polite" aria-label="Evidence">'
        '<h2>Evidence</h2><div id="np-evidence"><p class="note">Select a paragraph to see '
        "where it came from, why, and where else its text appears.</p></div></aside>"
    )


def _page_data(view: _View) -> dict[str, object]:
    articles = {
        view.keys[a.id]: {
            "label": _article_label(a),
            "title": a.title or "(no title)",
            "meta": " · ".join([a.outlet or "outlet not named", _date(a) or "undated"]),
        }
        for a in view.result.articles
    }
    paragraphs = {
        view.pkey(a.id, p.index): _paragraph_data(view, a.id, p)
        for a in view.result.articles
        for p in a.paragraphs
    }
    return {"articles": articles, "paragraphs": paragraphs}


def _paragraph_data(view: _View, article: str, p: Paragraph) -> dict[str, object]:
    def target(art: str | None, par: int | None) -> str | None:
        return None if art not in view.keys or par is None else view.pkey(art, par)

    origin = None
    if p.origin is not None:
        origin = {
            "label": origin_label(p.origin),
            "source": p.origin.source or _OWN,
            "kind": p.origin.kind,
            "confidence": round(p.origin.confidence, 2),
            "via": list(p.origin.via),
            "class": view.slot_class(source_key(p)),
            "evidence": [
                [e.kind, e.detail, target(e.article, e.paragraph)] for e in p.origin.evidence
            ],
        }
    return {
        "article": view.keys[article],
        "index": p.index,
        "origin": origin,
        "cues": [[a.cue, a.kind, a.source, a.via, a.quote] for a in p.attributions],
        "matches": [
            [target(m.article, m.paragraph), m.kind, round(m.score, 2), m.article, m.paragraph]
            for m in p.matches
        ],
    }


def _script_json(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_JSON_ESCAPES)


def _article_label(art: ArticleResult) -> str:
    name = art.outlet or (
        textwrap.shorten(art.title, _LABEL, placeholder="…") if art.title else art.id
    )
    return name + (f" ({_date(art)})" if _date(art) else "")


def _date(art: ArticleResult) -> str | None:
    if art.published is None:
        return None
    return art.published.isoformat()[:10]


def _date_range(arts: Sequence[ArticleResult]) -> str:
    dates = sorted(d for d in (_date(a) for a in arts) if d)
    undated = len(arts) - len(dates)
    if not dates:
        return ""
    span = dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
    return span + (f" ({undated} undated)" if undated else "")


def _count(n: int, noun: str) -> str:
    plural = "es" if noun.endswith(("s", "ch")) else "s"
    return f"{n} {noun}{'' if n == 1 else plural}"
