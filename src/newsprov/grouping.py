"""Groups: duplicate groups and clusters as partitions of the article ids.

Both are connected components of a graph whose nodes are the article ids:
duplicate groups over verified reprint pairs, clusters over any reuse link
(reprints and shared passages). Union-find keeps this near-linear, so 100,000
articles joined by a star of pairs group in one pass.

Output order never depends on input order: each group is sorted, groups are
sorted by their first member; clusters are numbered largest first, ties by
first member.

Example:
    >>> components(["c", "b", "a"], [("c", "a")])
    (('a', 'c'), ('b',))
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from newsprov.candidates import PairScore
from newsprov.errors import InvalidArticleError
from newsprov.model import Cluster

__all__ = ["clusters", "components", "duplicate_groups"]


def _find(parent: dict[str, str], x: str) -> str:
    root = x
    while parent[root] != root:
        root = parent[root]
    while parent[x] != root:  # path compression
        parent[x], x = root, parent[x]
    return root


def components(ids: Iterable[str], edges: Iterable[tuple[str, str]]) -> tuple[tuple[str, ...], ...]:
    """Connected components of ``ids`` under ``edges``; singletons included.

    Each group is sorted and groups are sorted by first member. An edge naming
    an id not in ``ids`` raises :class:`InvalidArticleError`.

    Example:
        >>> components(["a", "b", "c", "d"], [("d", "b"), ("b", "c")])
        (('a',), ('b', 'c', 'd'))
    """
    parent = {i: i for i in ids}
    for a, b in edges:
        for x in (a, b):
            if x not in parent:
                raise InvalidArticleError(
                    f"edge ({a!r}, {b!r}) names {x!r}, which is not an input id"
                )
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            # The smaller root wins, so the structure is independent of edge order.
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for x in parent:
        groups[_find(parent, x)].append(x)
    return tuple(sorted(tuple(sorted(g)) for g in groups.values()))


def duplicate_groups(ids: Iterable[str], pairs: Iterable[PairScore]) -> tuple[tuple[str, ...], ...]:
    """Duplicate groups: components of ``ids`` under verified reprint pairs.

    Example:
        >>> duplicate_groups(["a", "b", "c"], [PairScore("a", "c", 0.9, 0.9, 0.9)])
        (('a', 'c'), ('b',))
    """
    return components(ids, ((p.a, p.b) for p in pairs))


def clusters(ids: Iterable[str], edges: Iterable[tuple[str, str]]) -> tuple[Cluster, ...]:
    """Clusters ``c1``, ``c2``, ...: components numbered largest first, ties by first member.

    Example:
        >>> [(c.id, c.articles) for c in clusters(["a", "b", "c"], [("b", "c")])]
        [('c1', ('b', 'c')), ('c2', ('a',))]
    """
    groups = sorted(components(ids, edges), key=lambda g: (-len(g), g[0]))
    return tuple(Cluster(f"c{n}", g) for n, g in enumerate(groups, start=1))
