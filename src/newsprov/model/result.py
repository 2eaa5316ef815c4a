"""Results out: each paragraph traced, the groups, and the ``newsprov/1`` JSON form.

Example:
    >>> Result((), (), ()).to_dict()["schema"]
    'newsprov/1'
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

import attrs
from attrs import field, frozen

from newsprov.model.article import ArticleId, Credit, Published, Removal
from newsprov.model.params import Params

__all__ = [
    "SCHEMA",
    "ArticleResult",
    "Attribution",
    "AttributionKind",
    "Cluster",
    "Evidence",
    "Match",
    "MatchKind",
    "Origin",
    "OriginKind",
    "Paragraph",
    "Rejection",
    "Result",
]

SCHEMA = "newsprov/1"
"""The ``schema`` tag of :meth:`Result.to_dict`; bumped on any incompatible change."""

OriginKind: TypeAlias = Literal["wire", "statement", "quote", "outlet", "original"]
"""Where a paragraph came from: a news agency's copy (``wire``), an official
statement it relays (``statement``), a person's words it quotes (``quote``), the
outlet's own writing found nowhere else (``outlet``), or the first appearance of
text that other articles reuse (``original``)."""

MatchKind: TypeAlias = Literal["verbatim", "rewrite", "quote"]
"""How two paragraphs match: copied text, rewritten text, or a shared quotation."""


def _unit_interval(_inst: object, att: attrs.Attribute[Any], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{att.name!r} must be within [0, 1] (got {value!r})")


def _published_iso(value: Published) -> str | None:
    return None if value is None else value.isoformat()


AttributionKind: TypeAlias = Literal["credit", "report", "speech", "quote", "continued"]
"""What an attribution cue is:

