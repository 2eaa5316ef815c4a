"""Tests of newsprov.fingerprint: normalisation, shingles and datasketch-equal sketches."""

from __future__ import annotations

import subprocess
import sys
import time
import unicodedata

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash, MinHashLSH
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprov.errors import IncompatibleSignatureError, InvalidParamsError
from newsprov.fingerprint import (
    SketchSpec,
    check_compatible,
    fingerprint,
    fingerprint_batch,
    normalise,
    packed_hashes,
    signatures,
    thread_map,
    token_hashes,
    tokens,
    words,
)
from newsprov.fingerprint.hashing import fmix64
from newsprov.fingerprint.text import _nfkc, _ready
from newsprov.model import Params

SPEC = SketchSpec(num_perm=64, seed=1, shingle_size=3)
TEXT = (
    "North Korea officially acknowledged on Monday that it has dispatched military "
    "forces to assist Russia in its conflict with Ukraine, following a direct order "
    "from leader Kim Jong Un."
)


def _identity(x: int) -> int:
    return x


def _datasketch(values: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    m = MinHash(num_perm=num_perm, seed=seed, scheme="affine32", hashfunc=_identity)
    m.update_batch([int(v) for v in values])
    return np.asarray(m.hashvalues)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("“Quoted” — text", '"quoted" - text'),
        ("co-\noperate now", "cooperate now"),
        ("14,000 troops", "14000 troops"),
        ("14 000 troops", "14000 troops"),
        ("14\u00a0000 troops", "14000 troops"),
        ("1,234,567 won", "1234567 won"),
        ("Kim\u00adJong  \n\t Un", "kimjong un"),
        ("ＫＣＮＡ", "kcna"),
    ],
)
def test_normalise_equates_typographic_variants(a: str, b: str) -> None:
    """Quotes, dashes, case, spaces, line-break hyphens and digit grouping do not matter."""
    assert normalise(a) == normalise(b)


def test_normalise_keeps_decimals_and_lists_apart() -> None:
    """A decimal point and a list of small numbers are not mistaken for thousands."""
    assert normalise("3.5 per cent") == "3.5 per cent"
    assert normalise("items 1, 2, 3") == "items 1, 2, 3"
    assert normalise("3,5") == "3,5"


def test_words_drop_punctuation_and_keep_inner_apostrophes() -> None:
    """Words are normalised tokens without punctuation."""
    assert words("Kim Jong Un’s order: “Go!” (KCNA)") == [
        "kim",
        "jong",
        "un's",
        "order",
        "go",
        "kcna",
    ]


def test_chinese_and_japanese_characters_are_tokens_of_their_own() -> None:
    """Han and kana characters are one token each (no spaces to find words by); Hangul,
    Cyrillic and Latin words stay whole, and full-width forms fold to ASCII."""
    assert words("朝鲜证实派兵。北朝鮮が派兵を認めた") == [
        *"朝鲜证实派兵",
        *"北朝鮮が派兵を認めた",
    ]
    assert tokens("ＫＣＮＡ报道: 한국 정부 and Россия") == [
        "kcna", "报", "道", "한국", "정부", "and", "россия",
    ]  # fmt: skip


def test_a_chinese_reprint_with_a_sentence_dropped_is_a_near_duplicate() -> None:
    """With a clause as one token, dropping a sentence changed every shingle around it;
    with character tokens a Chinese reprint keeps most of its source's shingles, and an
    unrelated Chinese story shares almost none."""
    source = (
        "朝鲜首次证实向俄罗斯派兵。据朝中社报道，朝鲜劳动党中央军事委员会表示，朝鲜军队参加了"
        "库尔斯克地区的解放作战。金正恩称参战官兵是英雄。乌克兰官员此前表示，朝鲜向俄罗斯派遣了"
        "约一万四千名士兵，其中包括三千名增援部队。"
    )
    reprint = source.replace("金正恩称参战官兵是英雄。", "") + "本台记者报道。"
    other = "东京电力公司周一表示，将于下月开始排放经过处理的核污水，日本政府已批准该计划。"
    spec = SketchSpec(num_perm=128, seed=1, shingle_size=3)
    a, b, c = (fingerprint(i, t, spec) for i, t in (("a", source), ("b", reprint), ("c", other)))
    shared = len(np.intersect1d(a.shingles, b.shingles))
    assert shared / len(b.shingles) > 0.85
    assert len(np.intersect1d(a.shingles, c.shingles)) / len(c.shingles) < 0.1
    assert a.sketch.jaccard(b.sketch) > 0.7


