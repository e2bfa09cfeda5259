"""A network as the analytics read it: FtM entities as nodes, FtM links as directed edges.

`Graph.from_proxies` reads FollowTheMoney entity proxies:

- Every entity whose schema is not an edge schema and is a `Thing` (Person, Organization,
  Company, LegalEntity, PublicBody, Address, Vessel, Vehicle, ...) is a node, keyed by its FtM id.
- Every entity whose schema is an edge (`schema.edge`: Ownership, Directorship, Membership,
  Employment, Representation, Family, Associate, Payment, UnknownLink, ...) is one directed edge
  per (source, target) pair of its `edge_source` and `edge_target` values, carrying its id,
  schema, dates (startDate, endDate, date), its Payment amounts (amount with its currency,
  amountEur, amountUsd) and its Ownership share (percentage).
- Four entity-typed properties of node entities are links too (PROPERTY_EDGES): `addressEntity`
  (a Thing to its Address), `parent` (a LegalEntity to its parent), and a Vehicle's or Vessel's
  `owner` and `operator` (the owner or operator to the vehicle, as an Ownership would run).
  Such an edge's id is "<entity id>.<property>" and its schema is the property's name.
- Entities that are neither (Sanction, Identification, Note, ... : intervals about an entity)
  are kept as annotations of the entity they name (`graph.annotations[id]`: (id, schema) pairs);
  Sanction's `entity` property is the one that matters here.

An edge whose endpoint is not among the nodes is left out and reported in `graph.dangling` as
(edge id, missing id), so an export that names entities outside the file still loads.

Node ids are sorted and mapped to contiguous ints (so every measure is independent of the order
the entities arrive in). The networkit and rustworkx graphs are built on first use and cached.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, overload

import networkit as nk
import numpy as np
import rustworkx as rx
from followthemoney.proxy import EntityProxy

Key = str | int

PROPERTY_EDGES: dict[str, tuple[str, bool]] = {
    # property name: (the schema it must belong to, whether the edge runs from the value to
    # the entity rather than from the entity to the value)
    "addressEntity": ("Thing", False),
    "parent": ("LegalEntity", False),
    "owner": ("Vehicle", True),
    "operator": ("Vehicle", True),
}
ANNOTATION_PROPERTIES = ("entity",)


def _decimal(values: list[str]) -> Decimal | None:
    for value in values:
        try:
            number = Decimal(value.replace(",", "").removesuffix("%").strip())
        except InvalidOperation:
            continue
        if number.is_finite():
            return number
    return None


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


@dataclass(frozen=True, slots=True)
class Edge:
    """One link: its FtM id and schema, its endpoints' ids, and what it carries."""

    id: Key
    schema: str
    source: Key
    target: Key
    start: str | None = None
    end: str | None = None
    date: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    amount_eur: Decimal | None = None
    amount_usd: Decimal | None = None
    percentage: Decimal | None = None

    def amount_in(self, currency: str) -> Decimal | None:
        """The amount in `currency` (EUR, USD or the payment's own), None if not stated."""
        currency = currency.upper()
        if currency == "EUR" and self.amount_eur is not None:
            return self.amount_eur
        if currency == "USD" and self.amount_usd is not None:
            return self.amount_usd
        if self.amount is not None and (self.currency or "").upper() == currency:
            return self.amount
        return None


class _GeneratedEdges(Sequence[Edge]):
    """The edges of a generated graph, made on demand from its arrays (10^6 edges stay arrays)."""

    def __init__(self, graph: Graph, schema: str, amounts: np.ndarray | None) -> None:
        self._graph = graph
        self._schema = schema
        self._amounts = amounts

    def __len__(self) -> int:
        return len(self._graph.src)

    @overload
    def __getitem__(self, index: int) -> Edge: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Edge]: ...
    def __getitem__(self, index: int | slice) -> Edge | Sequence[Edge]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        amount = None
        if self._amounts is not None and not np.isnan(self._amounts[index]):
            amount = Decimal(str(round(float(self._amounts[index]), 2)))
        ids = self._graph.ids
        return Edge(
            id=index,
            schema="Payment" if amount is not None else self._schema,
            source=ids[int(self._graph.src[index])],
            target=ids[int(self._graph.dst[index])],
            amount=amount,
            currency="EUR" if amount is not None else None,
            amount_eur=amount,
        )

    def __iter__(self) -> Iterator[Edge]:
        for i in range(len(self)):
            yield self[i]


