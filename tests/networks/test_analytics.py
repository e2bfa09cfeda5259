"""Network analytics on hand-worked FtM graphs (invented names): the figures are worked out here."""

import random
from decimal import Decimal
from typing import Any

import networkx as nx
import pytest
from followthemoney import model
from followthemoney.proxy import EntityProxy

from palermo.networks.analytics import (
    Graph,
    betweenness,
    communities,
    community_money,
    degree,
    ego_network,
    entity_money,
    ownership_chains,
    pagerank,
    path_money,
    shortest_path,
    simple_paths,
)


def entity(schema: str, key: str, **properties: Any) -> EntityProxy:
    values = {k: v if isinstance(v, list) else [v] for k, v in properties.items()}
    return model.get_proxy({"id": key, "schema": schema, "properties": values})


def person(key: str, name: str) -> EntityProxy:
    return entity("Person", key, name=name)


def payment(key: str, payer: str, beneficiary: str, amount: str, **extra: Any) -> EntityProxy:
    extra.setdefault("currency", "EUR")
    return entity("Payment", key, payer=payer, beneficiary=beneficiary, amount=amount, **extra)


# A route: A pays B, B pays C, C pays D (and D pays a little back); E is linked to all sides.
#   undirected: A-B, B-C, C-D, A-E, D-E, B-E       directed: A->B->C->D->E->A, B->E
ROUTE = [
    person("a", "Arif Baloch"),
    person("b", "Bushra Kazmi"),
    person("c", "Chaudhry Nadeem"),
    person("d", "Dilawar Shah"),
    person("e", "Erum Niazi"),
    payment("p1", "a", "b", "1000"),
    payment("p2", "b", "c", "800"),
    payment("p3", "c", "d", "500"),
    payment("p4", "d", "c", "200"),
    payment("p5", "c", "d", "300", currency="USD"),
    payment("p6", "b", "c", "280000", currency="PKR", amountEur="900"),
    entity("Associate", "l1", person="e", associate="a"),
    entity("UnknownLink", "l2", subject="d", object="e"),
    entity("Family", "l3", person="b", relative="e"),
]


def test_route_shortest_path_undirected_and_directed() -> None:
    graph = Graph.from_proxies(ROUTE)
    assert shortest_path(graph, source="a", target="d") == ["a", "e", "d"]
    assert shortest_path(graph, source="a", target="d", directed=True) == ["a", "b", "c", "d"]
    assert shortest_path(graph, source="d", target="b", directed=True) == ["d", "e", "a", "b"]
    assert shortest_path(graph, source="c", target="c") == ["c"]


def test_route_simple_paths_up_to_a_length() -> None:
    graph = Graph.from_proxies(ROUTE)
    assert simple_paths(graph, source="a", target="d", max_length=2) == [["a", "e", "d"]]
    assert simple_paths(graph, source="a", target="d", max_length=3) == [
        ["a", "e", "d"],
        ["a", "b", "c", "d"],
        ["a", "b", "e", "d"],
    ]
    assert len(simple_paths(graph, source="a", target="d", max_length=4)) == 4
    assert simple_paths(graph, source="a", target="d", max_length=4, limit=2) == [
        ["a", "e", "d"],
        ["a", "b", "c", "d"],
    ]
    assert simple_paths(graph, source="a", target="d", max_length=3, directed=True) == [
        ["a", "b", "c", "d"]
    ]


def test_money_along_a_path_in_euros_forward_and_back() -> None:
    graph = Graph.from_proxies(ROUTE)
    found = path_money(graph, path=["a", "b", "c", "d"])
    # B->C: 800 EUR and 900 EUR (280,000 PKR stated as amountEur); C->D: 500, D->C: 200;
    # the 300 USD payment has no euro amount and is left out, named.
    assert [(h.forward, h.backward) for h in found.hops] == [
        (Decimal(1000), Decimal(0)),
        (Decimal(1700), Decimal(0)),
        (Decimal(500), Decimal(200)),
    ]
    assert found.forward == Decimal(3200)
    assert found.backward == Decimal(200)
    assert found.unconverted == ["p5"]
    assert found.hops[2].payments == ["p3", "p4", "p5"]
    in_usd = path_money(graph, path=["a", "b", "c", "d"], currency="USD")
    assert in_usd.forward == Decimal(300)