def test_regexes_are_linear_on_adversarial_lines() -> None:
    """Long runs of separators, digits and hyphens normalise quickly (no backtracking)."""
    lines = ("1," * 200_000, "a-" * 200_000 + "\n", "a." * 200_000, "1 " * 200_000, "朝." * 200_000)
    for line in lines:
        start = time.perf_counter()
        words(line)
        assert time.perf_counter() - start < 2.0


def test_sketch_equals_datasketch_for_the_same_shingle_hashes() -> None:
    """Our vectorised sketch equals datasketch's MinHash(scheme='affine32') fed the same hashes."""
    fps = fingerprint_batch([("a", TEXT), ("b", TEXT[40:]), ("c", "one two three")], SPEC)
    for fp in fps:
        assert isinstance(fp.sketch, LeanMinHash)
        assert fp.sketch.scheme == "affine32"
        assert np.array_equal(fp.sketch.hashvalues, _datasketch(fp.shingles, 64, 1))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 2**32 - 1), max_size=60), min_size=1, max_size=8),
    st.integers(0, 1000),
)
def test_signatures_equal_datasketch_on_any_hash_sets(sets: list[list[int]], seed: int) -> None:
    """For any 32-bit hash sets and seed, signatures() equals datasketch value by value."""
    spec = SketchSpec(num_perm=32, seed=seed, shingle_size=1)
    arrays = [np.unique(np.array(s, dtype=np.uint32)) for s in sets]
    got = signatures(arrays, spec)
    for row, arr in zip(got, arrays, strict=True):
        assert np.array_equal(row, _datasketch(arr, 32, seed))


def test_signatures_of_a_set_larger_than_one_chunk() -> None:
    """A set spanning several numpy chunks still gives datasketch's sketch."""
    arr = np.unique(np.random.default_rng(3).integers(0, 2**32, 40_000).astype(np.uint32))
    spec = SketchSpec(num_perm=16, seed=7, shingle_size=1)
    small = np.array([1, 2, 3], dtype=np.uint32)
    got = signatures([small, arr, small], spec)
    assert np.array_equal(got[1], _datasketch(arr, 16, 7))
    assert np.array_equal(got[0], got[2])


def test_sketches_work_in_a_datasketch_index() -> None:
    """Our LeanMinHash goes into MinHashLSH and finds its reprint."""
    fps = fingerprint_batch([("a", TEXT), ("b", TEXT + " Reuters reported."), ("c", "x y z")], SPEC)
    lsh = MinHashLSH(threshold=0.5, num_perm=64)
    for fp in fps:
        lsh.insert(fp.id, fp.sketch)
    assert sorted(lsh.query(fps[0].sketch)) == ["a", "b"]


def test_shingles_are_sorted_unique_and_order_sensitive() -> None:
    """Shingles are sorted unique uint32, and word order changes them."""
    fp = fingerprint("a", "a b c a b c a b c", SketchSpec(num_perm=16, seed=1, shingle_size=3))
    assert fp.shingles.dtype == np.uint32
    assert len(fp.shingles) == 3
    assert list(fp.shingles) == sorted(set(fp.shingles))
    other = fingerprint("b", "c b a", SketchSpec(num_perm=16, seed=1, shingle_size=3))
    assert not set(other.shingles) & set(fp.shingles)


def test_short_and_empty_texts_have_no_shingles() -> None:
    """Texts with fewer words than the shingle size have no shingles and the empty sketch."""
    for text in ("", "   ", "word", "two words", "!!!"):
        fp = fingerprint("x", text, SPEC)
        assert len(fp.shingles) == 0
        assert (fp.sketch.hashvalues == 2**32 - 1).all()


def test_batch_equals_single_and_is_deterministic() -> None:
    """A batch gives the same fingerprints as one-by-one calls, run after run."""
    items = [(str(i), TEXT[i:]) for i in range(0, 60, 7)]
    batch = fingerprint_batch(items, SPEC)
    for fp, (id_, text) in zip(batch, items, strict=True):
        single = fingerprint(id_, text, SPEC)
        assert fp.id == id_
        assert np.array_equal(fp.shingles, single.shingles)
        assert fp.sketch == single.sketch


def test_threads_give_the_same_fingerprints_in_the_same_order() -> None:
    """workers=0, 2 and 3 give exactly what one thread gives, over several batches."""
    items = [(f"a{i:04d}", f"{TEXT[i % 50 :]} story {i} of {i % 7}") for i in range(1300)]
    one = fingerprint_batch(items, SPEC, workers=1)
    for workers in (0, 2, 3):
        got = fingerprint_batch(iter(items), SPEC, workers=workers)
        assert [f.id for f in got] == [i for i, _ in items]
        for a, b in zip(one, got, strict=True):
            assert np.array_equal(a.shingles, b.shingles)
            assert np.array_equal(a.signature, b.signature)


