"""Reads of action plans: where each indicator stands, what is overdue, and who reported what.

The judgement itself (progress, expected path, on track, overdue periods) lives in
`palermo.tracking.progress`; these functions only gather the values it needs. Every value
recorded for a period counts, returned ones included: the period is not missing, its value
awaits a correction.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from palermo.core.models import User
from palermo.core.permissions import has_role, is_active_user
from palermo.core.roles import Role
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


def plan_list(*, user: Any) -> QuerySet[ActionPlan]:
    """The plans of the user's State, with their measure and indicator counts."""
    if not is_active_user(user):
        return ActionPlan.objects.none()
    plans = ActionPlan.objects.all()
    if not user.is_superuser:
        plans = plans.filter(country=user.country)
    return plans.select_related("owner").annotate(
        measure_count=Count("measures", distinct=True),
        indicator_count=Count("measures__indicators", distinct=True),
    )


def measure_list(*, user: Any) -> QuerySet[Measure]:
    return Measure.objects.filter(plan__in=plan_list(user=user).values("pk")).select_related(
        "plan", "lead"
    )


def indicator_list(*, user: Any) -> QuerySet[Indicator]:
    return Indicator.objects.filter(
        measure__plan__in=plan_list(user=user).values("pk")
    ).select_related("measure__plan__owner", "reporting_body")


def measurement_list(*, user: Any) -> QuerySet[Measurement]:
    return Measurement.objects.filter(
        indicator__measure__plan__in=plan_list(user=user).values("pk")
    ).select_related("indicator__measure__plan", "indicator__reporting_body", "reported_by")


def plan_organisations(country: str) -> QuerySet[Organisation]:
    """The bodies that may own a plan, lead a measure or report an indicator in this State."""
    return Organisation.objects.filter(Q(country=country) | Q(country="")).order_by("name")


def plan_recommendations(country: str) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(country=country).order_by("reference", "pk")


@dataclass(frozen=True)
class IndicatorStatus:
    """An indicator with where it stands and which of its reports are overdue."""

    indicator: Indicator
    standing: progress.Standing
    overdue: list[datetime.date]
    due: list[datetime.date] = field(default_factory=list)

    @property
    def progress_percent(self) -> Decimal | None:
        if self.standing.progress is None:
            return None
        return (self.standing.progress * 100).quantize(Decimal(1))

    @property
    def latest_label(self) -> str:
        if self.standing.latest_period is None:
            return ""
        return period_label(self.standing.latest_period, self.indicator.frequency)

    @property
    def overdue_labels(self) -> list[str]:
        return [period_label(period, self.indicator.frequency) for period in self.overdue]


def indicator_status(
    indicator: Indicator, measurements: Iterable[Measurement], today: datetime.date
) -> IndicatorStatus:
    values = {m.period: m.value for m in measurements}
    standing = progress.standing(
        direction=indicator.direction,
        baseline=indicator.baseline_value,
        target=indicator.target_value,
        baseline_date=indicator.baseline_date,
        target_date=indicator.target_date,
        frequency=indicator.frequency,
        values=values,
    )
    dates = (indicator.baseline_date, indicator.target_date, indicator.frequency)
    return IndicatorStatus(
        indicator=indicator,
        standing=standing,
        overdue=progress.overdue_periods(*dates, set(values), today),
        due=progress.due_periods(*dates, today),
    )


def _statuses(indicators: QuerySet[Indicator], today: datetime.date) -> list[IndicatorStatus]:
    indicators = indicators.select_related("reporting_body", "measure").prefetch_related(
        "measurements"
    )
    return [
        indicator_status(indicator, indicator.measurements.all(), today) for indicator in indicators
    ]


@dataclass(frozen=True)
class MeasureRow:
    measure: Measure
    indicators: list[IndicatorStatus]


@dataclass(frozen=True)
class OverdueReport:
    indicator: Indicator
    period: datetime.date

    @property
    def label(self) -> str:
        return period_label(self.period, self.indicator.frequency)


