"""Reading articles from files: directories, JSON Lines, WARC crawls, single files.

Everything streams: :func:`iter_load` yields one :class:`~newsprov.model.Article`
(or one :class:`~newsprov.model.Rejection` for a broken record when
``keep_going`` is set) at a time, so a large crawl is never read whole into
memory. :func:`load` collects the same into a :class:`Loaded`.

A broken record raises :class:`~newsprov.errors.MalformedInputError` naming the
file and the line or record, unless ``keep_going=True``, in which case it
becomes a rejection and the rest is read.

Example:
    >>> loaded = load("seeds")
    >>> len(loaded), loaded.articles[0].id
    (5, '000_711d1f5cb463d1e6')
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, TypeAlias, cast

from attrs import frozen

from newsprov.errors import InputNotFoundError, InvalidArticleError, MalformedInputError
from newsprov.model import MAX_TEXT_CHARS, Article, Rejection

__all__ = ["TEXT_SUFFIXES", "Loaded", "PathLike", "iter_load", "load"]

PathLike: TypeAlias = "str | os.PathLike[str]"
"""A filesystem path as str or :class:`pathlib.Path`; ``"-"`` means standard input."""

TEXT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml"})
"""File endings read from a directory; others are passed over."""

_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_WARC_SLACK = 4
"""Bytes a WARC file may hold after its last record (record separators)."""


@frozen
class Loaded:
    """Articles read from a source, and the records that could not be used.

    Iterating a ``Loaded`` yields its articles; :func:`newsprov.cluster` also
    takes it whole and reports its rejections.
    """

    articles: tuple[Article, ...]
    rejected: tuple[Rejection, ...] = ()

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)


def load(path: PathLike, *, keep_going: bool = False) -> Loaded:
    """All articles at ``path``: a directory, a ``.jsonl`` file, a WARC file or one file.

    Example:
        >>> [a.id for a in load("seeds")][:2]
        ['000_711d1f5cb463d1e6', '001_6c6713f1f34bc545']
    """
    articles: list[Article] = []
    rejected: list[Rejection] = []
    for item in iter_load(path, keep_going=keep_going):
        (articles if isinstance(item, Article) else rejected).append(item)  # type: ignore[arg-type]
    return Loaded(tuple(articles), tuple(rejected))


def iter_load(path: PathLike, *, keep_going: bool = False) -> Iterator[Article | Rejection]:
    """Stream the articles at ``path`` one by one (see :func:`load`).

    Example:
        >>> next(iter_load("seeds/004_a2bdac593a31db87.txt")).id
        '004_a2bdac593a31db87'
    """
    if str(path) == "-":
        import sys

        yield from _iter_stream(sys.stdin.buffer, "<stdin>", keep_going)
        return
    p = Path(path)
    if not p.exists():
        raise InputNotFoundError(f"{p}: no such file or directory")
    name = p.name.lower()
    if p.is_dir():
        yield from _iter_directory(p, keep_going)
    elif name.endswith(_JSONL_SUFFIXES):
        with _open_binary(p) as handle:
            yield from _iter_jsonl(handle, str(p), keep_going)
    elif name.endswith(_WARC_SUFFIXES):
        yield from _iter_warc(p, keep_going)
    else:
        yield from _guard(lambda: Article.from_path(p), str(p), p.stem, keep_going)


def _open_binary(p: Path) -> IO[bytes]:
    if p.name.lower().endswith(".gz"):
        return cast("IO[bytes]", gzip.open(p, "rb"))
    return p.open("rb")


def _guard(make: Any, where: str, ident: str, keep_going: bool) -> Iterator[Article | Rejection]:
    try:
        yield make()
    except InvalidArticleError as exc:
        if not keep_going:
            raise MalformedInputError(where, "whole file", str(exc)) from None
        yield Rejection(ident, str(exc))


def _iter_directory(root: Path, keep_going: bool) -> Iterator[Article | Rejection]:
    files = sorted(f for f in root.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
    for f in files:
        rel = f.relative_to(root).with_suffix("")
        ident = rel.as_posix()
        yield from _guard(
            lambda f=f, i=ident: Article.from_path(f, id=i), str(f), ident, keep_going
        )


def _iter_stream(handle: IO[bytes], where: str, keep_going: bool) -> Iterator[Article | Rejection]:
    head = handle.peek(1)[:1] if hasattr(handle, "peek") else b""
    if head in (b"{", b"[") or not head:
        yield from _iter_jsonl(handle, where, keep_going)
        return
    data = handle.read(MAX_TEXT_CHARS + 1)
    yield from _guard(lambda: Article.from_text("stdin", data), where, "stdin", keep_going)


def _iter_jsonl(handle: IO[bytes], where: str, keep_going: bool) -> Iterator[Article | Rejection]:
    for number, raw in enumerate(handle, start=1):
        if not raw.strip():
            continue
        try:
            yield _jsonl_article(raw, number)
        except (ValueError, TypeError) as exc:
            reason = str(exc)
            if not keep_going:
                raise MalformedInputError(where, f"line {number}", reason) from None
            yield Rejection(f"{where}:{number}", reason)


def _jsonl_article(raw: bytes, number: int) -> Article:
    if len(raw) > MAX_TEXT_CHARS:
        raise InvalidArticleError(f"line is {len(raw):,} bytes, more than {MAX_TEXT_CHARS:,}")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except UnicodeDecodeError:
        raise ValueError("not UTF-8") from None
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object (got {type(data).__name__})")
    data.setdefault("id", f"line-{number}")
    return Article.from_dict(data)


def _iter_warc(p: Path, keep_going: bool) -> Iterator[Article | Rejection]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    size = p.stat().st_size
    with p.open("rb") as handle:
        records = ArchiveIterator(handle, arc2warc=True)
        try:
            for record in records:
                number += 1
                item = _warc_article(record, str(p), number, keep_going)
                if item is not None:
                    yield item
            # warcio stops quietly at a cut gzip member: what it did not reach is lost data.
            if size - records.offset > _WARC_SLACK:
                raise ValueError(f"{size - records.offset:,} bytes after it could not be read")
        except MalformedInputError:
            raise
        except (ArchiveLoadFailed, OSError, ValueError, EOFError, AttributeError) as exc:
            if not keep_going:
                raise MalformedInputError(
                    str(p), f"record {number + 1}", _warc_reason(exc)
                ) from None
            yield Rejection(f"{p}#{number + 1}", f"broken WARC record: {_warc_reason(exc)}")


def _warc_reason(exc: Exception) -> str:
    if isinstance(exc, AttributeError):  # warcio's parser on a header cut mid-line
        return "truncated or corrupt record header"
    return str(exc) or type(exc).__name__


def _warc_article(
    record: Any, where: str, number: int, keep_going: bool
) -> Article | Rejection | None:
    if record.rec_type != "response":
        return None
    headers = record.http_headers
    ctype = "" if headers is None else (headers.get_header("Content-Type") or "").lower()
    if "html" not in ctype:
        # warcio reads through a skipped record anyway; draining it here tells
        # whether the stream ended inside it (a cut file), which warcio does not.
        while record.raw_stream.read(1 << 20):
            pass
        if record.raw_stream.limit > 0:
            return _broken(where, number, keep_going, "record is truncated")
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    ident = record.rec_headers.get_header("WARC-Record-ID") or f"record-{number}"
    ident = ident.strip("<>").removeprefix("urn:uuid:")
    try:
        body = record.content_stream().read(MAX_TEXT_CHARS + 1)
        if record.raw_stream.limit > 0 and len(body) <= MAX_TEXT_CHARS:
            raise InvalidArticleError(f"record {number} is truncated ({len(body):,} bytes read)")
        return Article.from_html(ident, body, url=url)
    except InvalidArticleError as exc:
        return _broken(where, number, keep_going, str(exc), ident)


def _broken(where: str, number: int, keep_going: bool, reason: str, ident: str = "") -> Rejection:
    if not keep_going:
        raise MalformedInputError(where, f"record {number}", reason)
    return Rejection(ident or f"{where}#{number}", reason)
