"""Duplicate-group labels merged within one index write (a tiny union-find).

Example:
    >>> labels = Labels()
    >>> labels.join(["c", "b"]), labels.find("c")
    ('b', 'b')
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["Labels"]


class Labels:
    """Union of group labels within one write: each merged label points at the smallest."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, label: str) -> str:
        root = label
        while (up := self.parent.get(root, root)) != root:
            root = up
        while label != root:  # path compression: later finds are one step
            self.parent[label], label = root, self.parent[label]
        return root

    def join(self, labels: Iterable[str]) -> str:
        roots = {self.find(x) for x in labels}
        top = min(roots)
        for r in roots - {top}:
            self.parent[r] = top
        return top
