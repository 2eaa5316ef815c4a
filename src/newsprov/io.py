"""Writing results: the ``newsprov/1`` JSON document and JSON Lines.

Example:
    >>> from newsprov.model import Result
    >>> dumps(Result((), (), ())).startswith('{\\n  "schema": "newsprov/1"')
    True
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from newsprov.model import Result

__all__ = ["dumps", "write_json", "write_jsonl"]


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

    The file appears whole or not at all: it is written beside its target and
    renamed, so a crash never leaves half a document.

    Example:
        >>> import tempfile, pathlib
        >>> from newsprov.model import Result
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "r.json"
        >>> write_json(Result((), (), ()), out)
        >>> json.loads(out.read_text())["schema"]
        'newsprov/1'
    """
    _write_text(path, dumps(result) + "\n")


def write_jsonl(result: Result, path: str | os.PathLike[str]) -> None:
    """One line per article (its ``newsprov/1`` article object), then one line
    per group: ``{"duplicate_group": [...]}``, ``{"cluster": {...}}``,
    ``{"rejected": {...}}``. Suited to large runs and line-oriented tools.

    Example:
        >>> import tempfile, pathlib
        >>> from newsprov.model import Result, Rejection
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "r.jsonl"
        >>> write_jsonl(Result((), (), (), (Rejection("x", "empty text"),)), out)
        >>> out.read_text().strip()
        '{"rejected": {"id": "x", "reason": "empty text"}}'
    """
    data = result.to_dict()
    lines: list[Any] = [*data["articles"]]
    lines += [{"duplicate_group": g} for g in data["duplicate_groups"]]
    lines += [{"cluster": c} for c in data["clusters"]]
    lines += [{"rejected": r} for r in data["rejected"]]
    _write_text(path, "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))


def _write_text(path: str | os.PathLike[str], text: str) -> None:
    if str(path) == "-":
        sys.stdout.write(text)
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
