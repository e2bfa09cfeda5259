"""The network brief: who matters in a collection (or around one entity), and how money moves.

Built from the collection's merged view (decisions on duplicates applied): key actors by
PageRank, betweenness and links; communities and who is in them; the money each actor paid
and received, by currency, and between communities; ownership chains with their cycles; and
a picture of the network coloured by community. With an entity named, the brief covers its
ego network (the entities within `radius` links). Entities are read only by analysts granted
the collection, so only they build the brief and only they read it.
"""

from collections import Counter
from decimal import Decimal
from typing import Any

import rustworkx as rx
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from followthemoney.proxy import EntityProxy

from palermo.instruments.models import State
from palermo.networks import permissions
from palermo.networks.analytics import centrality, money, ownership, paths
from palermo.networks.analytics.communities import communities
from palermo.networks.analytics.graph import Graph
from palermo.networks.models import Collection
from palermo.networks.selectors.collections import collection_list
from palermo.networks.selectors.entities import schema_label
from palermo.networks.selectors.resolution import resolved_proxies
from palermo.reports.builders.common import generated_on, new_document
from palermo.reports.document import (
    Chart,
    Cover,
    Document,
    Heading,
    KeyValues,
    Paragraph,
    Table,
    TableOfContents,
)
from palermo.reports.registry import FORMATS, Param, Params, ReportError, ReportKind, register

TOP = 10
PICTURE_LIMIT = 150  # nodes drawn; larger networks are drawn around their key actors
EGO_RADIUS = 2


def _collection(params: Params) -> Collection | None:
    value = params.get("collection")
    if not isinstance(value, int):
        return None
    return Collection.objects.select_related("owner").filter(pk=value).first()


def _ego(proxies: list[EntityProxy], graph: Graph, center: str) -> list[EntityProxy]:
    """The entities within EGO_RADIUS links of the center, and the links among them."""
    if center not in graph.index:
        raise ReportError(_("The entity “%(id)s” is not in this collection.") % {"id": center})
    nodes, edges = paths.ego_network(graph, center=center, radius=EGO_RADIUS)
    keep = {str(key) for key in nodes} | {str(key) for key in edges}
    return [proxy for proxy in proxies if str(proxy.id) in keep]


def build_network_brief(
    *, user: Any, collection: Collection, center: str = "", language: str
) -> Document:
    if not permissions.can_read_entities(user, collection):
        raise ReportError(_("Only analysts given access to the collection build this."))
    proxies = resolved_proxies(user, collection, where="network brief")
    graph = Graph.from_proxies(proxies)
    names = {str(proxy.id): proxy.caption or str(proxy.id) for proxy in proxies}
    if center:
        proxies = _ego(proxies, graph, center)
        graph = Graph.from_proxies(proxies)
    title = _("Network brief: %(collection)s") % {"collection": collection.name}
    subtitle = (
        _("Around %(name)s (%(radius)s links)") % {"name": names.get(center), "radius": EGO_RADIUS}
        if center
        else _("The whole collection")
    )
    generated_label, generated_value = generated_on()
    document = new_document(
        title=title,
        language=language,
        cover=Cover(
            title=title,
            subtitle=subtitle,
            details=(
                (_("Source"), collection.source or "—"),
                (_("Version"), f"v{collection.version}"),
                (generated_label, generated_value),
            ),
            note=_("Invented entities, not a real investigation.")
            if collection.is_synthetic
            else "",
        ),
    )
    document.hold("collection", collection.pk)
    document.add(TableOfContents(_("Contents")))
    if graph.node_count == 0:
        document.add(Paragraph.of(_("The collection holds no entity yet.")))
        return document
    found = communities(graph, seed=0)
    membership = {str(key): value for key, value in found.membership.items()}
    document.add(*_summary(graph, proxies, found.sizes))
    document.add(*_actors(graph, names, membership))
    document.add(*_communities(graph, names, found.sizes, membership))
    document.add(*_money(graph, names, membership))
    document.add(*_ownership(graph, names))
    document.add(_picture(graph, names, membership))
    return document


def _summary(graph: Graph, proxies: list[EntityProxy], sizes: Any) -> list[Any]:
    kinds = Counter(proxy.schema.name for proxy in proxies)
    rows = tuple((schema_label(name), count) for name, count in kinds.most_common())
    return [
        Heading(_("What the network holds"), level=1),
        KeyValues(
            (
                (_("Entities"), str(graph.node_count)),
                (_("Links"), str(graph.edge_count)),
                (_("Communities"), str(len(sizes))),
                (_("Links to entities outside the collection"), str(len(graph.dangling))),
            )
        ),
        Table(
            columns=(_("Kind"), _("Count")),
            rows=rows,
            caption=_("Entities and links by kind"),
            sheet=_("Kinds"),
        ),
    ]


