"""Article signatures: normalised words, shingle hashes and datasketch MinHash sketches.

A :class:`Fingerprint` holds an article's sorted unique 32-bit shingle hashes
(for exact verification) and a :class:`datasketch.LeanMinHash` of them (for
LSH candidates), together with the :class:`SketchSpec` that made it. The sketch
is bit-for-bit what ``datasketch.MinHash(num_perm, seed, scheme="affine32")``
computes when fed the same shingle hashes, so users can put our sketches in any
datasketch index; we only compute it faster (token hashes computed in numpy over
the text bytes, shingle hashes built from token hashes, permutation minimums with
vectorised numpy over many articles at once).

Texts with fewer words than ``shingle_size`` (including empty texts) have no
shingles: their sketch is datasketch's empty sketch and they never pair.

Example:
    >>> spec = SketchSpec(num_perm=16, seed=1, shingle_size=2)
    >>> fp = fingerprint("a", "North Korea sent troops.", spec)
    >>> len(fp.shingles), fp.sketch.scheme
    (3, 'affine32')
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
from attrs import field, frozen
from datasketch import LeanMinHash, MinHash

from newsprov.errors import IncompatibleSignatureError, InvalidParamsError
from newsprov.fingerprint.anchors import (
    ANCHOR_WINDOW,
    Anchored,
    AnchorSpec,
    anchor_batch,
    paragraphs,
    winnow,
)
from newsprov.fingerprint.arrays import U32, U64
from newsprov.fingerprint.hashing import fmix64, hash_texts, packed_hashes
from newsprov.fingerprint.text import Vocabulary, normalise, token_hashes, tokens, words
from newsprov.fingerprint.threads import available_cores, batched, thread_map, usable_workers
from newsprov.model import Params

__all__ = [
    "ANCHOR_WINDOW",
    "AnchorSpec",
    "Anchored",
    "Fingerprint",
    "SketchSpec",
    "Vocabulary",
    "anchor_batch",
    "available_cores",
    "batched",
    "check_compatible",
    "fingerprint",
    "fingerprint_batch",
    "ngram_hashes",
    "normalise",
    "packed_hashes",
    "paragraphs",
    "permutations",
    "signatures",
    "thread_map",
    "token_hashes",
    "tokens",
    "usable_workers",
    "winnow",
    "words",
]


SCHEMES = ("affine32",)
# "word+cjk-chars": word tokens, each Chinese or Japanese character a token of its own
# (see ``words``); "word" alone before 2026-11-24 (clauses of those scripts
# were single tokens), so fingerprints and indexes made then are refused.
TOKENIZER = "word+cjk-chars"
TOKENIZERS = (TOKENIZER,)
# The token hash (see ``packed_hashes``): "blake2b64" and then "poly64-fmix" (a
# polynomial over the bytes, 2.5 times slower) before 2026-11-24, so
# fingerprints and indexes made with those are refused as incompatible.
TOKEN_HASH = "packed64-fmix"

_MAX32 = np.uint32(0xFFFFFFFF)
# Shingles per numpy step of the (permutations x shingles) matrix. 8,192 x 128
# permutations x 4 bytes = 4 MB, computed in place in one reused buffer: the
# fastest of 1,024-32,768 measured (2-3x the old 16,384 with fresh arrays), and
# a 20 MB article never holds its whole matrix (~1.8 GB) in memory.
_CHUNK_ROWS = 8_192
# Odd 64-bit multiplier (from splitmix64) combining token hashes into a shingle
# hash; any odd constant with well-spread bits makes the combination order-aware.
_SHINGLE_MUL = np.uint64(0x9E3779B97F4A7C15)


def _ok(value: object, allowed: tuple[str, ...], name: str) -> None:
    if value not in allowed:
        raise InvalidParamsError(f"{name!r} must be one of {list(allowed)} (got {value!r})")


def _positive(_inst: object, att: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidParamsError(f"{att.name!r} must be an integer >= 1 (got {value!r})")


def _seed(_inst: object, att: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**32:
        raise InvalidParamsError(f"{att.name!r} must be an integer in [0, 2**32) (got {value!r})")


@frozen(kw_only=True)
class SketchSpec:
    """What makes a signature: two are comparable only when their specs are equal.

    Example:
        >>> SketchSpec.from_params(Params(num_perm=64)).to_dict()["num_perm"]
        64
    """

    scheme: str = field(default="affine32", validator=lambda _i, _a, v: _ok(v, SCHEMES, "scheme"))
    num_perm: int = field(validator=_positive)
    seed: int = field(validator=_seed)
    tokenizer: str = field(
        default=TOKENIZER, validator=lambda _i, _a, v: _ok(v, TOKENIZERS, "tokenizer")
    )
    shingle_size: int = field(validator=_positive)
    token_hash: str = field(
        default=TOKEN_HASH, validator=lambda _i, _a, v: _ok(v, (TOKEN_HASH,), "token_hash")
    )
    """How tokens become integers: MurmurHash3 ``fmix64`` of the token's UTF-8 bytes
    packed into 64-bit words (:func:`packed_hashes`)."""

    @classmethod
    def from_params(cls, params: Params) -> SketchSpec:
        """The spec a run with ``params`` uses."""
        return cls(num_perm=params.num_perm, seed=params.seed, shingle_size=params.shingle_size)

    def to_dict(self) -> dict[str, object]:
        """All fields as a JSON-able dict (to record with stored signatures)."""
        return attrs.asdict(self)


def check_compatible(a: SketchSpec, b: SketchSpec) -> None:
    """Raise :class:`IncompatibleSignatureError` unless ``a`` and ``b`` are equal.

    Example:
        >>> check_compatible(SketchSpec(num_perm=16, seed=1, shingle_size=3),
        ...                  SketchSpec(num_perm=32, seed=1, shingle_size=3))
        Traceback (most recent call last):
        ...
        newsprov.errors.IncompatibleSignatureError: signatures differ in 'num_perm': 16 vs 32
    """
    for att in attrs.fields(SketchSpec):
        va, vb = getattr(a, att.name), getattr(b, att.name)
        if va != vb:
            raise IncompatibleSignatureError(f"signatures differ in {att.name!r}: {va!r} vs {vb!r}")


@frozen(eq=False)
class Fingerprint:
    """One article's shingle hashes (sorted, unique, uint32) and their MinHash signature.

    ``signature`` holds the MinHash hash values (``spec.num_perm`` uint32);
    :attr:`sketch` is the same signature as a :class:`datasketch.LeanMinHash`,
    made when first asked for (making one costs about as much as computing the
    signature, and the candidate search only needs the values).
    """

    id: str
    shingles: U32 = field(repr=lambda s: f"<{len(s)} shingles>")
    signature: U32 = field(repr=False)
    spec: SketchSpec

    @cached_property
    def sketch(self) -> LeanMinHash:
        """The signature as a ``datasketch.LeanMinHash``: fits any datasketch index."""
        return LeanMinHash(seed=self.spec.seed, hashvalues=self.signature, scheme=self.spec.scheme)

    def compatible(self, other: Fingerprint) -> None:
        """Raise :class:`IncompatibleSignatureError` if ``other`` was made differently."""
        check_compatible(self.spec, other.spec)


def ngram_hashes(hashes: U64, n: int) -> U64:
    """64-bit hashes of the ``n``-token windows of a token-hash sequence, in order.

    Example:
        >>> h = token_hashes(["a", "b", "a", "b"])
        >>> g = ngram_hashes(h, 2)
        >>> len(g), bool(g[0] == g[2]), bool(g[0] == g[1])
        (3, True, False)
    """
    count = len(hashes) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    acc = hashes[:count].copy()
    for j in range(1, n):
        acc *= _SHINGLE_MUL
        acc ^= hashes[j : j + count]
    return fmix64(acc)


def _shingle_hashes(hashes: U64, k: int) -> U32:
    """Sorted unique 32-bit hashes of the k-token windows of a token-hash sequence."""
    return np.unique((ngram_hashes(hashes, k) >> np.uint64(32)).astype(np.uint32))


def _fmix32(h: U32) -> U32:
    """MurmurHash3's 32-bit finaliser, as datasketch's affine32 pre-mix."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def permutations(spec: SketchSpec) -> tuple[U32, U32]:
    """The affine permutation parameters (a, b) datasketch uses for ``spec``.

    Example:
        >>> a, b = permutations(SketchSpec(num_perm=16, seed=1, shingle_size=3))
        >>> a.shape, a.dtype.name
        ((16,), 'uint32')
    """
    perm = MinHash(num_perm=spec.num_perm, seed=spec.seed, scheme=spec.scheme).permutations
    return np.asarray(perm[0], dtype=np.uint32), np.asarray(perm[1], dtype=np.uint32)


