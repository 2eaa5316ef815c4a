"""Exceptions raised by newsprov.

Every error newsprov raises derives from :class:`NewsprovError`, and each
subclass also derives from the builtin exception a caller would expect, so
``except ValueError`` keeps working for code that does not know newsprov.

Messages name the field or input, what was expected and what came, e.g.
``'published' must be a timezone-aware datetime, a date or an ISO 8601 string (got '2025-13-01')``.

Example:
    >>> from newsprov.errors import InvalidArticleError, NewsprovError
    >>> issubclass(InvalidArticleError, ValueError)
    True
    >>> try:
    ...     raise InvalidArticleError("'id' must be a non-empty string (got '')")
    ... except NewsprovError as exc:
    ...     print(exc)
    'id' must be a non-empty string (got '')
"""

from __future__ import annotations

__all__ = [
    "IncompatibleSignatureError",
    "InputNotFoundError",
    "InvalidArticleError",
    "InvalidParamsError",
    "MalformedInputError",
    "NewsprovError",
    "StorageError",
]


class NewsprovError(Exception):
    """Base class of every error newsprov raises on purpose."""


class InvalidArticleError(NewsprovError, ValueError):
    """An article cannot be used: empty, binary, too large, or a field of the wrong type."""


class InvalidParamsError(NewsprovError, ValueError):
    """A :class:`newsprov.Params` field is out of its documented range."""


class InputNotFoundError(NewsprovError, FileNotFoundError):
    """A path given as input does not exist."""


class MalformedInputError(NewsprovError, ValueError):
    """An input file is readable but a record in it is broken.

    ``source`` names the file and ``location`` the line or record, so the
    person at the terminal can go straight to it.
    """

    def __init__(self, source: str, location: str, reason: str) -> None:
        self.source = source
        self.location = location
        self.reason = reason
        super().__init__(f"{source}, {location}: {reason}")


class IncompatibleSignatureError(NewsprovError, ValueError):
    """Two MinHash signatures were made differently and cannot be compared."""


class StorageError(NewsprovError, OSError):
    """An index storage (SQLite file or Redis server) failed or was unreachable."""
