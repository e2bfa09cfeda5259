"""The tracking dashboards: each chart has a table with its numbers, and only the State's data.

The plan runs through 2025 and is judged today (late 2026 or after), so all twelve monthly
reports of each indicator are due: overdue = 12 - reported.
"""

import datetime
import json
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from palermo.core.models import User
from palermo.tracking.models import ActionPlan, Indicator, Recommendation, Status, Theme
from palermo.tracking.services import plans as plan_services
from palermo.tracking.services.measurements import measurement_report
from tests.factories import bearer, make_indicator, make_organisation, make_plan, make_secretariat

D = datetime.date
TODAY = D(2026, 1, 20)


class Tables(HTMLParser):
    """The tables of a page: caption and rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, Any]] = []
        self._text: list[str] | None = None
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "tr":
            self._row = []
        elif tag in {"td", "th", "caption"}:
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._row is not None and self._text is not None:
            self._row.append(" ".join("".join(self._text).split()))
            self._text = None
        elif tag == "caption" and self._text is not None:
            self.tables[-1]["caption"] = " ".join("".join(self._text).split())
            self._text = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1]["rows"].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def table(html: str, caption_starts: str) -> list[list[str]]:
    parser = Tables()
    parser.feed(html)
    for found in parser.tables:
        if found["caption"].startswith(caption_starts):
            return list(found["rows"])
    raise AssertionError(f"No table captioned {caption_starts!r}.")


def report(indicator: Indicator, values: dict[int, int]) -> None:
    for month, value in values.items():
        measurement_report(
            actor=None, indicator=indicator, period=D(2025, month, 1), value=value, today=TODAY
        )


@pytest.fixture
def plan(secretariat: User) -> ActionPlan:
    """Measure 1: an indicator on track (9 overdue) and one at risk (11 overdue, police).
    Measure 2: an indicator without data (12 overdue, police)."""
    plan = make_plan(make_organisation("Task force"), title="National plan 2025")
    police = make_organisation("Police")
    convictions = make_indicator(plan, name="Convictions", unit="cases")
    report(convictions, {1: 110, 2: 120, 3: 130})
    shelters = plan_services.indicator_create(
        actor=None,
        measure=convictions.measure,
        name="Shelter places",
        unit="places",
        baseline_value=100,
        baseline_date=D(2024, 12, 31),
        target_value=200,
        target_date=D(2025, 12, 31),
        direction="increase",
        frequency="monthly",
        reporting_body=police,
    )
    report(shelters, {1: 101})
    make_indicator(plan, reporting_body=police, name="Hotline calls", unit="calls")
    return plan


def test_the_plan_dashboard_tables_hold_the_chart_numbers(
    secretariat_client: Client, plan: ActionPlan
) -> None:
    response = secretariat_client.get(reverse("tracking:plan-dashboard", args=[plan.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    first, second = (measure.title for measure in plan.measures.order_by("number"))
    # (0.30 + 0.01) / 2 = 15.5 %; Shelter places is behind by 0.075 of the way: at risk.
    assert table(html, "Average progress") == [
        ["Measure", "Indicators reporting", "Progress (%)", "Worst indicator"],
        [f"1. {first}", "2 / 2", "15.5", "At risk"],
        [f"2. {second}", "0 / 1", "—", "No data"],
    ]
    assert table(html, "Overdue reports by reporting body") == [
        ["Reporting body", "Indicators with overdue reports", "Overdue reports"],
        ["Police", "2", "23"],
        ["Task force", "1", "9"],
    ]
    indicators = table(html, "Where each indicator stands")
    assert [row[0] for row in indicators[1:]] == ["Convictions", "Shelter places", "Hotline calls"]
    assert indicators[1][2:] == [
        "2025-03",
        "130 cases",
        "200 cases",
        "30.0",
        "24.7",
        "On track",
        "9",
    ]


def test_the_plan_dashboard_embeds_the_specs_for_its_charts(
    secretariat_client: Client, plan: ActionPlan
) -> None:
    response = secretariat_client.get(reverse("tracking:plan-dashboard", args=[plan.pk]))

    html = response.content.decode()
    for chart_id in ("chart-progress", "chart-trend", "chart-overdue"):
        assert f'class="vega-chart w-100 mb-2" data-spec-id="{chart_id}"' in html
        assert f'<script id="{chart_id}" type="application/json">' in html
    assert "vendor/vega/vega-embed.min.js" in html
    assert "palermo/charts.js" in html
    spec = json.loads(
        html.split('<script id="chart-progress" type="application/json">')[1].split("</script>")[0]
    )
    assert [row["progress"] for row in spec["data"]["values"]] == [15.5, None]


def test_the_trend_table_follows_the_chosen_indicator(
    secretariat_client: Client, plan: ActionPlan
) -> None:
    convictions = Indicator.objects.get(name="Convictions")

    response = secretariat_client.get(
        reverse("tracking:plan-dashboard", args=[plan.pk]), {"indicator": convictions.pk}
    )

    rows = table(response.content.decode(), "Convictions: reported and expected values")
    # The path runs from 100 on 31 Dec 2024 to 200 on 31 Dec 2025: 100 + 100 x days / 365.
    assert rows[:5] == [
        ["Reporting period", "Reported value", "Expected value"],
        ["2024-12", "—", "100"],
        ["2025-01", "110", "108.49"],
        ["2025-02", "120", "116.16"],
        ["2025-03", "130", "124.66"],
    ]
    assert rows[-1] == ["2025-12", "—", "200"]


def test_another_states_plan_is_not_found(secretariat_client: Client) -> None:
    foreign = make_plan(make_organisation("Task force", country="NGA"))
    make_indicator(foreign)

    response = secretariat_client.get(reverse("tracking:plan-dashboard", args=[foreign.pk]))

    assert response.status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(plan: ActionPlan) -> None:
    response = Client().get(reverse("tracking:plan-dashboard", args=[plan.pk]))

    assert response.status_code == 302
    assert "login" in response["Location"]


def make_recommendation(country: str, status: str, *themes: str) -> Recommendation:
    recommendation = Recommendation.objects.create(
        title="Recommendation",
        text="Do better.",
        country=country,
        source=Recommendation.Source.OTHER,
        issued_on=D(2025, 3, 1),
        status=status,
    )
    recommendation.themes.set(Theme.objects.filter(code__in=themes))
    return recommendation


def test_the_tracking_dashboard_counts_the_states_recommendations_and_overdue_reports(
    secretariat_client: Client, plan: ActionPlan
) -> None:
    make_recommendation("PAK", Status.IMPLEMENTED, "firearms", "corruption")
    make_recommendation("PAK", Status.IMPLEMENTED, "firearms")
    make_recommendation("PAK", Status.NOT_STARTED, "firearms")
    make_recommendation("PAK", Status.IN_PROGRESS)
    make_recommendation("NGA", Status.NOT_ACCEPTED, "firearms")
    foreign = make_plan(make_organisation("Foreign task force", country="NGA"))
    make_indicator(foreign)

    response = secretariat_client.get(reverse("tracking:dashboard"))

    assert response.status_code == 200
    html = response.content.decode()
    # Columns: not started, in progress, partly implemented, implemented, not accepted.
    assert table(html, "Recommendations by theme and status") == [
        [
            "Theme",
            "Not started",
            "In progress",
            "Partly implemented",
            "Implemented",
            "Not accepted",
            "Total",
        ],
        ["Corruption", "0", "0", "0", "1", "0", "1"],
        ["Firearms", "1", "0", "0", "2", "0", "3"],
        ["No theme", "0", "1", "0", "0", "0", "1"],
    ]
    assert table(html, "Overdue reports by reporting body") == [
        ["Reporting body", "Indicators with overdue reports", "Overdue reports"],
        ["Police", "2", "23"],
        ["Task force", "1", "9"],
    ]
    assert table(html, "1 action plan") == [
        ["Action plan", "Owning body", "Period", "Overdue reports"],
        ["National plan 2025", "Task force", "1 Jan 2025 – 31 Dec 2025", "32"],
    ]


def test_the_tracking_dashboard_says_what_it_is_for_when_empty(
    secretariat_client: Client,
) -> None:
    response = secretariat_client.get(reverse("tracking:dashboard"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "No recommendation has been recorded for your State yet." in html
    assert "Your State has no action plan yet." in html
    assert "vega-chart" not in html


def test_the_api_returns_the_plan_charts_with_their_data(
    api_client: Client, secretariat: User, plan: ActionPlan
) -> None:
    response = api_client.get(f"/api/v1/plans/{plan.pk}/dashboard", headers=bearer(secretariat))

    assert response.status_code == 200
    found = {chart["name"]: chart for chart in response.json()["charts"]}
    assert len(found) == 5  # progress, three trends, overdue
    assert found["overdue_by_body"]["data"] == [
        {"body": "Police", "overdue": 23, "indicators": 2},
        {"body": "Task force", "overdue": 9, "indicators": 1},
    ]
    assert found["progress_by_measure"]["spec"]["$schema"].endswith("vega-lite/v6.json")


def test_the_api_hides_another_states_plan(api_client: Client, secretariat: User) -> None:
    foreign = make_plan(make_organisation("Task force", country="NGA"))

    response = api_client.get(f"/api/v1/plans/{foreign.pk}/dashboard", headers=bearer(secretariat))

    assert response.status_code == 404


def test_the_api_returns_the_tracking_charts(
    api_client: Client, secretariat: User, plan: ActionPlan
) -> None:
    make_recommendation("PAK", Status.IMPLEMENTED, "firearms")
    other_secretariat = make_secretariat("nga-secretariat", country="NGA")

    mine = api_client.get("/api/v1/tracking/dashboard", headers=bearer(secretariat)).json()
    theirs = api_client.get("/api/v1/tracking/dashboard", headers=bearer(other_secretariat)).json()

    assert [chart["name"] for chart in mine["charts"]] == [
        "recommendations_by_status_and_theme",
        "overdue_by_body",
    ]
    assert mine["charts"][0]["data"] == [
        {"theme": "Firearms", "status": "implemented", "status_label": "Implemented", "count": 1}
    ]
    assert theirs["charts"][0]["data"] == []
    assert theirs["charts"][1]["data"] == []
