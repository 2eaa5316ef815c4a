"""Writing results: the ``newsprov/1`` JSON document, JSON Lines, and a pandas table.

Files are written atomically (a temporary file beside the target, then a
rename), so a crash or a full disk never leaves half a document; ``-`` writes
to standard output instead.

Example:
    >>> from newsprov.model import Result
    >>> dumps(Result((), (), ())).startswith('{\\n  "schema": "newsprov/1"')
    True
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from newsprov.model import Result

__all__ = [
    "PANDAS_COLUMNS",
    "dumps",
    "to_pandas",
    "write_groups",
    "write_json",
    "write_jsonl",
    "write_text",
]

PANDAS_COLUMNS = (
    "article",
    "outlet",
    "published",
    "paragraph",
    "text",
    "origin_source",
    "origin_kind",
    "origin_confidence",
    "origin_via",
    "n_matches",
)
"""The columns of :func:`to_pandas`, in order."""


def dumps(result: Result, *, indent: int | None = 2) -> str:
    """The result as a ``newsprov/1`` JSON document (see ``docs/output.md``).

    Example:
        >>> from newsprov.model import Result
        >>> json.loads(dumps(Result((), (), ())))["articles"]
        []
    """
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=indent)


def write_json(result: Result, path: str | os.PathLike[str]) -> None:
    """Write the JSON document to ``path`` (``-`` for standard output), atomically.

    Example:
        >>> import tempfile, pathlib
        >>> from newsprov.model import Result
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "r.json"
        >>> write_json(Result((), (), ()), out)
        >>> json.loads(out.read_text())["schema"]
        'newsprov/1'
    """
    _write_lines(path, [dumps(result) + "\n"])


def write_jsonl(result: Result, path: str | os.PathLike[str]) -> None:
    """One line per article (its ``newsprov/1`` article object), then one line
    per group: ``{"duplicate_group": [...]}``, ``{"cluster": {...}}``,
    ``{"rejected": {...}}``. Suited to large runs and line-oriented tools.

    Lines are serialised and written one at a time, so the whole document is
    never held as one string; ``-`` writes to standard output.

    Example:
        >>> import tempfile, pathlib
        >>> from newsprov.model import Result, Rejection
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "r.jsonl"
        >>> write_jsonl(Result((), (), (), (Rejection("x", "empty text"),)), out)
        >>> out.read_text().strip()
        '{"rejected": {"id": "x", "reason": "empty text"}}'
    """
    _write_lines(path, _jsonl_lines(result, articles=True))


def write_groups(result: Result, path: str | os.PathLike[str]) -> None:
    """The lines of :func:`write_jsonl` without the article objects: one line per
    ``{"duplicate_group": [...]}``, ``{"cluster": {...}}`` and ``{"rejected": {...}}``.

    What a deduplication run needs (which ids are copies of which, and which
    inputs were not used), without writing every cleaned text again: at 100,000
    articles about 6 MB instead of 350 MB. ``-`` writes to standard output.

    Example:
        >>> import tempfile, pathlib
        >>> from newsprov.model import Result
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "groups.jsonl"
        >>> write_groups(Result((), (("a", "b"), ("c",)), ()), out)
        >>> out.read_text().splitlines()
        ['{"duplicate_group": ["a", "b"]}', '{"duplicate_group": ["c"]}']
    """
    _write_lines(path, _jsonl_lines(result, articles=False))


def write_text(text: str, path: str | os.PathLike[str]) -> None:
    """Write ``text`` to ``path`` atomically as UTF-8 (``-`` for standard output).

    Example:
        >>> import tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "page.html"
        >>> write_text("<!doctype html>", out)
        >>> out.read_text()
        '<!doctype html>'
    """
    _write_lines(path, [text])


def _jsonl_lines(result: Result, *, articles: bool) -> Iterator[str]:
    records: Iterable[Any]
    for records in (
        (a.to_dict() for a in result.articles) if articles else (),
        ({"duplicate_group": list(g)} for g in result.duplicate_groups),
        ({"cluster": c.to_dict()} for c in result.clusters),
        ({"rejected": r.to_dict()} for r in result.rejected),
    ):
        for record in records:
            yield json.dumps(record, ensure_ascii=False) + "\n"


def _write_lines(path: str | os.PathLike[str], lines: Iterable[str]) -> None:
    if str(path) == "-":
        _copy(lines, sys.stdout)
        sys.stdout.flush()
        return
    target = Path(path)
    if target.exists() and not target.is_file():
        # A device, FIFO or socket (/dev/null, /dev/stdout, a named pipe) is written
        # in place: renaming a temporary file over it would replace the device.
        with target.open("w", encoding="utf-8") as handle:
            _copy(lines, handle)
        return
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            _copy(lines, handle)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _copy(lines: Iterable[str], handle: IO[str]) -> None:
    for line in lines:
        handle.write(line)


def to_pandas(result: Result) -> Any:
    """One row per paragraph as a ``pandas.DataFrame`` (columns: :data:`PANDAS_COLUMNS`).

    ``published`` holds the article's date or datetime as given (or None);
    ``origin_*`` are None (confidence NaN) in dedup-only runs; ``origin_via``
    joins the carriers with ``" > "``. Needs the optional extra:
    ``pip install 'newsprov[pandas]'``; without pandas it raises an
    ImportError that says so.

    Example:
        >>> from newsprov.model import ArticleResult, Origin, Paragraph, Result
        >>> p = Paragraph(0, "Text.", Origin("Reuters", "wire", 0.9))
        >>> art = ArticleResult("a", None, "Example", None, None, (), (), (p,))
        >>> frame = to_pandas(Result((art,), (("a",),), ()))
        >>> frame[["article", "origin_source", "n_matches"]].values.tolist()
        [['a', 'Reuters', 0]]
    """
    try:
        pandas = importlib.import_module("pandas")
    except ImportError:
        raise ImportError(
            "Result.to_pandas() needs pandas, an optional dependency of newsprov: "
            "pip install 'newsprov[pandas]'"
        ) from None
    rows = [
        (
            art.id,
            art.outlet,
            art.published,
            p.index,
            p.text,
            None if p.origin is None else p.origin.source,
            None if p.origin is None else p.origin.kind,
            float("nan") if p.origin is None else p.origin.confidence,
            None if p.origin is None else " > ".join(p.origin.via),
            len(p.matches),
        )
        for art in result.articles
        for p in art.paragraphs
    ]
    return pandas.DataFrame.from_records(rows, columns=list(PANDAS_COLUMNS))
