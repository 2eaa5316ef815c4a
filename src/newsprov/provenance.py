"""Origin inference: the probable source of every paragraph, with its evidence.

The rules run in order of the strength of their evidence, and the first that
speaks for a paragraph decides it:

1. an explicit cue in the paragraph ("Reuters reported", a dateline, a quotation
   with its speaker, "according to KCNA");
2. the article's own credits: a wire byline or dateline covers the whole
   article; a lead that says "Reuters reported" carries to the rest of the
   article's wire-derived text (paragraphs that match other articles), not to
   its own additions;
3. propagation across matches: a paragraph that rewrites a paragraph credited
   to a source elsewhere probably comes from that source, with lower confidence;
4. the earliest publication among the matching copies, else asymmetry (the
   article that contains the other's text and adds to it derived it);
5. otherwise the outlet's own writing.

A statement or quotation carried by a wire story keeps the chain: a KCNA
statement inside a Reuters-credited article has ``source="KCNA",
via=("Reuters",)``.

Confidences are calibrated by rule rather than learned; they order the
evidence (a cue beats a credit beats a propagated match beats a date) and are
documented in ``docs/output.md``.

Example:
    >>> from newsprov.model import Registry
    >>> doc = Doc("a", "Example News", None, (), ("Tokyo stocks rose, Kyodo News reported.",),
    ...           ((Attribution("Kyodo", "Kyodo News reported", 19, 38),),))
    >>> trace([doc], {}, Registry.default())["a"][0].source
    'Kyodo'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from attrs import evolve, frozen

from newsprov.model import (
    ArticleId,
    Attribution,
    Credit,
    Evidence,
    Match,
    Origin,
    OriginKind,
    Published,
    Registry,
)

__all__ = ["Doc", "trace"]

ParagraphKey = tuple[ArticleId, int]

# Confidence by rule (see module docstring): the order matters more than the values.
CONF_CUE = 0.9
CONF_BYLINE = 0.85
CONF_CARRIED = 0.7
CONF_SPEECH = 0.65
# A propagated origin keeps (CONF_PROPAGATED_BASE + CONF_PROPAGATED_SLOPE x match
# score) of the confidence of the paragraph it came from: a perfect copy keeps
# 90%, a loose rewrite at the 0.35 threshold about 64%.
CONF_PROPAGATED_BASE = 0.5
# Matches below this score are shown as evidence but carry no origin: a loose
# rewrite (content-word overlap 0.35-0.45) is as often two reports of the same
# facts as one text rewritten from the other.
PROPAGATE_MIN_SCORE = 0.45
CONF_PROPAGATED_SLOPE = 0.4
CONF_DATE = 0.55
CONF_ASYMMETRY = 0.45
CONF_OWN_UNMATCHED = 0.6
CONF_OWN_SHARED = 0.3
# A quotation covering this share of a paragraph makes the quoted speaker its origin.
QUOTE_DOMINANCE = 0.4
# Cue kinds that credit a whole article when found on an article's lead paragraphs.
LEAD_PARAGRAPHS = 2

_INSTITUTION = re.compile(
    r"\b(?:commission|ministry|party|department|office|agency|council|committee|government|"
    r"army|military|command|kremlin|statement|officials?|spokes(?:person|man|woman)|"
    r"authorit(?:y|ies)|administration|embassy|police|court|parliament|assembly|regime)\b",
    re.IGNORECASE,
)
# Words that name a document rather than who issued it: "the statement claimed"
# refers to the statement the article named last.
_REFERENTS = frozenset(
    {"statement", "announcement", "report", "release", "communique", "declaration", "message"}
)
_WIRE_CREDIT_KINDS = frozenset({"byline", "dateline", "agency", "trailer"})
_OWN_KINDS = frozenset({"outlet", "original"})


@frozen
class Doc:
    """What origin inference needs to know of one cleaned article."""

    id: ArticleId
    outlet: str | None
    published: Published
    credits: tuple[Credit, ...]
    paragraphs: tuple[str, ...]
    attributions: tuple[tuple[Attribution, ...], ...]


def trace(
    docs: Sequence[Doc],
    matches: Mapping[ParagraphKey, tuple[Match, ...]],
    registry: Registry,
) -> dict[ArticleId, tuple[Origin, ...]]:
    """The origin of every paragraph of every document.

    ``matches`` maps (article id, paragraph index) to that paragraph's matches
    in other articles (see :func:`newsprov.align.matches_by_paragraph`).

    Example:
        >>> doc = Doc("a", None, None, (), ("Our own reporting.",), ((),))
        >>> trace([doc], {}, Registry.default())["a"][0].kind
        'outlet'
    """
    by_id = {d.id: d for d in docs}
    origins: dict[ParagraphKey, Origin] = {}
    weak: dict[ParagraphKey, Origin] = {}
    for doc in docs:
        wire = _article_wire(doc, registry)
        for i, attrs_ in enumerate(doc.attributions):
            key = (doc.id, i)
            strong, fallback = _from_cues(doc, i, attrs_, registry)
            origin = _apply_article_credit(strong, wire, bool(matches.get(key)))
            if origin is not None:
                origins[key] = origin
            elif fallback is not None:
                weak[key] = fallback
    _propagate_all(matches, origins, weak, by_id)
    origins = {**weak, **origins}
    return {
        doc.id: _resolve_referents(
            doc,
            registry,
            [
                origins.get((doc.id, i)) or _undecided(doc, matches.get((doc.id, i), ()), by_id)
                for i in range(len(doc.paragraphs))
            ],
        )
        for doc in docs
    }


def _propagate_all(
    matches: Mapping[ParagraphKey, tuple[Match, ...]],
    origins: dict[ParagraphKey, Origin],
    weak: Mapping[ParagraphKey, Origin],
    by_id: Mapping[ArticleId, Doc],
) -> None:
    """Fill ``origins`` from matches, in place.

    A paragraph with its own speaker cue ("Russia said ...") keeps it against
    a match, except one step from a paragraph credited to a wire: the words
    are then the wire's, the speaker only its informant. A match with another
    speaker's statement says the same facts were said, not who said them here.
    """
    direct = dict(origins)
    for _ in range(2):  # two rounds reach sources two matches away
        for key, ms in sorted(matches.items()):
            if key in origins or key[0] not in by_id:
                continue
            if key not in weak:
                found = _propagate(ms, origins)
            else:
                found = _propagate(ms, direct)
                found = found if found is not None and found.kind == "wire" else None
            if found is not None:
                origins[key] = found


def _resolve_referents(doc: Doc, registry: Registry, origins: list[Origin]) -> tuple[Origin, ...]:
    """Point "the statement claimed ..." at the body whose statement the article last cited.

    Only institutions and state media issue statements in this sense; a
    person's passing claim in between does not capture the reference.
    """
    last: tuple[int, Origin] | None = None
    out: list[Origin] = []
    for i, origin in enumerate(origins):
        generic = (origin.source or "").casefold() in _REFERENTS
        if generic and last is not None:
            k, named = last
            detail = f"{origin.source!r} refers back to {named.source} (paragraph {k})"
            evidence = (*origin.evidence, Evidence("cue", detail, doc.id, k))
            origin = evolve(origin, source=named.source, via=named.via, evidence=evidence)
        elif (target := _referent(doc, i, origin, registry, last, out)) is not None:
            origin = _continue(doc, i, origin, target[1], target[0])
        elif origin.source and not generic and _issues_statements(origin.source, registry):
            last = (i, origin)
        out.append(origin)
    return tuple(out)


def _anaphor(doc: Doc, i: int, origin: Origin, registry: Registry) -> bool:
    """True when the paragraph's source is only "the <institution>" ("according to the
    regime"): a reference to a body the article named before, not a source of its own."""
    name = origin.source or ""
    if not (name.isalpha() and name.islower() and _INSTITUTION.search(name)):
        return False
    if registry.lookup(name) is not None:
        return False
    definite = f"the {name}"
    return any(a.source == name and definite in a.cue.lower() for a in doc.attributions[i])


