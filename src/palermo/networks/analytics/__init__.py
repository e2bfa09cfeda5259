"""Network analytics on FtM entities: pure functions over a `Graph`, no Django.

Split by topic (graph, centrality, communities, paths, money, ownership) and re-exported here;
`registry.run` runs any measure by name with checked parameters, for storing with its run.
"""

from .centrality import betweenness, betweenness_sampled, degree, pagerank, top
from .communities import Communities, communities
from .graph import Edge, Graph, Key
from .money import CommunityMoney, PathMoney, community_money, entity_money, path_money
from .ownership import Chain, ownership_chains
from .paths import ego_network, hop_edges, shortest_path, simple_paths
from .registry import MEASURES, AnalysisError, run, validate

__all__ = [
    "MEASURES",
    "AnalysisError",
    "Chain",
    "CommunityMoney",
    "Communities",
    "Edge",
    "Graph",
    "Key",
    "PathMoney",
    "betweenness",
    "betweenness_sampled",
    "community_money",
    "communities",
    "degree",
    "ego_network",
    "entity_money",
    "hop_edges",
    "ownership_chains",
    "pagerank",
    "path_money",
    "run",
    "shortest_path",
    "simple_paths",
    "top",
    "validate",
]
