"""The demo 14-point plan against smuggling of migrants, as reported by 31 January 2026."""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from palermo.core import demo as core_demo
from palermo.tracking.demo import plans as demo_plans
from palermo.tracking.models import ActionPlan, Indicator, Measurement
from palermo.tracking.progress import Track
from palermo.tracking.selectors import plans as selectors

pytestmark = pytest.mark.django_db

MEASURES = [
    "Political ownership",
    "Threat assessment",
    "Awareness",
    "Prosecution",
    "Victim protection",
    "Witness protection",
    "Anti-money-laundering",
    "Anti-corruption",
    "Socio-economic measures",
    "Legal employment abroad",
    "Border control",
    "International cooperation",
    "Implementation and monitoring",
    "Feedback and review",
]


@pytest.fixture(scope="module")
def plan_loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo accounts and plan, loaded once for the module and rolled back after it."""
    with (
        django_db_blocker.unblock(),
        override_settings(PALERMO_DEMO=True),
        transaction.atomic(),
    ):
        core_demo.demo_load()
        demo_plans.load()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def plan(plan_loaded: None, settings: object) -> ActionPlan:
    settings.PALERMO_DEMO = True  # type: ignore[attr-defined]
    return ActionPlan.objects.get(title=demo_plans.PLAN_TITLE)


def test_the_plan_has_the_fourteen_measures_in_order_each_with_an_indicator(
    plan: ActionPlan,
) -> None:
    measures = list(plan.measures.order_by("number"))

    assert [m.title for m in measures] == MEASURES
    assert [m.number for m in measures] == list(range(1, 15))
    assert all(m.indicators.exists() for m in measures)
    assert plan.owner.name == "Joint Task Force against Migrant Smuggling (demo)"
    assert (plan.country, plan.starts_on, plan.ends_on, plan.review_on) == (
        "PAK",
        datetime.date(2025, 1, 1),
        datetime.date(2025, 12, 31),
        datetime.date(2026, 1, 31),
    )


def test_monthly_indicators_hold_twelve_months_but_the_missing_ones(plan: ActionPlan) -> None:
    monthly = Indicator.objects.filter(measure__plan=plan, frequency="monthly")
    missing = {
        "Awareness sessions held (cumulative)": 2,
        "Smuggled migrants referred to assistance": 2,
        "Suspicious transaction reports on smuggling": 1,
        "Irregular departures intercepted": 1,
    }

    assert monthly.count() == 8
    for indicator in monthly:
        assert indicator.measurements.count() == 12 - missing.get(indicator.name, 0)
        assert not indicator.measurements.exclude(period__year=2025).exists()
    assert Indicator.objects.filter(measure__plan=plan, frequency="quarterly").count() == 7


def test_some_indicators_are_off_track_at_risk_and_overdue(plan: ActionPlan) -> None:
    detail = selectors.plan_detail(plan, demo_plans.REPORTED_ON)
    tracks = {
        status.indicator.name: status.standing.track
        for row in detail.measures
        for status in row.indicators
    }
    overdue = {group.body.name: group.count for group in detail.overdue}

    assert tracks["Awareness sessions held (cumulative)"] == Track.OFF_TRACK
    assert tracks["Days to answer an MLA request"] == Track.OFF_TRACK
    assert tracks["Smuggling cases registered"] == Track.AT_RISK
    assert tracks["Task force meetings held (cumulative)"] == Track.ON_TRACK
    assert overdue == {
        "Ministry of Interior": 4,
        "Federal Investigation Agency": 1,
        "Financial Monitoring Unit": 1,
    }
    assert detail.overdue_count == 6


def test_the_monitors_ministry_reports_several_indicators(plan: ActionPlan) -> None:
    reported = Indicator.objects.filter(
        measure__plan=plan, reporting_body__name="Ministry of Interior"
    )

    assert reported.count() >= 3
    assert Measurement.objects.filter(
        indicator__in=reported, reported_by__username="monitor"
    ).exists()


def test_one_value_was_corrected_and_its_history_holds_the_first(plan: ActionPlan) -> None:
    corrected = Measurement.objects.get(indicator__measure__plan=plan, note__startswith="Corrected")
    versions = selectors.measurement_history(corrected)

    assert corrected.history.count() == 2
    assert [str(v.value) for v in versions] == ["44.00", "34.00"]
    assert Measurement.objects.filter(state="verified").count() > 0
    assert Measurement.objects.filter(state="returned").count() == 1


def test_loading_again_writes_nothing(plan: ActionPlan) -> None:
    before = Measurement.objects.count()

    assert demo_plans.load() == {}
    assert Measurement.objects.count() == before
    assert ActionPlan.objects.count() == 1
