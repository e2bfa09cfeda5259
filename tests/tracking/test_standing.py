"""A plan's standing is read once: the plan page, the dashboard, the API and the progress report
agree for the same day, and each says which day it judged by."""

import datetime

import pytest
from django.test import Client

from palermo.core.models import User
from palermo.reports.builders.plan_progress import build_plan_progress
from palermo.reports.document import KeyValues
from palermo.tracking.models import ActionPlan, Indicator
from palermo.tracking.selectors import plans as selectors
from palermo.tracking.selectors import standing
from palermo.tracking.services.measurements import measurement_report
from tests.factories import bearer, make_indicator, make_organisation, make_plan

pytestmark = pytest.mark.django_db

D = datetime.date
# The last day of June 2025: January to May have ended, June has not.
AS_OF = D(2025, 6, 30)


@pytest.fixture
def plan() -> ActionPlan:
    """Two monthly indicators of 2025: one reported January to March, one never."""
    plan = make_plan(make_organisation("Task force"), title="National plan 2025")
    reported = make_indicator(plan, name="Convictions", unit="cases")
    for month, value in {1: 110, 2: 120, 3: 130, 9: 150}.items():
        measurement_report(
            actor=None,
            indicator=reported,
            period=D(2025, month, 1),
            value=value,
            today=D(2025, 12, 31),
        )
    make_indicator(plan, reporting_body=make_organisation("Police"), name="Hotline calls")
    return plan


@pytest.fixture
def on_the_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages and the API judge by today: make today the report's day."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: AS_OF)


def test_the_read_model_counts_values_up_to_its_day_and_overdue_periods_before_it(
    plan: ActionPlan,
) -> None:
    found = standing.plan_standing(plan=plan, as_of=AS_OF)

    # June's report is not due before June ends; September's value is not counted in June.
    convictions, hotline = found.indicators
    assert sorted(convictions.values) == [D(2025, 1, 1), D(2025, 2, 1), D(2025, 3, 1)]
    assert [p.month for p in convictions.overdue] == [4, 5]
    assert [p.month for p in hotline.overdue] == [1, 2, 3, 4, 5]
    assert found.overdue_count == 7
    assert [(group.body.name, group.count) for group in found.overdue] == [
        ("Police", 5),
        ("Task force", 2),
    ]
    assert found.as_of == AS_OF


def test_reading_values_only_gives_the_same_standings(plan: ActionPlan) -> None:
    indicators = Indicator.objects.filter(measure__plan=plan).order_by("pk")

    full = standing.indicator_standings(indicators, AS_OF)
    lean = standing.indicator_standings(indicators, AS_OF, values_only=True)

    assert [(i.indicator.pk, i.values, i.overdue, i.due, i.standing) for i in lean] == [
        (i.indicator.pk, i.values, i.overdue, i.due, i.standing) for i in full
    ]
    assert (
        selectors.plans_overdue([plan], AS_OF)[plan.pk]
        == standing.plan_standing(plan=plan, as_of=AS_OF).overdue
    )


def test_the_dashboard_the_api_the_plan_page_and_the_report_give_the_same_numbers(
    plan: ActionPlan, secretariat: User, on_the_day: None
) -> None:
    client = Client()
    client.force_login(secretariat)

    dashboard = client.get(f"/en/tracking/plans/{plan.pk}/dashboard/")
    detail = client.get(plan.get_absolute_url())
    api = Client().get(f"/api/v1/plans/{plan.pk}/dashboard", headers=bearer(secretariat))
    owed = Client().get(f"/api/v1/plans/{plan.pk}/overdue", headers=bearer(secretariat))
    document = build_plan_progress(user=secretariat, plan=plan, period=D(2025, 6, 1), language="en")

    page_standing = dashboard.context["dashboard"]
    assert page_standing.overdue_count == detail.context["detail"].overdue_count == 7
    charts = {chart["name"]: chart["data"] for chart in api.json()["charts"]}
    assert api.json()["as_of"] == "2025-06-30"
    assert charts["overdue_by_body"] == page_standing.overdue_rows
    assert charts["progress_by_measure"] == page_standing.measure_rows
    assert sum(group["count"] for group in owed.json()) == 7
    summary = dict(next(b for b in document.blocks if isinstance(b, KeyValues)).pairs)
    assert summary["Overdue reports"] == "7"
    assert dict(document.cover.details)["Values counted up to"] == "30 June 2025"


def test_every_page_that_counts_overdue_reports_says_on_which_day(
    plan: ActionPlan, secretariat: User, on_the_day: None
) -> None:
    client = Client()
    client.force_login(secretariat)

    pages = [
        client.get(f"/en/tracking/plans/{plan.pk}/dashboard/"),
        client.get(plan.get_absolute_url()),
        client.get("/en/tracking/dashboard/"),
    ]

    for page in pages:
        assert page.status_code == 200
        assert "30 June 2025" in page.content.decode()
