"""Money along paths and between communities: sums of Payment amounts in one currency.

A payment's amount in a currency is its `amountEur` (for EUR) or `amountUsd` (for USD) when
stated, else its `amount` when its `currency` is that currency; a payment with none of these is
listed as unconverted and left out of every sum (never guessed at a rate). A payment naming
several payers or beneficiaries counts once, at its first (payer, beneficiary) pair in id order,
so totals never count one payment twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from .graph import Edge, Graph, Key
from .paths import hop_edges

ZERO = Decimal(0)


def payments(graph: Graph) -> Iterator[Edge]:
    """The graph's Payment links, each payment once (at its first pair)."""
    seen: set[Key] = set()
    for edge in graph.edges:
        if edge.schema == "Payment" and edge.id not in seen:
            seen.add(edge.id)
            yield edge


@dataclass(frozen=True)
class Hop:
    source: Key
    target: Key
    forward: Decimal  # paid by source to target
    backward: Decimal  # paid by target to source
    payments: list[Key]


@dataclass(frozen=True)
class PathMoney:
    hops: list[Hop]
    forward: Decimal
    backward: Decimal
    unconverted: list[Key] = field(default_factory=list)


def path_money(graph: Graph, *, path: list[Key], currency: str = "EUR") -> PathMoney:
    """Payments on each hop of a path, in the path's direction (forward) and against it."""
    counted = {edge.id: edge for edge in payments(graph)}
    hops: list[Hop] = []
    unconverted: list[Key] = []
    for (u, v), links in zip(
        zip(path, path[1:], strict=False), hop_edges(graph, path), strict=True
    ):
        forward = backward = ZERO
        ids: list[Key] = []
        for edge in links:
            if counted.get(edge.id) != edge:
                continue
            ids.append(edge.id)
            amount = edge.amount_in(currency)
            if amount is None:
                unconverted.append(edge.id)
            elif edge.source == u:
                forward += amount
            else:
                backward += amount
        hops.append(Hop(u, v, forward, backward, ids))
    return PathMoney(
        hops=hops,
        forward=sum((hop.forward for hop in hops), ZERO),
        backward=sum((hop.backward for hop in hops), ZERO),
        unconverted=unconverted,
    )


@dataclass(frozen=True)
class CommunityMoney:
    """Sums and counts of payments from one community (first) to another (second)."""

    totals: dict[tuple[int, int], Decimal]
    counts: dict[tuple[int, int], int]
    unconverted: list[Key]


def community_money(
    graph: Graph, *, membership: dict[Key, int], currency: str = "EUR"
) -> CommunityMoney:
    """The community x community matrix of payments: only pairs that paid, the diagonal within."""
    totals: dict[tuple[int, int], Decimal] = {}
    counts: dict[tuple[int, int], int] = {}
    unconverted: list[Key] = []
    for edge in payments(graph):
        amount = edge.amount_in(currency)
        if amount is None:
            unconverted.append(edge.id)
            continue
        pair = (membership[edge.source], membership[edge.target])
        totals[pair] = totals.get(pair, ZERO) + amount
        counts[pair] = counts.get(pair, 0) + 1
    order = sorted(totals)
    return CommunityMoney(
        totals={pair: totals[pair] for pair in order},
        counts={pair: counts[pair] for pair in order},
        unconverted=unconverted,
    )


def entity_money(graph: Graph, *, currency: str = "EUR") -> dict[Key, tuple[Decimal, Decimal]]:
    """What each entity paid and received (only entities with payments), by id."""
    flows: dict[Key, tuple[Decimal, Decimal]] = {}
    for edge in payments(graph):
        amount = edge.amount_in(currency)
        if amount is None:
            continue
        paid, received = flows.get(edge.source, (ZERO, ZERO))
        flows[edge.source] = (paid + amount, received)
        paid, received = flows.get(edge.target, (ZERO, ZERO))
        flows[edge.target] = (paid, received + amount)
    return dict(sorted(flows.items(), key=lambda item: str(item[0])))
