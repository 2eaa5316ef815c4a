"""Articles in: the input type, its named constructors, and what cleaning makes of it.

Example:
    >>> a = Article.from_text("wire-1", "SEOUL (Reuters) - North Korea said on Monday ...")
    >>> a.id, a.html is None
    ('wire-1', True)
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, TypeAlias

import attrs
from attrs import field, frozen

from newsprov.errors import InputNotFoundError, InvalidArticleError

__all__ = [
    "MAX_TEXT_CHARS",
    "Article",
    "ArticleId",
    "Cleaned",
    "Credit",
    "CreditKind",
    "Published",
    "Removal",
    "parse_published",
]

ArticleId: TypeAlias = str
"""A caller-chosen article identifier, unique within one run (file stem for files)."""

Published: TypeAlias = "dt.date | dt.datetime | None"
"""When an article was published: a timezone-aware datetime, a bare date, or unknown."""

CreditKind: TypeAlias = Literal["byline", "dateline", "agency", "trailer", "photo", "signoff"]
"""What a credit line is: a byline ("By Reuters"), a dateline ("SEOUL (Reuters) -"),
an agency credit, a trailer ("Reporting by ..."), a photo credit ("KCNA via REUTERS"),
or a broadcast sign-off ("Bae Eun-ji, Arirang News."). Only photo credits do not
credit the text."""

MAX_TEXT_CHARS = 64 * 1024 * 1024
"""Hard ceiling on one input (characters or bytes) at the edge, so no input can
exhaust memory; :attr:`Params.max_chars` sets the working limit below it."""


def _non_empty_str(_inst: object, att: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidArticleError(f"{att.name!r} must be a non-empty string (got {value!r})")


def _optional_str(_inst: object, att: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise InvalidArticleError(f"{att.name!r} must be a string or None (got {value!r})")


def parse_published(value: object, *, name: str = "published") -> Published:
    """Turn ``value`` into a :data:`Published` or raise :class:`InvalidArticleError`.

    Accepts None, a date, a timezone-aware datetime, or an ISO 8601 string
    (``2025-04-28``, ``2025-04-28T10:00:00+09:00``, ``...Z``).

    Example:
        >>> parse_published("2025-04-28")
        datetime.date(2025, 4, 28)
        >>> parse_published("2025-04-28T10:00:00Z").isoformat()
        '2025-04-28T10:00:00+00:00'
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise InvalidArticleError(
                f"{name!r} must be a timezone-aware datetime (got naive {value.isoformat()!r})"
            )
        return value
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text)
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)
    raise InvalidArticleError(
        f"{name!r} must be a timezone-aware datetime, a date or an ISO 8601 string (got {value!r})"
    )


@frozen
class Removal:
    """A piece of text the cleaner stripped, and why (e.g. ``"headline-list"``)."""

    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form. Example: ``Removal("Read More", "read-more").to_dict()``."""
        return {"text": self.text, "reason": self.reason}


@frozen
class Credit:
    """A byline, dateline, trailer, photo credit or sign-off found while cleaning.

    ``source`` is the normalised name credited ("Reuters"), ``cue`` the text as
    it stood ("SEOUL (Reuters) -").
    """

    source: str
    cue: str
    kind: CreditKind

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form. Example: ``Credit("Reuters", "By Reuters", "byline").to_dict()``."""
        return {"source": self.source, "cue": self.cue, "kind": self.kind}


@frozen
class Cleaned:
    """An article after cleaning: its text as paragraphs, and what was found around it."""

    title: str | None
    paragraphs: tuple[str, ...]
    removed: tuple[Removal, ...] = ()
    credits: tuple[Credit, ...] = ()
    published: Published = None
    outlet: str | None = None


