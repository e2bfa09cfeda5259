"""The portal's recommendations and action plans: what a published progress report made public."""

import datetime
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from palermo.portal.selectors import tracking as public
from palermo.reports.models import GeneratedReport
from palermo.tracking.models import Status
from palermo.tracking.services.measurements import measurement_report
from tests.factories import make_indicator, make_plan, make_secretariat
from tests.tracking.test_services_recommendations import make_recommendation

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 12, 1)


@pytest.fixture(autouse=True)
def every_state(settings: Any) -> None:
    settings.PALERMO_COUNTRY = ""


@pytest.fixture
def world() -> dict[str, Any]:
    plan = make_plan(title="National action plan against TIP", country="PAK")
    indicator = make_indicator(plan=plan, name="Victims referred")
    for month, value in ((3, 120), (6, 150), (9, 190)):
        measurement_report(
            actor=None,
            indicator=indicator,
            period=datetime.date(2025, month, 1),
            value=value,
            today=TODAY,
        )
    answered = make_recommendation(title="Strengthen the national database", reference="TIP-1")
    indicator.measure.recommendations.add(answered)
    other = make_recommendation(title="Train the judges", reference="TIP-2")
    return {
        "plan": plan,
        "indicator": indicator,
        "answered": answered,
        "other": other,
        "secretariat": make_secretariat(),
        "other_plan": make_plan(title="Smuggling plan", country="PAK"),
    }


def _publish_progress(world: dict[str, Any], period: str, *, published: bool = True) -> None:
    GeneratedReport.objects.create(
        kind="plan_progress",
        params={"plan": world["plan"].pk, "period": period},
        language="en",
        fmt="pdf",
        status=GeneratedReport.Status.DONE,
        created_by=world["secretariat"],
        published=published,
        published_at=timezone.now() if published else None,
    )


def test_nothing_of_tracking_is_public_before_a_progress_report_is_published(
    world: dict[str, Any],
) -> None:
    _publish_progress(world, "2025-06", published=False)
    client = Client()

    assert list(public.public_plans()) == []
    assert list(public.public_recommendations()) == []
    assert client.get(f"/en/portal/plans/{world['plan'].pk}/").status_code == 404
    assert client.get(f"/en/portal/recommendations/{world['answered'].pk}/").status_code == 404
    assert "0 recommendations" in client.get("/en/portal/recommendations/").content.decode()


def test_a_published_progress_report_makes_its_plan_and_the_recommendations_it_answers_public(
    world: dict[str, Any],
) -> None:
    _publish_progress(world, "2025-03")
    _publish_progress(world, "2025-06")

    assert list(public.public_plans()) == [world["plan"]]
    assert list(public.public_recommendations()) == [world["answered"]]
    found = public.public_plan_get(world["plan"].pk)
    assert found.as_of == datetime.date(2025, 6, 30)
    item = found.standing.indicators[0]
    assert (item.standing.latest_value, item.progress_percent) == (150, 50.0)


def test_the_plan_page_shows_the_published_month_not_the_values_reported_since(
    world: dict[str, Any],
) -> None:
    _publish_progress(world, "2025-06")

    page = Client().get(f"/en/portal/plans/{world['plan'].pk}/").content.decode()

    assert "National action plan against TIP" in page
    assert "30 June 2025" in page
    assert "150 (" in page
    assert "190" not in page
    assert 'data-spec-id="plan-progress-chart"' in page
    assert "Smuggling plan" not in Client().get("/en/portal/plans/").content.decode()


def test_the_recommendation_list_filters_by_status_and_pages(world: dict[str, Any]) -> None:
    _publish_progress(world, "2025-06")
    measure = world["indicator"].measure
    for number in range(3, 25):
        measure.recommendations.add(
            make_recommendation(title=f"Recommendation {number}", reference=f"TIP-{number:02}")
        )
    client = Client()

    first = client.get("/en/portal/recommendations/").content.decode()
    second = client.get("/en/portal/recommendations/?page=2").content.decode()
    implemented = client.get(
        f"/en/portal/recommendations/?status={Status.IMPLEMENTED}"
    ).content.decode()
    searched = client.get("/en/portal/recommendations/?q=recommendation+24").content.decode()

    assert "23 recommendations" in first
    assert "Page 1 of 2" in first
    assert len(re.findall(r'href="/en/portal/recommendations/\d+/"', first)) == 20
    assert len(re.findall(r'href="/en/portal/recommendations/\d+/"', second)) == 3
    assert "0 recommendations" in implemented
    assert "1 recommendation" in searched
    assert "Recommendation 24" in searched
    assert "Train the judges" not in first + second


def test_a_public_recommendation_shows_its_status_and_the_plans_answering_it(
    world: dict[str, Any],
) -> None:
    _publish_progress(world, "2025-06")

    page = Client().get(f"/en/portal/recommendations/{world['answered'].pk}/").content.decode()

    assert "Strengthen the national database" in page
    assert "Not started" in page
    assert f"/en/portal/plans/{world['plan'].pk}/" in page
