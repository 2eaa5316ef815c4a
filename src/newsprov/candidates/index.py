"""An index that lives on: add articles as they arrive, query new ones against all seen.

:class:`Index` keeps every article's exact shingles and MinHash signature in a
storage that outlives the process: a SQLite file (the default) or a Redis
server shared by several processes (``redis://`` locations, needs the
``redis`` extra). A new article is verified against its LSH candidates exactly
as :func:`~newsprov.candidates.duplicate_pairs` does (:func:`score`,
:func:`is_duplicate`), and joins the duplicate group of what it duplicates.
It also reports the passages (runs of ``Params.passage_words`` words or more)
it shares with stored articles that are not its duplicates, found through
winnowed anchors (:mod:`newsprov.candidates.index_passages`).

Group ids are labels: the smallest id among a group's current members, so they
do not depend on the order articles arrived in, and equal the first member of
the groups :func:`newsprov.grouping.duplicate_groups` gives for the same
articles. Groups merge when an article links two of them; removing an article
never splits a group (the link was seen), it only relabels the group if the
removed article was its label.

The SketchSpec, LSH plan and AnchorSpec are recorded in the storage when it is
created; opening it with Params that give another spec, plan or anchors raises
:class:`IncompatibleSignatureError` naming the field.

Example:
    >>> from newsprov.model import Params
    >>> story = "North Korea confirmed on Monday that it sent troops to Russia. " * 4
    >>> with Index.open(":memory:", Params()) as index:
    ...     _ = index.add("reuters-1", story)
    ...     m = index.add("outlet-9", story + "Read more on our site.")
    ...     print(m.group, [(d.a, d.b) for d in m.duplicates], len(index))
    outlet-9 [('outlet-9', 'reuters-1')] 2
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TypeVar

import attrs
from datasketch import MinHashLSH

from newsprov.candidates._labels import Labels as _Labels
from newsprov.candidates.duplicates import LshPlan, PairScore, is_duplicate, lsh_plan, score
from newsprov.candidates.index_passages import IndexMatch, PassageFinder, ReusedPassage
from newsprov.candidates.index_passages import paired_with as _others
from newsprov.candidates.storage import SqliteStorage, Storage, Stored, Write
from newsprov.candidates.storage import check_recorded as _check_recorded
from newsprov.errors import InvalidArticleError, InvalidParamsError, StorageError
from newsprov.fingerprint import (
    Anchored,
    AnchorSpec,
    Fingerprint,
    SketchSpec,
    anchor_batch,
    fingerprint_batch,
)
from newsprov.model import Params

__all__ = ["Index", "IndexMatch", "ReusedPassage"]

T = TypeVar("T")

# Articles fingerprinted and written per transaction: one batch of
# fingerprint_batch's vectorised sketching, and a bounded amount of work lost
# (and redone) if a write is interrupted.
_CHUNK = 256
# Optimistic-transaction retries when other processes write the same Redis
# index at the same time (each retry re-reads what changed).
_RETRIES = 50
# Characters hashed per step for the text digest, so a 20 MB article is never
# encoded to bytes in one piece.
_DIGEST_PIECE = 1 << 20


def _digest(text: str) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for start in range(0, len(text), _DIGEST_PIECE):
        h.update(text[start : start + _DIGEST_PIECE].encode("utf-8", "surrogatepass"))
    return h.digest()


def _timestamp(at: datetime | None, name: str) -> float:
    if at is None:
        return time.time()
    if not isinstance(at, datetime) or at.tzinfo is None:
        raise InvalidParamsError(f"{name!r} must be a timezone-aware datetime (got {at!r})")
    return at.timestamp()


class Index:
    """Near-duplicate index over a SQLite file or a Redis server; see the module docs.

    Open one with :meth:`Index.open`; use it as a context manager or call
    :meth:`close`. Not thread-safe: give each thread its own Index.
    """

    def __init__(self, storage: Storage, params: Params) -> None:
        self.params = params
        self.spec = SketchSpec.from_params(params)
        self.plan: LshPlan = lsh_plan(params)
        self.anchors = AnchorSpec.from_params(params)
        self._storage = storage
        want = {"format": storage.format, "spec": self.spec.to_dict()}
        want |= {"plan": attrs.asdict(self.plan), "anchors": self.anchors.to_dict()}
        recorded = storage.meta()
        if recorded is None:
            storage.write_meta(want)
            recorded = storage.meta() or want
        _check_recorded(recorded, want, storage.location)

    @classmethod
    def open(
        cls,
        location: str | os.PathLike[str],
        params: Params | None = None,
        *,
        name: str = "newsprov",
    ) -> Index:
        """Open (or create) the index at ``location``: a file path, or a ``redis://`` URL.

        ``name`` names the index inside a Redis database (several may share one);
        it is ignored for files.

        Example:
            >>> Index.open(":memory:").plan.bands
            42
        """
        params = params or Params()
        plan = lsh_plan(params)
        where = os.fspath(location)
        if where.startswith(("redis://", "rediss://", "unix://")):
            try:
                from newsprov.candidates.redis_storage import RedisStorage
            except ImportError as exc:  # pragma: no cover - depends on the install
                raise ImportError(
                    f"a Redis index needs redis-py: pip install 'newsprov[redis]' ({exc})"
                ) from exc
            return cls(RedisStorage(where, name, plan), params)
        return cls(SqliteStorage(where, plan.bands, plan.rows), params)

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the storage (a file handle or Redis connections)."""
        self._storage.close()

    def __len__(self) -> int:
        return self._storage.count()

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and bool(self._storage.load([id]))

    def _transact(self, plan: Callable[[], tuple[Write, T]]) -> T:
        """Run ``plan`` and apply its write atomically, retrying after a concurrent write."""
        for _ in range(_RETRIES):
            with self._storage.session():
                write, result = plan()
                if self._storage.apply(write):
                    return result
        raise StorageError(
            f"index {self._storage.location}: gave up after {_RETRIES} concurrent writes conflicted"
        )

    def add(
        self, id: str, text: str, *, at: datetime | None = None, replace: bool = False
    ) -> IndexMatch:
        """Store one article; return its group, verified duplicates and reused passages.

        Adding an id already stored with the same text changes nothing (so an
        interrupted batch can be re-run); with another text it raises
        :class:`InvalidArticleError` unless ``replace=True``. ``at`` is the
        time recorded for expiry (default: now).

        Example:
            >>> with Index.open(":memory:") as index:
            ...     first = index.add("a", "One two three four.")
            ...     again = index.add("a", "One two three four.")
            ...     first.stored, again.stored
            (True, False)
        """
        return self.add_many([(id, text)], at=at, replace=replace)[0]

    def add_many(
        self,
        items: Iterable[tuple[str, str]],
        *,
        at: datetime | None = None,
        replace: bool = False,
    ) -> list[IndexMatch]:
        """Store many ``(id, text)`` articles, in input order; see :meth:`add`.

        Articles are written in transactions of 256: if the call is interrupted,
        every finished transaction is kept and re-running the call adds the rest.
        The same id twice in one call with different texts raises
        :class:`InvalidArticleError`.

        Example:
            >>> with Index.open(":memory:") as index:
            ...     [m.group for m in index.add_many([("b", "x y z w"), ("a", "X y z w!")])]
            ['a', 'a']
        """
        added = _timestamp(at, "at")
        seen: dict[str, bytes] = {}
        out: list[IndexMatch] = []
        chunk: list[tuple[str, str]] = []
        for item in items:
            chunk.append(self._checked(item, seen))
            if len(chunk) >= _CHUNK:
                out.extend(self._add_chunk(chunk, added, replace))
                chunk = []
        if chunk:
            out.extend(self._add_chunk(chunk, added, replace))
        return out

    def _checked(self, item: tuple[str, str], seen: dict[str, bytes]) -> tuple[str, str]:
        id_, text = item
        if not isinstance(id_, str) or not id_:
            raise InvalidArticleError(f"'id' must be a non-empty string (got {id_!r})")
        if not isinstance(text, str):
            raise InvalidArticleError(
                f"text of {id_!r} must be a string (got {type(text).__name__})"
            )
        if len(text) > self.params.max_chars:
            raise InvalidArticleError(
                f"text of {id_!r} has {len(text)} characters, more than "
                f"Params.max_chars = {self.params.max_chars}"
            )
        digest = _digest(text)
        if seen.setdefault(id_, digest) != digest:
            raise InvalidArticleError(f"id {id_!r} comes twice in one call with different texts")
        return id_, text

    def _add_chunk(
        self, chunk: list[tuple[str, str]], added: float, replace: bool
    ) -> list[IndexMatch]:
        digests = {id_: _digest(text) for id_, text in chunk}
        stored = self._storage.load(digests)
        changed = sorted(i for i, s in stored.items() if s.digest != digests[i])
        if changed and not replace:
            raise InvalidArticleError(
                f"id {changed[0]!r} is already in the index with another text "
                "(pass replace=True to replace it)"
            )
        if changed:
            self.remove(changed)
        fps = fingerprint_batch(chunk, self.spec)
        anchored = anchor_batch([text for _, text in chunk], self.anchors)
        return self._transact(lambda: self._plan(fps, anchored, digests, added))

    def _finder(self, anchored: list[Anchored], stored: dict[str, Stored]) -> PassageFinder:
        cap, k = self.params.passage_max_articles, self.spec.shingle_size
        return PassageFinder.load(self._storage, anchored, stored, self.anchors, cap, k)

    def _plan(
        self,
        fps: list[Fingerprint],
        anchored: list[Anchored],
        digests: dict[str, bytes],
        added: float,
    ) -> tuple[Write, list[IndexMatch]]:
        """The write storing ``fps`` (ids already stored with the same text are skipped)."""
        present = self._storage.load(digests)
        clash = sorted(i for i, s in present.items() if s.digest != digests[i])
        if clash:  # stored by another process since _add_chunk looked
            raise InvalidArticleError(f"id {clash[0]!r} is already in the index with another text")
        cands = self._storage.candidates(fps)
        stored = self._storage.load(set().union(*cands) - set(digests)) if cands else {}
        stored.update(present)
        finder = self._finder(anchored, stored)
        local = MinHashLSH(num_perm=self.plan.num_perm, params=(self.plan.bands, self.plan.rows))
        mine: dict[str, Fingerprint] = {}  # the new entries
        known: dict[str, Fingerprint] = {}  # the new entries and the stored ones verified
        labels = _Labels()
        groups: dict[str, str] = {}
        mine_anchors: dict[str, Anchored] = {}
        out: list[IndexMatch] = []
        for fp, near, anch in zip(fps, cands, anchored, strict=True):
            if fp.id in mine:  # the same id and text twice in one chunk
                out.append(attrs.evolve(next(m for m in out if m.id == fp.id), stored=False))
                continue
            if fp.id in present:
                out.append(self._match(fp, anch, near - {fp.id}, stored, labels, finder))
                continue
            others = near | set(local.query(fp.sketch)) if len(fp.shingles) else set()
            dups = self._verified(fp, others, stored, known)
            label = labels.join([fp.id, *(self._group(d, fp.id, stored, groups) for d in dups)])
            groups[fp.id] = label
            mine[fp.id] = known[fp.id] = fp
            mine_anchors[fp.id] = anch
            if len(fp.shingles):
                local.insert(fp.id, fp.sketch, check_duplication=False)
            passages = finder.find(fp.id, anch, _others(dups, fp.id))
            finder.add(fp.id, anch, fp.shingles)
            out.append(IndexMatch(fp.id, label, tuple(dups), True, passages))
        entries = [
            (fp, digests[fp.id], added, labels.find(groups[fp.id]), mine_anchors[fp.id].anchors)
            for fp in mine.values()
        ]
        relabel = {g: labels.find(g) for g in labels.parent if labels.find(g) != g}
        relabel = {g: new for g, new in relabel.items() if g not in mine}
        final = [attrs.evolve(m, group=labels.find(m.group)) if m.group else m for m in out]
        return Write(entries=entries, relabel=relabel), final

    def _group(
        self, d: PairScore, me: str, stored: dict[str, Stored], groups: dict[str, str]
    ) -> str:
        other = d.b if d.a == me else d.a
        return groups[other] if other in groups else stored[other].group

    def _verified(
        self,
        fp: Fingerprint,
        others: Iterable[str],
        stored: dict[str, Stored],
        mine: dict[str, Fingerprint],
    ) -> list[PairScore]:
        """``fp``'s verified near-duplicates among ``others``, sorted by pair.

        Stored entries are turned into fingerprints once and kept in ``mine``.
        """
        out = []
        for other in sorted(others):
            ofp = mine.get(other)
            if ofp is None and other in stored:
                ofp = mine[other] = self._fingerprint(stored[other])
            if ofp is None or other == fp.id:
                continue
            s = score(fp, ofp)
            if is_duplicate(s, min(len(fp.shingles), len(ofp.shingles)), self.params):
                out.append(s)
        return sorted(out, key=lambda s: (s.a, s.b))

    def _fingerprint(self, s: Stored) -> Fingerprint:
        return Fingerprint(id=s.id, shingles=s.shingles, signature=s.signature, spec=self.spec)

    def _match(
        self,
        fp: Fingerprint,
        anchored: Anchored,
        near: set[str],
        stored: dict[str, Stored],
        labels: _Labels,
        finder: PassageFinder,
    ) -> IndexMatch:
        dups = self._verified(fp, near, stored, {})
        mine = stored.get(fp.id)
        group = mine.group if mine else None
        if group is None and dups:
            group = min(labels.find(stored[d.b if d.a == fp.id else d.a].group) for d in dups)
        passages = finder.find(fp.id, anchored, _others(dups, fp.id))
        return IndexMatch(fp.id, group, tuple(dups), False, passages)

    def query(self, text: str, *, id: str = "query") -> IndexMatch:
        """What ``text`` would join, without storing it: its verified duplicates and group.

        ``id`` names the query in the returned pairs (an id already stored is
        left out of its own duplicates).

        Example:
            >>> with Index.open(":memory:") as index:
            ...     _ = index.add("a", "the cat sat on the mat today")
            ...     m = index.query("The cat sat on the mat today!")
            ...     m.group, [d.jaccard for d in m.duplicates]
            ('a', [1.0])
        """
        _, text = self._checked((id, text), {})
        fp = fingerprint_batch([(id, text)], self.spec)[0]
        anchored = anchor_batch([text], self.anchors)
        near = self._storage.candidates([fp])[0] - {id}
        stored = self._storage.load(near | {id})
        finder = self._finder(anchored, stored)
        return self._match(fp, anchored[0], near, stored, _Labels(), finder)

    def remove(self, ids: str | Iterable[str]) -> int:
        """Remove entries by id (unknown ids are ignored); returns how many were removed.

        Example:
            >>> with Index.open(":memory:") as index:
            ...     _ = index.add("a", "one two three")
            ...     index.remove(["a", "zzz"]), len(index)
            (1, 0)
        """
        wanted = sorted({ids} if isinstance(ids, str) else set(ids))

        def plan() -> tuple[Write, int]:
            present = sorted(self._storage.load(wanted))
            return Write(remove=present), len(present)

        return self._transact(plan) if wanted else 0

    def expire(
        self,
        *,
        before: datetime | None = None,
        older_than: float | None = None,
        now: datetime | None = None,
    ) -> int:
        """Remove entries added before ``before``, or more than ``older_than`` seconds before now.

        The time of an entry is its ``at`` when added (default: the moment it
        was added). ``now`` defaults to the clock. Returns how many were removed.

        Example:
            >>> from datetime import datetime, timezone
            >>> with Index.open(":memory:") as index:
            ...     long_ago = datetime(2020, 1, 1, tzinfo=timezone.utc)
            ...     _ = index.add("old", "one two three", at=long_ago)
            ...     _ = index.add("new", "four five six")
            ...     index.expire(older_than=86400), sorted(index.members("new"))
            (1, ['new'])
        """
        if before is None and older_than is None:
            raise InvalidParamsError("expire() needs 'before' or 'older_than' (got neither)")
        cutoffs = [] if before is None else [_timestamp(before, "before")]
        if older_than is not None:
            if isinstance(older_than, bool) or not isinstance(older_than, (int, float)):
                raise InvalidParamsError(f"'older_than' must be seconds (got {older_than!r})")
            cutoffs.append(_timestamp(now, "now") - float(older_than))
        return self.remove(self._storage.added_before(max(cutoffs)))

    def group(self, id: str) -> str | None:
        """The duplicate group id of a stored article (None if it is not stored).

        Example:
            >>> with Index.open(":memory:") as index:
            ...     _ = index.add("z", "one two three")
            ...     index.group("z"), index.group("nope")
            ('z', None)
        """
        found = self._storage.load([id])
        return found[id].group if found else None

    def members(self, group: str) -> tuple[str, ...]:
        """The stored ids of duplicate group ``group``, sorted.

        Example:
            >>> with Index.open(":memory:") as index:
            ...     index.members("nothing")
            ()
        """
        return tuple(self._storage.members(group))
