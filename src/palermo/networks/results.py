"""A stored run's result as people read it: a table (sortable, top N) and, where it fits, a chart.

Every measure's result is turned into rows of cells; a cell that is an entity carries its id,
so pages link it to the entity's page. Charts are Vega-Lite specs in the style of the other
apps' charts (`tracking.charts`), drawn by `static/palermo/charts.js`.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from palermo.networks.models import AnalysisRun

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"

SCORE_MEASURES = ("degree", "betweenness", "betweenness_sampled", "pagerank")
CHART_TOP = 20


@dataclass(frozen=True)
class Cell:
    text: str
    entity: str = ""  # the entity id when the cell names an entity
    sort: Any = None

    @property
    def numeric(self) -> bool:
        return isinstance(self.sort, int | float | Decimal)


@dataclass
class Table:
    columns: list[tuple[str, str]]  # (key, label)
    default_sort: str = ""
    rows: list[dict[str, Cell]] = field(default_factory=list)

    def sorted(self, sort: str, top: int | None) -> list[list[Cell]]:
        key = sort.lstrip("-")
        if key not in dict(self.columns):
            key, sort = self.default_sort.lstrip("-"), self.default_sort
        descending = sort.startswith("-")
        rows = self.rows
        if key:
            present = [r for r in rows if r[key].sort is not None]
            missing = [r for r in rows if r[key].sort is None]
            present.sort(key=lambda r: r[key].sort, reverse=descending)
            rows = present + missing
        shown = rows if top is None else rows[:top]
        return [[row[name] for name, _label in self.columns] for row in shown]


def _number(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            return None
    return value


def _entity(key: Any, names: dict[str, str]) -> Cell:
    name = names.get(str(key)) or str(key)
    return Cell(name, entity=str(key), sort=name.casefold())


def _value(value: Any) -> Cell:
    number = _number(value)
    if isinstance(number, float):
        return Cell(f"{number:.6g}", sort=number)
    return Cell(str(value), sort=number)


def _chain(keys: list[Any], names: dict[str, str]) -> Cell:
    text = " → ".join(names.get(str(k)) or str(k) for k in keys)
    return Cell(text, sort=len(keys))


def result_table(run: AnalysisRun, names: dict[str, str]) -> Table:  # noqa: C901
    """The run's result as rows; entity cells named from `names` (id -> name)."""
    result, measure = run.result, run.measure
    entity_label, value_label = _("Entity"), _("Value")
    if measure in SCORE_MEASURES:
        table = Table([("entity", entity_label), ("value", value_label)], default_sort="-value")
        for key, score in result.get("scores", {}).items():
            table.rows.append({"entity": _entity(key, names), "value": _value(score)})
        return table
    if measure in ("communities", "community_money") and "flows" not in result:
        table = Table([("entity", entity_label), ("community", _("Community"))], "community")
        for key, community in result.get("membership", {}).items():
            table.rows.append({"entity": _entity(key, names), "community": _value(community)})
        return table
    if measure == "community_money":
        table = Table(
            [
                ("source", _("From community")),
                ("target", _("To community")),
                ("amount", _("Amount")),
                ("payments", _("Payments")),
            ],  # fmt: skip
            default_sort="-amount",
        )
        for flow in result.get("flows", []):
            table.rows.append({name: _value(flow[name]) for name, _label in table.columns})
        return table
    if measure == "entity_money":
        table = Table(
            [("entity", entity_label), ("paid", _("Paid")), ("received", _("Received"))], "-paid"
        )
        for key, flow in result.get("flows", {}).items():
            table.rows.append(
                {
                    "entity": _entity(key, names),
                    "paid": _value(flow["paid"]),
                    "received": _value(flow["received"]),
                }
            )
        return table
    if measure == "shortest_path":
        table = Table([("step", _("Step")), ("entity", entity_label)], "step")
        for step, key in enumerate(result.get("path") or []):
            table.rows.append({"step": _value(step), "entity": _entity(key, names)})
        return table
    if measure == "simple_paths":
        table = Table([("length", _("Links")), ("path", _("Path"))], "length")
        for path in result.get("paths", []):
            table.rows.append({"length": _value(len(path) - 1), "path": _chain(path, names)})
        return table
    if measure == "ego_network":
        table = Table([("entity", entity_label), ("distance", _("Links away"))], "distance")
        for key, distance in result.get("nodes", {}).items():
            table.rows.append({"entity": _entity(key, names), "distance": _value(distance)})
        return table
    if measure == "path_money":
        table = Table(
            [
                ("source", _("From")),
                ("target", _("To")),
                ("forward", _("Paid along the path")),
                ("backward", _("Paid back")),
            ],  # fmt: skip
        )
        for hop in result.get("hops", []):
            table.rows.append(
                {
                    "source": _entity(hop["source"], names),
                    "target": _entity(hop["target"], names),
                    "forward": _value(hop["forward"]),
                    "backward": _value(hop["backward"]),
                }
            )
        return table
    if measure == "ownership_chains":
        table = Table([("chain", _("Chain")), ("share", _("Share (%)")), ("note", _("Note"))])
        for chain in result.get("chains", []):
            note = _("cycle") if chain["cycle"] else _("goes on") if chain["truncated"] else ""
            table.rows.append(
                {
                    "chain": _chain(chain["entities"], names),
                    "share": _value(chain["share"]) if chain["share"] else Cell("—"),
                    "note": Cell(note),
                }
            )
        return table
    return Table([])


