"""Who matters in a network: degree, betweenness and PageRank, keyed by entity id.

- Degree counts links (FtM edge entities), so two payments between the same pair count twice;
  self-links count once in and once out.
- Betweenness and PageRank read the distinct pairs (no self-loops, parallel links as one), as
  networkx reads a DiGraph/Graph built from the same edges, and give networkx's figures:
  betweenness on the undirected view by default (a broker links people whichever way the
  links run), unnormalised or normalised as networkx normalises; PageRank on the directed
  graph, a node without out-links spreading its rank over all nodes, scores summing to 1.
- Sampled betweenness (`samples` = k source nodes) extrapolates from k single-source passes
  (networkit's EstimateBetweenness: Sanders, Geisberger and Schultes' weighting of Brandes and
  Pich's pivots), on the scale of the exact figure as networkx's `betweenness_centrality(k=...)`
  is; with k >= n it is the exact figure. The same seed gives the same answer (one thread).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import networkit as nk
import numpy as np
from scipy import sparse

from .graph import Graph, Key

MAX_ITERATIONS = 1000


@contextmanager
def seeded(seed: int | None) -> Iterator[None]:
    """Run networkit on one thread with `seed`, so random algorithms repeat their answers."""
    if seed is None:
        yield
        return
    threads = nk.getMaxNumberOfThreads()
    nk.setNumberOfThreads(1)
    nk.setSeed(seed, False)
    try:
        yield
    finally:
        nk.setNumberOfThreads(threads)


def _keyed(graph: Graph, values: Any) -> dict[Key, float]:
    return dict(zip(graph.ids, (float(v) for v in values), strict=True))


def degree(graph: Graph, *, direction: str = "total") -> dict[Key, int]:
    """Links per entity: "in" (as target), "out" (as source) or "total"."""
    n = graph.node_count
    counts = np.zeros(n, dtype=np.int64)
    if direction in ("in", "total"):
        counts += np.bincount(graph.dst, minlength=n)
    if direction in ("out", "total"):
        counts += np.bincount(graph.src, minlength=n)
    return dict(zip(graph.ids, counts.tolist(), strict=True))


def _scale(graph: Graph, scores: np.ndarray, *, directed: bool, normalized: bool) -> np.ndarray:
    n = graph.node_count
    if not directed:
        scores = scores / 2  # networkit counts each unordered pair of endpoints twice
    if normalized:
        scores = scores * ((1 if directed else 2) / ((n - 1) * (n - 2)) if n > 2 else 0.0)
    return scores


def betweenness(
    graph: Graph, *, directed: bool = False, normalized: bool = False
) -> dict[Key, float]:
    """Exact betweenness (Brandes): the shortest paths between others that pass through each."""
    if graph.node_count == 0:
        return {}
    algorithm = nk.centrality.Betweenness(graph.networkit(directed=directed), normalized=False)
    algorithm.run()
    scores = np.asarray(algorithm.scores(), dtype=np.float64)
    return _keyed(graph, _scale(graph, scores, directed=directed, normalized=normalized))


def betweenness_sampled(
    graph: Graph,
    *,
    samples: int = 100,
    seed: int = 0,
    directed: bool = False,
    normalized: bool = False,
) -> dict[Key, float]:
    """Betweenness estimated from `samples` source nodes drawn with `seed` (see the docstring)."""
    n = graph.node_count
    if n == 0:
        return {}
    if samples >= n:
        return betweenness(graph, directed=directed, normalized=normalized)
    with seeded(seed):
        algorithm = nk.centrality.EstimateBetweenness(
            graph.networkit(directed=directed), samples, False, False
        )
        algorithm.run()
    scores = np.asarray(algorithm.scores(), dtype=np.float64)
    return _keyed(graph, _scale(graph, scores, directed=directed, normalized=normalized))


def pagerank(graph: Graph, *, alpha: float = 0.85, tol: float = 1e-9) -> dict[Key, float]:
    """PageRank with damping `alpha` on the directed links; the scores sum to 1.

    Power iteration on a sparse matrix, as networkx does it (and with its stopping rule: the
    scores' total change below n * tol, at most MAX_ITERATIONS), so the figures are networkx's.
    """
    n = graph.node_count
    if n == 0:
        return {}
    pairs = graph.simple_pairs(directed=True)
    sources, targets = pairs[:, 0], pairs[:, 1]
    out_degree = np.bincount(sources, minlength=n).astype(np.float64)
    # matrix[t, s] = 1 / out_degree(s): the share of s's rank that flows to t.
    matrix = sparse.csr_array(
        (1.0 / out_degree[sources], (targets, sources)), shape=(n, n), dtype=np.float64
    )
    sinks = out_degree == 0
    scores = np.full(n, 1.0 / n)
    for _ in range(MAX_ITERATIONS):
        previous = scores
        scores = alpha * (matrix @ previous) + (alpha * previous[sinks].sum() + 1 - alpha) / n
        if np.abs(scores - previous).sum() < n * tol:
            break
    return _keyed(graph, scores / scores.sum())


def top(scores: dict[Key, float] | dict[Key, int], count: int = 10) -> list[tuple[Key, float]]:
    """The `count` highest scores, ties broken by id, for briefs and pages."""
    ranked = sorted(scores.items(), key=lambda item: (-item[1], str(item[0])))
    return [(key, float(value)) for key, value in ranked[:count]]
