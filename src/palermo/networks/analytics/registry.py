"""Measures by name, with their parameters checked, so a run can be stored and repeated.

`run(graph, "pagerank", {"alpha": 0.9})` checks the parameters against the measure's (unknown,
missing, wrong type, out of range, not a choice, an entity not in the network: each refused
with one of the messages below), fills in the defaults, and returns plain JSON-ready values:
`{"measure": ..., "parameters": {every parameter, defaults included}, "result": {...}}`.
Amounts are strings (exact decimals); scores are floats; ids are the graph's own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import centrality, money, ownership, paths
from .communities import METHODS, communities
from .graph import Graph, Key

UNKNOWN_MEASURE = "There is no measure called “{name}”."
UNKNOWN_PARAMETER = "The measure “{measure}” takes no parameter “{name}”."
MISSING_PARAMETER = "The measure “{measure}” needs the parameter “{name}”."
WRONG_TYPE = "The parameter “{name}” must be {kind}."
OUT_OF_RANGE = "The parameter “{name}” must be between {minimum} and {maximum}."
NOT_A_CHOICE = "The parameter “{name}” must be one of: {choices}."
UNKNOWN_ENTITY = "The entity “{key}” is not in this network."

REQUIRED = object()
KIND_NAMES = {
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    str: "a text",
    "entity": "an entity id",
    "entities": "a list of entity ids",
}


class AnalysisError(ValueError):
    """A measure asked for with parameters it cannot run with; the message says why."""


@dataclass(frozen=True)
class Param:
    kind: Any
    default: Any = REQUIRED
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Measure:
    compute: Callable[..., dict[str, Any]]
    params: dict[str, Param] = field(default_factory=dict)


def _amount(value: Decimal) -> str:
    return str(value)


def _scores(values: Mapping[Key, float | int]) -> dict[str, Any]:
    return {"scores": dict(values)}


def _communities(graph: Graph, **params: Any) -> dict[str, Any]:
    found = communities(graph, **params)
    return {"membership": found.membership, "sizes": found.sizes, "modularity": found.modularity}


def _shortest(graph: Graph, **params: Any) -> dict[str, Any]:
    path = paths.shortest_path(graph, **params)
    if path is None:
        return {"path": None, "edges": []}
    hops = paths.hop_edges(graph, path, directed=params["directed"])
    return {"path": path, "edges": [sorted({e.id for e in hop}, key=str) for hop in hops]}


def _ego(graph: Graph, **params: Any) -> dict[str, Any]:
    nodes, edges = paths.ego_network(graph, **params)
    return {"nodes": nodes, "edges": edges}


def _path_money(graph: Graph, **params: Any) -> dict[str, Any]:
    found = money.path_money(graph, **params)
    hops = [
        {
            "source": hop.source,
            "target": hop.target,
            "forward": _amount(hop.forward),
            "backward": _amount(hop.backward),
            "payments": hop.payments,
        }
        for hop in found.hops
    ]
    return {
        "hops": hops,
        "forward": _amount(found.forward),
        "backward": _amount(found.backward),
        "unconverted": found.unconverted,
    }


def _community_money(graph: Graph, *, currency: str, **params: Any) -> dict[str, Any]:
    found = communities(graph, **params)
    flows = money.community_money(graph, membership=found.membership, currency=currency)
    return {
        "membership": found.membership,
        "sizes": found.sizes,
        "flows": [
            {"source": a, "target": b, "amount": _amount(total), "payments": flows.counts[a, b]}
            for (a, b), total in flows.totals.items()
        ],
        "unconverted": flows.unconverted,
    }


def _entity_money(graph: Graph, **params: Any) -> dict[str, Any]:
    flows = money.entity_money(graph, **params)
    return {
        "flows": {
            key: {"paid": _amount(paid), "received": _amount(received)}
            for key, (paid, received) in flows.items()
        }
    }


def _ownership(graph: Graph, **params: Any) -> dict[str, Any]:
    chains = ownership.ownership_chains(graph, **params)
    return {
        "chains": [
            {
                "entities": chain.entities,
                "links": chain.links,
                "share": None if chain.share is None else _amount(chain.share),
                "cycle": chain.cycle,
                "truncated": chain.truncated,
            }
            for chain in chains
        ]
    }


DIRECTED = Param(bool, False)
SEED = Param(int, 0, 0, 2**31 - 1)
CURRENCY = Param(str, "EUR")
COMMUNITY = {
    "method": Param(str, "louvain", choices=METHODS),
    "resolution": Param(float, 1.0, 0.0, 100.0),
    "seed": SEED,
    "refine": Param(bool, False),
}
PAIR = {"source": Param("entity"), "target": Param("entity"), "directed": DIRECTED}

MEASURES: dict[str, Measure] = {
    "degree": Measure(
        lambda g, **p: _scores(centrality.degree(g, **p)),
        {"direction": Param(str, "total", choices=("in", "out", "total"))},
    ),
    "betweenness": Measure(
        lambda g, **p: _scores(centrality.betweenness(g, **p)),
        {"directed": DIRECTED, "normalized": Param(bool, False)},
    ),
    "betweenness_sampled": Measure(
        lambda g, **p: _scores(centrality.betweenness_sampled(g, **p)),
        {
            "samples": Param(int, 100, 1, 1_000_000),
            "seed": SEED,
            "directed": DIRECTED,
            "normalized": Param(bool, False),
        },
    ),
    "pagerank": Measure(
        lambda g, **p: _scores(centrality.pagerank(g, **p)),
        {"alpha": Param(float, 0.85, 0.0, 1.0), "tol": Param(float, 1e-9, 1e-15, 1e-2)},
    ),
    "communities": Measure(_communities, COMMUNITY),
    "shortest_path": Measure(_shortest, PAIR),
    "simple_paths": Measure(
        lambda g, **p: {"paths": paths.simple_paths(g, **p)},
        {**PAIR, "max_length": Param(int, 4, 1, 10), "limit": Param(int, 1000, 1, 100_000)},
    ),
    "ego_network": Measure(
        _ego, {"center": Param("entity"), "radius": Param(int, 1, 0, 6), "directed": DIRECTED}
    ),
    "path_money": Measure(_path_money, {"path": Param("entities"), "currency": CURRENCY}),
    "community_money": Measure(_community_money, {**COMMUNITY, "currency": CURRENCY}),
    "entity_money": Measure(_entity_money, {"currency": CURRENCY}),
    "ownership_chains": Measure(
        _ownership,
        {
            "start": Param("entity"),
            "direction": Param(str, "up", choices=ownership.DIRECTIONS),
            "depth": Param(int, 5, 1, 20),
            "limit": Param(int, 1000, 1, 100_000),
        },
    ),
}


def _check(graph: Graph, name: str, param: Param, value: Any) -> Any:
    kind = param.kind
    if kind in ("entity", "entities"):
        keys = [value] if kind == "entity" else value
        if not isinstance(keys, list) or not all(isinstance(k, str | int) for k in keys):
            raise AnalysisError(WRONG_TYPE.format(name=name, kind=KIND_NAMES[kind]))
        for key in keys:
            if key not in graph.index:
                raise AnalysisError(UNKNOWN_ENTITY.format(key=key))
        return value
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise AnalysisError(WRONG_TYPE.format(name=name, kind=KIND_NAMES[kind]))
    if param.choices is not None and value not in param.choices:
        raise AnalysisError(NOT_A_CHOICE.format(name=name, choices=", ".join(param.choices)))
    low, high = param.minimum, param.maximum
    if low is not None and high is not None and not low <= value <= high:
        raise AnalysisError(OUT_OF_RANGE.format(name=name, minimum=low, maximum=high))
    return value


def validate(graph: Graph, measure: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """Every parameter of `measure`, checked, with defaults filled in (AnalysisError if not)."""
    if measure not in MEASURES:
        raise AnalysisError(UNKNOWN_MEASURE.format(name=measure))
    spec = MEASURES[measure].params
    for name in params:
        if name not in spec:
            raise AnalysisError(UNKNOWN_PARAMETER.format(measure=measure, name=name))
    checked: dict[str, Any] = {}
    for name, param in spec.items():
        if name in params:
            checked[name] = _check(graph, name, param, params[name])
        elif param.default is REQUIRED:
            raise AnalysisError(MISSING_PARAMETER.format(measure=measure, name=name))
        else:
            checked[name] = param.default
    return checked


def run(graph: Graph, measure: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Run a measure by name: its checked parameters and its result, ready to store as JSON."""
    checked = validate(graph, measure, params or {})
    result = MEASURES[measure].compute(graph, **checked)
    return {"measure": measure, "parameters": checked, "result": result}
