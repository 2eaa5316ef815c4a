"""The Redis storage of an :class:`~newsprov.candidates.index.Index`: one index, many processes.

The LSH buckets are datasketch's own Redis layout: a
``datasketch.MinHashLSH(storage_config={"type": "redis", "basename":
b"<name>:lsh", ...}, prepickle=False)`` with the same bands and rows sees the
same buckets (keys are the article ids as UTF-8 bytes, never pickles). Next to
them, in the same database, under ``<name>:``:

* ``e:<id>``: a hash per entry (group, time added, text digest, signature and
  shingles as little-endian uint32 bytes, passage anchors as uint64 bytes);
* ``a:<anchor>``: the set of ids holding each passage anchor (16 hex digits);
* ``ids``: a sorted set of ids by time added (count, expiry);
* ``g:<group>``: the set of ids in each duplicate group;
* ``meta``: the recorded SketchSpec and LSH plan (JSON); ``version``: a counter
  every write increments.

Every write is one ``MULTI``/``EXEC`` transaction, optimistic on ``version``
(``WATCH``): it applies whole or not at all, and a write that raced another
process is planned again on fresh data. A query's band lookups go to the
server in one pipelined round trip (datasketch's own ``MinHashLSH.query``
makes one round trip per band), and so do its anchor lookups. A lost connection raises
:class:`~newsprov.errors.StorageError` naming the server; nothing half-written
stays behind, and re-running the batch adds what is missing.

Example:
    >>> redis_key_prefix("news")
    'news:'
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import redis
from datasketch import MinHashLSH
from redis.connection import parse_url

from newsprov.candidates.duplicates import LshPlan
from newsprov.candidates.storage import Stored, Write, as_u32
from newsprov.errors import StorageError
from newsprov.fingerprint import Fingerprint
from newsprov.fingerprint.arrays import U64

__all__ = ["FORMAT", "RedisStorage", "redis_key_prefix"]

FORMAT = "newsprov-index/2"
"""Written in a Redis index's metadata; an index of another format is refused.
Format 2 added passage anchors. SQLite files are at format 3
(:data:`newsprov.candidates.storage.FORMAT`); this layout did not change."""

# Seconds to wait for the server before reporting it unreachable (a URL's own
# socket_timeout / socket_connect_timeout options take precedence).
_CONNECT_TIMEOUT = 5.0
_SOCKET_TIMEOUT = 30.0
# Anchor sets are read and written by Lua scripts, one call for many keys:
# redis-py spends about 10 us of Python on each command it sends, and an
# article has ~120 anchors (one SADD each made adding 2.5 times slower).
_SADD_ALL = "for _, k in ipairs(KEYS) do redis.call('SADD', k, ARGV[1]) end return #KEYS"
_SREM_ALL = "for _, k in ipairs(KEYS) do redis.call('SREM', k, ARGV[1]) end return #KEYS"
_SAMPLE_ALL = (
    "local out = {} for i, k in ipairs(KEYS) do "
    "out[i] = redis.call('SRANDMEMBER', k, ARGV[1]) end return out"
)
# Keys per script call: bounds one call's work on the server (a few ms), so
# a 20 MB article's 600,000 anchors never block the server in one piece.
_KEYS_PER_CALL = 4096


def redis_key_prefix(name: str) -> str:
    """The prefix of every key an index named ``name`` owns.

    Example:
        >>> redis_key_prefix("a")
        'a:'
    """
    return f"{name}:"


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


@contextmanager
def _errors(server: str) -> Iterator[None]:
    try:
        yield
    except redis.WatchError:
        raise
    except redis.RedisError as exc:
        raise StorageError(f"Redis server {server}: {type(exc).__name__}: {exc}") from exc


def _client_options(url: str) -> dict[str, Any]:
    """``redis.Redis`` keyword arguments for a redis://, rediss:// or unix:// URL.

    Example:
        >>> _client_options("unix:///tmp/r.sock?db=2")["unix_socket_path"]
        '/tmp/r.sock'
    """
    kwargs: dict[str, Any] = dict(parse_url(url))  # type: ignore[no-untyped-call]
    kind = kwargs.pop("connection_class", None)
    if kind is redis.SSLConnection:
        kwargs["ssl"] = True
    elif kind is redis.UnixDomainSocketConnection:
        kwargs["unix_socket_path"] = kwargs.pop("path")
    kwargs.setdefault("socket_connect_timeout", _CONNECT_TIMEOUT)
    kwargs.setdefault("socket_timeout", _SOCKET_TIMEOUT)
    return kwargs


class RedisStorage:
    """An index in a Redis database, shared by every process that opens the same URL and name."""

    format = FORMAT

    def __init__(self, url: str, name: str, plan: LshPlan) -> None:
        kwargs = _client_options(url)
        where = kwargs.get("unix_socket_path") or f"{kwargs.get('host')}:{kwargs.get('port')}"
        self.server = f"{where} (db {kwargs.get('db', 0)})"
        self.location = f"{url} (name {name!r})"
        self._p = redis_key_prefix(name)
        self._r = redis.Redis(**kwargs)
        self._lsh = MinHashLSH(
            num_perm=plan.num_perm,
            params=(plan.bands, plan.rows),
            storage_config={
                "type": "redis",
                "basename": f"{self._p}lsh".encode(),
                "redis": kwargs,
            },
            prepickle=False,
        )
        self._pipe: Any = None
        self._sadd_all = self._r.register_script(_SADD_ALL)
        self._srem_all = self._r.register_script(_SREM_ALL)
        self._sample_all = self._r.register_script(_SAMPLE_ALL)

    def meta(self) -> dict[str, Any] | None:
        """The recorded spec and plan, or None for a new index."""
        with _errors(self.server):
            raw = self._r.get(f"{self._p}meta")
        return None if raw is None else dict(json.loads(raw))

    def write_meta(self, meta: dict[str, Any]) -> None:
        """Record the spec and plan unless another process did first."""
        with _errors(self.server):
            self._r.set(f"{self._p}meta", json.dumps(meta, sort_keys=True), nx=True)

    @contextmanager
    def session(self) -> Iterator[None]:
        """Watch the index's version: :meth:`apply` fails if anyone wrote in between."""
        with _errors(self.server), self._r.pipeline(transaction=True) as pipe:
            pipe.watch(f"{self._p}version")  # type: ignore[no-untyped-call]
            self._pipe = pipe
            try:
                yield
            finally:
                self._pipe = None

    def apply(self, write: Write) -> bool:
        """Apply ``write`` in one transaction; False if another process wrote since the session."""
        pipe = self._pipe
        with _errors(self.server):
            removal = self._read_removal(write.remove)
            relabel = {old: self._members(old) for old in write.relabel}
            pipe.multi()
            emptied = self._queue_removal(pipe, removal)
            for old, new in sorted(write.relabel.items()):
                self._queue_relabel(pipe, old, new, relabel[old])
            for entry in write.entries:
                self._queue_entry(pipe, *entry)
            pipe.incr(f"{self._p}version")
            try:
                pipe.execute()
            except redis.WatchError:
                return False
            self._drop_empty_buckets(emptied)
        return True

    def _members(self, group: str) -> list[str]:
        return sorted(_text(m) for m in self._r.smembers(f"{self._p}g:{group}"))

    def _anchor_keys(self, anchors: list[int]) -> list[list[str]]:
        """The set keys of ``anchors``, in parts of at most ``_KEYS_PER_CALL``."""
        keys = [f"{self._p}a:{a:016x}" for a in anchors]
        return [keys[k : k + _KEYS_PER_CALL] for k in range(0, len(keys), _KEYS_PER_CALL)]

    def _read_removal(self, ids: Collection[str]) -> list[tuple[str, str, list[bytes], bytes]]:
        """(id, group, band hashes, anchors) of each stored id to remove, in one round trip."""
        ordered = sorted(ids)
        pipe = self._r.pipeline(transaction=False)
        for id_ in ordered:
            pipe.hmget(f"{self._p}e:{id_}", ("grp", "anchors"))
            pipe.lrange(self._lsh.keys.redis_key(id_.encode()), 0, -1)
        got = pipe.execute() if ordered else []
        return [
            (id_, grp.decode(), list(hs), anchors or b"")
            for id_, (grp, anchors), hs in zip(ordered, got[::2], got[1::2], strict=True)
            if grp is not None
        ]

    def _queue_removal(
        self, pipe: Any, removal: list[tuple[str, str, list[bytes], bytes]]
    ) -> list[tuple[int, bytes]]:
        """Queue the removals; return the (band, hash) buckets that may now be empty."""
        gone = {id_ for id_, _, _, _ in removal}
        emptied: list[tuple[int, bytes]] = []
        for id_, grp, hs, anchors in removal:
            for part in self._anchor_keys(np.frombuffer(anchors, dtype="<u8").tolist()):
                self._srem_all(keys=part, args=[id_], client=pipe)
            key = id_.encode()
            for band, (h, table) in enumerate(zip(hs, self._lsh.hashtables, strict=False)):
                pipe.srem(table.redis_key(h), key)
                emptied.append((band, h))
            if hs:
                self._lsh.keys._remove(pipe, key)
            pipe.delete(f"{self._p}e:{id_}")
            pipe.zrem(f"{self._p}ids", id_)
            pipe.srem(f"{self._p}g:{grp}", id_)
        for grp in sorted({g for i, g, _, _ in removal if g == i}):
            rest = [m for m in self._members(grp) if m not in gone]
            if rest:  # the group's label left: the smallest remaining id labels it
                self._queue_relabel(pipe, grp, rest[0], rest)
        return emptied

    def _queue_relabel(self, pipe: Any, old: str, new: str, members: list[str]) -> None:
        for m in members:
            pipe.hset(f"{self._p}e:{m}", "grp", new)
        if members:
            pipe.sunionstore(f"{self._p}g:{new}", [f"{self._p}g:{new}", f"{self._p}g:{old}"])
        pipe.delete(f"{self._p}g:{old}")

    def _queue_entry(
        self, pipe: Any, fp: Fingerprint, digest: bytes, added: float, group: str, anchors: U64
    ) -> None:
        sig = fp.sketch.hashvalues
        pipe.hset(
            f"{self._p}e:{fp.id}",
            mapping={
                "grp": group,
                "added": repr(added),
                "digest": digest,
                "signature": sig.astype("<u4").tobytes(),
                "shingles": fp.shingles.astype("<u4").tobytes(),
                "anchors": anchors.astype("<u8").tobytes(),
            },
        )
        for part in self._anchor_keys(anchors.tolist()):
            self._sadd_all(keys=part, args=[fp.id], client=pipe)
        pipe.zadd(f"{self._p}ids", {fp.id: added})
        pipe.sadd(f"{self._p}g:{group}", fp.id)
        if len(fp.shingles):  # texts without shingles never match: no buckets
            key = fp.id.encode()
            hs = [self._lsh._H(sig[start:end]) for start, end in self._lsh.hashranges]
            self._lsh.keys._insert(pipe, key, *hs)
            for h, table in zip(hs, self._lsh.hashtables, strict=True):
                table._insert(pipe, h, key)

    def _drop_empty_buckets(self, emptied: list[tuple[int, bytes]]) -> None:
        """Forget emptied buckets in datasketch's bucket lists (only its size() reads them)."""
        if not emptied:
            return
        tables = self._lsh.hashtables
        pipe = self._r.pipeline(transaction=False)
        for band, h in emptied:
            pipe.exists(tables[band].redis_key(h))
        gone = [(b, h) for (b, h), n in zip(emptied, pipe.execute(), strict=True) if not n]
        for band, h in gone:
            pipe.hdel(tables[band]._name, h)
        pipe.execute()

    def candidates(self, fps: Sequence[Fingerprint]) -> list[set[str]]:
        """Ids sharing a band with each fingerprint: every band of every query in one round trip."""
        lsh = self._lsh
        pipe = self._r.pipeline(transaction=False)
        asked = [fp for fp in fps if len(fp.shingles)]
        for fp in asked:
            for (start, end), table in zip(lsh.hashranges, lsh.hashtables, strict=True):
                pipe.smembers(table.redis_key(lsh._H(fp.sketch.hashvalues[start:end])))
        with _errors(self.server):
            got = pipe.execute() if asked else []
        found: dict[str, set[str]] = {}
        for k, fp in enumerate(asked):
            bands = got[k * lsh.b : (k + 1) * lsh.b]
            found[fp.id] = {m.decode() for members in bands for m in members}
        return [found.get(fp.id, set()) if len(fp.shingles) else set() for fp in fps]

    def postings(self, anchors: U64, limit: int) -> dict[int, list[str]]:
        """Up to ``limit`` ids holding each anchor (``SRANDMEMBER``), all in one round trip."""
        asked = anchors.tolist()
        pipe = self._r.pipeline(transaction=False)
        for part in self._anchor_keys(asked):
            self._sample_all(keys=part, args=[limit], client=pipe)
        with _errors(self.server):
            got = [ids for part in pipe.execute() for ids in part] if asked else []
        return {a: sorted(_text(m) for m in ids) for a, ids in zip(asked, got, strict=True) if ids}

    def load(self, ids: Collection[str]) -> dict[str, Stored]:
        """The stored entries among ``ids``, in one round trip."""
        ordered = sorted(ids)
        pipe = self._r.pipeline(transaction=False)
        fields = ("grp", "digest", "added", "signature", "shingles")
        for id_ in ordered:
            pipe.hmget(f"{self._p}e:{id_}", fields)
        with _errors(self.server):
            got = pipe.execute() if ordered else []
        return {
            id_: Stored(id_, g.decode(), bytes(d), float(a), as_u32(sig), as_u32(sh))
            for id_, (g, d, a, sig, sh) in zip(ordered, got, strict=True)
            if g is not None
        }

    def added_before(self, cutoff: float) -> list[str]:
        """Ids added before ``cutoff`` (seconds since the epoch), sorted."""
        with _errors(self.server):
            got = self._r.zrangebyscore(f"{self._p}ids", "-inf", f"({cutoff!r}")
        return sorted(_text(m) for m in got)

    def members(self, group: str) -> list[str]:
        """Ids in duplicate group ``group``, sorted."""
        with _errors(self.server):
            return self._members(group)

    def count(self) -> int:
        """Number of entries."""
        with _errors(self.server):
            return int(self._r.zcard(f"{self._p}ids"))

    def close(self) -> None:
        """Close the connections."""
        self._r.close()