@dataclass(eq=False)
class Graph:
    """Nodes keyed by id (index i holds ids[i]) and edges as parallel arrays src[j] -> dst[j]."""

    ids: Sequence[Key]
    schemata: Sequence[str]
    src: np.ndarray
    dst: np.ndarray
    edges: Sequence[Edge]
    dangling: list[tuple[Key, Key]] = field(default_factory=list)
    annotations: dict[Key, list[tuple[Key, str]]] = field(default_factory=dict)
    index: dict[Key, int] = field(init=False)
    _cache: dict[str, Any] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.index = {key: i for i, key in enumerate(self.ids)}

    @property
    def node_count(self) -> int:
        return len(self.ids)

    @property
    def edge_count(self) -> int:
        return len(self.src)

    @classmethod
    def from_proxies(cls, proxies: Iterable[EntityProxy]) -> Graph:
        """The graph of these entities (see the module docstring for what becomes what)."""
        nodes: dict[str, str] = {}
        links: list[Edge] = []
        annotated: list[tuple[str, str, str]] = []
        for proxy in proxies:
            schema = proxy.schema
            if proxy.id is None:
                continue
            if schema.edge and schema.source_prop and schema.target_prop:
                links.extend(_edges_of(proxy))
            elif schema.is_a("Thing"):
                nodes[proxy.id] = schema.name
                links.extend(_property_edges_of(proxy))
            else:
                for name in ANNOTATION_PROPERTIES:
                    if name in schema.properties:
                        annotated.extend((v, proxy.id, schema.name) for v in proxy.get(name))
        ids = sorted(nodes)
        index: dict[Key, int] = {key: i for i, key in enumerate(ids)}
        kept: list[Edge] = []
        dangling: list[tuple[Key, Key]] = []
        for edge in links:
            missing = [end for end in (edge.source, edge.target) if end not in index]
            if missing:
                dangling.extend((edge.id, end) for end in dict.fromkeys(missing))
            else:
                kept.append(edge)
        kept.sort(key=lambda e: (str(e.id), str(e.source), str(e.target)))
        annotations: dict[Key, list[tuple[Key, str]]] = {}
        for entity_id, note_id, schema_name in annotated:
            if entity_id in index:
                annotations.setdefault(entity_id, []).append((note_id, schema_name))
            else:
                dangling.append((note_id, entity_id))
        src = np.fromiter((index[e.source] for e in kept), dtype=np.int64, count=len(kept))
        dst = np.fromiter((index[e.target] for e in kept), dtype=np.int64, count=len(kept))
        return cls(
            ids=ids,
            schemata=[nodes[key] for key in ids],
            src=src,
            dst=dst,
            edges=kept,
            dangling=sorted(dangling, key=lambda pair: (str(pair[0]), str(pair[1]))),
            annotations=annotations,
        )

    @classmethod
    def from_edges(
        cls,
        nodes: int,
        sources: Sequence[int] | np.ndarray,
        targets: Sequence[int] | np.ndarray,
        *,
        amounts: Sequence[float] | np.ndarray | None = None,
        schema: str = "UnknownLink",
    ) -> Graph:
        """A generated graph: nodes 0..nodes-1, edge j from sources[j] to targets[j].

        Edge j's id is j; where amounts[j] is a number (not NaN) the edge is a Payment of that
        many euros, else an edge of `schema`.
        """
        src = np.asarray(sources, dtype=np.int64)
        dst = np.asarray(targets, dtype=np.int64)
        if len(src) != len(dst):
            raise ValueError("sources and targets differ in length.")
        if len(src) and (min(src.min(), dst.min()) < 0 or max(src.max(), dst.max()) >= nodes):
            raise ValueError("an edge names a node outside 0..nodes-1.")
        graph = cls(ids=range(nodes), schemata=["Thing"] * nodes, src=src, dst=dst, edges=[])
        money = None if amounts is None else np.asarray(amounts, dtype=np.float64)
        graph.edges = _GeneratedEdges(graph, schema, money)
        return graph

    def position(self, key: Key) -> int:
        """The int a node id maps to (KeyError if it is not a node)."""
        return self.index[key]

    def simple_pairs(self, *, directed: bool) -> np.ndarray:
        """Distinct (u, v) pairs without self-loops, as an (m, 2) array; u < v when undirected."""
        name = f"pairs-{directed}"
        if name not in self._cache:
            src, dst = self.src, self.dst
            keep = src != dst
            src, dst = src[keep], dst[keep]
            if not directed:
                src, dst = np.minimum(src, dst), np.maximum(src, dst)
            n = max(self.node_count, 1)
            # Sort and drop repeats: numpy 2's hash-based np.unique is far slower on 10^6 codes.
            codes = np.sort(src * n + dst)
            codes = (
                codes[np.concatenate(([True], codes[1:] != codes[:-1]))] if len(codes) else codes
            )
            self._cache[name] = np.stack([codes // n, codes % n], axis=1)
        pairs: np.ndarray = self._cache[name]
        return pairs

    def networkit(self, *, directed: bool) -> Any:
        """The networkit graph of the distinct pairs (unweighted, no self-loops)."""
        name = f"nk-{directed}"
        if name not in self._cache:
            pairs = self.simple_pairs(directed=directed)
            graph = nk.Graph(self.node_count, weighted=False, directed=directed)
            if len(pairs):
                graph.addEdges((pairs[:, 0].astype(np.uint64), pairs[:, 1].astype(np.uint64)))
            self._cache[name] = graph
        return self._cache[name]

    def rustworkx(self, *, directed: bool) -> rx.PyDiGraph | rx.PyGraph:
        """The rustworkx graph of the distinct pairs, node i holding ids[i]."""
        name = f"rx-{directed}"
        if name not in self._cache:
            graph: rx.PyDiGraph | rx.PyGraph = (
                rx.PyDiGraph(multigraph=False) if directed else rx.PyGraph(multigraph=False)
            )
            graph.add_nodes_from(range(self.node_count))
            pairs = self.simple_pairs(directed=directed)
            graph.extend_from_edge_list([(int(u), int(v)) for u, v in pairs])
            self._cache[name] = graph
        result: rx.PyDiGraph | rx.PyGraph = self._cache[name]
        return result

    def edges_between(self, u: Key, v: Key, *, directed: bool) -> list[Edge]:
        """The links from u to v (and from v to u too when not directed), in edge order."""
        if "pair-index" not in self._cache:
            table: dict[tuple[int, int], list[int]] = {}
            for j, (a, b) in enumerate(zip(self.src.tolist(), self.dst.tolist(), strict=True)):
                table.setdefault((a, b), []).append(j)
            self._cache["pair-index"] = table
        table = self._cache["pair-index"]
        i, k = self.index[u], self.index[v]
        found = list(table.get((i, k), []))
        if not directed and i != k:
            found = sorted(found + table.get((k, i), []))
        return [self.edges[j] for j in found]


def _dates(proxy: EntityProxy) -> dict[str, str | None]:
    props = proxy.schema.properties
    return {
        name: _first(proxy.get(prop)) if prop in props else None
        for name, prop in (("start", "startDate"), ("end", "endDate"), ("date", "date"))
    }


def _edges_of(proxy: EntityProxy) -> Iterator[Edge]:
    schema = proxy.schema
    assert schema.source_prop is not None  # noqa: S101
    assert schema.target_prop is not None  # noqa: S101
    props = schema.properties
    extra: dict[str, Any] = _dates(proxy)
    if schema.is_a("Payment"):
        extra["amount"] = _decimal(proxy.get("amount"))
        extra["currency"] = _first(proxy.get("currency"))
        extra["amount_eur"] = _decimal(proxy.get("amountEur"))
        extra["amount_usd"] = _decimal(proxy.get("amountUsd"))
    if "percentage" in props:
        extra["percentage"] = _decimal(proxy.get("percentage"))
    for source in proxy.get(schema.source_prop):
        for target in proxy.get(schema.target_prop):
            assert proxy.id is not None  # noqa: S101
            yield Edge(id=proxy.id, schema=schema.name, source=source, target=target, **extra)


def _property_edges_of(proxy: EntityProxy) -> Iterator[Edge]:
    assert proxy.id is not None  # noqa: S101
    for name, (owner_schema, reverse) in PROPERTY_EDGES.items():
        if name not in proxy.schema.properties or not proxy.schema.is_a(owner_schema):
            continue
        for value in proxy.get(name):
            source, target = (value, proxy.id) if reverse else (proxy.id, value)
            yield Edge(id=f"{proxy.id}.{name}", schema=name, source=source, target=target)
