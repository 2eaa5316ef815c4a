"""Tests of reading inputs: directories, JSON Lines, WARC, single files, and broken records."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from conftest import make_warc
from newsprov import inputs
from newsprov.errors import InputNotFoundError, MalformedInputError
from newsprov.inputs import iter_load, load
from newsprov.model import Article, Rejection


def test_directory_loads_recursively_with_stems_as_ids(tmp_path: Path) -> None:
    """Top-level files keep their stem, nested ones their relative path; others are skipped."""
    (tmp_path / "a.txt").write_text("Alpha text.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>Beta</p>", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x,y", encoding="utf-8")
    loaded = load(tmp_path)
    assert [a.id for a in loaded] == ["a", "sub/b"]
    assert loaded.articles[1].html is not None


def test_seeds_load_as_five_text_articles(seeds_dir: Path) -> None:
    """The embedded seeds are five text articles with their file stems as ids."""
    loaded = load(seeds_dir)
    assert len(loaded) == 5
    assert all(a.text for a in loaded)
    assert loaded.articles[4].id == "004_a2bdac593a31db87"


def test_jsonl_fields_and_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    """JSONL records become articles; a broken line raises with file and line number."""
    f = tmp_path / "in.jsonl"
    f.write_text(
        '{"id": "x", "text": "Body one.", "outlet": "Example", "published": "2025-04-28"}\n'
        "\n"
        '{"id": "y", "html": "<p>Body two</p>", "url": "https://e.com/y"}\n'
        "{not json\n",
        encoding="utf-8",
    )
    with pytest.raises(MalformedInputError) as info:
        load(f)
    assert str(info.value).startswith(f"{f}, line 4: not valid JSON")
    loaded = load(f, keep_going=True)
    assert [a.id for a in loaded] == ["x", "y"]
    assert loaded.articles[0].outlet == "Example"
    assert loaded.rejected == (Rejection(f"{f}:4", loaded.rejected[0].reason),)


def test_gzipped_jsonl_is_streamed(tmp_path: Path) -> None:
    """A .jsonl.gz file is read like a plain one."""
    f = tmp_path / "in.jsonl.gz"
    with gzip.open(f, "wt", encoding="utf-8") as handle:
        handle.write('{"id": "z", "text": "Zed."}\n')
    assert [a.id for a in iter_load(f)] == ["z"]


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    """A path that does not exist raises InputNotFoundError naming it."""
    with pytest.raises(InputNotFoundError, match="nope"):
        load(tmp_path / "nope")


def test_binary_file_is_rejected_not_crashed(tmp_path: Path) -> None:
    """A binary .txt file becomes a rejection with keep_going, an error naming it otherwise."""
    (tmp_path / "bin.txt").write_bytes(b"\x00\xff\x10" * 100)
    with pytest.raises(MalformedInputError, match=r"bin\.txt"):
        load(tmp_path)
    loaded = load(tmp_path, keep_going=True)
    assert loaded.articles == ()
    assert loaded.rejected[0].id == "bin"
    assert "binary" in loaded.rejected[0].reason


def test_warc_response_records_become_html_articles(tmp_path: Path) -> None:
    """Each HTML response record of a WARC file becomes an article with its URL."""
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(
        make_warc(
            [
                ("https://example.com/a", b"<html><body><p>One</p></body></html>"),
                ("https://example.com/b", b"<html><body><p>Two</p></body></html>"),
            ]
        )
    )
    arts = [a for a in iter_load(f) if isinstance(a, Article)]
    assert [a.url for a in arts] == ["https://example.com/a", "https://example.com/b"]
    assert all(a.html for a in arts)


def test_truncated_warc_names_the_record(tmp_path: Path) -> None:
    """A WARC cut in the middle raises an error naming the file and record, or is recorded."""
    data = make_warc(
        [
            ("https://example.com/a", b"<p>One</p>" * 200),
            ("https://example.com/b", b"<p>Two</p>" * 200),
        ]
    )
    f = tmp_path / "cut.warc.gz"
    f.write_bytes(data[: len(data) - 150])
    with pytest.raises(MalformedInputError, match=r"cut\.warc\.gz, record"):
        list(iter_load(f))
    items = list(iter_load(f, keep_going=True))
    assert any(isinstance(i, Rejection) and "WARC" in i.reason for i in items)


def _big_jsonl(path: Path, lines: int) -> None:
    body = "The harbour reopened on Monday after the storm, officials said. " * 4
    with path.open("w", encoding="utf-8") as handle:
        for i in range(lines):
            handle.write(json.dumps({"id": f"n{i:05d}", "text": body}) + "\n")


def test_large_jsonl_is_read_lazily(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first article of a 50,000-line file comes after parsing one line, not the file."""
    f = tmp_path / "big.jsonl"
    _big_jsonl(f, 50_000)
    parsed: list[int] = []
    real = inputs._jsonl_article

    def counting(raw: bytes, number: int) -> Article:
        parsed.append(number)
        return real(raw, number)

    monkeypatch.setattr(inputs, "_jsonl_article", counting)
    items = iter_load(f)
    first = next(items)
    assert isinstance(first, Article)
    assert first.id == "n00000"
    assert parsed == [1]
    items.close()  # type: ignore[attr-defined]


class _CountingReader(io.RawIOBase):
    """A raw byte stream that counts how much of itself has been read."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        got = self._data.readinto(buffer)
        self.taken += got
        return got


def test_stdin_jsonl_is_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the first article from standard input takes a buffer, not the whole stream."""
    body = "The harbour reopened on Monday after the storm, officials said. " * 4
    data = b"".join(
        json.dumps({"id": f"s{i}", "text": body}).encode() + b"\n" for i in range(50_000)
    )
    raw = _CountingReader(data)

    class _Stdin:
        buffer = io.BufferedReader(raw)

    monkeypatch.setattr(sys, "stdin", _Stdin())
    items = iter_load("-")
    assert next(items).id == "s0"  # type: ignore[union-attr]
    assert raw.taken < len(data) // 100
    assert sum(1 for _ in items) == 49_999
