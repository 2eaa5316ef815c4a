"""Where an :class:`~newsprov.candidates.index.Index` keeps its entries.

A storage holds, for every entry: its id, a digest of its text, the time it was
added, its duplicate group, its sorted unique shingle hashes and its MinHash
signature, plus the LSH band keys that make a query a few indexed lookups. It
also records the :class:`~newsprov.fingerprint.SketchSpec` and LSH plan the
index was built with (:func:`check_recorded`).

:class:`SqliteStorage` is the embedded default: one SQLite file, written in
transactions (WAL journal), so a crash during a write leaves the file as it
was before the batch. Nothing in it is ever unpickled: opening an index file
runs no code. Shingles and signatures are little-endian uint32 bytes; band keys
live in indexed tables, one 64-bit key per band and entry, mixed from the same
band slices of the signature that ``datasketch.MinHashLSH`` would hash with the
same plan. Passage anchors (:func:`~newsprov.fingerprint.anchor_batch`) are
kept the same way: each entry's anchors as little-endian uint64 bytes, and one
``(anchor, entry)`` row per anchor.

Keys live in three levels of tables (:data:`~newsprov.candidates._sqlite_sql.LEVELS`),
so that a batch costs about the same whatever the size of the index: new keys
go to a small table (``bands_new``, ``anchors_new``) that never holds more
than the keys of ~1,000 articles; it is merged in key order into a middle one
(``*_mid``), which is merged into the big one (``bands``, ``anchors``) when it
reaches an eighth of all keys. A batch's look-ups are one statement per kind
and level, in key order; within a write, keys that the big tables' bit filters
(:mod:`~newsprov.candidates._sqlite_filter`) rule out are not looked up there.

Example:
    >>> s = SqliteStorage(":memory:")
    >>> s.count(), s.meta()
    (0, None)
    >>> s.close()
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

import numpy as np
from attrs import field, frozen

from newsprov.candidates import _sqlite_filter as _filter
from newsprov.candidates import _sqlite_sql as _sql
from newsprov.candidates._recorded import check_recorded
from newsprov.errors import StorageError
from newsprov.fingerprint import Fingerprint
from newsprov.fingerprint.arrays import I64, U32, U64

__all__ = [
    "FORMAT",
    "SqliteStorage",
    "Storage",
    "Stored",
    "Write",
    "band_keys",
    "check_recorded",
]


FORMAT = "newsprov-index/3"
"""Written in an SQLite index's metadata; a file of another format is refused.
Format 2 added passage anchors, format 3 the middle level of key tables and
the big tables' filters (older files must be rebuilt). A Redis index keeps format 2
(:data:`~newsprov.candidates.redis_storage.FORMAT`): its layout did not change."""

# Odd multiplier (splitmix64's golden-ratio constant) chaining the rows of a
# band into one 64-bit value; any odd constant with well-spread bits will do.
_MUL = np.uint64(0x9E3779B97F4A7C15)
# New keys wait in the small ``*_new`` tables until they hold the keys of
# 1,024 articles (four transactions of 256), then move in key order to the
# ``*_mid`` ones: inserting a batch's random keys dirties about one page per
# key, but only in a table no bigger than an index of 1,000 articles, so a
# batch costs what it costs in an empty index (with an eighth of all keys in
# the small table, as before, a batch into 100,000 articles cost 1.5 times as
# much). A merge dirties each page of the middle table once for many keys.
_NEW_ARTICLES = 1024
# The middle tables move into the big ones once they hold one eighth of all
# keys (and at least the keys of ~2,000 articles): a merge rewrites the big
# tables' pages once for many keys, so the amortised cost per article stays
# about flat as the index grows.
_MERGE_SHARE = 8
_MERGE_MIN_ARTICLES = 2048
# Address space (not memory) mapped for reading an index file: SQLite's
# default ceiling, 2 GB, covers about 250,000 articles; the rest of a larger
# file is read with read() calls as before.
_MMAP_BYTES = 0x7FFF0000
_U64_MASK = 2**64 - 1  # SQLite integers are signed: anchors are read back as unsigned
_Filters = tuple[int, dict[str, _filter.KeyFilter]]


@frozen(eq=False)
class Stored:
    """One stored entry, as a query needs it."""

    id: str
    group: str
    digest: bytes
    added: float
    signature: U32 = field(repr=False)
    shingles: U32 = field(repr=lambda s: f"<{len(s)} shingles>")


@frozen(eq=False)
class Write:
    """One atomic change: new entries (with their group), group relabels, removals."""

    entries: Sequence[tuple[Fingerprint, bytes, float, str, U64]] = ()
    """(fingerprint, text digest, time added, group, anchors) of each new entry."""
    relabel: dict[str, str] = field(factory=dict)
    """Existing group label -> the label of the group it merged into."""
    remove: Collection[str] = ()
    """Ids to remove first (their groups are relabelled to their smallest remaining id)."""


class Storage(Protocol):
    """What the Index needs from a storage (SQLite file or Redis server)."""

    location: str
    format: str

    def meta(self) -> dict[str, Any] | None: ...
    def write_meta(self, meta: dict[str, Any]) -> None: ...
    def session(self) -> Any: ...
    def apply(self, write: Write) -> bool: ...
    def candidates(self, fps: Sequence[Fingerprint]) -> list[set[str]]: ...
    def postings(self, anchors: U64, limit: int) -> dict[int, list[str]]: ...
    def load(self, ids: Collection[str]) -> dict[str, Stored]: ...
    def added_before(self, cutoff: float) -> list[str]: ...
    def members(self, group: str) -> list[str]: ...
    def count(self) -> int: ...
    def close(self) -> None: ...


def band_keys(sigs: U32, bands: int, rows: int) -> I64:
    """One signed 64-bit key per (signature, band): band ``i`` covers rows ``i*rows..``.

    The bands are the slices ``datasketch.MinHashLSH`` hashes for the same plan;
    each key also mixes in the band number, so one SQL index serves all bands.

    Example:
        >>> sigs = np.array([[1, 2, 3, 4], [1, 2, 3, 5]], dtype=np.uint32)
        >>> k = band_keys(sigs, 2, 2)
        >>> k.shape, bool(k[0, 0] == k[1, 0]), bool(k[0, 1] == k[1, 1])
        ((2, 2), True, False)
    """
    cols = sigs[:, : bands * rows].astype(np.uint64).reshape(len(sigs), bands, rows)
    acc = np.broadcast_to(np.arange(1, bands + 1, dtype=np.uint64), (len(sigs), bands)).copy()
    for j in range(rows):
        acc *= _MUL
        acc ^= cols[:, :, j]
    for shift, mul in ((33, 0xFF51AFD7ED558CCD), (33, 0xC4CEB9FE1A85EC53)):
        acc ^= acc >> np.uint64(shift)
        acc *= np.uint64(mul)
    acc ^= acc >> np.uint64(33)
    return acc.view(np.int64)


def as_u32(blob: bytes) -> U32:
    """Little-endian uint32 bytes as a native array (a copy you may keep).

    Example:
        >>> as_u32(b"\\x01\\x00\\x00\\x00\\x02\\x00\\x00\\x00").tolist()
        [1, 2]
    """
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


class SqliteStorage:
    """The embedded storage: one SQLite file (or ``":memory:"``)."""

    format = FORMAT

    def __init__(self, path: str, bands: int = 0, rows: int = 0) -> None:
        self.location = path
        self.bands, self.rows = bands, rows
        # The big tables' filters (generation, kind -> filter): those last read
        # or written, and those in force in the current write session (None
        # outside one: every key is looked up in the big tables).
        self._kept: _Filters | None = None
        self._filters: _Filters | None = None
        try:
            # isolation_level=None: we issue BEGIN IMMEDIATE / COMMIT ourselves.
            self._db = sqlite3.connect(
                path, isolation_level=None, timeout=30.0, check_same_thread=False
            )
            tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
            if tables and "meta" not in tables:
                raise StorageError(f"{path} is an SQLite file but not a newsprov index")
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode: a crashed process never corrupts the file or
            # loses a committed batch; only a power cut may lose the last one.
            self._db.execute("PRAGMA synchronous=NORMAL")
            # A 64 MB page cache (the default is 2 MB) keeps the band tables'
            # upper B-tree levels in memory: lookups in a 100,000-article index
            # (about 450 MB) read fewer pages.
            self._db.execute("PRAGMA cache_size=-65536")
            # Pages read through a memory map, not a read() call and a copy
            # each: a batch's ~31,000 sorted anchor look-ups touch most leaf
            # pages of the anchor table, which outgrows the page cache.
            self._db.execute(f"PRAGMA mmap_size={_MMAP_BYTES}")
            if "entries" not in tables:  # an existing file is checked, never altered
                self._db.executescript(_sql.SCHEMA)
        except sqlite3.Error as exc:
            raise StorageError(f"cannot open index file {path}: {exc}") from exc

    def meta(self) -> dict[str, Any] | None:
        """The recorded spec and plan, or None for a new file."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'index'").fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def write_meta(self, meta: dict[str, Any]) -> None:
        """Record the spec and plan (once, when the file is new)."""
        with self._db:
            self._db.execute(
                "INSERT OR IGNORE INTO meta VALUES ('index', ?)",
                (json.dumps(meta, sort_keys=True),),
            )

    @contextmanager
    def session(self) -> Iterator[None]:
        """One write transaction: reads inside it see a stable index, writers queue."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            # Inside the write lock: no other writer can change the big tables
            # (and their filters) until COMMIT.
            self._filters = self._kept = _filter.load(self._db, self._kept)
        except sqlite3.Error as exc:
            self._filters = None
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StorageError(f"index file {self.location}: {exc}") from exc
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException as exc:
            self._kept = None  # the transaction may have rebuilt them: read them again
            self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StorageError(f"index file {self.location}: {exc}") from exc
            raise
        finally:
            self._filters = None

    def apply(self, write: Write) -> bool:
        """Apply ``write`` inside the current session; always succeeds (writers are serialised)."""
        if write.remove:
            self._remove(write.remove)
        for old, new in write.relabel.items():
            self._db.execute("UPDATE entries SET grp = ? WHERE grp = ?", (new, old))
        rows: list[tuple[int, int]] = []
        marks: list[I64] = []
        owners: list[I64] = []
        for fp, digest, added, group, anchors in write.entries:
            sig = fp.signature.astype("<u4")
            cur = self._db.execute(
                "INSERT INTO entries (id, grp, added, digest, signature, shingles, anchors) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    fp.id,
                    group,
                    added,
                    digest,
                    sig.tobytes(),
                    fp.shingles.astype("<u4").tobytes(),
                    anchors.astype("<u8").tobytes(),
                ),
            )
            n = int(cur.lastrowid or 0)
            if len(fp.shingles):  # texts without shingles never match: no band keys
                keys = band_keys(sig[None, :].astype(np.uint32), self.bands, self.rows)[0]
                rows.extend((k, n) for k in keys.tolist())
            marks.append(anchors.astype(np.uint64).view(np.int64))
            owners.append(np.full(len(anchors), n, dtype=np.int64))
        self._db.executemany("INSERT OR IGNORE INTO bands_new VALUES (?, ?)", sorted(rows))
        if marks:  # in key order, like the band keys
            keys, ns = np.concatenate(marks), np.concatenate(owners)
            order = np.lexsort((ns, keys))
            pairs = zip(keys[order].tolist(), ns[order].tolist(), strict=True)
            self._db.executemany("INSERT OR IGNORE INTO anchors_new VALUES (?, ?)", pairs)
        self._merge_if_due()
        return True

    def _merge_if_due(self) -> None:
        """Move ``*_new`` keys down to ``*_mid``, and those to the big tables, when due.

        Random keys inserted into a large B-tree dirty one page each, so a batch
        would cost more the larger the index; merged in key order, many keys
        share each page. Band keys and anchors are about proportional (both per
        article): they move at the same moment.
        """
        fresh = self._db.execute("SELECT count(*) FROM bands_new").fetchone()[0]
        if fresh < _NEW_ARTICLES * max(self.bands, 1):
            return
        self._move("new", "mid")
        mid = self._db.execute("SELECT count(*) FROM bands_mid").fetchone()[0]
        total = self._db.execute("SELECT count(*) FROM entries").fetchone()[0] * self.bands
        if mid >= _MERGE_MIN_ARTICLES * self.bands and mid * _MERGE_SHARE >= total:
            self._move("mid", "")
            # Every key is in the big tables now: their filters are rebuilt from
            # all entries, in this transaction (a crash keeps the old ones).
            self._filters = self._kept = _filter.rebuild(self._db, self._band_keys)

    def _band_keys(self, sigs: U32) -> I64:
        return band_keys(sigs, self.bands, self.rows)

    def _move(self, level: str, into: str) -> None:
        """Insert every key of one level into the next, in key order, and empty it."""
        for kind in ("bands", "anchors"):
            dest = f"{kind}_{into}" if into else kind
            self._db.execute(
                f"INSERT OR IGNORE INTO {dest} SELECT * FROM {kind}_{level} ORDER BY key, n"
            )
            self._db.execute(f"DELETE FROM {kind}_{level}")

    def _remove(self, ids: Collection[str]) -> None:
        groups: set[str] = set()
        for id_ in ids:
            row = self._db.execute(
                "SELECT n, grp, signature, length(shingles), anchors FROM entries WHERE id = ?",
                (id_,),
            ).fetchone()
            if row is None:
                continue
            n, grp, sig, size, anchors = row
            groups.add(grp)
            keys = band_keys(as_u32(sig)[None, :], self.bands, self.rows)[0] if size else None
            marks = np.frombuffer(anchors, dtype="<u8").astype(np.uint64).view(np.int64)
            for kind, gone in (("bands", keys), ("anchors", marks)):
                pairs = [] if gone is None else [(k, n) for k in sorted(gone.tolist())]
                for table in (f"{kind}_{level}" if level else kind for level in _sql.LEVELS):
                    self._db.executemany(f"DELETE FROM {table} WHERE key = ? AND n = ?", pairs)
            self._db.execute("DELETE FROM entries WHERE n = ?", (n,))
        for grp in sorted(groups):
            self._db.execute(
                "UPDATE entries SET grp = (SELECT min(id) FROM entries WHERE grp = ?1) "
                "WHERE grp = ?1",
                (grp,),
            )

    def candidates(self, fps: Sequence[Fingerprint]) -> list[set[str]]:
        """Ids sharing at least one LSH band with each fingerprint (one statement for all).

        Example:
            >>> from newsprov.fingerprint import SketchSpec, fingerprint
            >>> s = SqliteStorage(":memory:", bands=4, rows=2)
            >>> spec = SketchSpec(num_perm=8, seed=1, shingle_size=3)
            >>> s.candidates([fingerprint("a", "one two three", spec)])
            [set()]
        """
        if not fps:
            return []
        keys = band_keys(np.stack([fp.signature for fp in fps]), self.bands, self.rows)
        live = np.array([len(fp.shingles) > 0 for fp in fps])  # no shingles: no keys
        wanted = np.unique(keys[live])  # sorted: look-ups in key order
        found: dict[int, set[str]] = {}
        for sql, look in self._parts(wanted, "bands", _sql.CANDIDATES_RECENT, _sql.CANDIDATES_BIG):
            for key, id_ in self._db.execute(sql, {"keys": json.dumps(look.tolist())}):
                found.setdefault(key, set()).add(id_)
        return [
            {i for k in row.tolist() if k in found for i in found[k]} if ok else set()
            for row, ok in zip(keys, live.tolist(), strict=True)
        ]

    def _parts(self, keys: I64, kind: str, recent: str, big: str) -> list[tuple[str, I64]]:
        """(statement, keys): every key for the recent levels, for the big one those it may hold."""
        if self._filters is None:
            return [(recent, keys), (big, keys)]
        return [(recent, keys), (big, keys[self._filters[1][kind].holds(keys)])]

    def postings(self, anchors: U64, limit: int) -> dict[int, list[str]]:
        """Up to ``limit`` ids of the entries holding each anchor (anchors none holds left out).

        Example:
            >>> s = SqliteStorage(":memory:")
            >>> s.postings(np.array([1, 2**63 + 5], dtype=np.uint64), 3)
            {}
        """
        if not len(anchors):
            return {}
        keys = np.sort(anchors.astype(np.uint64).view(np.int64))
        found: dict[int, list[int]] = {}
        for sql, look in self._parts(keys, "anchors", _sql.POSTINGS_RECENT, _sql.POSTINGS_BIG):
            rows = self._db.execute(sql, {"limit": limit, "keys": json.dumps(look.tolist())})
            for k, ns in rows:
                held = found.setdefault(int(k) & _U64_MASK, [])
                held += json.loads(ns)[: limit - len(held)]
        wanted = sorted({n for ns in found.values() for n in ns})
        ids: dict[int, str] = {}
        for start in range(0, len(wanted), 500):  # SQLite's bound-parameter limit
            part = wanted[start : start + 500]
            sql = f"SELECT n, id FROM entries WHERE n IN ({','.join('?' * len(part))})"
            ids.update(self._db.execute(sql, part).fetchall())
        return {a: sorted(ids[n] for n in ns) for a, ns in found.items()}

    def load(self, ids: Collection[str]) -> dict[str, Stored]:
        """The stored entries among ``ids`` (missing ids are left out)."""
        out: dict[str, Stored] = {}
        ordered = sorted(ids)
        for start in range(0, len(ordered), 500):  # SQLite's bound-parameter limit
            part = ordered[start : start + 500]
            sql = (
                "SELECT id, grp, digest, added, signature, shingles FROM entries "
                f"WHERE id IN ({','.join('?' * len(part))})"
            )
            for id_, grp, digest, added, sig, sh in self._db.execute(sql, part):
                out[id_] = Stored(id_, grp, bytes(digest), float(added), as_u32(sig), as_u32(sh))
        return out

    def added_before(self, cutoff: float) -> list[str]:
        """Ids added before ``cutoff`` (seconds since the epoch), sorted."""
        rows = self._db.execute("SELECT id FROM entries WHERE added < ? ORDER BY id", (cutoff,))
        return [r[0] for r in rows]

    def members(self, group: str) -> list[str]:
        """Ids in duplicate group ``group``, sorted."""
        rows = self._db.execute("SELECT id FROM entries WHERE grp = ? ORDER BY id", (group,))
        return [r[0] for r in rows]

    def count(self) -> int:
        """Number of entries."""
        return int(self._db.execute("SELECT count(*) FROM entries").fetchone()[0])

    def integrity(self) -> str:
        """SQLite's own integrity check ("ok" when the file is sound)."""
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        """Close the file."""
        self._db.close()