def test_money_paid_and_received_by_each_entity() -> None:
    flows = entity_money(Graph.from_proxies(ROUTE))
    assert flows == {
        "a": (Decimal(1000), Decimal(0)),
        "b": (Decimal(1700), Decimal(1000)),
        "c": (Decimal(500), Decimal(1900)),
        "d": (Decimal(200), Decimal(500)),
    }


def test_ego_network_radius_one_and_two() -> None:
    graph = Graph.from_proxies(ROUTE)
    nodes, links = ego_network(graph, center="a", radius=1)
    assert nodes == {"a": 0, "b": 1, "e": 1}
    assert links == ["l1", "l3", "p1"]
    nodes, links = ego_network(graph, center="a", radius=2)
    assert nodes == {"a": 0, "b": 1, "e": 1, "c": 2, "d": 2}
    assert len(links) == 9
    assert ego_network(graph, center="a", radius=1, directed=True) == ({"a": 0, "b": 1}, ["p1"])


def test_degree_counts_links_in_and_out() -> None:
    graph = Graph.from_proxies(ROUTE)
    assert degree(graph, direction="out") == {"a": 1, "b": 3, "c": 2, "d": 2, "e": 1}
    assert degree(graph, direction="in") == {"a": 1, "b": 1, "c": 3, "d": 2, "e": 2}
    assert degree(graph)["c"] == 5


def test_pagerank_order_on_a_chain_of_control() -> None:
    # Three fixers own a shell; the shell owns the front company, which pays its director.
    proxies = [
        person("f1", "Farhan Malik"),
        person("f2", "Fozia Jatoi"),
        person("f3", "Fakhar Zaman Tiwana"),
        entity("Company", "shell", name="Indus Crescent Holdings"),
        entity("Company", "front", name="Makran Coastal Traders"),
        person("boss", "Ghulam Sarwar Abro"),
        *(entity("Ownership", f"o{i}", owner=f"f{i}", asset="shell") for i in (1, 2, 3)),
        entity("Ownership", "o4", owner="shell", asset="front"),
        payment("pay", "front", "boss", "5000"),
    ]
    scores = pagerank(Graph.from_proxies(proxies))
    ranked = sorted(scores, key=lambda key: -scores[key])
    assert ranked[:3] == ["boss", "front", "shell"]
    assert scores["f1"] == pytest.approx(scores["f2"]) == pytest.approx(scores["f3"])
    assert sum(scores.values()) == pytest.approx(1.0)
    reference = nx.DiGraph([("f1", "shell"), ("f2", "shell"), ("f3", "shell")])
    reference.add_edges_from([("shell", "front"), ("front", "boss")])
    for key, value in nx.pagerank(reference, tol=1e-12).items():
        assert scores[key] == pytest.approx(value, abs=1e-8)


# Two gangs of four, everyone in a gang associated with everyone else; one tie between them.
GANG_A = ["ga1", "ga2", "ga3", "ga4"]
GANG_B = ["gb1", "gb2", "gb3", "gb4"]


def two_gangs() -> list[EntityProxy]:
    proxies = [person(key, f"Member {key.upper()}") for key in GANG_A + GANG_B]
    for gang in (GANG_A, GANG_B):
        for i, one in enumerate(gang):
            for other in gang[i + 1 :]:
                proxies.append(entity("Associate", f"x-{one}-{other}", person=one, associate=other))
    proxies.append(entity("Associate", "bridge", person="ga1", associate="gb1"))
    proxies += [
        payment("m1", "ga2", "ga3", "100"),
        payment("m2", "ga1", "gb1", "250"),
        payment("m3", "gb1", "ga1", "50"),
        payment("m4", "gb2", "gb4", "70"),
        payment("m5", "gb3", "ga4", "10", currency="GBP"),
    ]
    return proxies


