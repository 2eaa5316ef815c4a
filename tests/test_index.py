"""newsprov.Index: an index that lives on, on a SQLite file and on a Redis server.

Every storage-independent test runs against both storages (the ``index``
fixture). The Redis runs need ``NEWSPROV_REDIS_URL`` (``./dev test`` starts a
throwaway redis-server and sets it); without it they skip, except under CI,
where they fail: CI must run them for real.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprov import Index, IndexMatch
from newsprov.candidates import duplicate_pairs
from newsprov.candidates.index import ReusedPassage
from newsprov.errors import (
    IncompatibleSignatureError,
    InvalidArticleError,
    InvalidParamsError,
    StorageError,
)
from newsprov.fingerprint import (
    AnchorSpec,
    SketchSpec,
    anchor_batch,
    fingerprint,
    fingerprint_batch,
    packed_hashes,
    paragraphs,
    tokens,
    winnow,
)
from newsprov.grouping import duplicate_groups
from newsprov.model import Params

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("NEWSPROV_REDIS_URL")
Opener = Callable[..., Index]

STORY = (
    "North Korea confirmed on Monday that it had sent troops to fight alongside Russian "
    "forces in the Kursk region, the first official acknowledgement by Pyongyang. The state "
    "news agency said the deployment followed orders from Kim Jong Un under a mutual defence "
    "treaty signed last year, and praised the soldiers for their heroism in battle."
)
OTHER = (
    "Heavy rain flooded parts of the coastal city on Tuesday, closing schools and roads as "
    "emergency crews pumped water from basements and the weather office warned of more storms "
    "arriving later in the week across the southern provinces and the river valleys."
)


def corpus(n: int, seed: int) -> list[tuple[str, str]]:
    """Stories with edited and truncated reprints and unrelated articles."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(5000)]
    out: list[tuple[str, str]] = []
    story = 0
    while len(out) < n:
        base = rng.choices(vocab, k=rng.randrange(80, 200))
        edit = [f"e{rng.randrange(10**6)}" if rng.random() < 0.03 else w for w in base]
        for k, words in enumerate([base, edit, base[: len(base) * 7 // 10], vocab[:3]]):
            out.append((f"s{story:04d}-{k}", " ".join(words)))
        story += 1
    return out[:n]


def batch_groups(items: list[tuple[str, str]], params: Params) -> tuple[tuple[str, ...], ...]:
    """The duplicate groups the batch path finds for ``items``."""
    fps = fingerprint_batch(items, SketchSpec.from_params(params))
    return duplicate_groups([i for i, _ in items], duplicate_pairs(fps, params))


def index_groups(index: Index, ids: list[str]) -> tuple[tuple[str, ...], ...]:
    """The index's groups over ``ids``, in duplicate_groups' order."""
    by: dict[str | None, list[str]] = {}
    for id_ in ids:
        by.setdefault(index.group(id_), []).append(id_)
    return tuple(sorted(tuple(sorted(g)) for g in by.values()))


def _redis_url_or_skip() -> str:
    if REDIS_URL:
        return REDIS_URL
    if os.environ.get("CI"):
        pytest.fail("CI is set but NEWSPROV_REDIS_URL is not: the Redis tests must run in CI")
    pytest.skip("NEWSPROV_REDIS_URL is not set (./dev test sets it when redis-server is on PATH)")


def _drop_redis(url: str, name: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"{name}:*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture(params=["sqlite", "redis"])
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    """Opens Index objects on one fresh storage: a SQLite file, or a Redis index name."""
    opened: list[Index] = []
    if request.param == "sqlite":
        location, name = str(tmp_path / "index.db"), "newsprov"
    else:
        location, name = _redis_url_or_skip(), f"test-{uuid.uuid4().hex}"

    def open_index(params: Params | None = None) -> Index:
        index = Index.open(location, params or Params(), name=name)
        opened.append(index)
        return index

    open_index.location = location  # type: ignore[attr-defined]
    open_index.name = name  # type: ignore[attr-defined]
    yield open_index
    for index in opened:
        index.close()
    if request.param == "redis":
        _drop_redis(location, name)


def test_module_example_and_docs_example_run() -> None:
    """The examples in docs/index.md run and print what the page says."""
    page = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.S)
    assert blocks, "docs/index.md must hold a python example"
    out = subprocess.run(
        [sys.executable, "-c", blocks[0]], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert "outlet-9 [('outlet-9', 'reuters-1')] 2" in out.stdout
    passages = subprocess.run(
        [sys.executable, "-c", blocks[1]], capture_output=True, text=True, check=True, cwd=ROOT
    )
    said = "we will never allow the enemies to violate the sovereignty of our great nation"
    assert passages.stdout == f"kcna-1 1 5 17 {said} under any circumstances\n"


def test_add_returns_verified_duplicates_and_group(opener: Opener) -> None:
    """A reprint joins its source's group, with an exact PairScore; unrelated text does not."""
    index = opener()
    first = index.add("wire-1", STORY)
    assert first == IndexMatch("wire-1", "wire-1", (), True)
    reprint = index.add("paper-2", STORY.replace("Monday", "Tuesday") + " Subscribe now.")
    assert reprint.group == "paper-2"  # the smallest id of the group labels it
    (pair,) = reprint.duplicates
    assert (pair.a, pair.b) == ("paper-2", "wire-1")
    assert 0.8 < pair.jaccard < 1.0
    assert pair.contain_b > 0.9
    assert index.group("wire-1") == "paper-2"
    assert index.add("zz-other", OTHER).duplicates == ()
    assert index.members("paper-2") == ("paper-2", "wire-1")
    assert len(index) == 3
    assert "zz-other" in index
    assert "nope" not in index


def test_query_does_not_store(opener: Opener) -> None:
    """query() reports the group a text would join and stores nothing."""
    index = opener()
    index.add("b", STORY)
    m = index.query(STORY + " More.", id="new")
    assert (m.group, m.stored, [(d.a, d.b) for d in m.duplicates]) == ("b", False, [("b", "new")])
    assert index.query(OTHER).group is None
    assert len(index) == 1


def test_groups_equal_batch_groups_whatever_the_order(opener: Opener) -> None:
    """Adding a corpus in any order and chunking gives the batch path's duplicate groups."""
    params = Params()
    items = corpus(120, seed=5)
    want = batch_groups(items, params)
    assert any(len(g) > 2 for g in want)
    shuffled = items[:]
    random.Random(1).shuffle(shuffled)
    index = opener(params)
    index.add_many(shuffled[:50])
    for item in shuffled[50:]:
        index.add(*item)
    assert index_groups(index, [i for i, _ in items]) == want
    for group in want:
        assert index.group(group[-1]) == group[0]


_BASES = [" ".join(f"b{k}w{i}" for i in range(60)) for k in range(3)]


@settings(max_examples=25, deadline=None)
@given(
    picks=st.lists(st.tuples(st.integers(0, 2), st.integers(5, 60)), min_size=1, max_size=12),
    order=st.randoms(use_true_random=False),
)
def test_groups_and_labels_do_not_depend_on_arrival_order(
    picks: list[tuple[int, int]], order: random.Random
) -> None:
    """Any arrival order gives the batch groups, each labelled by its smallest id."""
    items = [(f"id{n:02d}", " ".join(_BASES[b].split()[:cut])) for n, (b, cut) in enumerate(picks)]
    shuffled = items[:]
    order.shuffle(shuffled)
    with Index.open(":memory:") as index:
        for item in shuffled:
            index.add(*item)
        assert index_groups(index, [i for i, _ in items]) == batch_groups(items, Params())
        assert all(index.group(i) == min(index.members(index.group(i) or "")) for i, _ in items)


def test_readding_is_a_no_op_and_other_text_needs_replace(opener: Opener) -> None:
    """Same id and text: nothing changes; another text raises unless replace=True."""
    index = opener()
    index.add("a", STORY)
    again = index.add("a", STORY)
    assert again.stored is False
    assert again.group == "a"
    assert len(index) == 1
    with pytest.raises(InvalidArticleError, match="'a' is already in the index with another"):
        index.add("a", OTHER)
    assert index.query(STORY).group == "a"
    replaced = index.add("a", OTHER, replace=True)
    assert replaced.stored
    assert len(index) == 1
    assert index.query(STORY).group is None
    assert index.query(OTHER).group == "a"


def test_colliding_ids_in_one_call(opener: Opener) -> None:
    """One id twice in a call: a no-op with the same text, an error naming it otherwise."""
    index = opener()
    got = index.add_many([("x", STORY), ("x", STORY)])
    assert [m.stored for m in got] == [True, False]
    assert len(index) == 1
    with pytest.raises(InvalidArticleError, match="'y' comes twice"):
        index.add_many([("y", STORY), ("y", OTHER)])
    with pytest.raises(InvalidArticleError, match="'id' must be a non-empty string"):
        index.add("", STORY)


def test_empty_and_one_word_articles_are_stored_and_never_match(opener: Opener) -> None:
    """Texts without shingles are kept (so re-runs see them) but join no group."""
    index = opener()
    got = index.add_many([("e1", ""), ("e2", ""), ("w1", "Breaking"), ("w2", "breaking!")])
    assert [m.group for m in got] == ["e1", "e2", "w1", "w2"]
    assert all(m.duplicates == () for m in got)
    assert len(index) == 4
    assert index.query("").duplicates == ()
    assert index.remove(["e1", "w2"]) == 2
    assert len(index) == 2


def test_remove_relabels_but_never_splits_a_group(opener: Opener) -> None:
    """Removing a group's label renames the group to its smallest remaining id."""
    index = opener()
    index.add_many([("a", STORY), ("b", STORY + " One."), ("c", STORY + " Two.")])
    assert index.members("a") == ("a", "b", "c")
    assert index.remove("a") == 1
    assert index.members("b") == ("b", "c")
    assert index.group("c") == "b"
    assert index.remove(["zzz"]) == 0
    assert index.query(STORY).group == "b"


def test_expire_by_datetime_and_by_age(opener: Opener) -> None:
    """expire() removes entries older than a datetime, or added more than N seconds ago."""
    index = opener()
    now = datetime(2025, 3, 1, 12, tzinfo=timezone.utc)
    index.add("old", STORY, at=now - timedelta(days=30))
    index.add("week", OTHER, at=now - timedelta(days=7))
    index.add("new", STORY + " Update.", at=now)
    assert index.expire(before=now - timedelta(days=10)) == 1
    assert "old" not in index
    assert index.group("new") == "new"
    assert index.expire(older_than=3600, now=now) == 1
    assert [i for i in ("old", "week", "new") if i in index] == ["new"]
    with pytest.raises(InvalidParamsError, match="'before' or 'older_than'"):
        index.expire()
    with pytest.raises(InvalidParamsError, match="timezone-aware"):
        index.expire(before=datetime(2025, 1, 1))


def test_reopening_finds_what_was_stored(opener: Opener) -> None:
    """Entries, groups and band keys survive closing and reopening the storage."""
    first = opener()
    first.add_many(corpus(40, seed=2))
    first.close()
    again = opener()
    assert len(again) == 40
    m = again.query(dict(corpus(40, seed=2))["s0003-0"], id="q")
    assert m.group == "s0003-0"
    assert {d.b for d in m.duplicates} >= {"s0003-1", "s0003-2"}


def test_other_params_are_refused_naming_the_field(opener: Opener) -> None:
    """Opening with Params that give another spec or LSH plan names the differing field."""
    opener().add("a", STORY)
    with pytest.raises(
        IncompatibleSignatureError, match="spec 'num_perm' = 128 but these Params give 64"
    ):
        opener(Params(num_perm=64))
    with pytest.raises(IncompatibleSignatureError, match="'shingle_size'"):
        opener(Params(shingle_size=5))
    with pytest.raises(IncompatibleSignatureError, match="plan 'threshold'"):
        opener(Params(lsh_threshold=0.5))
    assert opener(Params(duplicate_jaccard=0.6)).query(STORY).group == "a"  # verification only


def _record_scheme(opener: Opener, scheme: str) -> None:
    _rewrite_meta(opener, '"affine32"', f'"{scheme}"')


def _rewrite_meta(opener: Opener, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in the index's recorded metadata (JSON text)."""
    location, name = opener.location, opener.name  # type: ignore[attr-defined]
    if location.startswith("redis://"):
        import redis

        client = redis.Redis.from_url(location)
        key = f"{name}:meta"
        client.set(key, client.get(key).replace(old.encode(), new.encode()))
        client.close()
        return
    db = sqlite3.connect(location)
    with db:
        db.execute("UPDATE meta SET value = replace(value, ?, ?)", (old, new))
    db.close()


def test_an_index_of_datasketch_1_sketches_must_be_rebuilt(opener: Opener) -> None:
    """A recorded pre-2.0 scheme is refused with a message saying to rebuild the index."""
    opener().add("a", STORY)
    _record_scheme(opener, "legacy")
    with pytest.raises(IncompatibleSignatureError, match=r"datasketch 1\.x.*must be rebuilt"):
        opener()


def test_an_index_of_the_former_token_hash_must_be_rebuilt(opener: Opener) -> None:
    """An index whose sketches were made with the former token hash (poly64-fmix,
    before 2026-11-24) is refused with a message naming the token hash."""
    opener().add("a", STORY)
    _rewrite_meta(opener, '"packed64-fmix"', '"poly64-fmix"')
    want = r"'token_hash' = 'poly64-fmix', which this version.*no longer makes.*rebuild it"
    with pytest.raises(IncompatibleSignatureError, match=want):
        opener()


def test_two_writers_at_once_lose_nothing(opener: Opener) -> None:
    """Two Index objects writing the same storage concurrently give the batch groups."""
    params = Params()
    items = corpus(96, seed=9)
    writers = [opener(params), opener(params)]
    errors: list[BaseException] = []

    def work(index: Index, part: list[tuple[str, str]]) -> None:
        try:
            for start in range(0, len(part), 4):
                index.add_many(part[start : start + 4])
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w, items[k::2])) for k, w in enumerate(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(writers[0]) == 96
    assert index_groups(writers[0], [i for i, _ in items]) == batch_groups(items, params)


@pytest.mark.slow
def test_a_huge_article_is_refused_or_indexed_in_bounded_memory(tmp_path: Path) -> None:
    """20 MB of text: over max_chars it is refused; allowed, it is indexed in bounded memory."""
    rng = np.random.default_rng(3)
    huge = " ".join(map("w{}".format, rng.integers(0, 200_000, 2_800_000).tolist()))
    assert len(huge) > 20_000_000
    with (
        Index.open(tmp_path / "a.db") as index,
        pytest.raises(InvalidArticleError, match=r"max_chars"),
    ):
        index.add("huge", huge)
    with Index.open(tmp_path / "b.db", Params(max_chars=30_000_000)) as index:
        tracemalloc.start()
        m = index.add("huge", huge)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert m.stored
        assert index.query(huge[:1_000_000]).duplicates == ()  # 5% of it: not a reprint
    # The text is 20 MB and its 2.8 M shingles 11 MB: the peak is a small multiple.
    assert peak < 300 * 2**20, f"peak {peak / 2**20:.0f} MB"


# --- reused passages ----------------------------------------------------------

QUOTE = (
    "We will never allow the enemies to violate the sovereignty of our great nation "
    "and its people"
)  # 17 words
QUOTE20 = QUOTE + " under any circumstances"  # 20 words
WEATHER = (
    "Forecasters expect sunshine across the northern hills on Thursday, with light winds "
    "from the west and temperatures a little above the seasonal average for early spring."
)


def quoting(intro: str, before: str, quote: str, after: str) -> str:
    """An article of three paragraphs whose middle one quotes ``quote`` between its own words."""
    return f"{intro}\n\n{before} {quote}, {after}\n\nIt gave no further details."


def words_of(n: int, tag: str) -> str:
    """``n`` words no other call with another tag shares."""
    return " ".join(f"{tag}{i}" for i in range(n))


def test_a_quoted_statement_is_reported_with_article_paragraph_and_text(opener: Opener) -> None:
    """A 20-word quote in otherwise different articles: the stored article, paragraph, text."""
    index = opener()
    index.add("kcna-1", quoting(STORY, "The ministry said on Monday that", QUOTE20, "it added."))
    index.add("weather", WEATHER)
    text = quoting(OTHER, "In a rare statement officials warned", QUOTE20, "according to reports.")
    want = ReusedPassage("kcna-1", 1, 6, 20, " ".join(tokens(QUOTE20)))
    m = index.query(text, id="paper-7")
    assert (m.group, m.duplicates, m.passages) == (None, (), (want,))
    added = index.add("paper-7", text)  # add reports them too, against what was stored before
    assert added.passages == (want,)
    assert index.query(WEATHER, id="weather").passages == ()  # nothing shared


def test_add_many_sees_the_earlier_articles_of_its_own_call(opener: Opener) -> None:
    """Passages of articles added in one call equal those of adding them one by one."""
    texts = [
        ("a", quoting(STORY, "Officials said", QUOTE, "it said.")),
        ("b", quoting(OTHER, "A spokesman stated", QUOTE, "reports said.")),
        ("c", quoting(WEATHER, "The statement read", QUOTE, "and ended.")),
    ]
    together = opener().add_many(texts)
    with Index.open(":memory:") as alone:
        one_by_one = [alone.add(*t) for t in texts]
    assert together == one_by_one
    assert [[p.article for p in m.passages] for m in together] == [[], ["a"], ["a", "b"]]
    assert {p.text for m in together for p in m.passages} == {" ".join(tokens(QUOTE))}


def test_runs_of_w_plus_n_minus_1_words_are_always_found(opener: Opener) -> None:
    """A shared run of exactly w + n - 1 words (15) is found in full; 7 words never are."""
    spec = opener().anchors
    assert spec.guaranteed == 15
    index = opener()
    for k in range(10):
        run = words_of(spec.guaranteed, f"r{k}x")
        short = words_of(spec.n - 1, f"s{k}x")
        index.add(f"old-{k}", f"{words_of(30, f'a{k}x')} {run} {short} {words_of(9, f'b{k}x')}")
        text = f"{words_of(5, f'c{k}x')}\n\n{short} {words_of(4, f'd{k}x')} {run} end"
        m = index.query(text)
        assert m.passages == (ReusedPassage(f"old-{k}", 1, 11, 15, run),)


@settings(max_examples=40, deadline=None)
@given(
    run=st.lists(st.integers(0, 30), min_size=15, max_size=40),
    before=st.integers(0, 40),
    after=st.integers(0, 40),
    where=st.integers(0, 30),
)
def test_any_shared_run_of_the_guaranteed_length_is_found(
    run: list[int], before: int, after: int, where: int
) -> None:
    """Whatever its words and place, a run of at least w + n - 1 words is reported, whole."""
    shared = " ".join(f"v{i}" for i in run)
    own = words_of(80, "own")  # so that the two are not duplicates
    with Index.open(":memory:") as index:
        index.add("old", f"{own}\n\n{words_of(before, 'p')} {shared} {words_of(after, 'q')}")
        mine = words_of(80, "mine")
        m = index.query(f"{mine}\n\n{words_of(where, 'x')} {shared} {words_of(3, 'y')}")
    assert m.duplicates == ()
    assert m.passages
    assert all((p.article, p.paragraph) == ("old", 1) for p in m.passages)
    assert any(p.text == shared and p.start == where for p in m.passages)
    assert all(p.text in shared for p in m.passages)


def test_with_shingles_longer_than_the_anchors_runs_span_the_anchors() -> None:
    """shingle_size > passage_words: a run goes from the first to the last anchored n-gram."""
    params = Params(shingle_size=9)
    with Index.open(":memory:", params) as index:
        index.add("kcna-1", quoting(STORY, "The ministry said on Monday that", QUOTE20, "it said."))
        text = quoting(OTHER, "In a rare statement officials warned", QUOTE20, "reports said.")
        (got,) = index.query(text).passages
    assert (got.article, got.paragraph) == ("kcna-1", 1)
    assert 8 <= got.words <= 20
    assert got.text in " ".join(tokens(QUOTE20))
    assert got.text == " ".join(tokens(text.split("\n\n")[1])[got.start : got.start + got.words])


def test_a_passage_in_more_than_passage_max_articles_links_nothing(opener: Opener) -> None:
    """A run held by more stored articles than the cap is boilerplate; at the cap it links."""
    params = Params(passage_max_articles=3)
    index = opener(params)
    for k in range(3):
        index.add(f"s{k}", quoting(words_of(60, f"own{k}x"), "Officials said", QUOTE, "end."))
    query = quoting(OTHER, "A spokesman stated", QUOTE, "reports said.")
    assert [p.article for p in index.query(query).passages] == ["s0", "s1", "s2"]
    index.add("s3", quoting(words_of(60, "own3x"), "They said", QUOTE, "end."))
    assert index.query(query).passages == ()
    assert len(opener(Params(passage_max_articles=4)).query(query).passages) == 4


def test_duplicates_are_not_reported_as_passages(opener: Opener) -> None:
    """A reprint is a duplicate, not a passage; an article quoting the story has a passage."""
    index = opener()
    index.add("wire-1", STORY)
    reprint = index.add("paper-2", STORY + " Subscribe now.")
    assert [(d.a, d.b) for d in reprint.duplicates] == [("paper-2", "wire-1")]
    assert reprint.passages == ()
    quoting_it = index.query(f"{OTHER}\n\nEarlier: {STORY[:200]}")
    assert quoting_it.duplicates == ()
    assert [p.article for p in quoting_it.passages] == ["paper-2", "wire-1"]


def test_remove_and_expire_drop_the_anchors(opener: Opener) -> None:
    """After remove or expire, the passages of the removed articles are no longer reported."""
    index = opener()
    now = datetime(2025, 3, 1, 12, tzinfo=timezone.utc)
    index.add("old", quoting(STORY, "Officials said", QUOTE, "it said."), at=now - timedelta(9))
    index.add("gone", quoting(WEATHER, "The statement read", QUOTE, "end."), at=now)
    query = quoting(OTHER, "A spokesman stated", QUOTE, "reports said.")
    assert [p.article for p in index.query(query).passages] == ["gone", "old"]
    assert index.remove("gone") == 1
    assert [p.article for p in index.query(query).passages] == ["old"]
    assert index.expire(older_than=86400, now=now) == 1
    assert index.query(query).passages == ()
    location = opener.location  # type: ignore[attr-defined]
    if location.endswith(".db"):
        assert _level_rows(location, "anchors") == (0, 0, 0)
    else:
        import redis

        client = redis.Redis.from_url(location)
        assert list(client.scan_iter(match=f"{opener.name}:a:*")) == []  # type: ignore[attr-defined]
        client.close()


def test_other_passage_words_are_refused(opener: Opener) -> None:
    """An index's anchors are n-grams of its passage_words: other Params are refused."""
    opener().add("a", STORY)
    with pytest.raises(IncompatibleSignatureError, match="anchors 'n' = 8 but these Params give 6"):
        opener(Params(passage_words=6))


_OLD_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, grp TEXT NOT NULL,
    added REAL NOT NULL, digest BLOB NOT NULL, signature BLOB NOT NULL, shingles BLOB NOT NULL);
CREATE TABLE bands (key INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (key, n)) WITHOUT ROWID;
"""


def test_an_old_format_index_file_must_be_rebuilt(tmp_path: Path) -> None:
    """A format-1 file (no anchors) is refused with a message to rebuild, and left unchanged."""
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(_OLD_SCHEMA)
    meta = '{"format": "newsprov-index/1", "plan": {}, "spec": {}}'
    db.execute("INSERT INTO meta VALUES ('index', ?)", (meta,))
    db.commit()
    db.close()
    with pytest.raises(IncompatibleSignatureError, match=r"'newsprov-index/1'.*rebuild it"):
        Index.open(path)
    db = sqlite3.connect(path)
    assert {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == {
        "meta",
        "entries",
        "bands",
    }
    db.close()


def test_a_format_2_index_file_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    """A file of format 2 (two key levels, before the middle tables) is refused: rebuild it."""
    path = tmp_path / "v2.db"
    with Index.open(path) as index:
        index.add("a", STORY)
    db = sqlite3.connect(path)
    with db:
        db.execute("DROP TABLE bands_mid")
        db.execute("DROP TABLE anchors_mid")
        db.execute("UPDATE meta SET value = replace(value, 'newsprov-index/3', 'newsprov-index/2')")
    db.close()
    want = r"format 'newsprov-index/2', expected 'newsprov-index/3'.*rebuild it"
    with pytest.raises(IncompatibleSignatureError, match=want):
        Index.open(path)
    db = sqlite3.connect(path)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    db.close()
    assert "bands_mid" not in tables
    assert "anchors_mid" not in tables


def test_an_index_recorded_with_format_1_is_refused_on_both_storages(opener: Opener) -> None:
    """An index whose metadata says format 1 (before anchors) is refused, saying to rebuild."""
    opener().add("a", STORY)
    location, name = opener.location, opener.name  # type: ignore[attr-defined]
    # Redis indexes stayed at format 2; SQLite files are at 3 (the middle key tables).
    new = b'"newsprov-index/2"' if location.startswith("redis://") else b'"newsprov-index/3"'
    old = b'"newsprov-index/1"'
    if location.startswith("redis://"):
        import redis

        client = redis.Redis.from_url(location)
        client.set(f"{name}:meta", client.get(f"{name}:meta").replace(new, old))
        client.close()
    else:
        db = sqlite3.connect(location)
        with db:
            db.execute("UPDATE meta SET value = replace(value, ?, ?)", (new.decode(), old.decode()))
        db.close()
    with pytest.raises(IncompatibleSignatureError, match=r"format 'newsprov-index/1'.*rebuild"):
        opener()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=40), st.integers(1, 9))
def test_winnow_keeps_the_rightmost_minimum_of_every_window(values: list[int], w: int) -> None:
    """winnow() equals the definition: the rightmost minimum of each window of w, once."""
    grams = np.array(values, dtype=np.uint64)
    want = set()
    for start in range(max(len(values) - w + 1, 1) if values else 0):
        window = values[start : start + w]
        want.add(start + max(i for i, v in enumerate(window) if v == min(window)))
    assert winnow(grams, w).tolist() == sorted(want)


def test_anchors_are_per_paragraph_and_use_the_fingerprint_hashes() -> None:
    """Each paragraph's n-grams are its own token hashes' n-grams; anchors are winnowed ones."""
    spec = AnchorSpec.from_params(Params())
    text = f"{STORY}\n\n  \n{OTHER}\r\n\r\nShort one.\n\n"
    (got,) = anchor_batch([text], spec)
    assert got.paragraphs == paragraphs(text) == [STORY, OTHER, "Short one."]
    for para, hashes, grams in zip(got.paragraphs, got.hashes, got.grams, strict=True):
        assert len(hashes) == len(tokens(para))
        assert (hashes == packed_hashes([para])[0]).all()
        assert len(grams) == max(len(hashes) - spec.n + 1, 0)
    kept = {int(g[p]) for g in got.grams for p in winnow(g, spec.w).tolist()}
    assert got.anchors.tolist() == sorted(kept)
    assert 0.15 < len(got.anchors) / sum(len(g) for g in got.grams) < 0.35  # about 2 / (w + 1)


def test_paragraph_split_does_not_backtrack_on_adversarial_lines() -> None:
    """Long runs of spaces and newlines split in linear time."""
    start = time.perf_counter()
    assert paragraphs("a\n" + " " * 200_000 + "b") == ["a\n" + " " * 200_000 + "b"]
    assert paragraphs("a" + "\n \n" * 100_000 + "b") == ["a", "b"]
    assert time.perf_counter() - start < 1.0


# --- the SQLite file ------------------------------------------------------------

_KILLED_WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from test_index import corpus
    from newsprov import Index
    with Index.open({path!r}) as index:
        print("open", flush=True)
        index.add_many(corpus(2000, seed=4))
    """
)


def test_sqlite_survives_a_writer_killed_mid_batch(tmp_path: Path) -> None:
    """A writer killed mid-batch leaves whole transactions in a sound file; a re-run ends it."""
    path = str(tmp_path / "crash.db")
    code = _KILLED_WRITER.format(tests=str(ROOT / "tests"), path=path)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "open"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _count(path) < 256:
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    kept = _count(path)
    assert 0 < kept < 2000
    assert kept % 256 == 0
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    items = corpus(2000, seed=4)
    with Index.open(path) as index:
        redone = index.add_many(items)
        assert sum(m.stored for m in redone) == 2000 - kept
        assert len(index) == 2000
        assert index_groups(index, [i for i, _ in items]) == batch_groups(items, Params())


def _count(path: str) -> int:
    try:
        db = sqlite3.connect(path, timeout=5)
        n = int(db.execute("SELECT count(*) FROM entries").fetchone()[0])
        db.close()
        return n
    except sqlite3.Error:
        return 0


def test_sqlite_file_holds_no_pickles(tmp_path: Path) -> None:
    """The file is plain tables: JSON metadata, uint32 bytes, integer band keys."""
    path = tmp_path / "plain.db"
    with Index.open(path) as index:
        index.add("a", STORY)
    db = sqlite3.connect(path)
    meta = db.execute("SELECT value FROM meta").fetchone()[0]
    assert '"scheme": "affine32"' in meta
    assert '"bands": 42' in meta
    sig, sh = db.execute("SELECT signature, shingles FROM entries").fetchone()
    assert len(sig) == 128 * 4
    assert len(sh) == 4 * len(fingerprint("a", STORY, index.spec).shingles)
    assert db.execute("SELECT count(*), typeof(key) FROM bands_new").fetchone() == (42, "integer")
    (blob,) = db.execute("SELECT anchors FROM entries").fetchone()
    anchors = anchor_batch([STORY], index.anchors)[0].anchors
    assert blob == anchors.astype("<u8").tobytes()
    assert db.execute("SELECT count(*) FROM anchors_new").fetchone() == (len(anchors),)
    db.close()


def test_sqlite_merges_new_band_keys_without_losing_any(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Band keys and anchors moved down the three table levels still find every duplicate."""
    from newsprov.candidates import storage

    monkeypatch.setattr(storage, "_NEW_ARTICLES", 4)
    monkeypatch.setattr(storage, "_MERGE_MIN_ARTICLES", 8)
    items = corpus(160, seed=8)
    path = tmp_path / "merge.db"
    with Index.open(path) as index:
        for start in range(0, len(items), 10):
            index.add_many(items[start : start + 10])
        assert index.remove([i for i, _ in items[:20]]) == 20
        assert index_groups(index, [i for i, _ in items[20:]]) == batch_groups(items[20:], Params())
    bands = _level_rows(path, "bands")
    assert bands[2] > 0  # merged down into the big table
    assert sum(bands) == 42 * 140  # each stored entry's keys once, none left by removals
    anchors = _level_rows(path, "anchors")
    kept = anchor_batch([t for _, t in items[20:]], AnchorSpec.from_params(Params()))
    assert sum(anchors) == sum(len(a.anchors) for a in kept)  # the same for the passage anchors
    assert anchors[2] > 0  # merged with the band keys


def test_sqlite_keeps_few_keys_in_the_new_tables(tmp_path: Path) -> None:
    """Once 1,024 articles' keys are new, they move to the middle tables; the big ones wait."""
    items = corpus(1100, seed=9)
    path = tmp_path / "levels.db"
    with Index.open(path) as index:
        index.add_many(items[:1000])
        assert _level_rows(path, "bands") == (42 * 1000, 0, 0)
        index.add_many(items[1000:])
        assert index_groups(index, [i for i, _ in items]) == batch_groups(items, Params())
    assert _level_rows(path, "bands") == (0, 42 * 1100, 0)  # the write that passed 1,024
    assert _level_rows(path, "anchors")[::2] == (0, 0)


def _level_rows(path: Path | str, kind: str) -> tuple[int, int, int]:
    """Rows in the new, middle and big tables of one kind (bands, anchors) of an index file."""
    db = sqlite3.connect(path)
    new, mid, big = (
        db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in (f"{kind}_new", f"{kind}_mid", kind)
    )
    db.close()
    return new, mid, big


def test_sqlite_refuses_what_is_not_an_index(tmp_path: Path) -> None:
    """A text file, another SQLite database or a missing folder give StorageError."""
    text = tmp_path / "notes.txt"
    text.write_text("hello " * 1000, encoding="utf-8")
    with pytest.raises(StorageError, match=r"notes\.txt"):
        Index.open(text)
    other = tmp_path / "other.db"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE t (x)")
    db.close()
    with pytest.raises(StorageError, match="not a newsprov index"):
        Index.open(other)
    with pytest.raises(StorageError, match="cannot open index file"):
        Index.open(tmp_path / "missing" / "x.db")


# --- the Redis server -------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_redis_buckets_are_datasketchs_own() -> None:
    """datasketch's MinHashLSH on the same basename finds our entries, keys as plain bytes."""
    from datasketch import MinHashLSH

    url = _redis_url_or_skip()
    name = f"test-{uuid.uuid4().hex}"
    try:
        with Index.open(url, name=name) as index:
            index.add_many([("a", STORY), ("b", OTHER)])
            config: dict[str, Any] = {
                "type": "redis",
                "basename": f"{name}:lsh".encode(),
                "redis": {
                    "host": url.split("//")[1].split(":")[0],
                    "port": int(url.split(":")[2].split("/")[0]),
                },
            }
            lsh = MinHashLSH(
                num_perm=128,
                params=(index.plan.bands, index.plan.rows),
                storage_config=config,
                prepickle=False,
            )
            assert lsh.query(fingerprint("q", STORY + " More.", index.spec).sketch) == [b"a"]
            assert len(lsh.keys.get(b"a")) == index.plan.bands
    finally:
        _drop_redis(url, name)


def test_redis_query_is_one_round_trip_for_its_bands(monkeypatch: pytest.MonkeyPatch) -> None:
    """All band lookups of a query go in one pipeline, then one for the candidates' entries."""
    import redis.client

    url = _redis_url_or_skip()
    name = f"test-{uuid.uuid4().hex}"
    calls: list[int] = []
    real = redis.client.Pipeline.execute

    def counting(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(len(self.command_stack))
        return real(self, *args, **kwargs)

    try:
        with Index.open(url, name=name) as index:
            index.add_many([("a", STORY), ("b", OTHER)])
            monkeypatch.setattr(redis.client.Pipeline, "execute", counting)
            assert index.query(STORY).group == "a"
            # 42 band lookups, the entries of the query id and "a", the anchors (one script call)
            assert calls == [42, 2, 1]
    finally:
        monkeypatch.undo()
        _drop_redis(url, name)


def test_redis_interrupted_batch_reruns_without_duplicates(monkeypatch: pytest.MonkeyPatch) -> None:
    """A connection lost mid-batch raises StorageError; re-running adds the rest exactly once."""
    import redis

    from newsprov.candidates import redis_storage

    url = _redis_url_or_skip()
    name = f"test-{uuid.uuid4().hex}"
    items = corpus(600, seed=6)
    real = redis_storage.RedisStorage.apply
    applied: list[int] = []

    def flaky(self: Any, write: Any) -> bool:
        if len(applied) == 1:
            raise redis_storage.StorageError("Redis server test: ConnectionError: lost")
        applied.append(1)
        return real(self, write)

    try:
        with Index.open(url, name=name) as index:
            monkeypatch.setattr(redis_storage.RedisStorage, "apply", flaky)
            with pytest.raises(StorageError, match="Redis server"):
                index.add_many(items)
            assert len(index) == 256
            monkeypatch.undo()
            redone = index.add_many(items)
            assert sum(m.stored for m in redone) == 600 - 256
            assert len(index) == 600
            client = redis.Redis.from_url(url)
            assert client.llen(f"{name}:lsh_keys".encode() + b"s0000-0") == 42  # no doubled lists
            client.close()
            assert index_groups(index, [i for i, _ in items]) == batch_groups(items, Params())
    finally:
        _drop_redis(url, name)


def _own_redis_server(folder: Path, *listen: str) -> subprocess.Popen[bytes]:
    """A redis-server of the test's own (nothing saved, files in ``folder``), or a skip."""
    _redis_url_or_skip()
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not on PATH")
    options = ["--save", "", "--appendonly", "no", "--dir", str(folder)]
    return subprocess.Popen([server, *listen, *options], stdout=subprocess.DEVNULL)


def test_redis_lost_server_raises_storage_error_naming_it(tmp_path: Path) -> None:
    """A Redis server that goes away mid-run gives StorageError naming host and port."""
    port = _free_port()
    proc = _own_redis_server(tmp_path, "--bind", "127.0.0.1", "--port", str(port))
    try:
        url = f"redis://127.0.0.1:{port}/0"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        index = Index.open(url)
        index.add("a", STORY)
        proc.kill()
        proc.wait()
        with pytest.raises(StorageError, match=f"Redis server 127.0.0.1:{port}"):
            index.add("b", OTHER)
        index.close()
    finally:
        proc.kill()
        proc.wait()
    with pytest.raises(StorageError, match=f"127.0.0.1:{port}"):
        Index.open(url)


def test_redis_over_a_unix_socket(tmp_path: Path) -> None:
    """A unix:// URL reaches the server through its socket; errors name the socket."""
    sock = tmp_path / "r.sock"
    proc = _own_redis_server(tmp_path, "--port", "0", "--unixsocket", str(sock))
    try:
        for _ in range(100):
            if sock.exists():
                break
            time.sleep(0.05)
        with Index.open(f"unix://{sock}?db=0", name="u") as index:
            index.add("a", STORY)
            assert index.query(STORY + " Again.").group == "a"
    finally:
        proc.kill()
        proc.wait()
    with pytest.raises(StorageError, match=re.escape(f"Redis server {sock} (db 0)")):
        Index.open(f"unix://{sock}?db=0", name="u")
