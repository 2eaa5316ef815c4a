"""newsprov: source provenance and deduplication for news articles.

Clean articles of page boilerplate, find near-duplicate wire copy with MinHash
signatures, group articles into duplicate groups and clusters linked by reused
text, and trace every paragraph to its probable origin with the evidence.

Example:
    >>> import newsprov
    >>> result = newsprov.cluster(newsprov.load("seeds"))
    >>> result.to_dict()["schema"]
    'newsprov/1'
"""

from newsprov.candidates.index import Index, IndexMatch
from newsprov.candidates.index_passages import ReusedPassage
from newsprov.clean import clean
from newsprov.errors import (
    IncompatibleSignatureError,
    InputNotFoundError,
    InvalidArticleError,
    InvalidParamsError,
    MalformedInputError,
    NewsprovError,
    StorageError,
)
from newsprov.inputs import Loaded, iter_load, load
from newsprov.model import (
    Agency,
    Article,
    ArticleResult,
    Attribution,
    Cleaned,
    Cluster,
    Credit,
    Evidence,
    Match,
    Origin,
    Paragraph,
    Params,
    Registry,
    Rejection,
    Removal,
    Result,
)
from newsprov.pipeline import cluster

__version__ = "0.1.0"

__all__ = [
    "Agency",
    "Article",
    "ArticleResult",
    "Attribution",
    "Cleaned",
    "Cluster",
    "Credit",
    "Evidence",
    "IncompatibleSignatureError",
    "Index",
    "IndexMatch",
    "InputNotFoundError",
    "InvalidArticleError",
    "InvalidParamsError",
    "Loaded",
    "MalformedInputError",
    "Match",
    "NewsprovError",
    "Origin",
    "Paragraph",
    "Params",
    "Registry",
    "Rejection",
    "Removal",
    "Result",
    "ReusedPassage",
    "StorageError",
    "__version__",
    "clean",
    "cluster",
    "iter_load",
    "load",
]
