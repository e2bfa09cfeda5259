"""Vega-Lite (v6) specifications of statistics, built from their result tables.

`chart(statistic, table)` answers a JSON-ready dict in the style of `tracking/charts.py`: a
title with a subtitle, a `description` that screen readers announce, tooltips, words (not
codes) on axes and legends. The page that shows a chart puts the statistic's table under it;
a chart never replaces the table. Pass ``width`` as a number where no container sets it.
"""

from typing import Any

import pyarrow as pa
from django.utils.translation import gettext as _

from palermo.evidence.statistics.definitions import Chart, Statistic
from palermo.evidence.statistics.labels import column_label, labelled_rows, title

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
BAR_COLOUR = "#0d6efd"  # Bootstrap's blue, as the tracking charts' reported values
SUPPRESSED_COLOUR = "#6c757d"
SUBJECT_WIDTH = 3.5
PEER_WIDTH = 1.5

Width = int | str


def _base(statistic: Statistic, subtitle: str, width: Width, height: int) -> dict[str, Any]:
    heading = title(statistic)
    return {
        "$schema": SCHEMA,
        "title": {"text": heading, "subtitle": subtitle, "anchor": "start"},
        "description": _("%(title)s. %(subtitle)s The table below the chart gives the figures.")
        % {"title": heading, "subtitle": subtitle},
        "width": width,
        "height": height,
        "config": {"font": "system-ui, sans-serif", "view": {"stroke": None}},
    }


def _band_height(rows: int) -> int:
    return max(100, 28 * rows)


def _count_axis(statistic: Statistic) -> dict[str, Any]:
    return {
        "field": "victims",
        "type": "quantitative",
        "title": _("Victims (number)"),
        "axis": {"tickMinStep": 1, "format": "d"},
    }


def _nominal(statistic: Statistic, name: str, **extra: Any) -> dict[str, Any]:
    return {
        "field": f"{name}_label",
        "type": "nominal",
        "title": column_label(statistic, name),
        **extra,
    }


def _subtitle(statistic: Statistic) -> str:
    flags = [dim for dim in statistic.dimension_objects() if dim.form == "flags"]
    if flags:
        return _(
            "A victim counts under every value recorded for them, so the counts can add up "
            "to more than the victims."
        )
    return _("Number of identified victims in the records.")


def chart(statistic: Statistic, table: pa.Table, *, width: Width = "container") -> dict[str, Any]:
    """The Vega-Lite specification of one statistic's result."""
    rows = labelled_rows(statistic, table.to_pylist())
    draw = {
        Chart.BAR: _bar,
        Chart.COLUMN: _column,
        Chart.LINE: _line,
        Chart.TREND: _trend,
        Chart.HEATMAP: _heatmap,
        Chart.FLOW: _flow,
        Chart.AGGREGATES: _aggregates,
        Chart.SCORES: _scores,
    }[statistic.chart]
    return draw(statistic, rows, width)


def _bar(statistic: Statistic, rows: list[dict[str, Any]], width: Width) -> dict[str, Any]:
    spec = _base(statistic, _subtitle(statistic), width, _band_height(len(rows)))
    spec["data"] = {"values": rows}
    spec["mark"] = {"type": "bar", "color": BAR_COLOUR, "tooltip": True}
    if not statistic.dimensions:
        spec["encoding"] = {"x": _count_axis(statistic)}
        return spec
    (name,) = statistic.dimensions[:1]
    spec["encoding"] = {
        "y": _nominal(statistic, name, sort="-x", axis={"labelLimit": 260}),
        "x": _count_axis(statistic),
    }
    return spec


def _column(statistic: Statistic, rows: list[dict[str, Any]], width: Width) -> dict[str, Any]:
    spec = _base(statistic, _subtitle(statistic), width, 260)
    name = statistic.dimensions[0]
    spec["data"] = {"values": rows}
    spec["mark"] = {"type": "bar", "color": BAR_COLOUR, "tooltip": True}
    spec["encoding"] = {
        # The table's order (years, then bands by their lower bound), unknown last.
        "x": _nominal(statistic, name, type="ordinal", sort=None, axis={"labelAngle": 0}),
        "y": _count_axis(statistic),
    }
    return spec


def _line(statistic: Statistic, rows: list[dict[str, Any]], width: Width) -> dict[str, Any]:
    name = statistic.dimensions[0]
    spec = _base(statistic, _("Victims per month; months without any are not shown."), width, 260)
    spec["data"] = {"values": rows}
    spec["mark"] = {"type": "line", "point": True, "color": BAR_COLOUR, "tooltip": True}
    spec["encoding"] = {
        "x": _nominal(statistic, name, type="ordinal", sort=None, axis={"labelAngle": -45}),
        "y": _count_axis(statistic),
    }
    return spec