def signatures(shingle_sets: list[U32], spec: SketchSpec) -> U32:
    """MinHash hash values (one row per set) equal to datasketch's affine32 sketches.

    Example:
        >>> spec = SketchSpec(num_perm=4, seed=1, shingle_size=1)
        >>> m = MinHash(num_perm=4, seed=1, scheme="affine32", hashfunc=int)
        >>> m.update_batch([5, 9])
        >>> bool((signatures([np.array([5, 9], dtype=np.uint32)], spec)[0] == m.hashvalues).all())
        True
    """
    a, b = permutations(spec)
    out = np.full((len(shingle_sets), spec.num_perm), _MAX32, dtype=np.uint32)
    sizes = np.array([len(s) for s in shingle_sets], dtype=np.int64)
    if not sizes.sum():
        return out
    owners = np.repeat(np.arange(len(shingle_sets), dtype=np.int64), sizes)
    mixed = _fmix32(np.concatenate(shingle_sets).astype(np.uint32))
    # Permutations x shingles, so each minimum runs along contiguous memory
    # (about 2.5 times faster than the transposed layout); one buffer reused.
    buf = np.empty((spec.num_perm, min(_CHUNK_ROWS, len(mixed))), dtype=np.uint32)
    for start in range(0, len(mixed), _CHUNK_ROWS):
        own = owners[start : start + _CHUNK_ROWS]
        phv = buf[:, : len(own)]
        np.multiply(a[:, None], mixed[None, start : start + _CHUNK_ROWS], out=phv)
        phv += b[:, None]
        cut = np.flatnonzero(np.concatenate(([True], own[1:] != own[:-1])))
        rows = own[cut]
        out[rows] = np.minimum(out[rows], np.minimum.reduceat(phv, cut, axis=1).T)
    return out


