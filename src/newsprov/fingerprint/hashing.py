"""Token hashes without Python work per token: a polynomial over UTF-8 bytes, in numpy.

Part of :mod:`newsprov.fingerprint` (which re-exports the public names). The
hash of a token with UTF-8 bytes ``b_0 .. b_n-1`` is MurmurHash3's ``fmix64``
of ``sum b_i * P**i mod 2**64`` (``SketchSpec.token_hash == "poly64-fmix"``).

Example:
    >>> a, b = poly_hashes(["Korea’s troops", "KOREA'S troops!"])
    >>> len(a), bool((a == b).all())
    (2, True)
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from newsprov.fingerprint.arrays import I64, U64
from newsprov.fingerprint.text import _PIECE_CHARS, _WORD, _ascii_words, _pieces, _ready

__all__ = ["Powers", "fmix64", "hash_texts", "poly_hashes"]


# Base of the polynomial token hash: odd (so invertible mod 2**64), with
# well-spread bits (the 64-bit golden ratio of splitmix64). Any such odd
# constant works; changing it changes every fingerprint ("token_hash" spec).
_POLY = 0x9E3779B97F4A7C15
_POLY_INV = pow(_POLY, -1, 2**64)


def poly_hashes(texts: Iterable[str]) -> list[U64]:
    """Each text's token hashes (``poly64-fmix``), in token order, vectorised.

    The hash of a token with UTF-8 bytes ``b_0 .. b_n-1`` is MurmurHash3's
    ``fmix64`` of ``sum b_i * P**i mod 2**64``; ASCII texts are hashed in one
    numpy pass over their bytes, others through their regex tokens, with the
    same result (``poly_hashes([t])[0]`` equals ``poly_hashes(tokens(t))``
    concatenated).

    Collisions: 64-bit hashes of distinct tokens collide by chance with
    probability about n**2 / 2**65 (3e-8 for a million distinct tokens), and a
    collision only makes two shingles look alike. Crafted collisions of
    polynomials mod 2**64 exist (Thue-Morse strings, 2,048+ bytes per token):
    this is not a defence against an adversary choosing tokens.

    Example:
        >>> a, b = poly_hashes(["Korea’s troops", "KOREA'S troops!"])
        >>> len(a), bool((a == b).all())
        (2, True)
    """
    return hash_texts(list(texts), Powers())


def hash_texts(texts: list[str], powers: Powers) -> list[U64]:
    """:func:`poly_hashes` with the powers of ``P`` kept in ``powers`` between calls.

    Example:
        >>> powers = Powers()
        >>> a = hash_texts(["North Korea"], powers)[0]
        >>> bool((a == hash_texts(["north KOREA"], powers)[0]).all())
        True
    """
    ready = [_ready(t) if len(t) <= _PIECE_CHARS else None for t in texts]
    fast = [r[0] for r in ready if r is not None and r[1]]
    hashed = iter(_split_hashes(*_ascii_words(fast), powers) if fast else [])
    out = []
    for text, r in zip(texts, ready, strict=True):
        if r is None:  # hashed a piece at a time, so memory stays bounded
            out.append(np.concatenate([_piece_hashes(_ready(p), powers) for p in _pieces(text)]))
        else:
            out.append(next(hashed) if r[1] else _regex_hashes(r[0], powers))
    return out


def _piece_hashes(ready: tuple[str, bool], powers: Powers) -> U64:
    """Token hashes of one prepared text (see :func:`_ready`)."""
    if ready[1]:
        return _split_hashes(*_ascii_words([ready[0]]), powers)[0]
    return _regex_hashes(ready[0], powers)


def _regex_hashes(ready: str, powers: Powers) -> U64:
    """Token hashes of a prepared non-ASCII text (its regex tokens, UTF-8 bytes)."""
    data = np.frombuffer(" ".join(_WORD.findall(ready)).encode("utf-8"), dtype=np.uint8)
    return _split_hashes(data, data != ord(" "), np.zeros(1, dtype=np.int64), powers)[0]


def _split_hashes(
    data: npt.NDArray[np.uint8], keep: npt.NDArray[np.bool_], bounds: I64, powers: Powers
) -> list[U64]:
    """Hashes of the runs of ``keep`` bytes in ``data``, split at the text ``bounds``."""
    edges = np.diff(keep.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)  # a run of word bytes begins
    ends = np.flatnonzero(edges == -1)  # ... and has ended (one past its last byte)
    hashed = _poly(data, starts, ends, powers)
    return np.split(hashed, np.searchsorted(starts, bounds[1:]))


def _poly(data: npt.NDArray[np.uint8], starts: I64, ends: I64, powers: Powers) -> U64:
    """``fmix64(sum data[s + i] * P**i)`` for each run ``[s, e)``, from prefix sums.

    With ``T_k = sum_{j<k} data[j] * P**j``: the run's sum is ``(T_e - T_s) * P**-s``.
    """
    up, down = powers.upto(len(data))
    prefix = np.empty(len(data) + 1, dtype=np.uint64)
    prefix[0] = 0
    np.multiply(data, up, out=prefix[1:])  # in place: no second array of 8 bytes per byte
    np.cumsum(prefix[1:], out=prefix[1:])
    return fmix64((prefix[ends] - prefix[starts]) * down[starts])


class Powers:
    """``P**j`` and ``P**-j`` mod 2**64 for j < n, grown on demand; one per call.

    Computing them for each batch of 512 articles took 40% of the hashing time.

    Example:
        >>> up, down = Powers().upto(3)
        >>> (up * down).tolist()
        [1, 1, 1]
    """

    def __init__(self) -> None:
        self.up: U64 = np.ones(1, dtype=np.uint64)
        self.down: U64 = np.ones(1, dtype=np.uint64)

    def upto(self, n: int) -> tuple[U64, U64]:
        """The first ``n`` powers of ``P`` and of its inverse."""
        if len(self.up) < n:
            size = max(n, 2 * len(self.up))
            self.up, self.down = _powers(_POLY, size), _powers(_POLY_INV, size)
        return self.up[:n], self.down[:n]


def _powers(base: int, n: int) -> U64:
    """``base**j mod 2**64`` for j in 0..n-1 (wrapping products)."""
    out = np.full(n, base, dtype=np.uint64)
    out[0] = 1
    return np.cumprod(out, out=out)


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