- ``credit``: a dateline or byline inside the text ("SEOUL (Reuters) -", "(AP) —");
- ``report``: a source reporting or being followed ("Reuters reported", "according to KCNA");
- ``speech``: indirect speech ("the commission said ...", "Trump posted on his social
  media platform");
- ``quote``: a direct quotation with its speaker (``quote`` holds the quoted words);
- ``continued``: a quotation continued from an earlier paragraph, whose cue stands there.
"""


@frozen
class Attribution:
    """A cue in a paragraph that credits a source, with offsets into the paragraph.

    Invariant: ``paragraph_text[start:end] == cue``. For ``quote`` and
    ``continued`` the span may be the quotation itself when the speaker's cue
    stands in another paragraph. ``quote`` holds the quoted words, when any;
    ``via`` names the carrier when the cue says so ("KCNA cited the Commission
    as saying": source ``Central Military Commission``, via ``KCNA``).
    """

    source: str
    cue: str
    start: int
    end: int
    quote: str | None = None
    kind: AttributionKind = "report"
    via: str | None = None

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.start <= self.end or self.end - self.start != len(self.cue):
            raise ValueError(
                f"'start'/'end' must span the cue ({len(self.cue)} characters) "
                f"(got {self.start}..{self.end})"
            )

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form.

        Example:
            >>> Attribution("Reuters", "Reuters reported", 0, 16).to_dict()["end"]
            16
        """
        return {
            "source": self.source,
            "cue": self.cue,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "kind": self.kind,
            "via": self.via,
        }


@frozen
class Match:
    """A paragraph of another article that shares text with this one."""

    article: ArticleId
    paragraph: int
    score: float = field(validator=_unit_interval)
    kind: MatchKind

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form. Example: ``Match("b", 2, 0.9, "verbatim").to_dict()``."""
        return {
            "article": self.article,
            "paragraph": self.paragraph,
            "score": round(self.score, 4),
            "kind": self.kind,
        }


@frozen
class Evidence:
    """One checkable reason behind an origin: a cue, a credit, a match, a date.

    ``kind`` is one of ``cue``, ``credit``, ``match``, ``date``, ``containment``,
    ``carried``, ``none``; ``detail`` says it in words; ``article`` and
    ``paragraph`` point at the other text when there is one.
    """

    kind: str
    detail: str
    article: ArticleId | None = None
    paragraph: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form. Example: ``Evidence("cue", "'Reuters reported'").to_dict()``."""
        return {
            "kind": self.kind,
            "detail": self.detail,
            "article": self.article,
            "paragraph": self.paragraph,
        }


@frozen
class Origin:
    """The probable origin of one paragraph.

    ``source`` is a normalised name ("Reuters", "KCNA") or None for the outlet's
    own writing; ``via`` lists the carriers between the source and this article
    (a KCNA statement carried by Reuters has ``source="KCNA", via=("Reuters",)``).
    """

    source: str | None
    kind: OriginKind
    confidence: float = field(validator=_unit_interval)
    evidence: tuple[Evidence, ...] = ()
    via: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form; ``Origin(None, "outlet", 0.5).to_dict()["kind"] == "outlet"``."""
        return {
            "source": self.source,
            "kind": self.kind,
            "confidence": round(self.confidence, 4),
            "via": list(self.via),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@frozen
class Paragraph:
    """One cleaned paragraph with its origin, its attributions and its matches.

    ``origin`` is None only in dedup-only runs (``Params(provenance=False)``).
    """

    index: int
    text: str
    origin: Origin | None = None
    attributions: tuple[Attribution, ...] = ()
    matches: tuple[Match, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form. Example: ``Paragraph(0, "Text.").to_dict()["origin"]`` is None."""
        return {
            "index": self.index,
            "text": self.text,
            "origin": None if self.origin is None else self.origin.to_dict(),
            # map, not a comprehension: most tuples are empty, and a comprehension
            # costs a function call even then (half of writing a dedup-only result)
            "attributions": list(map(Attribution.to_dict, self.attributions)),
            "matches": list(map(Match.to_dict, self.matches)),
        }


@frozen
class ArticleResult:
    """One article as it comes out: cleaned, with each paragraph traced."""

    id: ArticleId
    title: str | None
    outlet: str | None
    published: Published
    url: str | None
    credits: tuple[Credit, ...]
    removed: tuple[Removal, ...]
    paragraphs: tuple[Paragraph, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form, as documented in ``docs/output.md``."""
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": _published_iso(self.published),
            "url": self.url,
            "credits": list(map(Credit.to_dict, self.credits)),
            "removed": list(map(Removal.to_dict, self.removed)),
            "paragraphs": list(map(Paragraph.to_dict, self.paragraphs)),
        }


@frozen
class Cluster:
    """Articles linked by reused text (shared wire copy or shared quotations)."""

    id: str
    articles: tuple[ArticleId, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form. Example: ``Cluster("c1", ("a", "b")).to_dict()``."""
        return {"id": self.id, "articles": list(self.articles)}


@frozen
class Rejection:
    """An input that could not be used, and why; it is reported, never dropped."""

    id: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form. Example: ``Rejection("x", "empty text").to_dict()``."""
        return {"id": self.id, "reason": self.reason}


@frozen
class Result:
    """What :func:`newsprov.cluster` returns.

    ``duplicate_groups`` and ``clusters`` are each a partition of the ids of
    the accepted ``articles``; ``rejected`` holds every input that was not used.
    """

    articles: tuple[ArticleResult, ...]
    duplicate_groups: tuple[tuple[ArticleId, ...], ...]
    clusters: tuple[Cluster, ...]
    rejected: tuple[Rejection, ...] = ()
    params: Params = field(factory=Params)

    def article(self, id: ArticleId) -> ArticleResult:
        """The result for one article id; KeyError when there is none."""
        for art in self.articles:
            if art.id == id:
                return art
        raise KeyError(id)

    def to_pandas(self) -> Any:
        """One row per paragraph as a ``pandas.DataFrame`` (see :func:`newsprov.io.to_pandas`).

        Needs the optional extra ``newsprov[pandas]``; without it, an ImportError
        that says so.
        """
        from newsprov.io import to_pandas  # lazy: io is a higher layer than the model

        return to_pandas(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able data tagged ``"schema": "newsprov/1"``, documented in ``docs/output.md``.

        Example:
            >>> Result((), (), ()).to_dict()["schema"]
            'newsprov/1'
        """
        return {
            "schema": SCHEMA,
            "params": self.params.to_dict(),
            "articles": [a.to_dict() for a in self.articles],
            "duplicate_groups": [list(g) for g in self.duplicate_groups],
            "clusters": [c.to_dict() for c in self.clusters],
            "rejected": [r.to_dict() for r in self.rejected],
        }

    def to_html(self) -> str:
        """The self-contained HTML provenance map of this result (see ``docs/report.md``).

        A convenience facade over :func:`newsprov.report.to_html`: the import is
        lazy because ``report`` is a higher layer than the model, and the model
        never uses it itself (pyproject's layers contract ignores exactly this import).

        Example:
            >>> page = Result((), (), ()).to_html()
            >>> page.startswith("<!doctype html>"), "0 articles" in page
            (True, True)
        """
        from newsprov.report import to_html  # lazy: report is a higher layer

        return to_html(self)
