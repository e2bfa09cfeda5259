"""Measures run by name: parameters checked with the stated messages, results ready for JSON."""

import json
from typing import Any

import pytest

from palermo.networks.analytics import MEASURES, AnalysisError, Graph, run
from palermo.networks.analytics import registry as r
from tests.networks.test_analytics import OWNERSHIP, ROUTE, two_gangs


@pytest.mark.parametrize(
    ("measure", "params", "message"),
    [
        ("centrality", {}, r.UNKNOWN_MEASURE.format(name="centrality")),
        (
            "pagerank",
            {"damping": 0.8},
            r.UNKNOWN_PARAMETER.format(measure="pagerank", name="damping"),
        ),
        (
            "shortest_path",
            {"source": "a"},
            r.MISSING_PARAMETER.format(measure="shortest_path", name="target"),
        ),
        ("pagerank", {"alpha": "high"}, r.WRONG_TYPE.format(name="alpha", kind="a number")),
        (
            "betweenness_sampled",
            {"samples": True},
            r.WRONG_TYPE.format(name="samples", kind="a whole number"),
        ),
        (
            "betweenness_sampled",
            {"samples": 2.5},
            r.WRONG_TYPE.format(name="samples", kind="a whole number"),
        ),
        ("pagerank", {"alpha": 1.5}, r.OUT_OF_RANGE.format(name="alpha", minimum=0.0, maximum=1.0)),
        (
            "simple_paths",
            {"source": "a", "target": "d", "max_length": 11},
            r.OUT_OF_RANGE.format(name="max_length", minimum=1, maximum=10),
        ),
        (
            "communities",
            {"method": "infomap"},
            r.NOT_A_CHOICE.format(name="method", choices="louvain, leiden"),
        ),
        ("ego_network", {"center": "zz"}, r.UNKNOWN_ENTITY.format(key="zz")),
        (
            "path_money",
            {"path": "a"},
            r.WRONG_TYPE.format(name="path", kind="a list of entity ids"),
        ),
        ("path_money", {"path": ["a", "q"]}, r.UNKNOWN_ENTITY.format(key="q")),
    ],
)
def test_a_measure_with_wrong_parameters_is_refused_with_the_reason(
    measure: str, params: dict[str, Any], message: str
) -> None:
    graph = Graph.from_proxies(ROUTE)
    with pytest.raises(AnalysisError) as raised:
        run(graph, measure, params)
    assert str(raised.value) == message


def test_a_run_states_every_parameter_and_its_result_is_json() -> None:
    graph = Graph.from_proxies([*ROUTE, *OWNERSHIP, *two_gangs()])
    samples = {
        "shortest_path": {"source": "a", "target": "d"},
        "simple_paths": {"source": "a", "target": "d", "max_length": 3},
        "ego_network": {"center": "a", "radius": 2},
        "path_money": {"path": ["a", "b", "c", "d"]},
        "ownership_chains": {"start": "x"},
    }
    for measure in MEASURES:
        stored = run(graph, measure, samples.get(measure, {}))
        assert set(stored["parameters"]) == set(MEASURES[measure].params)
        assert json.loads(json.dumps(stored))["measure"] == measure
    assert run(graph, "pagerank")["parameters"] == {"alpha": 0.85, "tol": 1e-9}
    money = run(graph, "path_money", {"path": ["a", "b", "c", "d"]})["result"]
    assert (money["forward"], money["backward"], money["unconverted"]) == ("3200", "200", ["p5"])
    shortest = run(graph, "shortest_path", {"source": "a", "target": "d"})["result"]
    assert shortest == {"path": ["a", "e", "d"], "edges": [["l1"], ["l2"]]}
    chains = run(graph, "ownership_chains", {"start": "x"})["result"]["chains"]
    assert chains[0] == {
        "entities": ["x", "y", "z", "x"],
        "links": ["o1", "o2", "o4"],
        "share": "20",
        "cycle": True,
        "truncated": False,
    }
    flows = run(Graph.from_proxies(two_gangs()), "community_money")["result"]["flows"]
    assert flows[1] == {"source": 0, "target": 1, "amount": "250", "payments": 1}
