"""The graph page's reads: the merged view as Cytoscape elements, a node's neighbours, a path.

Every read goes through `resolved_proxies` (analysts granted the collection; audited), so the
page shows what the analyses compute on, merges included. Elements are Cytoscape's JSON:
`{"data": {...}}` per node (an entity: id, name, schema, kind, degree, community) and per edge
(a link: its FtM id, ends, schema, amount and date for a payment). Filters narrow the nodes by
schema, topic (FtM `topics`) and community (from the latest current communities run) and the
links by date (a link counts when its date or its period meets the range; undated links are
left out once a range is given, and with them entities no kept link reaches). Past `limit`
nodes, the best connected are kept and the answer says it was cut.
"""

import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from followthemoney import model, registry
from followthemoney.proxy import EntityProxy

from palermo.core.audit import export_record
from palermo.core.permissions import require
from palermo.networks import ftm_io, permissions
from palermo.networks.analytics import Edge, Graph
from palermo.networks.analytics import registry as measures
from palermo.networks.models import Collection
from palermo.networks.selectors.analyses import latest_communities
from palermo.networks.selectors.resolution import resolved_proxies

MAX_ELEMENTS = 2000
DEFAULT_LIMIT = 300


@dataclass(frozen=True)
class Filters:
    schemata: tuple[str, ...] = ()
    topic: str = ""
    date_from: str = ""
    date_to: str = ""
    community: int | None = None
    limit: int = DEFAULT_LIMIT


@dataclass
class View:
    proxies: dict[str, EntityProxy]
    graph: Graph
    membership: dict[str, int] = field(default_factory=dict)


def _view(user: Any, collection: Collection, *, where: str) -> View:
    proxies = {str(p.id): p for p in resolved_proxies(user, collection, where=where)}
    graph = Graph.from_proxies(proxies.values())
    run = latest_communities(user, collection)
    membership = {
        str(k): int(v) for k, v in (run.result.get("membership", {}) if run else {}).items()
    }
    return View(proxies, graph, membership)


def _caption(proxy: EntityProxy | None, key: str) -> str:
    return str(proxy.caption) if proxy is not None and proxy.caption else key


def _node(view: View, key: str, degree: int) -> dict[str, Any]:
    proxy = view.proxies.get(key)
    schema = proxy.schema if proxy is not None else None
    data: dict[str, Any] = {
        "id": key,
        "label": _caption(proxy, key),
        "schema": schema.name if schema else "",
        "kind": str(schema.label) if schema else "",
        "degree": degree,
    }
    if key in view.membership:
        data["community"] = view.membership[key]
    return {"data": data}


def _edge(edge: Edge, number: int) -> dict[str, Any]:
    schema = model.get(edge.schema)
    label = str(schema.label) if schema else edge.schema
    data: dict[str, Any] = {
        "id": str(edge.id) if number == 0 else f"{edge.id}~{number}",
        "entity": str(edge.id),
        "source": str(edge.source),
        "target": str(edge.target),
        "schema": edge.schema,
        "label": label,
    }
    if edge.amount is not None:
        data["amount"] = str(edge.amount)
        data["currency"] = edge.currency or ""
        data["label"] = f"{edge.amount:,} {edge.currency or ''}".strip()
    if edge.date or edge.start:
        data["date"] = edge.date or edge.start
    return {"data": data}


def _in_range(edge: Edge, date_from: str, date_to: str) -> bool:
    start = edge.date or edge.start
    end = edge.date or edge.end or start
    if not start:
        return False
    return (not date_from or (end or start) >= date_from) and (not date_to or start <= date_to)


def _elements(view: View, nodes: set[str], edges: list[Edge]) -> dict[str, Any]:
    degree: Counter[str] = Counter()
    for edge in edges:
        degree[str(edge.source)] += 1
        degree[str(edge.target)] += 1
    seen: Counter[str] = Counter()
    edge_elements = []
    for edge in edges:
        edge_elements.append(_edge(edge, seen[str(edge.id)]))
        seen[str(edge.id)] += 1
    return {
        "nodes": [_node(view, key, degree[key]) for key in sorted(nodes)],
        "edges": edge_elements,
    }