def _referent(
    doc: Doc,
    i: int,
    origin: Origin,
    registry: Registry,
    last: tuple[int, Origin] | None,
    before: list[Origin],
) -> tuple[int, Origin] | None:
    """What "the <institution>" of paragraph ``i`` refers to: the body last cited if it is
    one ("Defence Ministry" for "the ministry"), else the account of the paragraph before."""
    if not _anaphor(doc, i, origin, registry):
        return None
    if last is not None and (origin.source or "") in (last[1].source or "").lower().split():
        return last
    if before and before[-1].kind not in _OWN_KINDS:
        return i - 1, before[-1]
    return None


def _continue(doc: Doc, i: int, origin: Origin, named: Origin, k: int) -> Origin:
    """The paragraph's "the <institution>" is the body (or account) of paragraph ``k``."""
    if (origin.source or "") in (named.source or "").lower().split():
        detail = f"'the {origin.source}' refers back to {named.source} (paragraph {k})"
    else:
        detail = (
            f"'the {origin.source}' names no body cited before; the paragraph continues "
            f"the account of paragraph {k} ({named.source})"
        )
    evidence = (*origin.evidence, Evidence("cue", detail, doc.id, k))
    return evolve(named, confidence=min(origin.confidence, named.confidence), evidence=evidence)


