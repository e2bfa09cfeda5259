"""Vega-Lite (v6) specifications of the tracking charts, built from plain data.

Every function takes lists of dicts (what the dashboard selectors return) and gives back a
JSON-ready dict, so pages draw them with vega-embed and documents render the very same spec
to SVG or PNG with vl-convert. Titles, axis titles and legend labels are translated when the
function is called; pass ``width`` as a number where no container sets it (documents).
The schema is v6, the version vendored for pages and vl-convert's default, so neither warns.

Colours are the status colours of UI.md (Bootstrap's palette), always beside a text label
(legend and table): green done or on track, amber partly or at risk, red not accepted, off
track or overdue, grey not started or no data. "In progress" is Bootstrap's blue: it is
neither done nor at risk, and amber is taken by "partly implemented".

Right to left (Urdu, Arabic): a chart built while such a language is active is mirrored — the
category axis on the right, bars growing leftwards, time running right to left, the title at the
right and the legend on the left — and written in faces that carry Arabic script (Noto Naskh
Arabic, compact enough for axis labels; Noto Sans for Latin). Pages draw the SVG in a
left-to-right box (``palermo.css``), so Vega's anchors hold; each text reads in its own
direction. Labels are limited in pixels, never cut to a letter. Every spec has a ``description``,
which Vega gives the SVG as its accessible name.
"""

from typing import Any

from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from palermo.tracking.models import Status
from palermo.tracking.progress import Track

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"

GREEN = "#198754"
AMBER = "#ffc107"
RED = "#dc3545"
GREY = "#6c757d"
BLUE = "#0d6efd"

TRACK_COLOURS: dict[str, str] = {
    Track.ON_TRACK: GREEN,
    Track.AT_RISK: AMBER,
    Track.OFF_TRACK: RED,
    Track.NO_DATA: GREY,
}
STATUS_COLOURS: dict[str, str] = {
    Status.IMPLEMENTED: GREEN,
    Status.PARTLY_IMPLEMENTED: AMBER,
    Status.IN_PROGRESS: BLUE,
    Status.NOT_STARTED: GREY,
    Status.NOT_ACCEPTED: RED,
}
OVERDUE_COLOUR = RED
REPORTED_COLOUR = BLUE
EXPECTED_COLOUR = GREY
TARGET_COLOUR = GREEN


def track_labels() -> dict[str, str]:
    """The label of each track, in the active language."""
    return {
        Track.ON_TRACK: _("On track"),
        Track.AT_RISK: _("At risk"),
        Track.OFF_TRACK: _("Off track"),
        Track.NO_DATA: _("No data"),
    }


Width = int | str

FONT = "system-ui, sans-serif"
# Noto Naskh Arabic (Debian's fonts-noto-core) holds Urdu at label sizes; Nastaliq, the page's
# face, needs twice the line height a label row has.
FONT_RTL = '"Noto Sans", "Noto Naskh Arabic", "Noto Nastaliq Urdu", sans-serif'
LABEL_LIMIT = 260
FSI, PDI = "\u2068", "\u2069"
LEGEND_LIMIT = 240


def _base(title: str, subtitle: str, width: Width, height: int) -> dict[str, Any]:
    rtl = get_language_bidi()
    heading: dict[str, Any] = {"text": title, "anchor": "end" if rtl else "start"}
    if subtitle:
        heading["subtitle"] = subtitle
    config: dict[str, Any] = {
        "font": FONT_RTL if rtl else FONT,
        "view": {"stroke": None},
        "title": {"limit": 0, "subtitleLimit": 0, "offset": 12},
        "legend": {
            "labelLimit": LEGEND_LIMIT,
            "titleLimit": LEGEND_LIMIT,
            "orient": "left" if rtl else "right",
            "symbolType": "square",
            "labelOffset": 6,
            "rowPadding": 6,
        },
        "axis": {"labelLimit": LABEL_LIMIT, "titleLimit": 0, "labelPadding": 6},
    }
    if rtl:
        config["lineHeight"] = 18
    return {
        "$schema": SCHEMA,
        "title": heading,
        "description": f"{title}. {subtitle}" if subtitle else title,
        "width": width,
        "height": height,
        "padding": {"left": 8, "right": 8, "top": 4, "bottom": 4},
        "config": config,
    }


