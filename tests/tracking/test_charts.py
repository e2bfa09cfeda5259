"""The tracking charts are Vega-Lite v6 specs drawn from the rows given, in the status colours."""

import json
from typing import Any

import pytest
import vl_convert
from django.utils import translation

from palermo.tracking import charts

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"

MEASURES: list[dict[str, Any]] = [
    {
        "measure": "1. Train judges",
        "progress": 62.5,
        "track": "on_track",
        "track_label": "On track",
    },
    {"measure": "2. Shelters", "progress": 20.0, "track": "off_track", "track_label": "Off track"},
    {"measure": "3. Hotline", "progress": None, "track": "no_data", "track_label": "No data"},
]
TREND: list[dict[str, Any]] = [
    {"period": "2024-12", "series": "expected", "series_label": "Expected path", "value": 100.0},
    {"period": "2025-01", "series": "expected", "series_label": "Expected path", "value": 108.49},
    {"period": "2025-01", "series": "reported", "series_label": "Reported value", "value": 110.0},
]
RECOMMENDATIONS: list[dict[str, Any]] = [
    {"theme": "Firearms", "status": "implemented", "status_label": "Implemented", "count": 2},
    {"theme": "Firearms", "status": "not_started", "status_label": "Not started", "count": 1},
    {"theme": "Smuggling", "status": "in_progress", "status_label": "In progress", "count": 4},
]
OVERDUE: list[dict[str, Any]] = [{"body": "Police", "overdue": 3, "indicators": 1}]


def encoded_fields(spec: dict[str, Any]) -> set[str]:
    """Every field an encoding of the spec (or of its layers) reads."""
    found = {
        channel["field"]
        for channel in spec.get("encoding", {}).values()
        if isinstance(channel, dict) and "field" in channel
    }
    for layer in spec.get("layer", []):
        found |= encoded_fields(layer)
    return found


def data_fields(spec: dict[str, Any]) -> set[str]:
    found = {key for row in spec.get("data", {}).get("values", []) for key in row}
    for layer in spec.get("layer", []):
        found |= data_fields(layer)
    return found


def marks(spec: dict[str, Any]) -> list[str]:
    own = spec.get("mark")
    found = [own if isinstance(own, str) else own["type"]] if own else []
    for layer in spec.get("layer", []):
        found += marks(layer)
    return found


def colour_of(spec: dict[str, Any], label: str) -> str:
    scale = spec["encoding"]["color"]["scale"]
    return str(scale["range"][scale["domain"].index(label)])


def test_plan_progress_is_a_titled_bar_chart_of_percent_by_measure() -> None:
    spec = charts.plan_progress_chart(MEASURES)

    assert spec["$schema"] == SCHEMA
    assert spec["title"]["text"] == "Progress by measure"
    assert marks(spec) == ["bar"]
    assert spec["data"]["values"] == MEASURES
    assert encoded_fields(spec) == {"measure", "progress", "track_label"}
    assert encoded_fields(spec) <= data_fields(spec)
    assert spec["encoding"]["x"]["title"] == "Progress towards the target (%)"
    assert spec["encoding"]["y"]["title"] == "Measure"


def test_plan_progress_colours_each_track_as_ui_md_says() -> None:
    spec = charts.plan_progress_chart(MEASURES)

    assert colour_of(spec, "On track") == "#198754"
    assert colour_of(spec, "At risk") == "#ffc107"
    assert colour_of(spec, "Off track") == "#dc3545"
    assert colour_of(spec, "No data") == "#6c757d"


def test_indicator_trend_layers_the_values_the_expected_path_and_the_target() -> None:
    indicator = {"name": "Convictions", "unit": "cases", "target_value": 200.0}

    spec = charts.indicator_trend_chart(indicator, TREND)

    assert spec["$schema"] == SCHEMA
    assert spec["title"]["text"] == "Convictions"
    assert marks(spec) == ["line", "line", "rule", "text"]
    assert encoded_fields(spec) == {"period", "value", "series_label", "target", "label"}
    assert encoded_fields(spec) <= data_fields(spec)
    expected, reported, target = spec["layer"]
    assert expected["mark"]["strokeDash"] == [6, 4]
    assert expected["transform"] == [{"filter": {"field": "series", "equal": "expected"}}]
    assert reported["transform"] == [{"filter": {"field": "series", "equal": "reported"}}]
    assert reported["encoding"]["y"]["title"] == "Value (cases)"
    assert reported["encoding"]["x"]["title"] == "Reporting period"
    assert target["data"]["values"] == [{"target": 200.0, "label": "Target: 200 cases"}]