def _trend(statistic: Statistic, rows: list[dict[str, Any]], width: Width) -> dict[str, Any]:
    dated = [row for row in rows if row["year"] is not None]
    spec = _base(
        statistic,
        _("Victims per year of registration; records without a year are in the table only."),
        width,
        260,
    )
    spec["data"] = {"values": dated}
    spec["mark"] = {"type": "line", "point": True, "tooltip": True}
    spec["encoding"] = {
        "x": _nominal(statistic, "year", type="ordinal", sort=None, axis={"labelAngle": 0}),
        "y": _count_axis(statistic),
    }
    if len(statistic.dimensions) > 1:
        spec["encoding"]["color"] = _nominal(statistic, statistic.dimensions[1], sort=None)
    else:
        spec["mark"]["color"] = BAR_COLOUR
    return spec


def _heatmap(statistic: Statistic, rows: list[dict[str, Any]], width: Width) -> dict[str, Any]:
    first, second, *rest = statistic.dimensions
    if rest:  # a third dimension joins the rows: `Female · Forced labour`
        for row in rows:
            row[f"{first}_label"] = f"{row[f'{first}_label']} · {row[f'{rest[0]}_label']}"
    top = max((row["victims"] for row in rows), default=0)
    for row in rows:
        row["max"] = top
    height = _band_height(len({row[f"{first}_label"] for row in rows}))
    spec = _base(statistic, _subtitle(statistic), width, height)
    spec["data"] = {"values": rows}
    y = _nominal(statistic, first, sort=None, axis={"labelLimit": 260})
    x = _nominal(statistic, second, sort=None, axis={"labelAngle": -45, "labelLimit": 160})
    spec["layer"] = [
        {
            "mark": {"type": "rect", "tooltip": True},
            "encoding": {
                "x": x,
                "y": y,
                "color": {
                    "field": "victims",
                    "type": "quantitative",
                    "title": _("Victims (number)"),
                    "scale": {"scheme": "blues"},
                },
            },
        },
        {
            "mark": {"type": "text", "baseline": "middle"},
            "encoding": {
                "x": x,
                "y": y,
                "text": {"field": "victims", "type": "quantitative"},
                "color": {
                    "condition": {"test": "datum.victims > 0.6 * datum.max", "value": "white"},
                    "value": "black",
                },
            },
        },
    ]
    return spec


def _flow(statistic: Statistic, rows: list[dict[str, Any]], width: Width) -> dict[str, Any]:
    """Two columns of countries, origin left and exploitation right, joined by bands."""
    source, target = statistic.dimensions

    def ranks(name: str) -> dict[str, int]:
        totals: dict[str, int] = {}
        for row in rows:
            totals[row[f"{name}_label"]] = totals.get(row[f"{name}_label"], 0) + row["victims"]
        ordered = sorted(totals, key=lambda label: (-totals[label], label))
        return {label: rank for rank, label in enumerate(ordered)}

    left, right = ranks(source), ranks(target)
    links = [
        {
            **row,
            "from_rank": left[row[f"{source}_label"]],
            "to_rank": right[row[f"{target}_label"]],
            "from_x": 0,
            "to_x": 1,
        }
        for row in rows
    ]
    nodes = [{"label": label, "rank": rank, "side": 0} for label, rank in left.items()] + [
        {"label": label, "rank": rank, "side": 1} for label, rank in right.items()
    ]
    spec = _base(
        statistic,
        _("From citizenship (left) to country of exploitation (right); thicker is more victims."),
        width,
        _band_height(max(len(left), len(right))),
    )
    y_scale = {"type": "quantitative", "axis": None, "scale": {"reverse": True, "nice": False}}
    x_scale = {"type": "quantitative", "axis": None, "scale": {"domain": [-0.4, 1.4]}}
    spec["layer"] = [
        {
            "data": {"values": links},
            "mark": {"type": "rule", "color": BAR_COLOUR, "opacity": 0.5, "tooltip": True},
            "encoding": {
                "x": {"field": "from_x", **x_scale},
                "x2": {"field": "to_x"},
                "y": {"field": "from_rank", **y_scale},
                "y2": {"field": "to_rank"},
                "strokeWidth": {
                    "field": "victims",
                    "type": "quantitative",
                    "title": _("Victims (number)"),
                    "scale": {"range": [1, 18]},
                },
                "tooltip": [
                    {"field": f"{source}_label", "title": column_label(statistic, source)},
                    {"field": f"{target}_label", "title": column_label(statistic, target)},
                    {"field": "victims", "title": _("Victims")},
                ],
            },
        },
        {
            "data": {"values": nodes},
            "mark": {"type": "text", "baseline": "middle", "fontWeight": "bold"},
            "encoding": {
                "x": {"field": "side", **x_scale},
                "y": {"field": "rank", **y_scale},
                "text": {"field": "label"},
                "align": {
                    "condition": {"test": "datum.side == 0", "value": "right"},
                    "value": "left",
                },
                "xOffset": {"condition": {"test": "datum.side == 0", "value": -6}, "value": 6},
            },
        },
    ]
    return spec