def result_ids(run: AnalysisRun) -> set[str]:
    """Every entity id a run's result names, to look their names up."""
    result = run.result
    ids: set[str] = set()
    for name in ("scores", "membership", "nodes", "flows"):
        value = result.get(name)
        if isinstance(value, dict):
            ids |= {str(k) for k in value}
    for path in result.get("paths", []) + [result.get("path") or []]:
        ids |= {str(k) for k in path}
    for hop in result.get("hops", []):
        ids |= {str(hop["source"]), str(hop["target"])}
    for chain in result.get("chains", []):
        ids |= {str(k) for k in chain["entities"]}
    return ids


def result_chart(run: AnalysisRun, names: dict[str, str]) -> dict[str, Any] | None:
    """A bar chart of the top entities by score, or of community sizes; None for the others."""
    from palermo.networks.measures import measure_label

    if run.measure in SCORE_MEASURES:
        top = sorted(run.result.get("scores", {}).items(), key=lambda kv: (-kv[1], kv[0]))
        values = [{"entity": names.get(str(k)) or str(k), "value": v} for k, v in top[:CHART_TOP]]
        x_title, y_title = measure_label(run.measure), _("Entity")
        encoding_y: dict[str, Any] = {"field": "entity", "type": "nominal", "sort": "-x"}
        encoding_y["title"] = y_title
        encoding_x = {"field": "value", "type": "quantitative", "title": x_title}
        title = _("Top %(count)s entities by %(measure)s") % {
            "count": len(values),
            "measure": measure_label(run.measure),
        }
    elif run.measure == "communities":
        sizes = run.result.get("sizes", [])[:CHART_TOP]
        values = [{"community": str(i), "size": size} for i, size in enumerate(sizes)]
        encoding_y = {"field": "community", "type": "nominal", "sort": None}
        encoding_y["title"] = _("Community")
        encoding_x = {"field": "size", "type": "quantitative", "title": _("Entities")}
        title = _("Community sizes")
    else:
        return None
    if not values:
        return None
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "anchor": "start"},
        "width": "container",
        "height": 18 * len(values) + 10,
        "data": {"values": values},
        "mark": {"type": "bar", "color": "#0d6efd"},
        "encoding": {"y": encoding_y, "x": encoding_x},
        "config": {"font": "system-ui, sans-serif", "view": {"stroke": None}},
    }