@dataclass(frozen=True)
class BodyOverdue:
    """The reports one body owes, oldest first."""

    body: Organisation
    reports: list[OverdueReport]

    @property
    def count(self) -> int:
        return len(self.reports)


def overdue_by_body(statuses: Iterable[IndicatorStatus]) -> list[BodyOverdue]:
    """Overdue reports grouped by reporting body, the body owing most first."""
    grouped: dict[int, list[OverdueReport]] = {}
    bodies: dict[int, Organisation] = {}
    for status in statuses:
        body = status.indicator.reporting_body
        for period in status.overdue:
            bodies[body.pk] = body
            grouped.setdefault(body.pk, []).append(OverdueReport(status.indicator, period))
    result = [
        BodyOverdue(bodies[pk], sorted(reports, key=lambda r: (r.period, r.indicator.pk)))
        for pk, reports in grouped.items()
    ]
    return sorted(result, key=lambda item: (-item.count, item.body.name))


@dataclass(frozen=True)
class LinkedRecommendation:
    recommendation: Recommendation
    measure_numbers: list[int]


@dataclass(frozen=True)
class PlanDetail:
    plan: ActionPlan
    measures: list[MeasureRow]
    overdue: list[BodyOverdue]
    recommendations: list[LinkedRecommendation]

    @property
    def overdue_count(self) -> int:
        return sum(item.count for item in self.overdue)

    @property
    def indicator_count(self) -> int:
        return sum(len(row.indicators) for row in self.measures)


def plan_detail(plan: ActionPlan, today: datetime.date) -> PlanDetail:
    """The plan's measures in order, each indicator with its standing and overdue periods."""
    measures = list(
        plan.measures.select_related("lead").prefetch_related("partners", "recommendations")
    )
    statuses = _statuses(Indicator.objects.filter(measure__plan=plan), today)
    by_measure: dict[int, list[IndicatorStatus]] = {}
    for status in statuses:
        by_measure.setdefault(status.indicator.measure_id, []).append(status)
    linked: dict[int, LinkedRecommendation] = {}
    for measure in measures:
        for recommendation in measure.recommendations.all():
            link = linked.setdefault(recommendation.pk, LinkedRecommendation(recommendation, []))
            link.measure_numbers.append(measure.number)
    return PlanDetail(
        plan=plan,
        measures=[MeasureRow(m, by_measure.get(m.pk, [])) for m in measures],
        overdue=overdue_by_body(statuses),
        recommendations=sorted(
            linked.values(),
            key=lambda link: (link.measure_numbers[0], link.recommendation.reference),
        ),
    )


def plan_overdue(plan: ActionPlan, today: datetime.date) -> list[BodyOverdue]:
    return overdue_by_body(_statuses(Indicator.objects.filter(measure__plan=plan), today))


def plans_overdue(
    plans: Iterable[ActionPlan], today: datetime.date
) -> dict[int, list[BodyOverdue]]:
    """`plan_overdue` of several plans, read in one pass: plan id -> what each body owes."""
    by_plan: dict[int, list[IndicatorStatus]] = {}
    indicators = Indicator.objects.filter(measure__plan__in=[plan.pk for plan in plans])
    for status in _statuses(indicators, today):
        by_plan.setdefault(status.indicator.measure.plan_id, []).append(status)
    return {plan_id: overdue_by_body(statuses) for plan_id, statuses in by_plan.items()}


def state_overdue(*, user: Any, today: datetime.date) -> list[BodyOverdue]:
    """Overdue reports across every plan of the user's State."""
    return overdue_by_body(_statuses(indicator_list(user=user), today))


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
    due = set(
        progress.due_periods(indicator.baseline_date, indicator.target_date, frequency, today)
    )
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
                overdue=period in due and measurement is None,
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

    status: IndicatorStatus
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
    for status in _statuses(indicators, today):
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
