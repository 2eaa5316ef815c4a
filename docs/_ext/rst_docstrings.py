"""A griffe extension for the API reference: reads the docstrings as the code writes them.

newsprov's docstrings are Google style with two habits mkdocstrings does not read
as such: an ``Example:`` heading (griffe parses ``Examples:``) and Sphinx roles
such as ``:func:`load``` or ``:class:`~newsprov.model.Article```. This rewrites
both when the API reference is built; the source is not touched.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_EXAMPLE = re.compile(r"^([ \t]*)Example:[ \t]*$", re.MULTILINE)
_ROLE = re.compile(r":(?:func|class|meth|data|attr|mod|exc|obj):`(~?)([\w.]+)(?:\(\))?`")


def _role(match: re.Match[str]) -> str:
    short, target = match.group(1), match.group(2)
    return f"`{target.rsplit('.', 1)[-1] if short else target}`"


def rewrite(text: str) -> str:
    """The docstring with ``Examples:`` headings and Sphinx roles as inline code."""
    return _ROLE.sub(_role, _EXAMPLE.sub(r"\1Examples:", text))


class RstDocstrings(griffe.Extension):
    """Rewrite each loaded object's docstring with :func:`rewrite`."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = rewrite(obj.docstring.value)