def _mirrored(*, category: dict[str, Any], value: dict[str, Any]) -> None:
    """Mirror a chart's axes for a right-to-left language: categories right, values leftwards."""
    if not get_language_bidi():
        return
    category.setdefault("axis", {})["orient"] = "right"
    value.setdefault("scale", {})["reverse"] = True


def _colour_scale(colours: dict[str, str], labels: dict[str, str]) -> dict[str, Any]:
    """A colour scale keyed by the translated labels, so the legend reads in words."""
    return {
        "domain": [labels[key] for key in colours],
        "range": list(colours.values()),
    }


def _band_height(rows: int) -> int:
    return max(100, 32 * rows)


def plan_progress_chart(
    measures: list[dict[str, Any]], *, width: Width = "container"
) -> dict[str, Any]:
    """Progress of each measure (%), coloured by its worst indicator's track.

    Rows: ``{"measure": "1. Title", "progress": 42.5 or None, "track": "at_risk",
    "track_label": "At risk"}``; a measure without data has no bar.
    """
    spec = _base(
        _("Progress by measure"),
        _("Average progress of the measure's indicators towards their targets"),
        width,
        _band_height(len(measures)),
    )
    spec["data"] = {"values": measures}
    spec["mark"] = {"type": "bar", "tooltip": True}
    spec["encoding"] = {
        "y": {
            "field": "measure",
            "type": "nominal",
            # Every measure keeps its row, in plan order, even one without a bar (no data).
            "scale": {"domain": [row["measure"] for row in measures], "paddingInner": 0.3},
            "title": _("Measure"),
            "axis": {"labelLimit": LABEL_LIMIT},
        },
        "x": {
            "field": "progress",
            "type": "quantitative",
            "title": _("Progress towards the target (%)"),
            "scale": {"domain": {"unionWith": [0, 100]}},
        },
        "color": {
            "field": "track_label",
            "type": "nominal",
            "title": _("Worst indicator"),
            "scale": _colour_scale(TRACK_COLOURS, track_labels()),
        },
    }
    _mirrored(category=spec["encoding"]["y"], value=spec["encoding"]["x"])
    return spec


def indicator_trend_chart(
    indicator: dict[str, Any], series: list[dict[str, Any]], *, width: Width = "container"
) -> dict[str, Any]:
    """Reported values by period against the straight expected path, and the target.

    ``indicator``: ``{"name", "unit", "target_value"}``; ``series`` rows: ``{"period":
    "2025-03", "series": "reported" or "expected", "series_label": ..., "value": 130.0}``.
    """
    unit = indicator["unit"]
    labels = {"reported": _("Reported value"), "expected": _("Expected path")}
    colour = {
        "field": "series_label",
        "type": "nominal",
        "title": None,
        "scale": {
            "domain": [labels["reported"], labels["expected"]],
            "range": [REPORTED_COLOUR, EXPECTED_COLOUR],
        },
    }
    x = {
        "field": "period",
        "type": "ordinal",
        "sort": "ascending",
        "title": _("Reporting period"),
        "axis": {"labelAngle": -45},
    }
    y = {
        "field": "value",
        "type": "quantitative",
        "title": _("Value (%(unit)s)") % {"unit": unit},
        "scale": {"zero": False},
    }
    rtl = get_language_bidi()
    if rtl:
        # Time runs right to left; the values' axis stands at the right, where reading starts.
        x["scale"] = {"reverse": True}
        y["axis"] = {"orient": "right"}
    target = float(indicator["target_value"])
    target_parts = {"value": _number(target), "unit": unit}
    if rtl:
        # The number keeps its unit's order ("12 meetings", not "meetings 12"): the two sit
        # between First Strong Isolate and Pop Directional Isolate.
        target_parts = {"value": f"{FSI}{_number(target)}", "unit": f"{unit}{PDI}"}
    spec = _base(
        str(indicator["name"]), _("Reported values against the path to the target"), width, 260
    )
    spec["data"] = {"values": series}
    spec["layer"] = [
        {
            "transform": [{"filter": {"field": "series", "equal": "expected"}}],
            "mark": {"type": "line", "strokeDash": [6, 4], "tooltip": True},
            "encoding": {"x": x, "y": y, "color": colour},
        },
        {
            "transform": [{"filter": {"field": "series", "equal": "reported"}}],
            "mark": {"type": "line", "point": True, "tooltip": True},
            "encoding": {"x": x, "y": y, "color": colour},
        },
        {
            "data": {
                "values": [
                    {
                        "target": target,
                        "label": _("Target: %(value)s %(unit)s") % target_parts,
                    }
                ]
            },
            "layer": [
                {
                    "mark": {"type": "rule", "color": TARGET_COLOUR, "strokeDash": [2, 2]},
                    "encoding": {"y": {"field": "target", "type": "quantitative"}},
                },
                {
                    "mark": {
                        "type": "text",
                        "color": TARGET_COLOUR,
                        "align": "right" if rtl else "left",
                        "baseline": "bottom",
                        "dx": -4 if rtl else 4,
                        "dy": -2,
                        "x": {"expr": "width"} if rtl else 0,
                    },
                    "encoding": {
                        "y": {"field": "target", "type": "quantitative"},
                        "text": {"field": "label", "type": "nominal"},
                    },
                },
            ],
        },
    ]
    return spec


