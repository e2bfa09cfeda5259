"""How two entities connect: shortest path, all simple paths up to a length, ego networks.

Paths are lists of entity ids, source first. By default links are read both ways (an informant
who paid a broker is connected to them whichever way the payment ran); `directed=True` follows
links only from source to target. Lengths count links (hops): a path of length 2 has three
entities. Many links between the same two entities make one hop; `hop_edges` lists them.
"""

from __future__ import annotations

import numpy as np
import rustworkx as rx

from .graph import Edge, Graph, Key


def _positions(graph: Graph, *keys: Key) -> list[int]:
    missing = [key for key in keys if key not in graph.index]
    if missing:
        raise KeyError(missing[0])
    return [graph.index[key] for key in keys]


def shortest_path(
    graph: Graph, *, source: Key, target: Key, directed: bool = False
) -> list[Key] | None:
    """A shortest path from source to target (fewest hops), or None if there is none."""
    s, t = _positions(graph, source, target)
    if s == t:
        return [source]
    rxgraph = graph.rustworkx(directed=directed)
    found = rx.dijkstra_shortest_paths(rxgraph, s, target=t)
    if t not in found:
        return None
    return [graph.ids[i] for i in found[t]]


def simple_paths(
    graph: Graph,
    *,
    source: Key,
    target: Key,
    max_length: int = 4,
    directed: bool = False,
    limit: int = 1000,
) -> list[list[Key]]:
    """Every path without repeated entities from source to target of at most `max_length` hops.

    Shortest first, then in order of the entities' ids; at most `limit` of them.
    """
    s, t = _positions(graph, source, target)
    if s == t:
        return [[source]]
    rxgraph = graph.rustworkx(directed=directed)
    # rustworkx's cutoff counts the entities on a path, not its hops.
    found = rx.all_simple_paths(rxgraph, s, t, cutoff=max_length + 1)
    paths = sorted((list(path) for path in found), key=lambda path: (len(path), path))
    return [[graph.ids[i] for i in path] for path in paths[:limit]]


def hop_edges(graph: Graph, path: list[Key], *, directed: bool = False) -> list[list[Edge]]:
    """For each hop of a path, the links between its two entities (either way if undirected)."""
    return [
        graph.edges_between(u, v, directed=directed) for u, v in zip(path, path[1:], strict=False)
    ]


def ego_network(
    graph: Graph, *, center: Key, radius: int = 1, directed: bool = False
) -> tuple[dict[Key, int], list[Key]]:
    """The entities within `radius` hops of `center` with their distance, and the links among them.

    Directed, only entities reachable from the center along links count. The links are every
    link whose two ends are both in the ego network (ties among the alters included), by id.
    """
    (c,) = _positions(graph, center)
    rxgraph = graph.rustworkx(directed=directed)
    distance = {c: 0}
    frontier = [c]
    for step in range(1, radius + 1):
        following: list[int] = []
        for node in frontier:
            neighbours = (
                rxgraph.successor_indices(node)
                if isinstance(rxgraph, rx.PyDiGraph)
                else rxgraph.neighbors(node)
            )
            for other in neighbours:
                if other not in distance:
                    distance[other] = step
                    following.append(other)
        frontier = following
    members = np.fromiter(distance, dtype=np.int64, count=len(distance))
    inside = np.isin(graph.src, members) & np.isin(graph.dst, members)
    links = sorted({graph.edges[j].id for j in np.flatnonzero(inside).tolist()}, key=str)
    nodes = {graph.ids[i]: d for i, d in sorted(distance.items(), key=lambda x: (x[1], x[0]))}
    return nodes, links