@frozen
class Article:
    """One input article: text that was extracted elsewhere, or an HTML page.

    Build it with a named constructor; the fields are validated once, here.
    Exactly one of ``text`` and ``html`` is set. ``html`` may stay bytes so the
    cleaner can honour the page's declared encoding.
    """

    id: ArticleId = field(validator=_non_empty_str)
    text: str | None = field(default=None, validator=_optional_str)
    html: str | bytes | None = None
    url: str | None = field(default=None, validator=_optional_str)
    outlet: str | None = field(default=None, validator=_optional_str)
    published: Published = None

    def __attrs_post_init__(self) -> None:
        if (self.text is None) == (self.html is None):
            raise InvalidArticleError(
                f"article {self.id!r} must have exactly one of 'text' and 'html' "
                f"(got {'both' if self.text is not None else 'neither'})"
            )
        size = len(self.text if self.text is not None else self.html or "")
        if size > MAX_TEXT_CHARS:
            raise InvalidArticleError(
                f"article {self.id!r} is {size:,} characters, more than the "
                f"{MAX_TEXT_CHARS:,} newsprov accepts"
            )
        parse_published(self.published)

    @classmethod
    def from_text(cls, id: ArticleId, text: str | bytes, **meta: Any) -> Article:
        """An article from extracted text; bytes must be UTF-8.

        Example:
            >>> Article.from_text("a", "Body.", outlet="Example News").outlet
            'Example News'
        """
        return cls(id=id, text=_decode_text(id, text), **_meta(meta))

    @classmethod
    def from_html(cls, id: ArticleId, html: str | bytes, **meta: Any) -> Article:
        """An article from an HTML page (bytes keep their declared encoding).

        Example:
            >>> Article.from_html("p", "<html><body><p>Hi</p></body></html>").text is None
            True
        """
        if isinstance(html, bytes) and b"\x00" in html[:65536]:
            raise InvalidArticleError(f"article {id!r}: 'html' looks binary (NUL bytes)")
        return cls(id=id, html=html, **_meta(meta))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """An article from a mapping with ``id`` and ``text`` or ``html``.

        Optional keys: ``url``, ``outlet``, ``published`` (ISO 8601). Unknown keys
        are an error, so a misspelt field is not silently dropped.

        Example:
            >>> Article.from_dict({"id": "x", "text": "Body.", "published": "2025-04-28"}).published
            datetime.date(2025, 4, 28)
        """
        if not isinstance(data, Mapping):
            raise InvalidArticleError(f"an article must be a mapping (got {type(data).__name__})")
        unknown = sorted(set(data) - {"id", "text", "html", "url", "outlet", "published"})
        if unknown:
            raise InvalidArticleError(
                f"article {data.get('id')!r} has unknown fields {unknown}; expected "
                "id, text or html, url, outlet, published"
            )
        ident = data.get("id")
        if isinstance(ident, int) and not isinstance(ident, bool):
            ident = str(ident)
        meta = {k: data.get(k) for k in ("url", "outlet", "published")}
        if data.get("html") is not None and data.get("text") is None:
            return cls.from_html(ident, data["html"], **meta)  # type: ignore[arg-type]
        if data.get("text") is None:
            raise InvalidArticleError(f"article {ident!r} must have 'text' or 'html' (got neither)")
        return cls.from_text(ident, data["text"], **meta)  # type: ignore[arg-type]

    @classmethod
    def from_path(cls, path: str | os.PathLike[str], *, id: ArticleId | None = None) -> Article:
        """An article from one ``.txt`` or ``.html``/``.htm`` file; the id is the file stem.

        Example:
            >>> Article.from_path("seeds/000_711d1f5cb463d1e6.txt").id
            '000_711d1f5cb463d1e6'
        """
        p = Path(path)
        ident = id or p.stem
        try:
            size = p.stat().st_size
            if size > MAX_TEXT_CHARS:
                raise InvalidArticleError(
                    f"{p}: {size:,} bytes, more than the {MAX_TEXT_CHARS:,} newsprov accepts"
                )
            data = p.read_bytes()
        except FileNotFoundError:
            raise InputNotFoundError(f"{p}: no such file") from None
        if p.suffix.lower() in {".html", ".htm", ".xhtml"}:
            return cls.from_html(ident, data)
        return cls.from_text(ident, data)


def _decode_text(ident: object, text: str | bytes) -> str:
    if isinstance(text, bytes):
        if b"\x00" in text[:65536]:
            raise InvalidArticleError(f"article {ident!r}: 'text' looks binary (NUL bytes)")
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InvalidArticleError(
                f"article {ident!r}: 'text' must be UTF-8 (invalid byte at offset {exc.start})"
            ) from None
    if not isinstance(text, str):
        raise InvalidArticleError(
            f"article {ident!r}: 'text' must be a string (got {type(text).__name__})"
        )
    if "\x00" in text:
        raise InvalidArticleError(f"article {ident!r}: 'text' looks binary (NUL characters)")
    return text


def _meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(meta) - {"url", "outlet", "published"})
    if unknown:
        raise InvalidArticleError(
            f"unknown article fields {unknown}; expected url, outlet, published"
        )
    out = dict(meta)
    out["published"] = parse_published(meta.get("published"))
    return out