def _actors(graph: Graph, names: dict[str, str], membership: dict[str, int]) -> list[Any]:
    rank = centrality.pagerank(graph)
    between = centrality.betweenness(graph)
    degree = centrality.degree(graph)
    rows = tuple(
        (
            names.get(str(key), str(key)),
            schema_label(graph.schemata[graph.index[key]]),
            round(score, 4),
            round(between.get(key, 0.0), 2),
            degree.get(key, 0),
            membership.get(str(key), 0) + 1,
        )
        for key, score in centrality.top(rank, TOP)
    )
    return [
        Heading(_("Key actors"), level=1),
        Paragraph.of(
            _(
                "The %(count)s entities with the highest PageRank (how much the network points "
                "at them), with their betweenness (how many shortest paths pass through them) "
                "and their number of links."
            )
            % {"count": len(rows)}
        ),
        Table(
            columns=(
                _("Entity"),
                _("Kind"),
                _("PageRank"),
                _("Betweenness"),
                _("Links"),
                _("Community"),
            ),
            rows=rows,
            caption=_("Key actors"),
            sheet=_("Key actors"),
        ),
    ]


def _communities(
    graph: Graph, names: dict[str, str], sizes: Any, membership: dict[str, int]
) -> list[Any]:
    members: dict[int, list[str]] = {}
    for key, community in membership.items():
        members.setdefault(community, []).append(names.get(key, key))
    rows = tuple(
        (number + 1, int(size), ", ".join(sorted(members.get(number, []))[:12]))
        for number, size in enumerate(sizes)
    )
    return [
        Heading(_("Communities"), level=1),
        Paragraph.of(
            _(
                "Groups of entities more linked among themselves than with the rest (Louvain "
                "method), largest first."
            )
        ),
        Table(
            columns=(_("Community"), _("Entities"), _("Members")),
            rows=rows,
            caption=_("Communities"),
            sheet=_("Communities"),
        ),
    ]


def _money(graph: Graph, names: dict[str, str], membership: dict[str, int]) -> list[Any]:
    currencies = sorted(
        {(edge.currency or "").upper() for edge in money.payments(graph) if edge.currency}
    )
    blocks: list[Any] = [Heading(_("Money"), level=1)]
    if not currencies:
        blocks.append(Paragraph.of(_("No payment with an amount is recorded.")))
        return blocks
    rows: list[tuple[Any, ...]] = []
    for currency in currencies:
        flows = money.entity_money(graph, currency=currency)
        ranked = sorted(flows.items(), key=lambda item: -(item[1][0] + item[1][1]))[:TOP]
        rows.extend(
            (names.get(str(key), str(key)), currency, _number(paid), _number(received))
            for key, (paid, received) in ranked
            if paid or received
        )
    blocks.append(
        Table(
            columns=(_("Entity"), _("Currency"), _("Paid"), _("Received")),
            rows=tuple(rows),
            caption=_("Payments by entity"),
            sheet=_("Payments"),
        )
    )
    keyed = {key: membership[str(key)] for key in graph.ids if str(key) in membership}
    between: list[tuple[Any, ...]] = []
    for currency in currencies:
        matrix = money.community_money(graph, membership=keyed, currency=currency)
        between.extend(
            (a + 1, b + 1, currency, _number(total), matrix.counts[a, b])
            for (a, b), total in sorted(matrix.totals.items())
            if a != b
        )
    if between:
        blocks.append(
            Table(
                columns=(
                    _("From community"),
                    _("To community"),
                    _("Currency"),
                    _("Amount"),
                    _("Payments"),
                ),
                rows=tuple(between),
                caption=_("Money between communities"),
                sheet=_("Between communities"),
            )
        )
    return blocks


def _number(value: Decimal) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _ownership(graph: Graph, names: dict[str, str]) -> list[Any]:
    owned = {edge.target for edge in graph.edges if edge.schema == "Ownership"}
    owners = {edge.source for edge in graph.edges if edge.schema == "Ownership"}
    if not owned:
        return []
    rows: list[tuple[Any, ...]] = []
    seen: set[tuple[Any, ...]] = set()
    # Chains from what is owned and owns nothing first; then the rest, where cycles live.
    starts = sorted(owned - owners, key=str) + sorted(owned & owners, key=str)
    for start in starts[:TOP]:
        for chain in ownership.ownership_chains(graph, start=start, direction="up", depth=6):
            members = frozenset(chain.entities)
            if len(chain.entities) < 2 or (members, chain.cycle) in seen:
                continue
            seen.add((members, chain.cycle))
            rows.append(
                (
                    " → ".join(names.get(str(key), str(key)) for key in chain.entities),
                    "—" if chain.share is None else f"{chain.share:.1f} %",
                    _("yes") if chain.cycle else _("no"),
                )
            )
    return [
        Heading(_("Ownership chains"), level=1),
        Table(
            columns=(_("Chain (owned → owners)"), _("Share along the chain"), _("Cycle")),
            rows=tuple(rows[: TOP * 3]),
            caption=_("Ownership chains"),
            sheet=_("Ownership"),
        ),
    ]


