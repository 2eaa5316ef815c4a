"""Bit filters of the keys in an SQLite index's big tables, so most look-ups can skip them.

The big tables (``bands``, ``anchors``) hold nearly every key of a large
index. A look-up there costs about 1 us at 100,000 articles (a leaf page that
is not in the CPU caches) against 0.15 us in a small table, and most keys a
batch looks up are held by no stored article. A :class:`KeyFilter` keeps one
bit per slot of a table of ``2**b`` slots (8 to 16 slots per key): a clear bit
means no key of that slot is in the big table, and the look-up is skipped; a
set bit means one may be (it is looked up). No key of the big table is ever
skipped; about 6-12 % of absent keys are looked up anyway.

The filters are rebuilt, in the same transaction, each time the middle tables
are merged into the big ones (from every entry's stored signature and anchors:
all keys are in the big tables then) and stored in the ``filters`` table with
a generation number. Removals leave them a superset (a removed key's bit stays
set until the next rebuild). A writer reads them inside its write transaction,
again only when the generation changed, so a filter is never older than the
big table it stands for.

Example:
    >>> f = KeyFilter.sized(3)
    >>> f.add(np.array([5, -7, 2**40], dtype=np.int64))
    >>> f.holds(np.array([5, -7, 2**40], dtype=np.int64)).tolist()
    [True, True, True]
    >>> KeyFilter.from_bytes(f.to_bytes()).holds(np.array([-7], dtype=np.int64)).tolist()
    [True]
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from newsprov.fingerprint.arrays import I64, U32, U64

__all__ = ["KIND_SQL", "KeyFilter", "load", "rebuild"]

# Slots per key, at least: 8 leaves about 1 - e**(-1/8) = 12 % of the slots of
# absent keys set (6 % just after the table size doubled); 1 MB of filter per
# million keys (about 20 MB for 100,000 articles).
_SLOTS_PER_KEY = 8
_MIN_BITS = 16  # 8 KB: an empty or small index
# Odd multiplier spreading keys over the top bits: anchors are winnowed minima
# (small values), so their own top bits are skewed; their low bits are not.
_MUL = np.uint64(0x9E3779B97F4A7C15)
# Entries read per step when rebuilding (bounded memory whatever the index size).
_PIECE = 4096

KIND_SQL = "SELECT kind, generation, bits FROM filters"


class KeyFilter:
    """A set of keys that may hold keys it was not given, never misses one it was."""

    def __init__(self, bits: int, table: npt.NDArray[np.uint8]) -> None:
        self.bits, self.table = bits, table

    @classmethod
    def sized(cls, keys: int) -> KeyFilter:
        """An empty filter with room for ``keys`` keys.

        Example:
            >>> KeyFilter.sized(1_000_000).bits
            23
        """
        bits = max(_MIN_BITS, int(keys * _SLOTS_PER_KEY - 1).bit_length())
        return cls(bits, np.zeros(1 << (bits - 3), dtype=np.uint8))

    @classmethod
    def from_bytes(cls, blob: bytes) -> KeyFilter:
        """The filter :meth:`to_bytes` wrote (its size gives the number of slots)."""
        return cls((len(blob) * 8).bit_length() - 1, np.frombuffer(blob, dtype=np.uint8))

    def to_bytes(self) -> bytes:
        """The bit table, slot ``i`` in bit ``i % 8`` of byte ``i // 8``."""
        return self.table.tobytes()

    def _slots(self, keys: I64) -> U64:
        return (keys.astype(np.int64).view(np.uint64) * _MUL) >> np.uint64(64 - self.bits)

    def add(self, keys: I64) -> None:
        """Set the bits of ``keys``."""
        slots = self._slots(keys)
        bits = np.left_shift(1, slots & np.uint64(7)).astype(np.uint8)
        np.bitwise_or.at(self.table, slots >> np.uint64(3), bits)

    def holds(self, keys: I64) -> npt.NDArray[np.bool_]:
        """For each key, whether it may have been added (False: it was not)."""
        slots = self._slots(keys)
        found: npt.NDArray[np.bool_] = (
            self.table[slots >> np.uint64(3)] >> (slots & np.uint64(7))
        ) & 1 > 0
        return found


def load(
    db: sqlite3.Connection, have: tuple[int, dict[str, KeyFilter]] | None
) -> tuple[int, dict[str, KeyFilter]] | None:
    """The stored filters and their generation (``have`` if it is current); None if none yet.

    Example:
        >>> from newsprov.candidates._sqlite_sql import SCHEMA
        >>> db = sqlite3.connect(":memory:")
        >>> _ = db.executescript(SCHEMA)
        >>> load(db, None) is None
        True
    """
    row = db.execute("SELECT generation FROM filters WHERE kind = 'anchors'").fetchone()
    if row is None:
        return None
    if have is not None and have[0] == row[0]:
        return have
    return int(row[0]), {k: KeyFilter.from_bytes(b) for k, _, b in db.execute(KIND_SQL)}


def rebuild(
    db: sqlite3.Connection, band_keys: Callable[[U32], I64]
) -> tuple[int, dict[str, KeyFilter]]:
    """Filters of every stored entry's band keys and anchors, stored with the next generation.

    ``band_keys`` turns a batch of signatures into their band keys. Call it
    when every key is in the big tables (just after a merge into them).

    Example:
        >>> from newsprov.candidates._sqlite_sql import SCHEMA
        >>> db = sqlite3.connect(":memory:")
        >>> _ = db.executescript(SCHEMA)
        >>> generation, made = rebuild(db, lambda sigs: sigs.astype(np.int64))
        >>> generation, sorted(made), load(db, None)[0], rebuild(db, made.get)[0]
        (1, ['anchors', 'bands'], 1, 2)
    """
    anchors, live = db.execute(
        "SELECT coalesce(sum(length(anchors)), 0) / 8, coalesce(sum(length(shingles) > 0), 0) "
        "FROM entries"
    ).fetchone()
    made: dict[str, KeyFilter] = {"anchors": KeyFilter.sized(int(anchors))}
    rows = db.execute("SELECT signature, length(shingles) > 0, anchors FROM entries")
    while piece := rows.fetchmany(_PIECE):
        sigs = [sig for sig, has, _ in piece if has]  # no shingles: no band keys
        if sigs:
            flat = np.frombuffer(b"".join(sigs), dtype="<u4").astype(np.uint32)
            keys = band_keys(flat.reshape(len(sigs), -1))
            made.setdefault("bands", KeyFilter.sized(int(live) * keys.shape[1])).add(keys.ravel())
        marks = np.frombuffer(b"".join(a for *_, a in piece), dtype="<u8")
        made["anchors"].add(marks.view(np.int64))
    made.setdefault("bands", KeyFilter.sized(0))
    old = db.execute("SELECT max(generation) FROM filters").fetchone()[0]
    generation = int(old or 0) + 1
    db.executemany(
        "INSERT OR REPLACE INTO filters VALUES (?, ?, ?)",
        [(kind, generation, f.to_bytes()) for kind, f in sorted(made.items())],
    )
    return generation, made
