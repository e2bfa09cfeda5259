"""The analytics against networkx on random graphs, and properties that hold on any graph."""

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from palermo.networks.analytics import (
    Graph,
    betweenness,
    betweenness_sampled,
    communities,
    degree,
    pagerank,
)


def random_graph(seed: int, nodes: int = 300, edges: int = 1200) -> tuple[Graph, nx.DiGraph]:
    rng = np.random.default_rng(seed)
    src = rng.integers(0, nodes, edges)
    dst = rng.integers(0, nodes, edges)
    keep = src != dst
    graph = Graph.from_edges(nodes, src[keep], dst[keep])
    reference = nx.DiGraph()
    reference.add_nodes_from(range(nodes))
    reference.add_edges_from(zip(src[keep].tolist(), dst[keep].tolist(), strict=True))
    return graph, reference


def assert_close(ours: dict, theirs: dict, tolerance: float) -> None:
    assert ours.keys() == theirs.keys()
    worst = max(abs(ours[k] - theirs[k]) for k in theirs)
    assert worst <= tolerance


def test_pagerank_matches_networkx() -> None:
    graph, reference = random_graph(1)
    for alpha in (0.85, 0.6):
        assert_close(
            pagerank(graph, alpha=alpha, tol=1e-12),
            nx.pagerank(reference, alpha=alpha, tol=1e-12),
            1e-8,
        )


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("normalized", [False, True])
def test_betweenness_matches_networkx(directed: bool, normalized: bool) -> None:
    graph, reference = random_graph(2, nodes=150, edges=600)
    theirs = nx.betweenness_centrality(
        reference if directed else reference.to_undirected(), normalized=normalized
    )
    assert_close(betweenness(graph, directed=directed, normalized=normalized), theirs, 1e-6)


def test_sampled_betweenness_is_exact_with_every_source_and_repeats_with_its_seed() -> None:
    graph, _ = random_graph(3)
    exact = betweenness(graph)
    assert_close(betweenness_sampled(graph, samples=graph.node_count), exact, 1e-9)
    first = betweenness_sampled(graph, samples=60, seed=5)
    assert betweenness_sampled(graph, samples=60, seed=5) == first
    assert betweenness_sampled(graph, samples=60, seed=6) != first
    # An estimate on the exact figure's scale, ranking the brokers as the exact figure does.
    ours = np.array([first[k] for k in range(graph.node_count)])
    truth = np.array([exact[k] for k in range(graph.node_count)])
    assert np.corrcoef(ours, truth)[0, 1] > 0.9
    assert ours.sum() == pytest.approx(truth.sum(), rel=0.15)


def test_communities_are_as_good_as_networkx_louvain_and_repeat_with_their_seed() -> None:
    graph, reference = random_graph(4, nodes=400, edges=1200)
    undirected = reference.to_undirected()
    theirs = nx.community.modularity(
        undirected, nx.community.louvain_communities(undirected, seed=1)
    )
    for method in ("louvain", "leiden"):
        found = communities(graph, method=method, seed=11)
        assert found.modularity == pytest.approx(theirs, abs=0.03)
        assert communities(graph, method=method, seed=11) == found
        groups = [
            {k for k, c in found.membership.items() if c == i} for i in range(len(found.sizes))
        ]
        assert found.modularity == pytest.approx(nx.community.modularity(undirected, groups))


edge_lists = st.integers(2, 25).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=60),
    )
)


@settings(max_examples=25, deadline=None)
@given(edge_lists)
def test_any_graph_degrees_add_up_ranks_sum_to_one_communities_cover(case: tuple) -> None:
    nodes, pairs = case
    graph = Graph.from_edges(nodes, [a for a, _ in pairs], [b for _, b in pairs])
    assert sum(degree(graph).values()) == 2 * len(pairs)
    assert sum(degree(graph, direction="in").values()) == len(pairs)
    assert sum(pagerank(graph).values()) == pytest.approx(1.0)
    found = communities(graph, seed=1)
    assert set(found.membership) == set(range(nodes))
    assert sum(found.sizes) == nodes
    assert found.sizes == sorted(found.sizes, reverse=True)
    assert set(found.membership.values()) == set(range(len(found.sizes)))