def _picture(graph: Graph, names: dict[str, str], membership: dict[str, int]) -> Chart:
    """The network drawn with a spring layout, as a Vega-Lite chart (points and rules).

    Entities without a link are left out of the picture (they would push the rest into a
    corner) and counted under it.
    """
    linked = set(map(int, graph.src)) | set(map(int, graph.dst))
    keep = [node for node in range(graph.node_count) if node in linked]
    if len(keep) > PICTURE_LIMIT:
        rank = centrality.pagerank(graph)
        chosen = {key for key, _score in centrality.top(rank, PICTURE_LIMIT)}
        keep = sorted(graph.index[key] for key in chosen if graph.index[key] in linked)
    kept = set(keep)
    drawn = rx.PyGraph()
    drawn.add_nodes_from(keep)
    position = {node: i for i, node in enumerate(keep)}
    pairs = {
        (position[int(u)], position[int(v)])
        for u, v in zip(graph.src, graph.dst, strict=True)
        if int(u) in kept and int(v) in kept and u != v
    }
    drawn.extend_from_edge_list(sorted(pairs))
    layout = rx.spring_layout(drawn, seed=1, num_iter=300) if keep else {}
    nodes: list[dict[str, Any]] = [
        {
            "x": round(float(layout[i][0]), 4),
            "y": round(float(layout[i][1]), 4),
            "name": names.get(str(graph.ids[node]), str(graph.ids[node])),
            "kind": graph.schemata[node],
            "community": str(membership.get(str(graph.ids[node]), 0) + 1),
        }
        for i, node in enumerate(keep)
    ]
    lines = [
        {
            "x": nodes[a]["x"],
            "y": nodes[a]["y"],
            "x2": nodes[b]["x"],
            "y2": nodes[b]["y"],
        }
        for a, b in sorted(pairs)
    ]
    axis = {"axis": None, "scale": {"zero": False}}
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": _("The network by community"),
        "width": 520,
        "height": 420,
        "layer": [
            {
                "data": {"values": lines},
                "mark": {"type": "rule", "color": "#9aa0a6", "strokeWidth": 0.8},
                "encoding": {
                    "x": {"field": "x", "type": "quantitative", **axis},
                    "y": {"field": "y", "type": "quantitative", **axis},
                    "x2": {"field": "x2"},
                    "y2": {"field": "y2"},
                },
            },
            {
                "data": {"values": nodes},
                "mark": {"type": "circle", "size": 120, "opacity": 0.9},
                "encoding": {
                    "x": {"field": "x", "type": "quantitative", **axis},
                    "y": {"field": "y", "type": "quantitative", **axis},
                    "color": {
                        "field": "community",
                        "type": "nominal",
                        "title": _("Community"),
                    },
                    "tooltip": [{"field": "name"}, {"field": "kind"}],
                },
            },
            {
                "data": {"values": nodes},
                "mark": {"type": "text", "dy": -10, "fontSize": 9},
                "encoding": {
                    "x": {"field": "x", "type": "quantitative", **axis},
                    "y": {"field": "y", "type": "quantitative", **axis},
                    "text": {"field": "name"},
                },
            },
        ],
        "config": {"view": {"stroke": None}},
    }
    table = Table(
        columns=(_("Entity"), _("Kind"), _("Community")),
        rows=tuple((node["name"], schema_label(node["kind"]), node["community"]) for node in nodes),
        caption=_("The entities drawn"),
        sheet=_("Picture"),
    )
    alone = graph.node_count - len(linked)
    caption = _("The network by community")
    if alone:
        caption = _("The network by community (%(count)s entities without a link not drawn)") % {
            "count": alone
        }
    return Chart(spec=spec, caption=caption, table=table)


def collection_options(user: Any) -> list[tuple[int, str]]:
    """The collections whose entities the user reads, by name (the report form's picker)."""
    return [
        (collection.pk, collection.name)
        for collection in collection_list(user)
        if permissions.can_read_entities(user, collection)
    ]


def _can_generate(user: Any, params: Params) -> bool:
    collection = _collection(params)
    return collection is not None and permissions.can_read_entities(user, collection)


def _state(params: Params) -> State | None:
    collection = _collection(params)
    if collection is None or not collection.country:
        return None
    return State.objects.filter(iso3=collection.country).first()


def _describe(params: Params) -> str:
    collection = _collection(params)
    if collection is None:
        return ""
    entity = params.get("entity")
    return f"{collection.name} — {entity}" if entity else collection.name


def _registered_build(params: Params, language: str, user: Any) -> Document:
    collection = _collection(params)
    if collection is None:
        raise ReportError(_("Choose a network collection."))
    return build_network_brief(
        user=user, collection=collection, center=str(params.get("entity") or ""), language=language
    )


KIND = register(
    ReportKind(
        code="network_brief",
        label=gettext_lazy("Network brief"),
        description=gettext_lazy(
            "Who matters in a network collection, or around one entity: key actors, "
            "communities, money between them and ownership chains, with a picture."
        ),
        formats=FORMATS,
        params=(
            Param("collection", gettext_lazy("Collection"), int, options=collection_options),
            Param(
                "entity",
                gettext_lazy("Around the entity (optional)"),
                str,
                help_text=gettext_lazy("Its id, to brief on its network within two links."),
                required=False,
            ),
        ),
        build=_registered_build,
        can_generate=_can_generate,
        state=_state,
        describe=_describe,
    )
)