def _article_wire(doc: Doc, registry: Registry) -> tuple[str, Evidence, bool] | None:
    """The wire agency credited for the article, its evidence, and whether it covers all."""
    for credit in doc.credits:
        agency = registry.lookup(credit.source)
        if credit.kind in _WIRE_CREDIT_KINDS and agency is not None and agency.kind == "wire":
            return agency.name, Evidence("credit", f"{credit.kind} {credit.cue!r}"), True
    for i, attrs_ in enumerate(doc.attributions[:LEAD_PARAGRAPHS]):
        for a in attrs_:
            agency = registry.lookup(a.source)
            if a.kind in ("report", "credit") and agency is not None and agency.kind == "wire":
                detail = f"lead cue {a.cue!r} in paragraph {i}"
                return agency.name, Evidence("credit", detail, doc.id, i), a.kind == "credit"
    return None


def _from_cues(
    doc: Doc, i: int, attrs_: tuple[Attribution, ...], registry: Registry
) -> tuple[Origin | None, Origin | None]:
    """The origin the paragraph's own cues give: (decisive, fallback).

    Decisive: a cue naming a wire agency or state medium, or a quotation that
    makes up much of the paragraph. Fallback: indirect speech by anyone else
    ("Russia said ...", "according to officials"), which tells who informed the
    writer but not whose text it is; it applies only when no credit or match
    says more.
    """
    text = doc.paragraphs[i]
    decisive: Origin | None = None
    fallback: Origin | None = None
    quotes = [a for a in attrs_ if a.kind in ("quote", "continued") and a.quote]
    quoted = sum(len(a.quote or "") for a in quotes)
    if quotes and quoted >= QUOTE_DOMINANCE * len(text):
        decisive = _origin_of(max(quotes, key=lambda a: len(a.quote or "")), doc, i, registry)
    for a in attrs_:
        agency = registry.lookup(a.source)
        if agency is not None and agency.kind in ("wire", "state") and a.kind != "continued":
            found = _origin_of(a, doc, i, registry)
            if decisive is None or (found.kind == "wire" and decisive.kind != "quote"):
                decisive = found
        elif fallback is None and a.kind in ("report", "speech"):
            fallback = evolve(_origin_of(a, doc, i, registry), confidence=CONF_SPEECH)
    return decisive, fallback


def _origin_of(a: Attribution, doc: Doc, i: int, registry: Registry) -> Origin:
    agency = registry.lookup(a.source)
    via = () if a.via is None else (a.via,)
    name = agency.name if agency else a.source
    evidence = Evidence("cue", f"{a.kind} cue {a.cue!r}", doc.id, i)
    return Origin(name, _kind_of(a, agency.kind if agency else None), CONF_CUE, (evidence,), via)