@pytest.mark.parametrize("method", ["louvain", "leiden"])
def test_two_cliques_joined_by_one_edge_are_two_communities(method: str) -> None:
    found = communities(Graph.from_proxies(two_gangs()), method=method, seed=7)
    assert found.sizes == [4, 4]
    assert found.members(0) == GANG_A  # equal sizes: the one holding the smallest id first
    assert found.members(1) == GANG_B
    # 14 links (12 in the gangs, the tie, and the pound payment gb3->ga4), degrees 14 per gang:
    # Q = 2 * (6/14 - (14/28)^2) = 5/14.
    assert found.modularity == pytest.approx(5 / 14)


def test_money_between_communities() -> None:
    graph = Graph.from_proxies(two_gangs())
    found = community_money(graph, membership=communities(graph).membership)
    assert found.totals == {
        (0, 0): Decimal(100),
        (0, 1): Decimal(250),
        (1, 0): Decimal(50),
        (1, 1): Decimal(70),
    }
    assert found.counts == {(0, 0): 1, (0, 1): 1, (1, 0): 1, (1, 1): 1}
    assert found.unconverted == ["m5"]


# X is owned by Y (50%); Y by Z (40%) and by Parveen (60%); Z by X (100%): a loop X<-Y<-Z<-X.
OWNERSHIP = [
    entity("Company", "x", name="Xanadu Freight"),
    entity("Company", "y", name="Yasmeen Exports"),
    entity("Company", "z", name="Zarghun Logistics"),
    person("p", "Parveen Akhtar"),
    entity("Ownership", "o1", owner="y", asset="x", percentage="50"),
    entity("Ownership", "o2", owner="z", asset="y", percentage="40"),
    entity("Ownership", "o3", owner="p", asset="y", percentage="60%"),
    entity("Ownership", "o4", owner="x", asset="z", percentage="100"),
]


def test_ownership_chain_reports_the_cycle_and_shares() -> None:
    graph = Graph.from_proxies(OWNERSHIP)
    chains = ownership_chains(graph, start="x")
    assert [(c.entities, c.links, c.share, c.cycle) for c in chains] == [
        (["x", "y", "z", "x"], ["o1", "o2", "o4"], Decimal(20), True),
        (["x", "y", "p"], ["o1", "o3"], Decimal(30), False),
    ]
    shallow = ownership_chains(graph, start="x", depth=2)
    assert [(c.entities, c.truncated) for c in shallow] == [
        (["x", "y", "z"], True),
        (["x", "y", "p"], False),
    ]
    down = ownership_chains(graph, start="p", direction="down")
    assert [(c.entities, c.cycle) for c in down] == [(["p", "y", "x", "z", "y"], True)]
    assert ownership_chains(graph, start="p") == []


def test_dangling_references_are_reported_and_left_out() -> None:
    proxies = [
        *OWNERSHIP,
        entity("Ownership", "o9", owner="ghost", asset="x"),
        entity("Directorship", "d1", director="nobody", organization="elsewhere"),
        entity("Sanction", "s1", entity="p", authority="An invented authority"),
        entity("Sanction", "s2", entity="missing"),
    ]
    graph = Graph.from_proxies(proxies)
    assert graph.dangling == [
        ("d1", "elsewhere"),
        ("d1", "nobody"),
        ("o9", "ghost"),
        ("s2", "missing"),
    ]
    assert graph.edge_count == 4
    assert graph.annotations == {"p": [("s1", "Sanction")]}


def test_property_links_and_input_order_do_not_change_results() -> None:
    proxies = [
        *ROUTE,
        entity("Address", "addr", full="House 12, Invented Street, Quetta"),
        entity("Person", "h", name="Hamid Lasi", addressEntity="addr"),
        entity("Vessel", "boat", name="Sea Lark", owner="h"),
    ]
    graph = Graph.from_proxies(proxies)
    assert {(e.id, e.source, e.target) for e in graph.edges if e.schema != "Payment"} >= {
        ("h.addressEntity", "h", "addr"),
        ("boat.owner", "h", "boat"),
    }
    shuffled = list(proxies)
    random.Random(3).shuffle(shuffled)  # noqa: S311 - an order, not a secret
    other = Graph.from_proxies(shuffled)
    assert pagerank(other) == pagerank(graph)
    assert betweenness(other) == pytest.approx(betweenness(graph))
    assert communities(other).membership == communities(graph).membership