def test_thread_map_keeps_order_and_raises_the_workers_error() -> None:
    """thread_map returns results in input order and re-raises a worker's exception."""
    assert list(thread_map(lambda x: -x, range(100), 3)) == [-x for x in range(100)]
    with pytest.raises(ZeroDivisionError):
        list(thread_map(lambda x: 1 // (x - 7), range(20), 2))


def test_token_hashes_are_stable_across_processes() -> None:
    """Token hashes do not depend on PYTHONHASHSEED or the process."""
    code = "from newsprov.fingerprint import token_hashes; print(int(token_hashes(['korea'])[0]))"
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": ":".join(sys.path)},
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert outs == {str(int(token_hashes(["korea"])[0]))}


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=300))
def test_fingerprints_are_deterministic(text: str) -> None:
    """The same text always gives the same shingles and sketch."""
    a, b = fingerprint("a", text, SPEC), fingerprint("a", text, SPEC)
    assert np.array_equal(a.shingles, b.shingles)
    assert a.sketch == b.sketch


def test_incompatible_specs_name_the_field_and_both_values() -> None:
    """Comparing specs that differ raises IncompatibleSignatureError saying how."""
    other = SketchSpec(num_perm=64, seed=2, shingle_size=3)
    with pytest.raises(IncompatibleSignatureError, match=r"'seed': 1 vs 2"):
        check_compatible(SPEC, other)
    a, b = fingerprint("a", TEXT, SPEC), fingerprint("b", TEXT, other)
    with pytest.raises(IncompatibleSignatureError, match="seed"):
        a.compatible(b)


def test_spec_from_params_and_validation() -> None:
    """The spec follows Params, is recorded as a dict, and rejects bad values."""
    spec = SketchSpec.from_params(Params(num_perm=32, seed=5, shingle_size=4))
    assert spec.to_dict() == {
        "scheme": "affine32",
        "num_perm": 32,
        "seed": 5,
        "tokenizer": "word+cjk-chars",
        "shingle_size": 4,
        "token_hash": "packed64-fmix",
    }
    with pytest.raises(InvalidParamsError, match="'scheme'"):
        SketchSpec(scheme="legacy", num_perm=16, seed=1, shingle_size=3)
    with pytest.raises(InvalidParamsError, match=r"'tokenizer' must be one of .*got 'word'"):
        SketchSpec(tokenizer="word", num_perm=16, seed=1, shingle_size=3)  # before CJK tokens
    with pytest.raises(InvalidParamsError, match="'num_perm'"):
        SketchSpec(num_perm=0, seed=1, shingle_size=3)


def test_long_text_is_fingerprinted_in_pieces_consistently() -> None:
    """A text longer than one normalisation piece gives the same shingles as its words."""
    text = " ".join(f"w{i % 5000} co-\noperate 14,000" for i in range(120_000))
    fp = fingerprint("big", text, SketchSpec(num_perm=16, seed=1, shingle_size=3))
    joined = fingerprint(
        "j", " ".join(words(text)), SketchSpec(num_perm=16, seed=1, shingle_size=3)
    )
    assert np.array_equal(fp.shingles, joined.shingles)


# Characters that exercise every ASCII tokenising rule (case, "_" and "`",
# glue characters, thousands separators, hyphenated line breaks) and the
# non-ASCII ones that translate to ASCII or stay non-ASCII.
_TOKEN_CHARS = "aZq09 ,.'`_-\n\t\r!é’“—\u00a0\u00ad"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_TOKEN_CHARS, max_size=40))
def test_fast_tokens_equal_the_regular_expressions(text: str) -> None:
    """tokens() (numpy over ASCII bytes) gives exactly the regex tokens of words()."""
    assert tokens(text) == words(text)


# Beyond ASCII: letters that case-fold to more or other characters (ß, İ, Σ),
# Cyrillic, Hangul, a combining mark, symbols and punctuation (£ « · …),
# non-ASCII digits (Arabic-Indic ٣, full-width ３), Han and Kana characters.
_UNICODE_CHARS = "aZ9 ,.'-\néßİΣжЖ한국\u0307£«·…٣３朝カ’\ud800"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_UNICODE_CHARS, max_size=40))
def test_fast_tokens_beyond_ascii_equal_the_regular_expressions(text: str) -> None:
    """Text with letters beyond ASCII, tokenised with numpy over its UTF-8 bytes, and
    text the regex must take (Chinese, Japanese, non-ASCII digits) give exactly the
    tokens of words(), and the same token hashes token by token."""
    assert tokens(text) == words(text)
    each = [int(packed_hashes([t])[0][0]) for t in words(text)]
    assert packed_hashes([text])[0].tolist() == each


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ae \n\r\u0301\u0308\u0323\u2026\u00bd\u1100\u1161\u11a8\ufb01\u00a0\u2028")
)
def test_nfkc_line_by_line_is_nfkc(text: str) -> None:
    """Normalising only the lines not in NFKC gives NFKC of the whole text, with
    combining marks, Hangul jamo, ligatures and line breaks of every kind."""
    assert _nfkc(text) == unicodedata.normalize("NFKC", text)


