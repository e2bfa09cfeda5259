"""Reads behind the tracking dashboards: where indicators stand, overdue reports, recommendations.

Everything is judged with `palermo.tracking.progress`, and returned as plain rows (lists of
dicts with numbers as floats) that `palermo.tracking.charts` turns into charts and the pages
into tables, so both show the same numbers. Every recorded value counts as reported, whatever
its verification state.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from palermo.core.permissions import is_active_user
from palermo.tracking import permissions, progress
from palermo.tracking.charts import track_labels
from palermo.tracking.models import (
    ActionPlan,
    Indicator,
    Measure,
    Measurement,
    Recommendation,
    Status,
    period_label,
)
from palermo.tracking.progress import Track

# Worst first: a measure takes the colour of its worst indicator. An indicator without data
# outranks one on track, so a missing report is not hidden behind a good one.
TRACK_SEVERITY = {Track.OFF_TRACK: 3, Track.AT_RISK: 2, Track.NO_DATA: 1, Track.ON_TRACK: 0}


@dataclass(frozen=True)
class IndicatorStanding:
    indicator: Indicator
    standing: progress.Standing
    values: dict[datetime.date, Decimal]
    overdue: list[datetime.date]

    @property
    def progress_percent(self) -> float | None:
        return _percent(self.standing.progress)

    @property
    def expected_percent(self) -> float | None:
        return _percent(self.standing.expected)

    @property
    def latest_label(self) -> str:
        latest = self.standing.latest_period
        return "" if latest is None else period_label(latest, self.indicator.frequency)

    @property
    def track_label(self) -> str:
        return track_labels()[self.standing.track]


@dataclass(frozen=True)
class PlanDashboard:
    plan: ActionPlan
    indicators: list[IndicatorStanding]
    measures: list[dict[str, Any]]
    overdue: list[dict[str, Any]]


@dataclass(frozen=True)
class TrackingDashboard:
    plans: list[dict[str, Any]]
    recommendations: list[dict[str, Any]]
    overdue: list[dict[str, Any]]
    statuses: list[dict[str, str]] = field(default_factory=list)


def _percent(share: Decimal | None) -> float | None:
    return None if share is None else round(float(share * 100), 1)


def _number(value: Decimal) -> float:
    return round(float(value), 2)


def state_plans(*, user: Any) -> QuerySet[ActionPlan]:
    """The action plans of the user's State (none for a user who is not signed in)."""
    if not is_active_user(user):
        return ActionPlan.objects.none()
    return ActionPlan.objects.filter(country=user.country).select_related("owner")


def plan_for_dashboard(*, user: Any, plan_id: int) -> ActionPlan | None:
    """The plan, if the user may see it."""
    plan = ActionPlan.objects.select_related("owner").filter(pk=plan_id).first()
    if plan is None or not permissions.can_view_plan(user, plan):
        return None
    return plan


def _indicators(plans: QuerySet[ActionPlan] | list[ActionPlan]) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(measure__plan__in=plans)
        .select_related("measure", "reporting_body")
        .prefetch_related(
            Prefetch(
                "measurements", queryset=Measurement.objects.only("indicator", "period", "value")
            )
        )
        .order_by("measure__plan", "measure__number", "pk")
    )


def indicator_standing(indicator: Indicator, today: datetime.date) -> IndicatorStanding:
    values = {measurement.period: measurement.value for measurement in indicator.measurements.all()}
    standing = progress.standing(
        direction=indicator.direction,
        baseline=indicator.baseline_value,
        target=indicator.target_value,
        baseline_date=indicator.baseline_date,
        target_date=indicator.target_date,
        frequency=indicator.frequency,
        values=values,
    )
    overdue = progress.overdue_periods(
        indicator.baseline_date,
        indicator.target_date,
        indicator.frequency,
        set(values),
        today,
    )
    return IndicatorStanding(indicator, standing, values, overdue)


def measure_rows(
    measures: list[Measure], standings: list[IndicatorStanding]
) -> list[dict[str, Any]]:
    """Each measure's average progress (%) and its worst indicator's track."""
    by_measure: dict[int, list[IndicatorStanding]] = defaultdict(list)
    for item in standings:
        by_measure[item.indicator.measure_id].append(item)
    labels = track_labels()
    rows = []
    for measure in measures:
        items = by_measure.get(measure.pk, [])
        shares = [item.standing.progress for item in items if item.standing.progress is not None]
        worst = max(
            (item.standing.track for item in items),
            key=TRACK_SEVERITY.__getitem__,
            default=Track.NO_DATA,
        )
        rows.append(
            {
                "measure": str(measure),
                "number": measure.number,
                "indicators": len(items),
                "reporting": len(shares),
                "progress": _percent(sum(shares, Decimal(0)) / len(shares)) if shares else None,
                "track": str(worst),
                "track_label": labels[worst],
            }
        )
    return rows


