"""Checking the SketchSpec, LSH plan and anchors an index was built with against today's.

Part of :mod:`newsprov.candidates.storage` (which re-exports
:func:`check_recorded`).

Example:
    >>> check_recorded({"format": "f"}, {"format": "f"}, "x.db")
"""

from __future__ import annotations

from typing import Any

from newsprov.errors import IncompatibleSignatureError

__all__ = ["check_recorded"]


def check_recorded(recorded: dict[str, Any], want: dict[str, Any], where: str) -> None:
    """Raise :class:`IncompatibleSignatureError` naming the first field that differs.

    ``recorded`` and ``want`` hold ``format``, ``spec`` (a SketchSpec dict),
    ``plan`` (bands, rows, ...) and optionally ``anchors`` (an AnchorSpec dict:
    the passage anchors stored). A recorded scheme other than today's means the
    sketches came from datasketch 1.x (whose default scheme changed in 2.0):
    such an index cannot be opened and must be rebuilt.

    Example:
        >>> want = {"format": "newsprov-index/3", "spec": {"num_perm": 128}, "plan": {"bands": 42}}
        >>> check_recorded({**want, "plan": {"bands": 32}}, want, "x.db")
        Traceback (most recent call last):
        ...
        newsprov.errors.IncompatibleSignatureError: index x.db was built with plan 'bands' = 32 \
but these Params give 42: open it with the Params it was built with, or rebuild it
    """
    if recorded.get("format") != want["format"]:
        raise IncompatibleSignatureError(
            f"index {where} has format {recorded.get('format')!r}, expected {want['format']!r}: "
            "it was written by another version of newsprov; rebuild it (add its articles "
            "to a new index)"
        )
    for part in [p for p in ("spec", "plan", "anchors") if p in want]:
        have, need = recorded.get(part) or {}, want[part]
        for name in need:
            if have.get(name) != need[name]:
                raise IncompatibleSignatureError(_differs(where, part, name, have, need))


# Recorded fields no Params choose: how this version of newsprov tokenises and
# hashes. An index made by a version that did it otherwise can only be rebuilt.
_MADE_BY_VERSION = frozenset({"tokenizer", "token_hash", "hash"})


def _differs(where: str, part: str, name: str, have: dict[str, Any], need: dict[str, Any]) -> str:
    if name in _MADE_BY_VERSION:
        return (
            f"index {where} was built with {part} {name!r} = {have.get(name)!r}, which this "
            f"version of newsprov no longer makes (it makes {need[name]!r}), so its sketches "
            "cannot be compared: rebuild it (add its articles to a new index)"
        )
    msg = (
        f"index {where} was built with {part} {name!r} = {have.get(name)!r} "
        f"but these Params give {need[name]!r}"
    )
    if part == "anchors":
        return f"{msg}: its passage anchors differ; open it with those Params, or rebuild it"
    if name == "scheme":
        return (
            f"{msg}: its sketches were made by datasketch 1.x (datasketch 2.0 changed the "
            "default MinHash scheme), so they cannot be compared; the index must be rebuilt"
        )
    return f"{msg}: open it with the Params it was built with, or rebuild it"
