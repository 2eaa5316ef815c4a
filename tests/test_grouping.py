"""Tests of newsprov.grouping: duplicate groups and clusters are order-free partitions."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprov.candidates import PairScore
from newsprov.errors import InvalidArticleError
from newsprov.grouping import clusters, components, duplicate_groups

IDS = st.lists(st.text("abcdefgh", min_size=1, max_size=3), unique=True, min_size=1, max_size=25)


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[str], list[tuple[str, str]]]:
    ids = draw(IDS)
    edges = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=40))
    return ids, edges


def _is_partition(groups: tuple[tuple[str, ...], ...], ids: list[str]) -> bool:
    flat = [x for g in groups for x in g]
    return sorted(flat) == sorted(ids) and all(g for g in groups)


@settings(max_examples=80, deadline=None)
@given(graphs(), st.randoms())
def test_components_partition_and_ignore_order(
    graph: tuple[list[str], list[tuple[str, str]]], rnd: st.SearchStrategy[object]
) -> None:
    """Components are a partition of the ids, linked ids share a group, order does not matter."""
    ids, edges = graph
    groups = components(ids, edges)
    assert _is_partition(groups, ids)
    where = {x: g for g in groups for x in g}
    assert all(where[a] is where[b] for a, b in edges)
    assert all(list(g) == sorted(g) for g in groups)
    assert [g[0] for g in groups] == sorted(g[0] for g in groups)
    ids2, edges2 = list(ids), [(b, a) for a, b in edges]
    rnd.shuffle(ids2)  # type: ignore[attr-defined]
    rnd.shuffle(edges2)  # type: ignore[attr-defined]
    assert components(ids2, edges2) == groups


@settings(max_examples=60, deadline=None)
@given(graphs(), st.randoms())
def test_duplicate_groups_and_clusters_are_order_free_partitions(
    graph: tuple[list[str], list[tuple[str, str]]], rnd: st.SearchStrategy[object]
) -> None:
    """duplicate_groups and clusters partition the ids the same way whatever the input order."""
    ids, edges = graph
    pairs = [PairScore(min(a, b), max(a, b), 1.0, 1.0, 1.0) for a, b in edges if a != b]
    groups = duplicate_groups(ids, pairs)
    assert groups == components(ids, edges)
    found = clusters(ids, edges)
    assert _is_partition(tuple(c.articles for c in found), ids)
    assert [c.id for c in found] == [f"c{i}" for i in range(1, len(found) + 1)]
    sizes = [len(c.articles) for c in found]
    assert sizes == sorted(sizes, reverse=True)
    ids2 = list(ids)
    rnd.shuffle(ids2)  # type: ignore[attr-defined]
    rnd.shuffle(pairs)  # type: ignore[attr-defined]
    assert duplicate_groups(ids2, pairs) == groups
    assert clusters(ids2, list(reversed(edges))) == found


def test_clusters_number_largest_first_then_by_first_member() -> None:
    """Cluster ids follow size, then the first member."""
    found = clusters(["e", "d", "c", "b", "a"], [("d", "e"), ("b", "c")])
    assert [(c.id, c.articles) for c in found] == [
        ("c1", ("b", "c")),
        ("c2", ("d", "e")),
        ("c3", ("a",)),
    ]


def test_star_of_100000_articles_groups_in_linear_time() -> None:
    """100,000 articles joined as a star group into one group quickly."""
    ids = [f"a{i:06d}" for i in range(100_000)]
    start = time.perf_counter()
    groups = duplicate_groups(ids, (PairScore(ids[0], x, 1.0, 1.0, 1.0) for x in ids[1:]))
    assert time.perf_counter() - start < 5.0
    assert len(groups) == 1
    assert len(groups[0]) == 100_000


def test_edges_must_name_known_ids() -> None:
    """An edge to an unknown id is an error naming it."""
    with pytest.raises(InvalidArticleError, match="'z'"):
        components(["a"], [("a", "z")])
