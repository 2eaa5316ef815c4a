"""Tests of the command line: the summary, JSON/HTML outputs, exit codes, python -m."""

from __future__ import annotations

import html
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import make_warc
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


def test_run_writes_json_and_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--json and --html write the documented document and a self-contained page; with an
    output file only the summary's headline is printed, on stderr."""
    out, page = tmp_path / "r.json", tmp_path / "r.html"
    assert main(["run", SEEDS, "--html", str(page)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("newsprov: 5 articles")
    assert captured.err.count("\n") == 1
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


# --- usage and errors --------------------------------------------------------


@pytest.mark.parametrize(
    "argv", [[], ["run"], ["run", SEEDS, "--no-such-flag"], ["frobnicate", SEEDS]]
)
def test_usage_errors_print_usage_and_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """No command, no path, an unknown flag or command: usage on stderr and status 2."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "usage: newsprov" in err
    assert "Traceback" not in err


def test_only_one_output_can_take_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    """Two documents on one standard output is a usage error, caught before any work."""
    assert main(["run", SEEDS, "--json", "-", "--jsonl", "-"]) == 2
    assert "only one of --json, --jsonl, --groups, --html can be -" in capsys.readouterr().err
    assert main(["run", SEEDS, "--jsonl", "-", "--html", "-"]) == 2
    assert main(["run", SEEDS, "--groups", "-", "--json", "-"]) == 2


def test_keep_going_records_a_missing_path_and_runs_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --keep-going a missing path is a rejection naming it; the other inputs still run."""
    out = tmp_path / "r.json"
    argv = ["run", str(tmp_path / "gone.jsonl"), SEEDS, "--dedup-only", "--json", str(out)]
    assert main([*argv, "--keep-going"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["articles"]) == 5
    assert data["rejected"][0]["id"].endswith("gone.jsonl")
    assert "no such file" in data["rejected"][0]["reason"]
    capsys.readouterr()
    assert main(argv) == 2
    assert "gone.jsonl: no such file or directory" in capsys.readouterr().err


def test_unwritable_output_names_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An output in a missing directory is status 2 with the path named, no traceback."""
    target = tmp_path / "no" / "such" / "r.json"
    assert main(["run", SEEDS, "--dedup-only", "--json", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"cannot write {target}: No such file or directory" in err
    assert "Traceback" not in err


def test_nothing_usable_is_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A run whose every input is rejected finishes with status 1 and says why."""
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "e", "text": "   "}\n', encoding="utf-8")
    assert main(["run", str(f), "--keep-going"]) == 1
    assert "rejected" in capsys.readouterr().out


# --- progress ------------------------------------------------------------------


class _Terminal(io.StringIO):
    """A captured stderr that claims to be a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_is_silent_when_stderr_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With stderr captured (not a TTY), no progress bar is drawn, only the headline."""
    assert main(["run", SEEDS, "--dedup-only", "--json", "/dev/null"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("newsprov: 5 articles")
    assert "loading" not in err
    assert "clean" not in err
    assert "\r" not in err


def test_progress_bars_on_a_terminal_and_quiet_silences_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a terminal the loading and per-stage bars are drawn; --quiet draws nothing."""
    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    assert main(["run", SEEDS, "--json", "/dev/null"]) == 0
    drawn = term.getvalue()
    assert "loading" in drawn
    assert "clean" in drawn
    assert "attribute" in drawn
    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    assert main(["run", SEEDS, "--json", "/dev/null", "--quiet"]) == 0
    assert term.getvalue() == ""


# --- end to end: WARC and JSON Lines ------------------------------------------

WIRE = [
    "SANTIAGO, March 3 (Reuters) - Workers at Chile's Escondida copper mine, the world's "
    "largest, walked off the job on Monday after talks over a new wage contract collapsed, "
    "the union said, threatening output at a time of tight global supply.",
    "The union, which represents about 2,400 workers at the BHP-operated mine, said members "
    "rejected the company's final offer of a 3% raise and a one-off bonus of 18 million pesos.",
    '"We gave the company every chance to reach a fair deal, and it chose not to," union '
    "president Patricio Tapia told reporters outside the mine gates in the Atacama desert.",
    "BHP said in a statement that it regretted the decision and that contingency plans would "
    "keep part of the operation running. It did not say how much production would be affected.",
    "Escondida produced about 1.1 million tonnes of copper last year, roughly 5% of world "
    "supply. A 44-day strike at the mine in 2017 sent prices to a two-year high.",
    "Copper futures on the London Metal Exchange rose 1.8% to $9,412 a tonne by midday, "
    "traders said, citing the strike.",
]
LOCAL = [
    "The Harlow Town Council voted on Tuesday night to close the Riverside public library "
    "branch at the end of June, ending 63 years of service in the east end of the town.",
    "Councillors said falling visitor numbers and a repair bill of about 400,000 pounds for "
    "the building's roof made the branch impossible to keep open on the current budget.",
    "Residents packed the public gallery for the vote, and several parents spoke about the "
    "after-school reading club that meets in the branch twice a week.",
    "The council said the club would move to the main library on Market Street, and that a "
    "mobile library van would visit the Riverside estate every Saturday morning.",
]
GLOBE = "https://dailyglobe.example/business/escondida-strike"
WEEKLY = "https://minersweekly.example/news/chile-strike"
HARLOW = "https://harlowpost.example/news/library-vote"


def _page(site: str, title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title} | {site}</title>"
        f'<meta property="og:site_name" content="{site}"></head><body>'
        '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a>'
        ' <a href="/sport">Sport</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        "<aside><h2>Most read</h2><ul><li><a href='/a'>Ten things to do this weekend</a></li>"
        "<li><a href='/b'>Local team wins the cup final</a></li></ul></aside>"
        f"<footer>Copyright 2025 {site}. All rights reserved.</footer></body></html>"
    ).encode()


def _crawl(path: Path, *, cut: int = 0) -> None:
    pages = [
        (GLOBE, _page("The Daily Globe", "Workers strike at world's largest copper mine", WIRE)),
        (HARLOW, _page("Harlow Post", "Council votes to close Riverside library", LOCAL)),
        (WEEKLY, _page("Miners Weekly", "Escondida union walks out over pay", WIRE[:5])),
    ]
    data = make_warc(pages)
    path.write_bytes(data[: len(data) - cut])


def _by_url(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["url"]: a for a in data["articles"]}


def test_warc_crawl_end_to_end(tmp_path: Path) -> None:
    """Three crawled pages: the two reprints of one wire story group and cluster together,
    the local story stands alone, boilerplate is gone and every paragraph has an origin."""
    crawl, out = tmp_path / "crawl.warc.gz", tmp_path / "r.json"
    _crawl(crawl)
    assert main(["run", str(crawl), "--json", str(out), "--quiet"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    arts = _by_url(data)
    assert sorted(arts) == sorted([GLOBE, WEEKLY, HARLOW])
    ids = {url: a["id"] for url, a in arts.items()}
    reprints = sorted([ids[GLOBE], ids[WEEKLY]])
    assert sorted(data["duplicate_groups"]) == sorted([reprints, [ids[HARLOW]]])
    assert sorted(c["articles"] for c in data["clusters"]) == sorted([reprints, [ids[HARLOW]]])
    for art in arts.values():
        assert art["paragraphs"]
        assert all(p["origin"] is not None for p in art["paragraphs"])
        assert not any("Most read" in p["text"] for p in art["paragraphs"])
    lead = arts[WEEKLY]["paragraphs"][0]
    assert (lead["origin"]["kind"], lead["origin"]["source"]) == ("wire", "Reuters")
    assert any(m["article"] == ids[GLOBE] for m in lead["matches"])
    assert arts[HARLOW]["paragraphs"][0]["origin"]["kind"] != "wire"


def test_broken_warc_record_is_named_and_keep_going_keeps_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A crawl cut inside its last record: the error names file and record; with
    --keep-going the whole records still run and the broken one is a rejection."""
    crawl, out = tmp_path / "cut.warc.gz", tmp_path / "r.json"
    _crawl(crawl, cut=200)
    assert main(["run", str(crawl), "--json", str(out)]) == 2
    assert f"{crawl}, record 3" in capsys.readouterr().err
    assert main(["run", str(crawl), "--json", str(out), "--keep-going", "--quiet"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(_by_url(data)) == sorted([GLOBE, HARLOW])
    assert len(data["rejected"]) == 1


def test_jsonl_run_end_to_end_with_jsonl_output_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSONL input with outlets and dates runs through; --jsonl - streams one article per
    line to stdout, then the groups, and the headline goes to stderr."""
    f = tmp_path / "in.jsonl"
    rows = [
        {
            "id": "globe",
            "text": "\n\n".join(WIRE),
            "outlet": "The Daily Globe",
            "published": "2025-03-03",
        },
        {
            "id": "weekly",
            "text": "\n\n".join(WIRE[:5]),
            "outlet": "Miners Weekly",
            "published": "2025-03-04",
            "url": WEEKLY,
        },
        {"id": "harlow", "text": "\n\n".join(LOCAL), "outlet": "Harlow Post"},
    ]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["run", str(f), "--jsonl", "-"]) == 0
    captured = capsys.readouterr()
    lines = [json.loads(x) for x in captured.out.splitlines()]
    assert [x.get("id") for x in lines[:3]] == ["globe", "harlow", "weekly"]
    assert lines[2]["outlet"] == "Miners Weekly"
    assert lines[2]["published"] == "2025-03-04"
    assert {"duplicate_group": ["globe", "weekly"]} in lines
    assert {"cluster": {"id": "c1", "articles": ["globe", "weekly"]}} in lines
    assert all(p["origin"] for x in lines[:3] for p in x["paragraphs"])
    assert captured.err.startswith("newsprov: 3 articles, 0 rejected")


def test_groups_output_has_the_groups_and_rejections_but_no_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--groups writes the reprint family, the singleton and the unusable line, one JSON
    line each, and no article object; on stdout the headline goes to stderr."""
    f = tmp_path / "in.jsonl"
    rows = [
        {"id": "globe", "text": "\n\n".join(WIRE)},
        {"id": "weekly", "text": "\n\n".join(WIRE[:5])},
        {"id": "harlow", "text": "\n\n".join(LOCAL)},
        {"id": "blank", "text": "   "},
    ]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["run", str(f), "--dedup-only", "--groups", "-"]) == 0
    captured = capsys.readouterr()
    lines = [json.loads(x) for x in captured.out.splitlines()]
    assert lines[:2] == [
        {"duplicate_group": ["globe", "weekly"]},
        {"duplicate_group": ["harlow"]},
    ]
    assert [x["cluster"]["articles"] for x in lines if "cluster" in x] == [
        ["globe", "weekly"],
        ["harlow"],
    ]
    assert [x["rejected"]["id"] for x in lines if "rejected" in x] == ["blank"]
    assert not any("paragraphs" in x or "id" in x for x in lines)
    assert captured.err.startswith("newsprov: 3 articles, 1 rejected")


def test_dedup_only_skips_passages_unless_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--dedup-only records passages=False and says clusters are the groups; --passages links;
    --workers is recorded, and a negative count is a usage error."""
    lean, linked = tmp_path / "lean.json", tmp_path / "linked.json"
    assert main(["run", SEEDS, "--dedup-only"]) == 0
    assert "clusters are the duplicate groups" in capsys.readouterr().out
    assert main(["run", SEEDS, "--dedup-only", "--workers", "1", "--json", str(lean)]) == 0
    assert main(["run", SEEDS, "--dedup-only", "--passages", "--json", str(linked)]) == 0
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (lean, linked))
    assert (a["params"]["passages"], a["params"]["workers"], b["params"]["passages"]) == (
        False,
        1,
        True,
    )
    assert len(b["clusters"]) < len(a["clusters"]) == 5
    assert main(["run", SEEDS, "--workers", "-1"]) == 2
    assert "argument --workers" in capsys.readouterr().err


def test_large_runs_clean_on_worker_processes_with_the_same_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With enough HTML pages the command line cleans on a spawn process pool; the JSON is
    the same as with --workers 1 (which never starts one); text runs never start one."""
    import newsprov.cli as cli

    started: list[int] = []
    real = cli.ProcessPoolExecutor

    def recording(count: int, **kwargs: Any) -> Any:
        started.append(count)
        return real(count, **kwargs)

    monkeypatch.setattr(cli, "_POOL_MIN_PAGES", 3)
    monkeypatch.setattr(cli, "usable_workers", lambda workers: workers)  # even on one core
    monkeypatch.setattr(cli, "ProcessPoolExecutor", recording)
    pages = tmp_path / "pages"
    pages.mkdir()
    for seed in sorted(Path(SEEDS).glob("*.txt")):
        paras = seed.read_text(encoding="utf-8").split("\n\n")
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
        (pages / f"{seed.stem}.html").write_text(
            f"<html><body><article>{body}</article></body></html>", encoding="utf-8"
        )
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert main(["run", str(pages), "--dedup-only", "--workers", "1", "--json", str(one)]) == 0
    assert main(["run", SEEDS, "--dedup-only", "--workers", "2", "--json", str(one)]) == 0
    assert started == []  # text articles are never sent to processes
    assert main(["run", str(pages), "--dedup-only", "--workers", "1", "--json", str(one)]) == 0
    assert main(["run", str(pages), "--dedup-only", "--workers", "2", "--json", str(two)]) == 0
    assert started == [2]
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (one, two))
    a["params"].pop("workers")
    b["params"].pop("workers")
    assert a == b
