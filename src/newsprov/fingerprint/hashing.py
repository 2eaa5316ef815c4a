"""Token hashes without Python work per token: packed UTF-8 bytes, in numpy.

Part of :mod:`newsprov.fingerprint` (which re-exports the public names). A
token's UTF-8 bytes are read as little-endian 64-bit words, 8 bytes at a time
(the last word zero-padded); the words are combined as ``h = h * M ^ w`` and
the result goes through MurmurHash3's ``fmix64``
(``SketchSpec.token_hash == "packed64-fmix"``).

Example:
    >>> a, b = packed_hashes(["Korea’s troops", "KOREA'S troops!"])
    >>> len(a), bool((a == b).all())
    (2, True)
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from newsprov.fingerprint.arrays import I64, U64
from newsprov.fingerprint.text import _PIECE_CHARS, _WORD, _byte_words, _pieces, _ready

__all__ = ["fmix64", "hash_texts", "packed_hashes"]


# Odd multiplier combining a long token's 8-byte words (the 64-bit golden ratio
# of splitmix64): any odd constant with well-spread bits works; changing it
# changes every fingerprint ("token_hash" spec).
_WORD_MUL = np.uint64(0x9E3779B97F4A7C15)
# _LOW_BYTES[k]: the low k bytes of a 64-bit word (k = 0..8).
_LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(9)], dtype=np.uint64)
_PAD = np.zeros(8, dtype=np.uint8)


def packed_hashes(texts: Iterable[str]) -> list[U64]:
    """Each text's token hashes (``packed64-fmix``), in token order, vectorised.

    A token of UTF-8 bytes ``b_0 .. b_n-1`` is read as the little-endian 64-bit
    words ``w_0 = b_0 + 256 b_1 + ... + 256**7 b_7``, ``w_1`` (bytes 8 to 15),
    ... (the last one zero-padded); with ``h = w_0``, then ``h = h * M ^ w_k``
    for each further word (mod 2**64), its hash is MurmurHash3's ``fmix64(h)``.
    Texts are hashed in one numpy pass over their bytes (Chinese and Japanese
    text and non-ASCII digits through their regex tokens), with the same
    result (``packed_hashes([t])[0]`` equals ``packed_hashes(tokens(t))``
    concatenated).

    Collisions: tokens of up to 8 bytes never collide (no token contains a zero
    byte, so the word is the token, and ``fmix64`` is a bijection). Longer ones
    collide by chance with probability about n**2 / 2**65 (3e-8 for a million
    distinct tokens), and a collision only makes two shingles look alike. This
    is not a defence against an adversary choosing tokens.

    Example:
        >>> a, b = packed_hashes(["Korea’s troops", "KOREA'S troops!"])
        >>> len(a), bool((a == b).all())
        (2, True)
    """
    return hash_texts(list(texts))


def hash_texts(texts: list[str]) -> list[U64]:
    """:func:`packed_hashes` of a list of texts (the batch entry point).

    Example:
        >>> a = hash_texts(["North Korea"])[0]
        >>> bool((a == hash_texts(["north KOREA"])[0]).all())
        True
    """
    ready = [_ready(t) if len(t) <= _PIECE_CHARS else None for t in texts]
    fast = [r[0] for r in ready if r is not None and r[1]]
    hashed = iter(_split_hashes(*_byte_words(fast)) if fast else [])
    out = []
    for text, r in zip(texts, ready, strict=True):
        if r is None:  # hashed a piece at a time, so memory stays bounded
            out.append(np.concatenate([_piece_hashes(_ready(p)) for p in _pieces(text)]))
        else:
            out.append(next(hashed) if r[1] else _regex_hashes(r[0]))
    return out


def _piece_hashes(ready: tuple[str, bool]) -> U64:
    """Token hashes of one prepared text (see :func:`_ready`)."""
    if ready[1]:
        return _split_hashes(*_byte_words([ready[0]]))[0]
    return _regex_hashes(ready[0])


def _regex_hashes(ready: str) -> U64:
    """Token hashes of a prepared non-ASCII text (its regex tokens, UTF-8 bytes)."""
    data = np.frombuffer(" ".join(_WORD.findall(ready)).encode("utf-8"), dtype=np.uint8)
    return _split_hashes(data, data != ord(" "), np.zeros(1, dtype=np.int64))[0]


def _split_hashes(
    data: npt.NDArray[np.uint8], keep: npt.NDArray[np.bool_], bounds: I64
) -> list[U64]:
    """Hashes of the runs of ``keep`` bytes in ``data``, split at the text ``bounds``."""
    edges = np.diff(keep.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)  # a run of word bytes begins
    ends = np.flatnonzero(edges == -1)  # ... and has ended (one past its last byte)
    hashed = _packed(data, starts, ends)
    return np.split(hashed, np.searchsorted(starts, bounds[1:]))


def _packed(data: npt.NDArray[np.uint8], starts: I64, ends: I64) -> U64:
    """``packed64-fmix`` of each run ``[s, e)`` of ``data``: a gather per 8 bytes of token.

    ``words[i]`` is the unaligned little-endian 64-bit word at byte ``i`` (a
    view with a stride of one byte, over the data and 8 bytes of zero padding).
    Per token this is a handful of operations instead of a few per byte (a
    polynomial over the bytes from prefix sums took 2.5 times as long).
    """
    padded = np.concatenate((data, _PAD))
    words: U64 = np.ndarray((len(data) + 1,), dtype="<u8", buffer=padded, strides=(1,))
    sizes = ends - starts
    # np.take: about half the time of indexing on this unaligned view.
    hashed = np.take(words, starts) & _LOW_BYTES[np.minimum(sizes, 8)]
    longer = np.flatnonzero(sizes > 8)  # about 1% of English tokens
    offset = 8
    while len(longer):
        rest = sizes[longer] - offset
        word = np.take(words, starts[longer] + offset) & _LOW_BYTES[np.minimum(rest, 8)]
        hashed[longer] = hashed[longer] * _WORD_MUL ^ word
        offset += 8
        longer = longer[rest > 8]
    return fmix64(hashed)


def fmix64(h: U64) -> U64:
    """MurmurHash3's 64-bit finaliser (avalanche), wrapping arithmetic.

    Example:
        >>> int(fmix64(np.array([0], dtype=np.uint64))[0])
        0
    """
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))
