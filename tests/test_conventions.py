"""The project's written conventions, checked: docstrings, examples, short functions.

These keep the codebase the way its developers' guide describes it, so a
change that drops a docstring or grows a function past reason fails CI.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "newsprov"
# Functions stay short ("about 40 lines"); this ceiling leaves room for a docstring.
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 450


def _trees(folder: Path) -> list[tuple[Path, ast.Module]]:
    return [(f, ast.parse(f.read_text(encoding="utf-8"))) for f in sorted(folder.rglob("*.py"))]


def test_every_test_says_what_it_proves() -> None:
    """Every test function has a docstring."""
    missing = [
        f"{f.name}:{node.name}"
        for f, tree in _trees(ROOT / "tests")
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and node.name.startswith("test_")
        and not ast.get_docstring(node)
    ]
    assert missing == []


def test_public_functions_have_docstrings_with_an_example() -> None:
    """Module-level public functions carry a docstring with a doctest example."""
    missing = [
        f"{f.relative_to(SRC)}:{node.name}"
        for f, tree in _trees(SRC)
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and not node.name.startswith("_")
        and ">>>" not in (ast.get_docstring(node) or "")
    ]
    assert missing == []


def test_functions_and_modules_stay_focused() -> None:
    """No function is longer than MAX_FUNCTION_LINES, no module than MAX_MODULE_LINES."""
    long_functions = [
        f"{f.relative_to(SRC)}:{node.name}"
        for f, tree in _trees(SRC)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and (node.end_lineno or 0) - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    long_modules = [
        str(f.relative_to(SRC))
        for f in SRC.rglob("*.py")
        if len(f.read_text(encoding="utf-8").splitlines()) > MAX_MODULE_LINES
    ]
    assert long_functions == []
    assert long_modules == []