def indicator_facts(indicator: Indicator) -> dict[str, Any]:
    """What the trend chart says of its indicator."""
    return {
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline_value": _number(indicator.baseline_value),
        "target_value": _number(indicator.target_value),
    }


def trend_rows(item: IndicatorStanding) -> list[dict[str, Any]]:
    """The expected path from the baseline to the target, period by period, and the values."""
    indicator = item.indicator
    frequency = indicator.frequency
    expected_label, reported_label = _("Expected path"), _("Reported value")
    baseline_period = progress.period_start(indicator.baseline_date, frequency)
    rows: list[dict[str, Any]] = [
        {
            "period": period_label(baseline_period, frequency),
            "series": "expected",
            "series_label": expected_label,
            "value": _number(indicator.baseline_value),
        }
    ]
    for period in progress.periods(indicator.baseline_date, indicator.target_date, frequency):
        expected = progress.expected_value(
            indicator.baseline_value,
            indicator.target_value,
            indicator.baseline_date,
            indicator.target_date,
            progress.period_end(period, frequency),
        )
        label = period_label(period, frequency)
        rows.append(
            {
                "period": label,
                "series": "expected",
                "series_label": expected_label,
                "value": _number(expected),
            }
        )
        if period in item.values:
            rows.append(
                {
                    "period": label,
                    "series": "reported",
                    "series_label": reported_label,
                    "value": _number(item.values[period]),
                }
            )
    return rows


def trend_table(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The trend rows as one line per period: period, expected value, reported value."""
    table: dict[str, dict[str, Any]] = {}
    for row in rows:
        line = table.setdefault(
            row["period"], {"period": row["period"], "expected": None, "reported": None}
        )
        line[row["series"]] = row["value"]
    return [table[period] for period in sorted(table)]


def overdue_rows(standings: list[IndicatorStanding]) -> list[dict[str, Any]]:
    """Overdue reports per reporting body, most first (bodies with none are left out)."""
    counts: Counter[int] = Counter()
    indicators: Counter[int] = Counter()
    names: dict[int, str] = {}
    for item in standings:
        if item.overdue:
            body = item.indicator.reporting_body
            names[body.pk] = body.name
            counts[body.pk] += len(item.overdue)
            indicators[body.pk] += 1
    ranked = sorted(counts, key=lambda pk: (-counts[pk], names[pk]))
    return [
        {"body": names[pk], "overdue": counts[pk], "indicators": indicators[pk]} for pk in ranked
    ]


def plan_dashboard(*, plan: ActionPlan, today: datetime.date) -> PlanDashboard:
    standings = [indicator_standing(indicator, today) for indicator in _indicators([plan])]
    measures = list(plan.measures.order_by("number"))
    return PlanDashboard(
        plan=plan,
        indicators=standings,
        measures=measure_rows(measures, standings),
        overdue=overdue_rows(standings),
    )


def status_columns() -> list[dict[str, str]]:
    return [{"status": str(value), "label": str(label)} for value, label in Status.choices]


def recommendation_rows(*, user: Any) -> list[dict[str, Any]]:
    """Recommendations of the user's State counted by theme and status (one row per pair)."""
    if not is_active_user(user):
        return []
    labels = {str(value): str(label) for value, label in Status.choices}
    no_theme = _("No theme")
    counted = (
        Recommendation.objects.filter(country=user.country)
        .values("themes__name", "status")
        .annotate(count=Count("pk", distinct=True))
        .order_by("themes__name", "status")
    )
    return [
        {
            "theme": row["themes__name"] or no_theme,
            "status": row["status"],
            "status_label": labels.get(row["status"], row["status"]),
            "count": row["count"],
        }
        for row in counted
    ]


def recommendation_table(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One line per theme: its counts in the order of `status_columns()`, and its total."""
    statuses = [column["status"] for column in status_columns()]
    by_theme: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        by_theme[row["theme"]][row["status"]] = row["count"]
    return [
        {
            "theme": theme,
            "counts": [by_theme[theme].get(status, 0) for status in statuses],
            "total": sum(by_theme[theme].values()),
        }
        for theme in sorted(by_theme)
    ]


def tracking_dashboard(*, user: Any, today: datetime.date) -> TrackingDashboard:
    plans = list(state_plans(user=user).order_by("-starts_on", "title"))
    standings = [indicator_standing(indicator, today) for indicator in _indicators(plans)]
    overdue_by_plan: Counter[int] = Counter()
    for item in standings:
        overdue_by_plan[item.indicator.measure.plan_id] += len(item.overdue)
    return TrackingDashboard(
        plans=[{"plan": plan, "overdue": overdue_by_plan[plan.pk]} for plan in plans],
        recommendations=recommendation_rows(user=user),
        overdue=overdue_rows(standings),
        statuses=status_columns(),
    )