def _aggregates(statistic: Statistic, rows: list[dict[str, Any]], width: Width) -> dict[str, Any]:
    """Published figures as bars; a figure that includes a suppressed cell has no bar, a mark."""
    names = list(statistic.dimensions)
    x_name = "year" if "year" in names else names[0]
    colour = "sex" if "sex" in names and x_name != "sex" else None
    panels = [name for name in names if name not in (x_name, colour)]
    suppressed_text, missing_text = _("suppressed"), _("not given")
    for row in rows:
        row["panel"] = " · ".join(row[f"{name}_label"] for name in panels) or title(statistic)
        unknown = row["value"] is None
        row["mark_text"] = suppressed_text if row["suppressed"] else missing_text if unknown else ""
    x = _nominal(statistic, x_name, type="ordinal", sort=None, axis={"labelAngle": 0})
    y = {"field": "value", "type": "quantitative", "title": _("Value")}
    bars: dict[str, Any] = {"mark": {"type": "bar", "tooltip": True}, "encoding": {"x": x, "y": y}}
    marks: dict[str, Any] = {
        "transform": [{"filter": "datum.value === null"}],
        "mark": {"type": "text", "angle": -90, "align": "left", "color": SUPPRESSED_COLOUR},
        "encoding": {
            "x": x,
            "y": {"datum": 0, "type": "quantitative"},
            "text": {"field": "mark_text"},
        },
    }
    if colour:
        # Every value keeps its place and its legend entry, even one with no bar at all.
        domain = list(dict.fromkeys(row[f"{colour}_label"] for row in rows))
        bars["encoding"]["xOffset"] = _nominal(statistic, colour, sort=None)
        bars["encoding"]["color"] = _nominal(statistic, colour, scale={"domain": domain})
        marks["encoding"]["xOffset"] = _nominal(statistic, colour, sort=None)
        bars["encoding"]["xOffset"]["scale"] = {"domain": domain}
        marks["encoding"]["xOffset"]["scale"] = {"domain": domain}
    spec = _base(
        statistic,
        _("A figure that includes a suppressed value is not a number: it is marked, not drawn."),
        width,
        220,
    )
    inner = {"layer": [bars, marks]}
    if len({row["panel"] for row in rows}) > 1:
        del spec["width"], spec["height"]
        spec["data"] = {"values": rows}
        spec["facet"] = {"row": {"field": "panel", "type": "nominal", "title": None}}
        spec["spec"] = {"width": 400 if width == "container" else width, "height": 200, **inner}
        return spec
    spec["data"] = {"values": rows}
    spec.update(inner)
    return spec


def _scores(statistic: Statistic, rows: list[dict[str, Any]], width: Width) -> dict[str, Any]:
    """Scores by edition, one line per country, the country profiled drawn thicker."""
    spec = _base(
        statistic,
        _("Scores from 1 to 10 in each edition of the index; the country profiled is thicker."),
        width,
        240,
    )
    countries = list(dict.fromkeys(row["country_label"] for row in rows))
    layer: dict[str, Any] = {
        "mark": {"type": "line", "point": True, "tooltip": True},
        "encoding": {
            "x": _nominal(statistic, "edition", type="ordinal", sort=None, axis={"labelAngle": 0}),
            "y": {
                "field": "score",
                "type": "quantitative",
                "title": _("Score"),
                "scale": {"domain": [1, 10]},
            },
            "color": _nominal(statistic, "country", scale={"domain": countries}),
            "strokeWidth": {
                "condition": {"test": "datum.subject", "value": SUBJECT_WIDTH},
                "value": PEER_WIDTH,
            },
        },
    }
    spec["data"] = {"values": rows}
    if len({row["indicator"] for row in rows}) > 1:
        del spec["width"], spec["height"]
        spec["facet"] = {"field": "indicator_label", "type": "nominal", "title": None}
        spec["columns"] = 2
        spec["spec"] = {"width": 260 if width == "container" else width, "height": 180, **layer}
        return spec
    spec.update(layer)
    return spec