def _kind_of(a: Attribution, agency_kind: str | None) -> OriginKind:
    if agency_kind == "wire":
        return "wire"
    if agency_kind == "state" or _INSTITUTION.search(a.source) or a.via is not None:
        return "statement"
    if agency_kind in ("broadcaster", "newspaper"):
        return "outlet"
    return "quote" if a.kind in ("quote", "continued") else "statement"


def _apply_article_credit(
    origin: Origin | None, wire: tuple[str, Evidence, bool] | None, matched: bool
) -> Origin | None:
    if wire is None:
        return origin
    name, evidence, whole = wire
    if not (whole or matched):
        return origin
    if origin is None:
        conf = CONF_BYLINE if whole else CONF_CARRIED
        return Origin(name, "wire", conf, (evidence,))
    if origin.kind != "wire" and origin.source != name and name not in origin.via:
        return evolve(origin, via=(*origin.via, name), evidence=(*origin.evidence, evidence))
    return origin


def _propagate(ms: tuple[Match, ...], origins: Mapping[ParagraphKey, Origin]) -> Origin | None:
    best: Origin | None = None
    for m in ms:
        other = origins.get((m.article, m.paragraph))
        if m.score < PROPAGATE_MIN_SCORE:
            continue
        if other is None or other.source is None or other.kind in ("outlet", "original"):
            continue
        keep = CONF_PROPAGATED_BASE + CONF_PROPAGATED_SLOPE * m.score
        conf = round(other.confidence * keep, 4)
        if best is None or conf > best.confidence:
            detail = (
                f"{m.kind} match (score {m.score:.2f}) with a paragraph traced to {other.source}"
            )
            evidence = Evidence("match", detail, m.article, m.paragraph)
            best = Origin(other.source, other.kind, conf, (evidence,), other.via)
    return best


def _undecided(doc: Doc, ms: tuple[Match, ...], by_id: Mapping[ArticleId, Doc]) -> Origin:
    # Only matches close enough to carry an origin (PROPAGATE_MIN_SCORE) say that
    # one article copied the other; a looser one is two reports of the same facts,
    # and which was published first says nothing of who wrote this paragraph.
    others = [by_id[m.article] for m in ms if m.article in by_id and m.score >= PROPAGATE_MIN_SCORE]
    if not others:
        detail = "no cue, no credit, and no match in another article"
        if ms:
            detail = (
                f"no cue, no credit; {len(ms)} loose match(es): the same facts, not the same text"
            )
        return Origin(doc.outlet, "outlet", CONF_OWN_UNMATCHED, (Evidence("none", detail),))
    dated = [d for d in [doc, *others] if d.published is not None]
    if len(dated) == len(others) + 1:
        earliest = min(dated, key=lambda d: (_sort_time(d.published), d.id))
        if earliest.id == doc.id:
            detail = f"earliest of {len(dated)} copies ({doc.published})"
            return Origin(doc.outlet, "original", CONF_DATE, (Evidence("date", detail),))
        detail = f"{earliest.id} published it first ({earliest.published})"
        ev = Evidence("date", detail, earliest.id)
        return Origin(earliest.outlet or earliest.id, "outlet", CONF_DATE, (ev,))
    source = _containing_source(doc, others)
    if source is not None:
        detail = f"{source.id} holds this text and this article adds to it"
        ev = Evidence("containment", detail, source.id)
        return Origin(source.outlet or source.id, "outlet", CONF_ASYMMETRY, (ev,))
    detail = f"shared with {len(others)} other article(s); direction unknown"
    return Origin(doc.outlet, "outlet", CONF_OWN_SHARED, (Evidence("match", detail),))


def _containing_source(doc: Doc, others: list[Doc]) -> Doc | None:
    """The other article whose text this one reproduces and extends, if clear."""
    shorter = [o for o in others if len(o.paragraphs) * 2 <= len(doc.paragraphs)]
    return min(shorter, key=lambda o: (len(o.paragraphs), o.id)) if shorter else None


def _issues_statements(source: str, registry: Registry) -> bool:
    agency = registry.lookup(source)
    return (agency is not None and agency.kind == "state") or bool(_INSTITUTION.search(source))


def _sort_time(value: Published) -> str:
    return "" if value is None else value.isoformat()
