"""Tests of writing results: JSON, streamed JSON Lines, atomic files, and the pandas table."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from newsprov.io import PANDAS_COLUMNS, to_pandas, write_groups, write_json, write_jsonl
from newsprov.model import (
    ArticleResult,
    Cluster,
    Match,
    Origin,
    Paragraph,
    Rejection,
    Result,
)


def _result() -> Result:
    wire = Origin("Reuters", "wire", 0.85, via=("AP", "Yonhap"))
    a = ArticleResult(
        "a",
        "Harbour reopens",
        "Example Times",
        None,
        "https://e.com/a",
        (),
        (),
        (
            Paragraph(
                0, "The harbour reopened on Monday.", wire, (), (Match("b", 0, 1.0, "verbatim"),)
            ),
            Paragraph(1, "Our own closing line.", Origin(None, "outlet", 0.6)),
        ),
    )
    b = ArticleResult("b", None, None, None, None, (), (), (Paragraph(0, "Harbour text."),))
    return Result(
        (a, b), (("a", "b"),), (Cluster("c1", ("a", "b")),), (Rejection("x", "empty text"),)
    )


def test_jsonl_has_one_article_per_line_then_groups(tmp_path: Path) -> None:
    """Each article is one line; groups, clusters and rejections follow, one per line."""
    out = tmp_path / "r.jsonl"
    write_jsonl(_result(), out)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines[:2]] == ["a", "b"]
    assert lines[0]["paragraphs"][0]["origin"]["source"] == "Reuters"
    assert lines[2:] == [
        {"duplicate_group": ["a", "b"]},
        {"cluster": {"id": "c1", "articles": ["a", "b"]}},
        {"rejected": {"id": "x", "reason": "empty text"}},
    ]


def test_groups_are_the_jsonl_lines_without_the_articles(tmp_path: Path) -> None:
    """write_groups writes exactly the group, cluster and rejection lines of write_jsonl."""
    full, lean = tmp_path / "r.jsonl", tmp_path / "g.jsonl"
    write_jsonl(_result(), full)
    write_groups(_result(), lean)
    assert (
        lean.read_text(encoding="utf-8").splitlines()
        == (full.read_text(encoding="utf-8").splitlines()[2:])
    )
    assert json.loads(lean.read_text(encoding="utf-8").splitlines()[0]) == {
        "duplicate_group": ["a", "b"]
    }


def test_jsonl_dash_writes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    """`-` sends the lines to standard output and creates no file."""
    write_jsonl(_result(), "-")
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 5
    assert json.loads(out[1])["id"] == "b"


def test_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails midway keeps the previous file intact and removes its temp file."""
    out = tmp_path / "r.jsonl"
    out.write_text("previous\n", encoding="utf-8")

    def broken(self: Paragraph) -> object:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Paragraph, "to_dict", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        write_jsonl(_result(), out)
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.jsonl"]


def test_jsonl_never_builds_the_whole_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """write_jsonl serialises article by article: Result.to_dict (the whole document) is unused."""

    def whole(self: Result) -> object:
        raise AssertionError("the whole document was built")

    monkeypatch.setattr(Result, "to_dict", whole)
    out = tmp_path / "r.jsonl"
    write_jsonl(_result(), out)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5


def test_json_document_round_trips(tmp_path: Path) -> None:
    """write_json writes the newsprov/1 document with every article."""
    out = tmp_path / "r.json"
    write_json(_result(), out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "newsprov/1"
    assert [a["id"] for a in data["articles"]] == ["a", "b"]


def test_to_pandas_has_one_row_per_paragraph() -> None:
    """Result.to_pandas() gives one row per paragraph with its origin and match count."""
    pandas = pytest.importorskip("pandas")
    frame = _result().to_pandas()
    assert list(frame.columns) == list(PANDAS_COLUMNS)
    assert len(frame) == 3
    first = frame.iloc[0]
    assert (first["article"], first["paragraph"], first["origin_kind"]) == ("a", 0, "wire")
    assert first["origin_via"] == "AP > Yonhap"
    assert first["n_matches"] == 1
    assert frame.iloc[1]["origin_confidence"] == pytest.approx(0.6)
    assert pandas.isna(frame.iloc[2]["origin_kind"])  # a dedup-only paragraph


def test_to_pandas_of_an_empty_result_keeps_the_columns() -> None:
    """An empty result gives an empty frame that still has every column."""
    pytest.importorskip("pandas")
    frame = to_pandas(Result((), (), ()))
    assert list(frame.columns) == list(PANDAS_COLUMNS)
    assert len(frame) == 0


def test_to_pandas_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas, the ImportError tells how to install the optional extra."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'newsprov\[pandas\]'"):
        _result().to_pandas()


def test_writing_to_a_device_keeps_the_device(tmp_path: Path) -> None:
    """Output sent to /dev/null (or any non-regular file) is written in place, never
    renamed over it: the device must still be a character device afterwards."""
    import stat

    from newsprov.io import write_text

    write_text("discarded", "/dev/null")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_text("through the pipe", fifo)
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