def recommendations_chart(
    counts: list[dict[str, Any]], *, width: Width = "container"
) -> dict[str, Any]:
    """Recommendations per theme, stacked by status.

    Rows: ``{"theme": "Firearms", "status": "implemented", "status_label": "Implemented",
    "count": 3}``.
    """
    themes = sorted({row["theme"] for row in counts})
    spec = _base(
        _("Recommendations by status and theme"),
        _("A recommendation with several themes counts under each of them"),
        width,
        _band_height(len(themes)),
    )
    status_labels = {str(value): str(label) for value, label in Status.choices}
    order = {status: index for index, status in enumerate(STATUS_COLOURS)}
    spec["data"] = {"values": [{**row, "status_order": order[row["status"]]} for row in counts]}
    spec["mark"] = {"type": "bar", "tooltip": True}
    spec["encoding"] = {
        "y": {
            "field": "theme",
            "type": "nominal",
            "title": _("Theme"),
            "scale": {"paddingInner": 0.3},
            "axis": {"labelLimit": LABEL_LIMIT},
        },
        "x": {
            "field": "count",
            "type": "quantitative",
            "aggregate": "sum",
            "stack": "zero",
            "title": _("Recommendations (number)"),
            "axis": {"tickMinStep": 1, "format": "d"},
        },
        "color": {
            "field": "status_label",
            "type": "nominal",
            "title": _("Status"),
            "scale": _colour_scale(STATUS_COLOURS, status_labels),
        },
        "order": {"field": "status_order", "type": "quantitative"},
    }
    _mirrored(category=spec["encoding"]["y"], value=spec["encoding"]["x"])
    return spec


def overdue_chart(rows: list[dict[str, Any]], *, width: Width = "container") -> dict[str, Any]:
    """Overdue reports per reporting body. Rows: ``{"body": "Police", "overdue": 4}``."""
    spec = _base(
        _("Overdue reports by reporting body"),
        _("Reporting periods ended (with the grace days) and still without a value"),
        width,
        _band_height(len(rows)),
    )
    spec["data"] = {"values": rows}
    spec["mark"] = {"type": "bar", "color": OVERDUE_COLOUR, "tooltip": True}
    spec["encoding"] = {
        "y": {
            "field": "body",
            "type": "nominal",
            "sort": "-x",
            "scale": {"paddingInner": 0.3},
            "title": _("Reporting body"),
            "axis": {"labelLimit": LABEL_LIMIT},
        },
        "x": {
            "field": "overdue",
            "type": "quantitative",
            "title": _("Overdue reports (number)"),
            "axis": {"tickMinStep": 1, "format": "d"},
        },
    }
    _mirrored(category=spec["encoding"]["y"], value=spec["encoding"]["x"])
    return spec


def _number(value: float) -> str:
    return f"{value:g}"
