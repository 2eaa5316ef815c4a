"""The value types every stage shares: articles in, results out, and ``Params``.

All are immutable attrs classes validated once at the edge; this layer uses
attrs and the standard library only.

Example:
    >>> from newsprov.model import Article, Params
    >>> Article.from_text("a", "Body.").text
    'Body.'
"""

from newsprov.model.agencies import Agency, AgencyKind, Mention, Registry, normalise_name
from newsprov.model.article import (
    MAX_TEXT_CHARS,
    Article,
    ArticleId,
    Cleaned,
    Credit,
    CreditKind,
    Published,
    Removal,
    parse_published,
)
from newsprov.model.params import Params
from newsprov.model.result import (
    SCHEMA,
    ArticleResult,
    Attribution,
    AttributionKind,
    Cluster,
    Evidence,
    Match,
    MatchKind,
    Origin,
    OriginKind,
    Paragraph,
    Rejection,
    Result,
)

__all__ = [
    "MAX_TEXT_CHARS",
    "SCHEMA",
    "Agency",
    "AgencyKind",
    "Article",
    "ArticleId",
    "ArticleResult",
    "Attribution",
    "AttributionKind",
    "Cleaned",
    "Cluster",
    "Credit",
    "CreditKind",
    "Evidence",
    "Match",
    "MatchKind",
    "Mention",
    "Origin",
    "OriginKind",
    "Paragraph",
    "Params",
    "Published",
    "Registry",
    "Rejection",
    "Removal",
    "Result",
    "normalise_name",
    "parse_published",
]