def test_recommendations_stack_counts_by_theme_in_the_status_colours() -> None:
    spec = charts.recommendations_chart(RECOMMENDATIONS)

    assert spec["$schema"] == SCHEMA
    assert spec["title"]["text"] == "Recommendations by status and theme"
    assert marks(spec) == ["bar"]
    assert spec["encoding"]["x"]["stack"] == "zero"
    assert spec["encoding"]["x"]["title"] == "Recommendations (number)"
    assert encoded_fields(spec) == {"theme", "count", "status_label", "status_order"}
    assert encoded_fields(spec) <= data_fields(spec)
    assert colour_of(spec, "Implemented") == "#198754"
    assert colour_of(spec, "Partly implemented") == "#ffc107"
    assert colour_of(spec, "In progress") == "#0d6efd"
    assert colour_of(spec, "Not started") == "#6c757d"
    assert colour_of(spec, "Not accepted") == "#dc3545"


def test_overdue_reports_are_red_bars_by_body() -> None:
    spec = charts.overdue_chart(OVERDUE)

    assert spec["$schema"] == SCHEMA
    assert spec["title"]["text"] == "Overdue reports by reporting body"
    assert spec["mark"]["type"] == "bar"
    assert spec["mark"]["color"] == "#dc3545"
    assert encoded_fields(spec) == {"body", "overdue"}
    assert encoded_fields(spec) <= data_fields(spec)
    assert spec["encoding"]["x"]["title"] == "Overdue reports (number)"


def test_a_document_gives_the_chart_a_fixed_width() -> None:
    assert charts.overdue_chart(OVERDUE, width=480)["width"] == 480
    assert charts.overdue_chart(OVERDUE)["width"] == "container"


def test_specs_are_plain_json() -> None:
    """Translated titles are plain strings, so json_script and vl-convert take the specs."""
    indicator = {"name": "Convictions", "unit": "cases", "target_value": 200.0}
    for spec in (
        charts.plan_progress_chart(MEASURES),
        charts.indicator_trend_chart(indicator, TREND),
        charts.recommendations_chart(RECOMMENDATIONS),
        charts.overdue_chart(OVERDUE),
    ):
        assert json.loads(json.dumps(spec)) == spec


@pytest.mark.parametrize(
    "spec",
    [
        charts.plan_progress_chart(MEASURES, width=400),
        charts.indicator_trend_chart(
            {"name": "Convictions", "unit": "cases", "target_value": 200.0}, TREND, width=400
        ),
        charts.recommendations_chart(RECOMMENDATIONS, width=400),
        charts.overdue_chart(OVERDUE, width=400),
    ],
    ids=["progress", "trend", "recommendations", "overdue"],
)
def test_documents_render_the_same_specs_to_svg(spec: dict[str, Any]) -> None:
    svg = vl_convert.vegalite_to_svg(spec)

    assert svg.startswith("<svg")
    assert spec["title"]["text"] in svg


def test_a_chart_built_in_urdu_is_mirrored_and_written_in_an_urdu_face() -> None:
    with translation.override("ur"):
        progress = charts.plan_progress_chart(MEASURES)
        trend = charts.indicator_trend_chart(
            {"name": "Convictions", "unit": "cases", "target_value": 12}, TREND
        )

    assert progress["encoding"]["y"]["axis"] == {"labelLimit": 260, "orient": "right"}
    assert progress["encoding"]["x"]["scale"]["reverse"] is True
    assert progress["title"]["anchor"] == "end"
    assert progress["config"]["legend"]["orient"] == "left"
    assert "Noto Naskh Arabic" in progress["config"]["font"]
    assert trend["layer"][0]["encoding"]["x"]["scale"] == {"reverse": True}
    target = trend["layer"][2]["data"]["values"][0]["label"]
    assert "\u206812 cases\u2069" in target


def test_a_chart_built_in_english_reads_left_to_right_and_has_a_description() -> None:
    with translation.override("en"):
        progress = charts.plan_progress_chart(MEASURES)

    assert progress["encoding"]["y"]["axis"] == {"labelLimit": 260}
    assert "reverse" not in progress["encoding"]["x"]["scale"]
    assert progress["title"]["anchor"] == "start"
    assert progress["config"]["legend"]["orient"] == "right"
    assert progress["description"] == (
        "Progress by measure. Average progress of the measure's indicators towards their targets"
    )
