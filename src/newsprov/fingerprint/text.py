"""Text to tokens: normalisation, word tokens (numpy over UTF-8 bytes) and the vocabulary.

Part of :mod:`newsprov.fingerprint` (which re-exports the public names).

Example:
    >>> tokens("Kim Jong Un’s orders: 14,000 troops.")
    ['kim', 'jong', "un's", 'orders', '14000', 'troops']
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator

import numpy as np
import numpy.typing as npt

from newsprov.fingerprint.arrays import I64, U64

__all__ = [
    "Vocabulary",
    "normalise",
    "token_hashes",
    "tokens",
    "words",
]


# --- normalisation tables ----------------------------------------------------
_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"
_DQUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_SPACE_LIKE = "_"  # so that a word is simply \w+ (underscores join nothing in news)
_TRANSLATE = {
    **{ord(c): "'" for c in _QUOTES},
    **{ord(c): '"' for c in _DQUOTES},
    **{ord(c): "-" for c in _DASHES},
    **{ord(c): None for c in _INVISIBLE},
    **{ord(c): " " for c in _SPACE_LIKE},
}
# The same table as (character, replacement) pairs for :func:`_translated`.
_TRANSLATE_PAIRS = tuple((chr(k), v or "") for k, v in _TRANSLATE.items())
# "co-\noperate" -> "cooperate": a hyphen at a line end between two letters.
# The literal "-" comes first (the lookbehind after it) so the engine can skip
# ahead to hyphens instead of testing a lookbehind at every position.
_HYPHEN_BREAK = re.compile(r"-(?<=[^\W\d_]-)[ \t]*\r?\n[ \t]*(?=[^\W\d_])")
# "14,000" / "14 000" / "14'000" -> "14000": a separator between a digit and a
# group of exactly three digits. (Lookarounds only: linear time.)
# The separator comes first, so the engine only tries the lookarounds at one.
_THOUSANDS = re.compile(r"[, '](?<=\d[, '])(?=\d{3}(?!\d))")
_SPACES = re.compile(r"\s+")
# Scripts written without spaces between words: Han ideographs (Chinese,
# Japanese kanji; with the iteration and zero marks), Hiragana and Katakana. As
# in Unicode's word-boundary rules for ideographs (UAX #29, which Lucene's
# standard tokenizer follows), each of their characters is a token of its own:
# a whole clause as one "word" made a one-character edit change every shingle
# of a Chinese reprint. (Hangul is written with spaces and stays in words.)
_CJK = (
    "\u3005\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
)
# A token: one character of those scripts, or a word of letters/digits of the
# others, with inner apostrophes or dots kept ("korea's", "u.s", "3.5"). Each
# repetition needs a separator character, so no backtracking.
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+(?:['.][^\W{_CJK}]+)*")


def normalise(text: str) -> str:
    """Text in the canonical form signatures and passages are computed on.

    NFKC (full-width forms, ligatures, no-break and thin spaces), typographic
    quotes to ASCII quotes, every dash to ``-``, soft hyphens and zero-width
    characters removed, words hyphenated across a line break joined, thousands
    separators (comma, space, apostrophe before a group of exactly three digits)
    removed, case folded, whitespace collapsed. Decimal points are kept, so
    "3.5" stays "3.5"; a European "3.500" is not read as 3500.

    Example:
        >>> normalise("The “Co-\\noperation” — 14,000 or 14 000\\u00a0troops")
        'the "cooperation" - 14000 or 14000 troops'
    """
    return _SPACES.sub(" ", _prepare(text)).strip()


def _prepare(text: str) -> str:
    """:func:`normalise` without collapsing whitespace (all tokenising needs)."""
    return _joined(_translated(_nfkc(text)))


def _nfkc(text: str) -> str:
    """``text`` in Unicode NFKC, normalising only the lines that are not.

    A text already in NFKC (most news) is only checked, at about a seventh of
    the cost of normalising it; in the others, an ellipsis or a fraction in one
    line does not make every line normalised again. A newline is a stable
    boundary (no character composes across it), so line by line is the same.
    """
    if unicodedata.is_normalized("NFKC", text):
        return text
    return "\n".join(_nfkc_line(line) for line in text.split("\n"))


def _nfkc_line(line: str) -> str:
    if unicodedata.is_normalized("NFKC", line):
        return line
    return unicodedata.normalize("NFKC", line)


def _translated(text: str) -> str:
    """``text.translate(_TRANSLATE)``, by a ``str.replace`` per character present.

    ``str.translate`` with a dict looks every character up in it: 50 us per KB
    of news text, against about 1 us per KB for 31 searches and the few
    replacements (no replacement is itself a key, so the order is free).
    """
    for char, replacement in _TRANSLATE_PAIRS:
        if char in text:
            text = text.replace(char, replacement)
    return text


def _joined(text: str) -> str:
    """The rest of :func:`_prepare` on NFKC-normalised, translated text."""
    return _THOUSANDS.sub("", _HYPHEN_BREAK.sub("", text)).casefold()


# The separators _THOUSANDS removes between digit groups: ",", " ", "'".
_ASCII_THOUSANDS = np.array([ord(","), ord(" "), ord("'")], dtype=np.uint8)


def tokens(text: str) -> list[str]:
    """The word tokens of ``text``: ``words(text)``, computed faster.

    Text that is ASCII once NFKC-normalised and translated (most English news),
    or whose other characters are letters or punctuation, is tokenised with
    numpy over its UTF-8 bytes; Chinese and Japanese text and non-ASCII digits
    go through the regular expressions. Both give exactly the same tokens.

    Example:
        >>> tokens("The U.S. sent 14,000 troops’ kit_bags.")
        ['the', 'u.s', 'sent', '14000', 'troops', 'kit', 'bags']
    """
    ready, is_ascii = _ready(text)
    return _byte_tokens([ready])[0] if is_ascii else _WORD.findall(ready)


def _ready(text: str) -> tuple[str, bool]:
    """``text`` prepared for tokenising, and whether numpy can tokenise it.

    ASCII text is translated and its hyphenated line breaks joined (the rest of
    :func:`_prepare` is done by :func:`_byte_tokens`); so is other text whose
    characters beyond ASCII are letters or punctuation (see
    :func:`_utf8_ready`); the rest is prepared fully, for the regular expression.
    """
    if not text.isascii():
        text = _translated(_nfkc(text))
        if not text.isascii():
            return _utf8_ready(text)
    elif "_" in text or "`" in text:
        text = _translated(text)
    return _HYPHEN_BREAK.sub("", text), True


_CJK_CHAR = re.compile(f"[{_CJK}]")
# Stands for a character that is no part of a word in text tokenised as UTF-8
# bytes: an ASCII byte that is no letter, digit, glue or thousands separator.
_NOT_WORD = "\x01"
_ASCII_BYTES = bytes(range(128))


def _utf8_ready(text: str) -> tuple[str, bool]:
    """Translated non-ASCII ``text`` for the numpy tokeniser over its UTF-8 bytes, when
    each of its non-ASCII characters is a letter (every byte of it a word byte) or
    no word character (replaced by ``_NOT_WORD``); else prepared for the regex.

    Chinese and Japanese characters (a token each) and non-ASCII decimal digits
    (which the thousands rule reads) go to the regular expression, which gives
    the same tokens more slowly (about 40 us per KB, against 3). Case folding is
    done per character (it has no context) on the non-ASCII characters only;
    ASCII is lower-cased with the bytes.
    """
    ready = _HYPHEN_BREAK.sub("", text)
    others = _non_ascii(ready)
    if any(c.isdecimal() or _CJK_CHAR.match(c) for c in others):
        return _joined(text), False
    folds = [(c, c.casefold()) for c in others if c.casefold() != c]
    for char, folded in folds:
        ready = ready.replace(char, folded)
    for char in _non_ascii(ready) if folds else others:
        if not char.isalnum():  # what \w does not match
            ready = ready.replace(char, _NOT_WORD)
    return ready, True


def _non_ascii(text: str) -> set[str]:
    """The distinct non-ASCII characters of ``text`` (its UTF-8 bytes without the
    ASCII ones are still whole characters; lone surrogates pass through)."""
    data = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return set(data.decode("utf-8", "surrogatepass"))


def _byte_tokens(texts: list[str]) -> tuple[list[str], npt.NDArray[np.int64]]:
    """Tokens of numpy-ready texts (see :func:`_ready`), all in one numpy pass: (tokens, counts).

    Texts are joined with a blank line, which no rule reads across (see
    :func:`_byte_words`).
    """
    if not texts:
        return [], np.zeros(0, dtype=np.int64)
    folded, keep, bounds = _byte_words(texts)
    starts = np.flatnonzero(keep & ~np.concatenate(([False], keep[:-1])))
    counts = np.diff(np.append(np.searchsorted(starts, bounds), len(starts)))
    spaced = np.where(keep, folded, np.uint8(ord(" ")))
    return spaced.tobytes().decode("utf-8").split(), counts


def _byte_words(texts: list[str]) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.bool_], I64]:
    """Ready texts' UTF-8 joined by blank lines: (folded bytes, word-byte mask, text starts).

    Does the thousands rule and case folding, then marks a byte when it is a
    letter or digit, or a ``'``/``.`` between two of them (exactly the matches
    of ``\\w+(?:['.]\\w+)*``; ready texts have no ``_`` or backquote left, see
    :func:`_ready`). Byte classes come from comparisons on wrapped ``uint8``
    differences and ``bytes.lower``, not table lookups (``np.take`` widens its
    byte indices to 64 bits: 2.5 times as long).
    """
    data = [t.encode("utf-8") for t in texts]
    folded = np.frombuffer(b"\n\n".join(data).lower(), dtype=np.uint8)
    bounds = np.cumsum([0] + [len(t) + 2 for t in data[:-1]], dtype=np.int64)
    digit = (folded - np.uint8(ord("0"))) < 10
    if len(folded) > 4:
        # "14,000" -> "14000": a separator after a digit, before exactly three
        # digits and no fourth. Rare, so the few candidates (a non-digit between
        # two digits: (a & c) > b) are checked by index.
        at = np.flatnonzero((digit[:-4] & digit[2:-2]) > digit[1:-3]) + 1
        at = at[np.isin(folded[at], _ASCII_THOUSANDS)]
        ok = digit[at + 2] & digit[at + 3]
        fourth = at + 4 < len(folded)
        ok[fourth] &= ~digit[at[fourth] + 4]
        if ok.any():
            gone = at[ok]
            folded = np.delete(folded, gone)
            digit = np.delete(digit, gone)
            bounds -= np.searchsorted(gone, bounds)
    # a letter byte: a-z, or any byte of a multi-byte character (all letters, see
    # _utf8_ready)
    keep = digit | ((folded - np.uint8(ord("a"))) < 26) | (folded >= 0x80)
    if len(folded) > 2:  # a glue byte is kept between two word bytes
        inner = folded[1:-1]
        at = np.flatnonzero((inner == ord(".")) | (inner == ord("'"))) + 1
        keep[at] = keep[at - 1] & keep[at + 1]
    return folded, keep, bounds


def words(text: str) -> list[str]:
    """The normalised word tokens of ``text`` (punctuation dropped); each Chinese or
    Japanese character (Han, Hiragana, Katakana) is a token of its own.

    Example:
        >>> words("Kim Jong Un’s orders: 14,000 troops.")
        ['kim', 'jong', "un's", 'orders', '14000', 'troops']
        >>> words("朝鲜证实派兵 (KCNA)")
        ['朝', '鲜', '证', '实', '派', '兵', 'kcna']
    """
    return _WORD.findall(normalise(text))


class _Ids(dict[str, int]):
    """Token -> id; an unknown token gets the next id and is noted as fresh."""

    __slots__ = ("fresh",)

    def __init__(self) -> None:
        super().__init__()
        self.fresh: list[str] = []

    def __missing__(self, key: str) -> int:
        value = self[key] = len(self)
        self.fresh.append(key)
        return value


class Vocabulary:
    """Token -> id, each id's token and its 64-bit hash; each token is hashed once.

    Ids are given in order of first appearance. Not shared between calls: a
    caller makes one per batch.

    Example:
        >>> v = Vocabulary()
        >>> v.encode("A rose is a rose").tolist(), v.tokens
        ([0, 1, 2, 0, 1], ['a', 'rose', 'is'])
    """

    def __init__(self) -> None:
        self.ids = _Ids()
        self.tokens: list[str] = []
        # Capacity doubles as tokens arrive, so adding a token is amortised O(1)
        # (a copy per new token would be quadratic in the vocabulary size).
        self._hashes: U64 = np.zeros(1024, dtype=np.uint64)

    @property
    def hashes(self) -> U64:
        """Each id's token hash (index by token ids)."""
        return self._hashes[: len(self.tokens)]

    def encode(self, text: str) -> npt.NDArray[np.int64]:
        """``text`` as a sequence of token ids; new tokens are hashed on the way."""
        parts = [self._encode_piece(piece) for piece in _pieces(text)]
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def encode_many(self, texts: list[str]) -> list[npt.NDArray[np.int64]]:
        """``[self.encode(t) for t in texts]`` (ids may be given in another order), faster:
        the numpy-ready texts are tokenised together in one numpy pass.

        Example:
            >>> v = Vocabulary()
            >>> [v.tokens[i] for seq in v.encode_many(["A rose", "Ünï rose"]) for i in seq]
            ['a', 'rose', 'ünï', 'rose']
        """
        ready = [_ready(t) if len(t) <= _PIECE_CHARS else None for t in texts]
        toks, counts = _byte_tokens([r[0] for r in ready if r is not None and r[1]])
        fast = iter(np.split(self._ids_of(toks), np.cumsum(counts)[:-1]))
        out = []
        for text, r in zip(texts, ready, strict=True):
            if r is None:
                out.append(self.encode(text))
            else:
                out.append(next(fast) if r[1] else self._ids_of(_WORD.findall(r[0])))
        return out

    def _encode_piece(self, piece: str) -> npt.NDArray[np.int64]:
        return self._ids_of(tokens(piece))

    def _ids_of(self, toks: list[str]) -> npt.NDArray[np.int64]:
        ids = self.ids
        seq = np.fromiter(map(ids.__getitem__, toks), dtype=np.int64, count=len(toks))
        fresh = ids.fresh
        if fresh:
            self._add(fresh)
            fresh.clear()
        return seq

    def _add(self, fresh: list[str]) -> None:
        start, end = len(self.tokens), len(self.tokens) + len(fresh)
        if end > len(self._hashes):
            grown = np.zeros(max(end, 2 * len(self._hashes)), dtype=np.uint64)
            grown[:start] = self._hashes[:start]
            self._hashes = grown
        self._hashes[start:end] = token_hashes(fresh)
        self.tokens.extend(fresh)


# Long texts are normalised in pieces of about this many characters so a 20 MB
# article never holds several full-size normalised copies at once.
_PIECE_CHARS = 1 << 20
# A safe cut: a whitespace character right after a character that is neither
# whitespace, a digit nor "-". It cannot fall inside a hyphenated line break
# ("-", spaces, newline) or a digit group ("14 000"), the only normalisation
# rules that span whitespace, and it never splits a word.
_SAFE_CUT = re.compile(r"(?<=[^\s\d-])\s")


def _pieces(text: str) -> Iterator[str]:
    """``text`` cut at safe places into pieces of about ``_PIECE_CHARS``."""
    start = 0
    while len(text) - start > _PIECE_CHARS:
        cut = _SAFE_CUT.search(text, start + _PIECE_CHARS, start + 2 * _PIECE_CHARS)
        end = cut.start() if cut else start + 2 * _PIECE_CHARS
        yield text[start:end]
        start = end
    yield text[start:]


def token_hashes(tokens: Iterable[str]) -> U64:
    """Deterministic 64-bit hashes of tokens (BLAKE2b, 8 bytes, little-endian).

    Example:
        >>> int(token_hashes(["korea"])[0]) == int(token_hashes(["korea"])[0])
        True
    """
    blob = b"".join(hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest() for t in tokens)
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)
