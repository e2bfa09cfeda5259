"""Writing plans, measures, indicators and values: numbering, validation, corrections, checks."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation
from palermo.tracking import messages
from palermo.tracking.models import ActionPlan, Indicator, Measure, Measurement
from palermo.tracking.selectors import plans as selectors
from palermo.tracking.services import measurements as measurement_services
from palermo.tracking.services import plans as plan_services
from tests.factories import make_indicator, make_organisation, make_plan, make_user

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 1, 31)


@pytest.fixture
def body() -> Organisation:
    return make_organisation("Ministry of Interior")


@pytest.fixture
def monitor(body: Organisation) -> User:
    return make_user("monitor", Role.PLAN_MONITOR, organisation=body)


@pytest.fixture
def indicator(body: Organisation) -> Indicator:
    return make_indicator(reporting_body=body)


def report(
    indicator: Indicator, period: datetime.date, value: str, actor: User | None = None
) -> Measurement:
    return measurement_services.measurement_report(
        actor=actor, indicator=indicator, period=period, value=value, today=TODAY
    )


def test_measures_are_numbered_after_the_last_one(secretariat: User) -> None:
    plan = make_plan()
    first = plan_services.measure_create(actor=secretariat, plan=plan, title="A", lead=plan.owner)
    fifth = plan_services.measure_create(
        actor=secretariat, plan=plan, title="B", lead=plan.owner, number=5
    )
    sixth = plan_services.measure_create(actor=secretariat, plan=plan, title="C", lead=plan.owner)

    assert [first.number, fifth.number, sixth.number] == [1, 5, 6]


def test_a_taken_number_is_refused_and_nothing_is_added(secretariat: User) -> None:
    plan = make_plan()
    plan_services.measure_create(actor=secretariat, plan=plan, title="A", lead=plan.owner)

    with pytest.raises(ValidationError):
        plan_services.measure_create(
            actor=secretariat, plan=plan, title="B", lead=plan.owner, number=1
        )

    assert list(plan.measures.values_list("title", flat=True)) == ["A"]


def test_a_plan_ending_before_it_starts_is_refused(secretariat: User, body: Organisation) -> None:
    with pytest.raises(ValidationError):
        plan_services.plan_create(
            actor=secretariat,
            title="Backwards",
            owner=body,
            starts_on=D(2025, 12, 31),
            ends_on=D(2025, 1, 1),
        )

    assert not ActionPlan.objects.exists()


def test_an_increasing_indicator_needs_a_target_above_its_baseline(secretariat: User) -> None:
    plan = make_plan()
    measure = plan_services.measure_create(actor=None, plan=plan, title="A", lead=plan.owner)

    with pytest.raises(ValidationError) as raised:
        plan_services.indicator_create(
            actor=secretariat,
            measure=measure,
            name="Cases",
            unit="cases",
            baseline_value=100,
            baseline_date=D(2024, 12, 31),
            target_value=90,
            target_date=D(2025, 12, 31),
            direction="increase",
            frequency="monthly",
            reporting_body=plan.owner,
        )

    assert "target_value" in raised.value.message_dict
    assert not Indicator.objects.exists()


@pytest.mark.parametrize(
    ("period", "value", "message"),
    [
        (D(2025, 3, 15), "5", "is not the first day of a monthly reporting period."),
        (D(2026, 2, 1), "5", "lies outside the indicator's reporting periods (2025-01 to 2025-12)"),
    ],
)
def test_a_value_for_a_wrong_period_is_refused(
    indicator: Indicator, period: datetime.date, value: str, message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        report(indicator, period, value)

    assert message in raised.value.messages[0]
    assert not Measurement.objects.exists()


def test_a_future_period_and_an_implausible_value_are_refused(body: Organisation) -> None:
    indicator = make_indicator(reporting_body=body, plausible_min=0, plausible_max=500)

    with pytest.raises(ValidationError) as future:
        measurement_services.measurement_report(
            actor=None, indicator=indicator, period=D(2025, 6, 1), value=5, today=D(2025, 5, 20)
        )
    with pytest.raises(ValidationError) as implausible:
        report(indicator, D(2025, 6, 1), "900")

    assert future.value.messages == [str(messages.PERIOD_IN_FUTURE) % {"period": "2025-06"}]
    assert implausible.value.messages == [
        str(messages.VALUE_IMPLAUSIBLE) % {"value": "900", "low": "0", "high": "500"}
    ]
    assert not Measurement.objects.exists()


def test_a_correction_overwrites_the_value_and_the_history_keeps_the_first(
    indicator: Indicator, monitor: User
) -> None:
    report(indicator, D(2025, 3, 1), "120", actor=monitor)
    corrected = report(indicator, D(2025, 3, 1), "125", actor=monitor)

    versions = selectors.measurement_history(corrected)
    assert Measurement.objects.get().value == Decimal("125.00")
    assert [v.value for v in versions] == [Decimal("125.00"), Decimal("120.00")]
    assert [v.kind for v in versions] == ["~", "+"]
    assert versions[1].changed_by == monitor


def test_reporting_the_same_value_again_changes_nothing(indicator: Indicator) -> None:
    report(indicator, D(2025, 3, 1), "120")

    with pytest.raises(ValidationError) as raised:
        report(indicator, D(2025, 3, 1), "120")

    assert raised.value.messages == [str(messages.MEASUREMENT_UNCHANGED)]
    assert Measurement.objects.get().history.count() == 1


def test_the_owner_verifies_once(indicator: Indicator, secretariat: User) -> None:
    measurement = report(indicator, D(2025, 1, 1), "110")

    measurement_services.measurement_verify(actor=secretariat, measurement=measurement)
    with pytest.raises(ValidationError) as again:
        measurement_services.measurement_verify(actor=secretariat, measurement=measurement)

    measurement.refresh_from_db()
    assert (measurement.state, measurement.verified_by) == ("verified", secretariat)
    assert again.value.messages == [str(messages.MEASUREMENT_ALREADY_VERIFIED)]


def test_a_returned_value_needs_a_reason_and_a_correction_reports_it_again(
    indicator: Indicator, secretariat: User, monitor: User
) -> None:
    measurement = report(indicator, D(2025, 1, 1), "110", actor=monitor)

    with pytest.raises(ValidationError):
        measurement_services.measurement_return(
            actor=secretariat, measurement=measurement, reason="  "
        )
    measurement.refresh_from_db()
    assert measurement.state == "reported"

    measurement_services.measurement_return(
        actor=secretariat, measurement=measurement, reason="Check the Karachi figure."
    )
    measurement.refresh_from_db()
    assert (measurement.state, measurement.note) == ("returned", "Check the Karachi figure.")

    report(indicator, D(2025, 1, 1), "112", actor=monitor)
    measurement.refresh_from_db()
    assert (measurement.state, measurement.value) == ("reported", Decimal("112.00"))


def test_a_monitor_of_another_body_cannot_report_and_nothing_is_created(
    indicator: Indicator,
) -> None:
    outsider = make_user(
        "outsider", Role.PLAN_MONITOR, organisation=make_organisation("Financial Monitoring Unit")
    )

    with pytest.raises(PermissionDenied):
        report(indicator, D(2025, 1, 1), "110", actor=outsider)

    assert not Measurement.objects.exists()


def test_a_reporting_monitor_cannot_verify_and_the_value_stays_unverified(
    indicator: Indicator, monitor: User
) -> None:
    measurement = report(indicator, D(2025, 1, 1), "110", actor=monitor)

    with pytest.raises(PermissionDenied):
        measurement_services.measurement_verify(actor=monitor, measurement=measurement)
    with pytest.raises(PermissionDenied):
        measurement_services.measurement_return(
            actor=monitor, measurement=measurement, reason="Mine."
        )

    measurement.refresh_from_db()
    assert (measurement.state, measurement.verified_by, measurement.note) == ("reported", None, "")


def test_a_monitor_cannot_add_a_measure_to_a_plan_of_another_body(monitor: User) -> None:
    plan = make_plan()

    with pytest.raises(PermissionDenied):
        plan_services.measure_create(actor=monitor, plan=plan, title="Mine", lead=plan.owner)

    assert not Measure.objects.exists()
