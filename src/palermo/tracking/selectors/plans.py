"""Reads of action plans: where each indicator stands, what is overdue, and who reported what.

The judgement itself (progress, expected path, on track, overdue periods) lives in
`palermo.tracking.progress`; these functions only gather the values it needs. Every value
recorded for a period counts, returned ones included: the period is not missing, its value
awaits a correction.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from palermo.core.models import User
from palermo.core.permissions import has_role, is_active_user
from palermo.core.roles import Role
from palermo.core.scope import scope_filter
from palermo.engagement.models import Organisation
from palermo.tracking import permissions, progress
from palermo.tracking.models import (
    ActionPlan,
    Indicator,
    Measure,
    Measurement,
    Recommendation,
    period_label,
)
from palermo.tracking.selectors import standing
from palermo.tracking.selectors.standing import (
    BodyOverdue,
    IndicatorStanding,
    MeasureStanding,
    Standings,
)


def visible_plans(*, user: Any) -> QuerySet[ActionPlan]:
    """The plans of the user's State."""
    if not is_active_user(user):
        return ActionPlan.objects.none()
    return ActionPlan.objects.filter(scope_filter(user))


def plan_list(*, user: Any) -> QuerySet[ActionPlan]:
    """The plans of the user's State, with their measure and indicator counts."""
    return (
        visible_plans(user=user)
        .select_related("owner")
        .annotate(
            measure_count=Count("measures", distinct=True),
            indicator_count=Count("measures__indicators", distinct=True),
        )
    )


# The plans' ids as a subquery without the counts, which would join every measure and indicator.
def measure_list(*, user: Any) -> QuerySet[Measure]:
    return Measure.objects.filter(plan__in=visible_plans(user=user).values("pk")).select_related(
        "plan", "lead"
    )


def indicator_list(*, user: Any) -> QuerySet[Indicator]:
    return Indicator.objects.filter(
        measure__plan__in=visible_plans(user=user).values("pk")
    ).select_related("measure__plan__owner", "reporting_body")


def measurement_list(*, user: Any) -> QuerySet[Measurement]:
    return Measurement.objects.filter(
        indicator__measure__plan__in=visible_plans(user=user).values("pk")
    ).select_related("indicator__measure__plan", "indicator__reporting_body", "reported_by")


def plan_organisations(country: str) -> QuerySet[Organisation]:
    """The bodies that may own a plan, lead a measure or report an indicator in this State."""
    return Organisation.objects.filter(Q(country=country) | Q(country="")).order_by("name")


def plan_recommendations(country: str) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(country=country).order_by("reference", "pk")


@dataclass(frozen=True)
class LinkedRecommendation:
    recommendation: Recommendation
    measure_numbers: list[int]


@dataclass(frozen=True)
class PlanDetail:
    plan: ActionPlan
    standing: Standings
    recommendations: list[LinkedRecommendation]

    @property
    def measures(self) -> list[MeasureStanding]:
        return self.standing.measures

    @property
    def overdue(self) -> list[BodyOverdue]:
        return self.standing.overdue

    @property
    def overdue_count(self) -> int:
        return self.standing.overdue_count

    @property
    def as_of(self) -> datetime.date:
        return self.standing.as_of

    @property
    def indicator_count(self) -> int:
        return len(self.standing.indicators)


def plan_detail(plan: ActionPlan, today: datetime.date) -> PlanDetail:
    """The plan's standing today, and the recommendations its measures answer."""
    measures = plan.measures.select_related("lead").prefetch_related("partners", "recommendations")
    found = standing.plan_standing(plan=plan, as_of=today, measures=measures)
    linked: dict[int, LinkedRecommendation] = {}
    for measure in (row.measure for row in found.measures):
        for recommendation in measure.recommendations.all():
            link = linked.setdefault(recommendation.pk, LinkedRecommendation(recommendation, []))
            link.measure_numbers.append(measure.number)
    return PlanDetail(
        plan=plan,
        standing=found,
        recommendations=sorted(
            linked.values(),
            key=lambda link: (link.measure_numbers[0], link.recommendation.reference),
        ),
    )


def plan_overdue(plan: ActionPlan, today: datetime.date) -> list[BodyOverdue]:
    return standing.plan_standing(plan=plan, as_of=today).overdue