def test_letters_beyond_ascii_take_the_numpy_path() -> None:
    """Accented, Cyrillic and Korean text is tokenised over its bytes (prepared as
    numpy-able), with symbols read as separators; Chinese goes to the regex."""
    text = "Müller’s £14,000 «Straße» in Пхеньян, 서울 · İstanbul"
    assert _ready(text)[1]
    assert tokens(text) == words(text)
    # "İ" case-folds to "i" and a combining dot, which is no word character.
    assert tokens(text) == ["müller's", "14000", "strasse", "in", "пхеньян", "서울", "i", "stanbul"]
    assert not _ready("朝鲜 troops")[1]


def test_fast_tokens_on_numbers_glue_and_line_breaks() -> None:
    """Thousands, decimals, inner quotes and hyphenated line breaks tokenise like words()."""
    text = "In 2024 the U.S. sent 1,234,567 or 14 000 or 12'000 co-\n operate 3.5 x,1234 don't."
    assert tokens(text) == words(text)
    assert tokens(text)[:8] == ["in", "2024", "the", "u.s", "sent", "1234567", "or", "14000"]


def test_vocabulary_is_not_quadratic_in_new_tokens() -> None:
    """40,000 texts each bringing new tokens fingerprint in near-linear time."""
    items = [(str(i), f"new{i}a new{i}b new{i}c shared words here") for i in range(40_000)]
    start = time.perf_counter()
    fps = fingerprint_batch(items, SPEC)
    assert time.perf_counter() - start < 30.0
    assert len({fp.shingles.tobytes() for fp in fps}) == 40_000


def _packed_reference(token: str) -> int:
    """The documented token hash, in plain Python integers."""
    data = token.encode("utf-8")
    h = 0
    for i in range(0, len(data), 8):
        word = int.from_bytes(data[i : i + 8], "little")
        h = word if i == 0 else (h * 0x9E3779B97F4A7C15 % 2**64) ^ word
    return int(fmix64(np.array([h], dtype=np.uint64))[0])


def test_packed_hashes_match_the_documented_definition() -> None:
    """Vectorised token hashes equal fmix64 of the token's bytes packed into 64-bit
    words (combined h * M ^ w), ASCII or not, short or longer than 8, 16, 24 bytes."""
    texts = [
        "Kim Jong Un’s orders: 14,000 troops.",
        "Пхеньян ü Seoul 朝鲜",
        "a" * 300,
        "ab abcdefgh abcdefghi internationalisation counterrevolutionaries",
    ]
    for text in texts:
        got = [int(h) for h in packed_hashes([text])[0]]
        assert got == [_packed_reference(t) for t in tokens(text)]


def test_packed_hashes_of_short_tokens_never_collide() -> None:
    """Distinct tokens of up to 8 bytes get distinct hashes (the packed word is the token)."""
    toks = [a + b + c for a in "abz09" for b in ("", "e", "q") for c in ("", "x", "yyyyyy")]
    text = " ".join(toks)
    hashes = packed_hashes([text])[0]
    assert len(set(tokens(text))) == len(set(hashes.tolist()))


_MIXED_CHARS = "aZ9 ,.'_-\n\u00e9\u2019\u00a0\u0436\u00a3\u671d"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=_MIXED_CHARS, max_size=40), max_size=6))
def test_packed_hashes_do_not_depend_on_the_batch_or_the_path(texts: list[str]) -> None:
    """A text's token hashes are the same alone, in a batch mixing the three paths
    (ASCII, UTF-8 letters, Chinese through the regex), or token by token."""
    together = packed_hashes(texts)
    for text, hashes in zip(texts, together, strict=True):
        alone = packed_hashes([text])[0]
        each = [int(packed_hashes([t])[0][0]) for t in tokens(text)]
        assert hashes.tolist() == alone.tolist() == each


def test_packed_hashes_of_a_long_text_in_pieces_equal_the_whole() -> None:
    """A text over the piece size hashes to its tokens' hashes, as a short one would."""
    text = "Korea’s troops moved north. " * 40_000  # about 1.1 million characters
    hashes = packed_hashes([text])[0]
    assert len(hashes) == len(tokens(text)) == 160_000
    assert hashes[:4].tolist() == packed_hashes([text[:28]])[0].tolist()
