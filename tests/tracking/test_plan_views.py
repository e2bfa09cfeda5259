"""Plan pages show where each indicator stands and what is overdue, from the values reported.

Every period of 2025 is due by now (the tests run after mid-January 2026), so an indicator of
the 2025 factory plan owes one report per month without a value.
"""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation
from palermo.tracking.models import ActionPlan, Indicator, Recommendation
from palermo.tracking.services import measurements as measurement_services
from palermo.tracking.services import plans as plan_services
from tests.factories import make_indicator, make_organisation, make_plan, make_user
from tests.isolates import without_isolates

pytestmark = pytest.mark.django_db


def report_months(indicator: Indicator, values: dict[int, int]) -> None:
    for month, value in values.items():
        measurement_services.measurement_report(
            actor=None, indicator=indicator, period=datetime.date(2025, month, 1), value=value
        )


def text(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", without_isolates(response.content.decode()))


@pytest.fixture
def interior() -> Organisation:
    return make_organisation("Ministry of Interior")


@pytest.fixture
def plan(interior: Organisation) -> ActionPlan:
    plan = make_plan(make_organisation("Joint Task Force"), title="Plan against smuggling")
    on_track = make_indicator(plan, reporting_body=interior, name="Cases registered")
    report_months(on_track, {month: 100 + 9 * month for month in range(1, 13)})
    off_track = make_indicator(plan, reporting_body=interior, name="Sessions held")
    report_months(off_track, {1: 105, 2: 108, 3: 110, 4: 112, 5: 115, 6: 120})
    make_indicator(plan, name="Departures intercepted")
    return plan


def test_the_plan_shows_standing_badges_and_overdue_counts(
    secretariat_client: Client, plan: ActionPlan
) -> None:
    page = text(secretariat_client.get(plan.get_absolute_url()))

    assert '<span class="badge text-bg-success">On track</span>' in page
    assert '<span class="badge text-bg-danger">Off track</span>' in page
    assert '<span class="badge text-bg-secondary">No data</span>' in page
    assert "108 %" in page  # (208 - 100) / (200 - 100)
    assert "20 %" in page  # (120 - 100) / (200 - 100)
    assert '<span class="text-danger fw-semibold">6 overdue</span>' in page
    assert '<span class="text-danger fw-semibold">12 overdue</span>' in page
    assert "18 overdue reports" in page


def test_the_overdue_tab_groups_the_reports_by_body(
    secretariat_client: Client, plan: ActionPlan
) -> None:
    page = text(secretariat_client.get(plan.get_absolute_url()))

    interior = page.index('Ministry of Interior <span class="badge text-bg-danger">6 overdue')
    task_force = page.index('Joint Task Force <span class="badge text-bg-danger">12 overdue')
    assert task_force < interior  # the body owing most comes first
    assert "Sessions held</a> — 2025-07" in page


def test_the_plan_list_counts_and_sorts(secretariat_client: Client, plan: ActionPlan) -> None:
    make_plan(title="Another plan", starts_on=datetime.date(2024, 1, 1))

    page = text(secretariat_client.get(reverse("tracking:plan-list") + "?sort=title"))

    assert "2 action plans" in page
    assert page.index("Another plan") < page.index("Plan against smuggling")


def test_an_empty_plan_list_says_what_plans_are_for(secretariat_client: Client) -> None:
    page = text(secretariat_client.get(reverse("tracking:plan-list")))

    assert "0 action plans" in page
    assert "No action plan here yet." in page
    assert reverse("tracking:plan-create") in page


def test_my_reporting_lists_the_bodys_indicators_and_what_is_missing(
    plan: ActionPlan, interior: Organisation
) -> None:
    monitor = make_user("monitor", Role.PLAN_MONITOR, organisation=interior)
    client = Client()
    client.force_login(monitor)

    page = text(client.get(reverse("tracking:my-reporting")))

    assert "Ministry of Interior reports 2 indicators." in page
    assert "6 overdue reports" in page
    assert "2025-07, 2025-08, 2025-09, 2025-10, 2025-11, 2025-12" in page
    assert "Departures intercepted" not in page


def test_my_reporting_without_indicators_explains_itself() -> None:
    client = Client()
    client.force_login(make_user("lonely", Role.PLAN_MONITOR, organisation=make_organisation()))

    page = text(client.get(reverse("tracking:my-reporting")))

    assert "reports no indicator of an action plan" in page


def test_the_indicator_page_lists_periods_with_expected_and_reported_values(
    secretariat_client: Client, plan: ActionPlan
) -> None:
    indicator = Indicator.objects.get(name="Sessions held")

    page = text(secretariat_client.get(indicator.get_absolute_url()))

    assert '<th scope="row" class="fw-normal">2025-06</th> <td class="text-end">149.59</td>' in page
    assert '<td class="text-end">120</td>' in page
    assert page.count('<span class="badge text-bg-danger">Overdue</span>') == 6
    assert page.count(">Verify</button>") == 6


def test_the_history_page_shows_the_earlier_value(
    secretariat_client: Client, plan: ActionPlan, secretariat: User
) -> None:
    indicator = Indicator.objects.get(name="Sessions held")
    measurement = measurement_services.measurement_report(
        actor=secretariat, indicator=indicator, period=datetime.date(2025, 6, 1), value=131
    )

    page = text(
        secretariat_client.get(reverse("tracking:measurement-history", args=[measurement.pk]))
    )

    assert page.index('<td class="text-end">131</td>') < page.index('<td class="text-end">120</td>')


def test_a_measure_is_added_with_partners_on_the_page(
    secretariat_client: Client, plan: ActionPlan, interior: Organisation
) -> None:
    response = secretariat_client.post(
        reverse("tracking:measure-create", args=[plan.pk]),
        {"title": "Border control", "lead": interior.pk, "partners": [plan.owner_id]},
    )

    measure = plan.measures.get(title="Border control")
    assert response.status_code == 302
    assert measure.number == 4
    assert list(measure.partners.all()) == [plan.owner]


def test_the_dashboard_shows_the_monitor_what_is_overdue(
    plan: ActionPlan, interior: Organisation
) -> None:
    client = Client()
    client.force_login(make_user("monitor", Role.PLAN_MONITOR, organisation=interior))

    page = text(client.get(reverse("dashboard")))

    assert "Reporting" in page
    assert "Overdue: Sessions held, 2025-07" in page


def owing_plans(count: int) -> None:
    for number in range(1, count + 1):
        body = make_organisation(f"Body {number:02}")
        make_indicator(make_plan(title=f"Plan {number:02}"), reporting_body=body)


def test_the_secretariat_dashboard_lists_what_each_body_owes_and_counts_the_rest(
    secretariat_client: Client,
) -> None:
    owing_plans(11)

    page = text(secretariat_client.get(reverse("dashboard")))

    assert "Body 01 owes 12 reports for Plan 01" in page
    assert "Body 09 owes 12 reports for Plan 09" in page
    assert "Body 10 owes" not in page
    assert "and 2 more" in page


def test_the_secretariat_dashboard_stops_reading_plans_once_its_lines_are_filled(
    secretariat_client: Client,
) -> None:
    owing_plans(16)

    page = text(secretariat_client.get(reverse("dashboard")))

    assert "Body 09 owes 12 reports for Plan 09" in page
    assert "and more" in page
    assert "and 7 more" not in page


def test_an_indicator_is_created_on_the_page(
    secretariat_client: Client, plan: ActionPlan, interior: Organisation
) -> None:
    measure = plan_services.measure_create(actor=None, plan=plan, title="Awareness", lead=interior)

    response = secretariat_client.post(
        reverse("tracking:indicator-create", args=[measure.pk]),
        {
            "name": "Awareness sessions held",
            "unit": "sessions",
            "baseline_value": "0",
            "baseline_date": "2024-12-31",
            "target_value": "120",
            "target_date": "2025-12-31",
            "direction": "increase",
            "frequency": "quarterly",
            "reporting_body": interior.pk,
        },
    )

    indicator = measure.indicators.get()
    assert response.status_code == 302
    assert response["location"] == indicator.get_absolute_url()
    assert (indicator.frequency, indicator.reporting_body) == ("quarterly", interior)


def test_the_recommendations_tab_lists_the_linked_recommendations(
    secretariat_client: Client, plan: ActionPlan, interior: Organisation
) -> None:
    recommendation = Recommendation.objects.create(
        reference="SOM-2",
        title="Prosecute the organisers of smuggling",
        text="Investigate and prosecute.",
        country="PAK",
        source=Recommendation.Source.OTHER,
        issued_on=datetime.date(2024, 7, 15),
    )
    for title in ("Prosecution", "Border control"):
        plan_services.measure_create(
            actor=None, plan=plan, title=title, lead=interior, recommendations=[recommendation]
        )

    page = text(secretariat_client.get(plan.get_absolute_url()))

    assert "SOM-2 Prosecute the organisers of smuggling" in page
    assert "— measures 4, 5" in page