def plans_overdue(
    plans: Iterable[ActionPlan], today: datetime.date
) -> dict[int, list[BodyOverdue]]:
    """`plan_overdue` of several plans, read in one pass: plan id -> what each body owes."""
    indicators = Indicator.objects.filter(measure__plan__in=[plan.pk for plan in plans])
    by_plan: dict[int, list[IndicatorStanding]] = {}
    for item in standing.indicator_standings(indicators, today, values_only=True):
        by_plan.setdefault(item.indicator.measure.plan_id, []).append(item)
    return {plan_id: standing.overdue_by_body(items) for plan_id, items in by_plan.items()}


@dataclass(frozen=True)
class SeriesPoint:
    """One reporting period: the value expected on the straight path and the one reported."""

    period: datetime.date
    label: str
    expected: Decimal
    measurement: Measurement | None
    due: bool
    overdue: bool

    @property
    def actual(self) -> Decimal | None:
        return None if self.measurement is None else self.measurement.value

    @property
    def state(self) -> str:
        return "" if self.measurement is None else self.measurement.state


def indicator_series(indicator: Indicator, today: datetime.date) -> list[SeriesPoint]:
    measurements = {m.period: m for m in indicator.measurements.select_related("reported_by")}
    frequency = indicator.frequency
    found = standing.indicator_standing(indicator, today, measurements.values())
    due, overdue = set(found.due), set(found.overdue)
    points = []
    for period in progress.periods(indicator.baseline_date, indicator.target_date, frequency):
        expected = progress.expected_value(
            indicator.baseline_value,
            indicator.target_value,
            indicator.baseline_date,
            indicator.target_date,
            progress.period_end(period, frequency),
        )
        measurement = measurements.get(period)
        points.append(
            SeriesPoint(
                period=period,
                label=period_label(period, frequency),
                expected=expected.quantize(Decimal("0.01")),
                measurement=measurement,
                due=period in due,
                overdue=period in overdue,
            )
        )
    return points


def reportable_periods(indicator: Indicator, today: datetime.date) -> list[datetime.date]:
    """The periods a value may be reported for by `today` (started, within the plan)."""
    return [
        period
        for period in progress.periods(
            indicator.baseline_date, indicator.target_date, indicator.frequency
        )
        if period <= today
    ]


@dataclass(frozen=True)
class MeasurementVersion:
    """One state of a measurement as the history holds it."""

    value: Decimal
    source: str
    note: str
    state: str
    state_label: str
    changed_by: User | None
    changed_at: datetime.datetime
    kind: str  # "+" created, "~" changed


def measurement_history(measurement: Measurement) -> list[MeasurementVersion]:
    """Every recorded state of the value, newest first."""
    labels = dict(Measurement.State.choices)
    records = measurement.history.select_related(
        "history_user", "reported_by", "verified_by"
    ).order_by("-history_date", "-history_id")
    versions = []
    for record in records:
        changed_by = record.history_user
        if changed_by is None:
            verified = record.state == Measurement.State.VERIFIED
            changed_by = record.verified_by if verified else record.reported_by
        versions.append(
            MeasurementVersion(
                value=record.value,
                source=record.source,
                note=record.note,
                state=record.state,
                state_label=str(labels.get(record.state, record.state)),
                changed_by=changed_by,
                changed_at=record.history_date,
                kind=record.history_type,
            )
        )
    return versions


@dataclass(frozen=True)
class ReportingRow:
    """An indicator a body reports: what is due, what is missing, what came back."""

    status: IndicatorStanding
    returned: list[tuple[Measurement, str]]  # with the period's label
    can_report: bool

    @property
    def indicator(self) -> Indicator:
        return self.status.indicator


def my_reporting(*, user: Any, today: datetime.date) -> list[ReportingRow]:
    """The indicators the user's body reports, in the plans of the user's State."""
    if not is_active_user(user) or not user.organisation_id:
        return []
    indicators = (
        indicator_list(user=user)
        .filter(reporting_body_id=user.organisation_id)
        .order_by("measure__plan__title", "measure__number", "pk")
    )
    rows = []
    for status in standing.indicator_standings(indicators, today):
        indicator = status.indicator
        returned = [
            (m, period_label(m.period, indicator.frequency))
            for m in indicator.measurements.all()
            if m.state == Measurement.State.RETURNED
        ]
        rows.append(
            ReportingRow(status, returned, can_report=permissions.can_report(user, indicator))
        )
    return rows


def is_reporting_user(user: Any) -> bool:
    return bool(has_role(user, Role.PLAN_MONITOR) and user.organisation_id)
