"""What an :class:`~newsprov.candidates.index.Index` answers: groups, duplicates, reused passages.

A stored article keeps only its winnowed passage anchors
(:func:`~newsprov.fingerprint.anchor_batch`): about 2 / (w + 1) of its
``Params.passage_words``-word n-grams, never its text. A new article's anchors
are looked up; every n-gram of its paragraphs equal to an anchor of a stored
article is a run of ``passage_words`` words the two share. Runs of
``w + n - 1`` words or more within one paragraph of each article always share
an anchor; shorter ones when an anchor falls in them.

How long is the shared run? The stored article's text is not kept, but its
word shingles (3-grams) are, for duplicate verification. A reported passage is
the longest stretch of the new paragraph's words around the anchored n-grams
whose every shingle is in the stored article: the shared run itself, except
that it may run on where the stored article has the same 3-word pieces
elsewhere (rare over more than a word or two). A stretch holding no anchored
n-gram is not reported, and an anchor whose shingles are not all in the stored
article (a hash collision) links nothing.

An anchor held by more than ``Params.passage_max_articles`` stored articles
links nothing (boilerplate, or wire copy everywhere), as in
:func:`~newsprov.candidates.shared_passages`.

Example:
    >>> from newsprov.fingerprint import AnchorSpec, SketchSpec, anchor_batch, fingerprint
    >>> was = "The talks were very useful today, he said."
    >>> finder = PassageFinder({}, AnchorSpec(n=4, w=2), 50)
    >>> old, new = anchor_batch([was, "Intro.\\n\\nHe said the talks were very useful today."],
    ...                         finder.spec)
    >>> finder.add("stored-1", old, fingerprint("s", was, SketchSpec(num_perm=8, seed=1,
    ...                                                              shingle_size=3)).shingles)
    >>> [(p.article, p.paragraph, p.start, p.text) for p in finder.find("new", new, set())]
    [('stored-1', 1, 2, 'the talks were very useful today')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import numpy.typing as npt
from attrs import field, frozen

from newsprov.candidates.duplicates import PairScore
from newsprov.candidates.passages import _in_sorted
from newsprov.candidates.storage import Storage, Stored
from newsprov.fingerprint import Anchored, AnchorSpec, ngram_hashes, tokens
from newsprov.fingerprint.arrays import U32, U64

__all__ = ["IndexMatch", "PassageFinder", "ReusedPassage", "paired_with", "reused_passages"]


@frozen
class ReusedPassage:
    """A run of words the article shares with stored article ``article``.

    ``paragraph`` is the index of the article's paragraph holding it (paragraphs
    are split at blank lines, blank ones not counted), ``start`` the index of
    its first word there, ``words`` its length in words (the longest stretch
    around the n-grams anchored in ``article`` whose every word 3-gram is in
    ``article``: see :mod:`newsprov.candidates.index_passages`) and ``text``
    those words, normalised.
    """

    article: str
    paragraph: int
    start: int
    words: int
    text: str


@frozen
class IndexMatch:
    """What the index knows about one article.

    ``group`` is its duplicate group id (None for :meth:`Index.query` of an
    article that duplicates nothing stored); ``duplicates`` its verified
    near-duplicates in the index, sorted; ``stored`` whether this call stored it
    (False for a query, or for an id already stored with the same text);
    ``passages`` the runs of words it shares with stored articles that are not
    its duplicates, sorted by (article, paragraph, start).
    """

    id: str
    group: str | None
    duplicates: tuple[PairScore, ...]
    stored: bool
    passages: tuple[ReusedPassage, ...] = field(default=())


def paired_with(dups: Iterable[PairScore], me: str) -> set[str]:
    """The ids ``me`` is paired with in ``dups``.

    Example:
        >>> paired_with([PairScore("a", "b", 1.0, 1.0, 1.0)], "b")
        {'a'}
    """
    return {d.b if d.a == me else d.a for d in dups}


def reused_passages(
    anchored: Anchored,
    postings: Mapping[int, Sequence[str]],
    skip: set[str],
    finder: PassageFinder,
) -> tuple[ReusedPassage, ...]:
    """The runs ``anchored`` shares with the articles of ``postings`` (anchor -> ids holding it).

    Anchors held by more than ``finder.cap`` ids link nothing; ids in ``skip``
    (the article itself, its duplicates) are left out. Runs are measured on
    the stored articles' shingles in ``finder.shingles`` (see the module docs).

    Example:
        >>> from newsprov.fingerprint import anchor_batch
        >>> finder = PassageFinder({}, AnchorSpec(n=3, w=2), 50)
        >>> a, = anchor_batch(["one two three four five six"], finder.spec)
        >>> reused_passages(a, {int(x): ["s"] for x in a.anchors}, {"s"}, finder)
        ()
    """
    linking = {a: ids for a, ids in postings.items() if len(ids) <= finder.cap}
    usable = {a: rest for a, ids in linking.items() if (rest := [i for i in ids if i not in skip])}
    if not usable:
        return ()
    keys = np.array(sorted(usable), dtype=np.uint64)
    hits: dict[tuple[str, int], list[int]] = {}
    for k, grams in enumerate(anchored.grams):
        for pos in np.flatnonzero(_in_sorted(grams, keys)).tolist():
            for id_ in usable[int(grams[pos])]:
                hits.setdefault((id_, k), []).append(pos)
    out: list[ReusedPassage] = []
    words: dict[int, list[str]] = {}
    for (id_, k), positions in sorted(hits.items()):
        if k not in words:
            words[k] = tokens(anchored.paragraphs[k])
        toks = words[k]
        for first, size in finder.runs(anchored.hashes[k], sorted(set(positions)), id_):
            out.append(ReusedPassage(id_, k, first, size, " ".join(toks[first : first + size])))
    return tuple(out)


def _runs(positions: list[int], gap: int) -> list[tuple[int, int]]:
    """(first, last) of each run of sorted positions at most ``gap`` apart.

    Example:
        >>> _runs([1, 3, 9, 20, 22], 8)
        [(1, 9), (20, 22)]
    """
    out = [(positions[0], positions[0])]
    for p in positions[1:]:
        if p - out[-1][1] <= gap:
            out[-1] = (out[-1][0], p)
        else:
            out.append((p, p))
    return out


def _supported(positions: list[int], inside: npt.NDArray[np.bool_], span: int) -> list[int]:
    """Starts and ends of the runs of True in ``inside`` holding ``span`` Trues from a position.

    Returns a flat list ``[start, end, start, end, ...]`` (ends exclusive), sorted.

    Example:
        >>> _supported([1, 5], np.array([0, 1, 1, 1, 0, 1, 1, 1, 1], dtype=bool), 3)
        [1, 4, 5, 9]
    """
    edges = np.flatnonzero(np.diff(np.concatenate(([0], inside.astype(np.int8), [0])))).tolist()
    out: list[int] = []
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        if any(start <= p and p + span <= end for p in positions):
            out += [start, end]
    return out


class PassageFinder:
    """Passages of a batch's articles against the stored ones and the batch's earlier ones.

    ``stored`` holds the stored postings of every anchor of the batch (up to
    ``cap + 1`` ids each); :attr:`shingles` the shingles of the articles they
    link (see :meth:`linked`). :meth:`add` notes an article of the batch once
    it is handled, so later ones see it, as they would had it been stored first.

    Example:
        >>> from newsprov.fingerprint import anchor_batch
        >>> spec = AnchorSpec(n=3, w=2)
        >>> a, b = anchor_batch(["one two three four", "zero one two three four"], spec)
        >>> finder = PassageFinder({}, spec, 50)
        >>> finder.add("a", a, None)
        >>> [(p.article, p.text) for p in finder.find("b", b, set())]
        [('a', 'one two three')]
    """

    def __init__(
        self, stored: Mapping[int, Sequence[str]], spec: AnchorSpec, cap: int, shingle_size: int = 3
    ) -> None:
        self.stored, self.spec, self.cap, self.shingle_size = stored, spec, cap, shingle_size
        self.local: dict[int, tuple[str, ...]] = {}
        self.shingles: dict[str, U32] = {}

    @classmethod
    def load(
        cls,
        storage: Storage,
        anchored: list[Anchored],
        stored: Mapping[str, Stored],
        spec: AnchorSpec,
        cap: int,
        shingle_size: int,
    ) -> PassageFinder:
        """A finder for ``anchored``: their anchors' postings, the shingles of what they link.

        ``stored`` holds entries already loaded (they are not loaded again).
        """
        every = [a.anchors for a in anchored if len(a.anchors)]
        wanted = np.unique(np.concatenate(every)) if every else np.zeros(0, dtype=np.uint64)
        finder = cls(storage.postings(wanted, cap + 1), spec, cap, shingle_size)
        linked = finder.linked()
        more = storage.load(linked - set(stored)) if linked - set(stored) else {}
        finder.shingles.update(
            {i: s.shingles for i, s in {**stored, **more}.items() if i in linked}
        )
        return finder

    def linked(self) -> set[str]:
        """The stored ids some anchor links (one held by at most ``cap`` ids)."""
        return {i for ids in self.stored.values() if len(ids) <= self.cap for i in ids}

    def find(self, id: str, anchored: Anchored, skip: set[str]) -> tuple[ReusedPassage, ...]:
        """The passages of article ``id``, leaving out ``skip`` and ``id`` itself."""
        mine = set(anchored.anchors.tolist())
        held = {a: [*self.stored.get(a, ()), *self.local.get(a, ())] for a in self._held(mine)}
        return reused_passages(anchored, held, skip | {id}, self)

    def _held(self, anchors: set[int]) -> set[int]:
        """Those of ``anchors`` some stored or earlier article holds (set operations in C)."""
        return (anchors & self.stored.keys()) | (anchors & self.local.keys())

    def add(self, id: str, anchored: Anchored, shingles: U32 | None) -> None:
        """Note that article ``id`` of the batch (with these shingles) is now in the index."""
        mine = set(anchored.anchors.tolist())
        both = mine & self.local.keys()
        self.local.update(dict.fromkeys(mine - both, (id,)))
        self.local.update({a: (*self.local[a], id) for a in both})
        if shingles is not None:
            self.shingles[id] = shingles

    def runs(self, hashes: U64, positions: list[int], id: str) -> list[tuple[int, int]]:
        """(first word, words) of the runs a paragraph (token ``hashes``) shares with ``id``.

        ``positions`` are the paragraph's n-grams anchored in ``id``. With ``id``'s
        shingles, a run is a longest stretch of words whose every shingle is in
        ``id`` and that holds one of those n-grams; without them, the span from
        the first to the last of n-grams at most ``w`` apart.
        """
        n, k = self.spec.n, self.shingle_size
        have = self.shingles.get(id)
        if have is None or k > n:
            return [(f, last - f + n) for f, last in _runs(positions, self.spec.w)]
        grams = (ngram_hashes(hashes, k) >> np.uint64(32)).astype(np.uint32)
        edges = _supported(positions, _in_sorted(grams, have), n - k + 1)
        return [(a, b - a + k - 1) for a, b in zip(edges[::2], edges[1::2], strict=True)]