def graph_elements(
    user: Any, collection: Collection, *, filters: Filters, where: str
) -> dict[str, Any]:
    """The filtered view's elements, at most `filters.limit` nodes (see the docstring)."""
    view = _view(user, collection, where=where)
    nodes = {str(key) for key in view.graph.ids}
    if filters.schemata:
        nodes = {k for k in nodes if view.proxies[k].schema.name in filters.schemata}
    if filters.topic:
        nodes = {k for k in nodes if filters.topic in view.proxies[k].get("topics", quiet=True)}
    if filters.community is not None:
        nodes = {k for k in nodes if view.membership.get(k) == filters.community}
    edges = [e for e in view.graph.edges if str(e.source) in nodes and str(e.target) in nodes]
    if filters.date_from or filters.date_to:
        edges = [e for e in edges if _in_range(e, filters.date_from, filters.date_to)]
        nodes = {str(e.source) for e in edges} | {str(e.target) for e in edges}
    total = len(nodes)
    limit = max(1, min(filters.limit, MAX_ELEMENTS))
    if total > limit:
        degree: Counter[str] = Counter()
        for edge in edges:
            degree[str(edge.source)] += 1
            degree[str(edge.target)] += 1
        nodes = set(sorted(nodes, key=lambda k: (-degree[k], k))[:limit])
        edges = [e for e in edges if str(e.source) in nodes and str(e.target) in nodes]
    return {
        "elements": _elements(view, nodes, edges),
        "total": total,
        "shown": len(nodes),
        "truncated": total > len(nodes),
    }


def node_neighbours(user: Any, collection: Collection, key: str, *, where: str) -> dict[str, Any]:
    """An entity, the entities it links to either way, and those links."""
    view = _view(user, collection, where=where)
    if key not in view.graph.index:
        return {"elements": {"nodes": [], "edges": []}, "found": False}
    edges = [e for e in view.graph.edges if key in (str(e.source), str(e.target))]
    nodes = {key} | {str(e.source) for e in edges} | {str(e.target) for e in edges}
    return {"elements": _elements(view, nodes, edges), "found": True}


def graph_path(
    user: Any, collection: Collection, *, source: str, target: str, directed: bool, where: str
) -> dict[str, Any]:
    """The shortest path between two entities (the registry's measure) with its elements."""
    view = _view(user, collection, where=where)
    found = measures.run(
        view.graph, "shortest_path", {"source": source, "target": target, "directed": directed}
    )["result"]
    path = [str(k) for k in found["path"] or []]
    links = {str(e) for hop in found["edges"] for e in hop}
    edges = [
        e
        for e in view.graph.edges
        if str(e.id) in links and str(e.source) in path and str(e.target) in path
    ]
    return {"path": path, "elements": _elements(view, set(path), edges)}


def _schema_label(name: str) -> str:
    schema = model.get(name)
    return str(schema.label) if schema is not None else name


def graph_options(user: Any, collection: Collection) -> dict[str, Any]:
    """What the filters offer: node schemata, topics and communities held by the collection."""
    require(permissions.can_read_entities(user, collection))
    schemata = sorted(
        set(collection.entities.filter(is_edge=False).values_list("schema", flat=True))
    )
    topics: set[str] = set()
    rows = collection.entities.filter(is_edge=False, properties__has_key="topics")
    for properties in rows.values_list("properties", flat=True):
        topics.update(properties.get("topics", []))
    run = latest_communities(user, collection)
    return {
        "schemata": [(name, _schema_label(name)) for name in schemata],
        "topics": sorted(
            ((t, str(registry.topic.caption(t) or t)) for t in topics), key=lambda p: p[1]
        ),
        "communities": list(enumerate(run.result.get("sizes", []))) if run else [],
        "communities_run": run,
    }


def graph_export(user: Any, collection: Collection, ids: list[str], *, where: str) -> bytes:
    """The chosen entities of the merged view as FtM JSON lines: the owner's export; audited."""
    require(permissions.can_export_entities(user, collection))
    wanted = set(ids)
    proxies = resolved_proxies(user, collection, where=where)
    chosen = [p.to_dict() for p in proxies if str(p.id) in wanted]
    text = io.StringIO()
    ftm_io.write_jsonl(chosen, text)
    export_record(
        actor=user,
        what=f"Graph view of {collection}",
        fmt="ftm",
        count=len(chosen),
        obj=collection,
    )
    return text.getvalue().encode("utf-8")
