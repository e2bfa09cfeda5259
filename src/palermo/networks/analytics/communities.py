"""Groups that deal mostly with each other: Louvain (networkit's PLM) or Leiden communities.

Read on the undirected view of the distinct pairs (who is linked to whom, whichever way).
Community numbers are stable: 0 is the largest community, ties going to the community holding
the smallest entity id; an entity without links is a community of its own. The same seed gives
the same communities (networkit runs on one thread for it).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkit as nk
import numpy as np

from .centrality import seeded
from .graph import Graph, Key

METHODS = ("louvain", "leiden")


@dataclass(frozen=True)
class Communities:
    """Each entity's community, the communities' sizes (largest first) and the modularity."""

    membership: dict[Key, int]
    sizes: list[int]
    modularity: float

    def members(self, community: int) -> list[Key]:
        return [key for key, c in self.membership.items() if c == community]


def communities(
    graph: Graph,
    *,
    method: str = "louvain",
    resolution: float = 1.0,
    seed: int = 0,
    refine: bool = False,
) -> Communities:
    """Louvain (`refine` adds PLM's refinement phase) or Leiden communities at `resolution`."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}.")
    n = graph.node_count
    if n == 0:
        return Communities({}, [], 0.0)
    nkgraph = graph.networkit(directed=False)
    if nkgraph.numberOfEdges() == 0:
        labels = np.arange(n)
        modularity = 0.0
    else:
        with seeded(seed):
            if method == "louvain":
                algorithm = nk.community.PLM(
                    nkgraph, refine=refine, gamma=resolution, par="none", turbo=True
                )
            else:
                algorithm = nk.community.ParallelLeiden(nkgraph, gamma=resolution)
            algorithm.run()
        partition = algorithm.getPartition()
        labels = np.asarray(partition.getVector(), dtype=np.int64)
        modularity = float(nk.community.Modularity().getQuality(partition, nkgraph))
    ordered = _by_size(labels)
    return Communities(
        membership=dict(zip(graph.ids, ordered.tolist(), strict=True)),
        sizes=np.bincount(ordered).tolist(),
        modularity=modularity,
    )


def _by_size(labels: np.ndarray) -> np.ndarray:
    """Relabel so 0 is the largest community, ties to the one whose first member comes first."""
    _, first, inverse, counts = np.unique(
        labels, return_index=True, return_inverse=True, return_counts=True
    )
    order = np.lexsort((first, -counts))  # by size descending, then by first member
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    result: np.ndarray = rank[inverse]
    return result