def _batch_shingles(seqs: list[U64], k: int) -> list[U32]:
    """Sorted unique 32-bit ``k``-shingle hashes of several token-hash sequences at once.

    Equal to ``[_shingle_hashes(s, k) for s in seqs]``; one numpy pass and one
    sort for the whole batch (windows crossing from one text to the next are
    dropped), instead of a dozen small numpy calls per text.
    """
    counts = np.array([max(len(q) - k + 1, 0) for q in seqs], dtype=np.int64)
    if not counts.sum():
        return [np.zeros(0, dtype=np.uint32) for _ in seqs]
    starts = np.cumsum([0] + [len(q) for q in seqs[:-1]], dtype=np.int64)
    windows = np.repeat(starts, counts) + _ranges(counts)
    grams = ngram_hashes(np.concatenate(seqs), k)[windows] >> np.uint64(32)
    owner = np.repeat(np.arange(len(seqs), dtype=np.uint64), counts)
    keys = _sorted_unique((owner << np.uint64(32)) | grams)
    bounds = np.searchsorted(keys >> np.uint64(32), np.arange(len(seqs) + 1, dtype=np.uint64))
    # Views of one array per batch (no copy per article): the batch's sets are
    # kept together anyway.
    return np.split(keys.astype(np.uint32), bounds[1:-1])


def _sorted_unique(values: U64) -> U64:
    """``np.unique(values)`` by an in-place sort (numpy's hash-based unique is slower here).

    The stable sort: 40% faster than the default quicksort on these keys
    (runs of one article's shingles under its owner bits), 7 ms vs 12 ms for
    512 articles.
    """
    values.sort(kind="stable")
    return values[np.concatenate(([True], values[1:] != values[:-1]))]


def _ranges(counts: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """0, 1, ..., c-1 for each count c, concatenated."""
    ends = np.cumsum(counts)
    return np.arange(int(ends[-1]), dtype=np.int64) - np.repeat(ends - counts, counts)


def fingerprint(id: str, text: str, spec: SketchSpec) -> Fingerprint:
    """The fingerprint of one text.

    Example:
        >>> spec = SketchSpec(num_perm=16, seed=1, shingle_size=3)
        >>> a = fingerprint("a", "Kim Jong Un’s orders", spec)
        >>> b = fingerprint("b", "KIM jong un's   orders!", spec)
        >>> bool((a.shingles == b.shingles).all()), a.sketch == b.sketch
        (True, True)
    """
    return fingerprint_batch([(id, text)], spec)[0]


# Articles whose shingles are sketched in one numpy pass; bounds the memory
# held for shingle arrays awaiting their sketch (a few MB for news articles).
_BATCH_ARTICLES = 512


def fingerprint_batch(
    items: Iterable[tuple[str, str]], spec: SketchSpec, *, workers: int = 1
) -> list[Fingerprint]:
    """Fingerprints of many ``(id, text)`` pairs, in input order (the fast path).

    Articles go in batches of 512: the tokens of a batch are found and hashed
    in one numpy pass over its bytes (:func:`packed_hashes`: no Python work per
    token), its shingles and sketches computed in one vectorised step. (This
    replaced a token -> id dictionary with BLAKE2b per distinct token, whose
    per-token lookups were 80% of the time: 22 s of 27 s at 100,000 articles.)

    ``workers`` > 1 fingerprints that many batches at once in threads (numpy
    releases the GIL in its loops; 0 means one per available core, and never
    more than those, see :func:`usable_workers`). The batches and their order
    are the same, so the result is too.

    Example:
        >>> spec = SketchSpec(num_perm=16, seed=1, shingle_size=3)
        >>> [f.id for f in fingerprint_batch([("x", "one two three"), ("y", "")], spec)]
        ['x', 'y']
    """

    def job(batch: list[tuple[str, str]]) -> list[Fingerprint]:
        return _finish(batch, spec)

    batches = batched(items, _BATCH_ARTICLES)
    return [fp for done in thread_map(job, batches, workers) for fp in done]


def _finish(pending: list[tuple[str, str]], spec: SketchSpec) -> list[Fingerprint]:
    seqs = hash_texts([text for _, text in pending])
    sets = _batch_shingles(seqs, spec.shingle_size)
    sigs = signatures(sets, spec)
    return [
        Fingerprint(id=id_, shingles=sh, signature=row, spec=spec)
        for (id_, _), sh, row in zip(pending, sets, sigs, strict=True)
    ]
