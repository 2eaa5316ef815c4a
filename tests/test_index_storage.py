"""The SQLite index storage's key levels and big-table filters (newsprov.candidates storage)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprov import Index
from newsprov.candidates._sqlite_filter import KeyFilter
from newsprov.candidates.storage import SqliteStorage
from newsprov.fingerprint import fingerprint_batch
from newsprov.model import Params
from test_index import STORY, batch_groups, corpus, index_groups

_I64 = st.integers(-(2**63), 2**63 - 1)


@settings(max_examples=80, deadline=None)
@given(st.lists(_I64, max_size=300), st.lists(_I64, max_size=50))
def test_a_key_filter_never_misses_a_key_it_was_given(added: list[int], more: list[int]) -> None:
    """Every added key (extremes included) is held, before and after a round trip to bytes."""
    f = KeyFilter.sized(len(added))
    f.add(np.array(added, dtype=np.int64))
    f.add(np.array(more, dtype=np.int64))
    keys = np.array(added + more, dtype=np.int64)
    assert f.holds(keys).all()
    assert KeyFilter.from_bytes(f.to_bytes()).holds(keys).all()


def test_a_key_filter_rejects_most_absent_keys() -> None:
    """With 8+ slots per key, at most ~12 % of absent keys (small ones too) pass."""
    rng = np.random.default_rng(3)
    f = KeyFilter.sized(100_000)
    f.add(rng.integers(-(2**63), 2**63 - 1, 100_000, dtype=np.int64))
    absent = rng.integers(-(2**63), 2**63 - 1, 50_000, dtype=np.int64)
    small = rng.integers(0, 2**40, 50_000, dtype=np.int64)  # winnowed minima are small
    assert f.holds(absent).mean() < 0.13
    assert f.holds(small).mean() < 0.13


def _small_levels(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsprov.candidates import storage

    monkeypatch.setattr(storage, "_NEW_ARTICLES", 4)
    monkeypatch.setattr(storage, "_MERGE_MIN_ARTICLES", 8)


def test_big_table_look_ups_skip_keys_the_filter_rules_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a merge into the big tables, a write looks up there only the keys it may hold."""
    _small_levels(monkeypatch)
    items = corpus(120, seed=11)
    path = tmp_path / "f.db"
    with Index.open(path) as index:
        for start in range(0, len(items), 10):
            index.add_many(items[start : start + 10])
        assert index_groups(index, [i for i, _ in items]) == batch_groups(items, Params())
    storage = SqliteStorage(str(path), 42, 3)
    absent = np.arange(-5000, 5000, dtype=np.int64) * 7919
    with storage.session():
        (_, recent), (_, big) = storage._parts(absent, "anchors", "", "")
        stored = fingerprint_batch(items[:5], Index.open(":memory:").spec)
        assert [len(c) > 1 for c in storage.candidates(stored)] == [True] * 5
    assert len(recent) == len(absent)
    assert len(big) < len(absent) * 0.2
    (_, recent), (_, big) = storage._parts(absent, "anchors", "", "")  # outside a write
    assert len(big) == len(absent)
    storage.close()


def test_a_writer_reads_the_filters_another_process_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Filters rebuilt by another writer are re-read: its newest articles are still found."""
    _small_levels(monkeypatch)
    path = tmp_path / "two.db"
    items = corpus(80, seed=12)
    with Index.open(path) as first, Index.open(path) as second:
        first.add_many(items[:40])
        assert second.add("probe", STORY).stored  # second now holds the filters of first's merges
        held = _generation(second)
        for start in range(40, 80, 10):
            first.add_many(items[start : start + 10])  # merges again: new generation
        story, text = items[-4]
        again = second.add("again", text)
        assert story in {d.b if d.a == "again" else d.a for d in again.duplicates}
        final = _generation(first)
        assert held < _generation(second) == final
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*), min(generation) FROM filters").fetchone() == (2, final)
    db.close()


def _generation(index: Index) -> int:
    """The generation of the big-table filters an index's storage last read or wrote."""
    kept = index._storage._kept  # type: ignore[attr-defined]
    assert kept is not None
    return int(kept[0])


def test_passages_through_the_filters_equal_those_without_merges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Articles quoting stored ones report the same passages whatever level holds the anchors."""
    rng = random.Random(13)
    items = corpus(120, seed=13)
    quotes = []
    for k in range(12):
        words = rng.choice([t for _, t in items if len(t.split()) >= 40]).split()
        at = rng.randrange(max(len(words) - 16, 1))
        quotes.append((f"q{k}", f"Intro {k}.\n\nIt said {' '.join(words[at : at + 16])} today."))
    found = []
    for small in (False, True):
        if small:
            _small_levels(monkeypatch)
        with Index.open(tmp_path / f"p{small}.db") as index:
            for start in range(0, len(items), 10):
                index.add_many(items[start : start + 10])
            found.append([m.passages for m in index.add_many(quotes)])
    assert found[0] == found[1]
    assert sum(len(p) > 0 for p in found[0]) == len(quotes)  # every 16-word quote found
    db = sqlite3.connect(tmp_path / "pTrue.db")
    assert db.execute("SELECT count(*) FROM anchors").fetchone()[0] > 0  # merged down
    db.close()
