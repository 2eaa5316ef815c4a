"""Tests of the command line: the summary, JSON/HTML outputs, exit codes, python -m."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsprov.cli import main

SEEDS = str(Path(__file__).resolve().parent.parent / "seeds")


def test_run_prints_clusters_and_an_origin_for_every_paragraph(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`newsprov run seeds/` shows clusters and, per article, each paragraph's origin."""
    assert main(["run", SEEDS]) == 0
    out = capsys.readouterr().out
    assert out.startswith("newsprov: 5 articles, 0 rejected;")
    assert "cluster c1:" in out
    assert "wire Reuters" in out
    assert out.count("== ") == 5


def test_run_writes_json_and_html(tmp_path: Path) -> None:
    """--json and --html write the documented document and a self-contained page."""
    out, page = tmp_path / "r.json", tmp_path / "r.html"
    assert main(["run", SEEDS, "--json", str(out), "--html", str(page), "--quiet"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "newsprov/1"
    assert len(data["articles"]) == 5
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert "http" not in html.split("<body>")[0]


def test_missing_input_is_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing path stops the run with status 2 and names the path; no traceback."""
    assert main(["run", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert "nope: no such file or directory" in err
    assert "Traceback" not in err


def test_malformed_jsonl_names_line_and_keep_going_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken JSONL line is named; with --keep-going it is a rejection and the run continues."""
    f = tmp_path / "in.jsonl"
    f.write_text(
        '{"id": "a", "text": "The harbour reopened after the storm."}\n{oops\n', encoding="utf-8"
    )
    assert main(["run", str(f)]) == 2
    assert "line 2" in capsys.readouterr().err
    assert main(["run", str(f), "--keep-going"]) == 0
    assert "rejected" in capsys.readouterr().out


def test_python_dash_m_works() -> None:
    """`python -m newsprov run seeds --dedup-only` runs the same command line."""
    proc = subprocess.run(
        [sys.executable, "-m", "newsprov", "run", SEEDS, "--dedup-only"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "newsprov: 5 articles" in proc.stdout
