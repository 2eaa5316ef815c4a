"""The documentation is true: its examples run, it names every option, and the site builds.

Every ```python block of README.md and docs/*.md runs (the blocks of one page
in order, sharing their names) in a temporary directory holding a copy of the
seeds; every ``newsprov run`` line of a ```sh block runs through the command
line's ``main``. The site builds with ``mkdocs build --strict``, so a warning
(a broken link, an unreadable docstring) fails the suite.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from newsprov.cli import _parser, main
from newsprov.model import Params

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks(page: Path, language: str) -> list[str]:
    return [
        m.group(2)
        for m in _FENCE.finditer(page.read_text(encoding="utf-8"))
        if m.group(1) == language
    ]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working directory with ``seeds/`` in it, as in the repository."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("page", [p for p in PAGES if _blocks(p, "python")], ids=lambda p: p.name)
def test_python_examples_run(page: Path, workdir: Path) -> None:
    """Each page's Python examples run in order without error."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for number, code in enumerate(_blocks(page, "python"), start=1):
        try:
            exec(compile(code, f"{page.name} python block {number}", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the message is the point
            pytest.fail(f"{page.name}, python block {number}: {type(exc).__name__}: {exc}")


def _command_lines(page: Path) -> list[str]:
    lines = []
    for block in _blocks(page, "sh"):
        for line in block.splitlines():
            command = line.split("#", 1)[0].strip()
            if command.startswith("newsprov run "):
                lines.append(command)
    return lines


@pytest.mark.parametrize("page", [p for p in PAGES if _command_lines(p)], ids=lambda p: p.name)
def test_shell_examples_run(page: Path, workdir: Path) -> None:
    """Each ``newsprov run`` line of a page's shell blocks exits 0 or 1 as documented."""
    for command in _command_lines(page):
        argv = shlex.split(command)[1:]
        status = main(argv)
        assert status in (0, 1), f"{page.name}: `{command}` exited {status}"
        for flag in ("--json", "--jsonl", "--html"):
            if flag in argv and argv[argv.index(flag) + 1] != "-":
                assert (workdir / argv[argv.index(flag) + 1]).stat().st_size > 0


def test_concepts_explain_every_params_field() -> None:
    """docs/concepts.md names every Params field, so a new tunable cannot go undocumented."""
    text = (ROOT / "docs" / "concepts.md").read_text(encoding="utf-8")
    missing = [f.name for f in attrs.fields(Params) if f"`{f.name}`" not in text]
    assert missing == []


def test_cli_page_names_every_option() -> None:
    """docs/cli.md names every option of ``newsprov run``."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    run = _parser()._subparsers._group_actions[0].choices["run"]  # type: ignore[union-attr]
    options = [s for a in run._actions for s in a.option_strings if s.startswith("--")]
    assert options
    assert [o for o in options if f"`{o}" not in text] == []


@pytest.mark.slow
def test_site_builds_without_warnings(tmp_path: Path) -> None:
    """`mkdocs build --strict` (what `./dev docs` runs) succeeds: no warning of any kind."""
    pytest.importorskip("mkdocstrings")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (tmp_path / "site" / "api" / "index.html").is_file()
    assert "WARNING" not in proc.stderr
