"""Ownership chains: who owns an entity, who owns them, and so on (or what it owns, downwards).

From `start`, follow Ownership links (and a Vehicle's or Vessel's `owner`) upwards (from an
asset to its owners) or downwards (from an owner to its assets), up to `depth` links. Each
chain ends where nobody owns (or nothing is owned) further, where the depth is reached and more
links follow (`truncated`), or where the next entity is already on the chain (`cycle`: the
chain reports the loop, ending with the repeated entity, and does not follow it round).
A chain's `share` multiplies its links' percentages (50 and 50 give 25) when all are stated.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .graph import Edge, Graph, Key

OWNERSHIP_SCHEMATA = ("Ownership", "owner")
DIRECTIONS = ("up", "down")


@dataclass(frozen=True)
class Chain:
    entities: list[Key]
    links: list[Key]
    share: Decimal | None
    cycle: bool = False
    truncated: bool = False


def _share(edges: list[Edge]) -> Decimal | None:
    share = Decimal(100)
    for edge in edges:
        if edge.percentage is None:
            return None
        share = share * edge.percentage / 100
    return share


def ownership_chains(
    graph: Graph, *, start: Key, direction: str = "up", depth: int = 5, limit: int = 1000
) -> list[Chain]:
    """The ownership chains from `start` (see the module docstring), at most `limit` of them."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}.")
    if start not in graph.index:
        raise KeyError(start)
    following: dict[Key, list[Edge]] = {}
    for edge in graph.edges:
        if edge.schema in OWNERSHIP_SCHEMATA:
            if direction == "up":
                following.setdefault(edge.target, []).append(edge)
            else:
                following.setdefault(edge.source, []).append(edge)
    chains: list[Chain] = []

    def walk(entities: list[Key], edges: list[Edge]) -> None:
        if len(chains) >= limit:
            return
        links = [e.id for e in edges]
        onward = following.get(entities[-1], [])
        if not onward:
            if edges:
                chains.append(Chain(entities, links, _share(edges)))
            return
        if len(edges) >= depth:
            chains.append(Chain(entities, links, _share(edges), truncated=True))
            return
        for edge in onward:
            other = edge.source if direction == "up" else edge.target
            if other in entities:
                chains.append(
                    Chain([*entities, other], [*links, edge.id], _share([*edges, edge]), True)
                )
            else:
                walk([*entities, other], [*edges, edge])
            if len(chains) >= limit:
                return

    walk([start], [])
    return chains
