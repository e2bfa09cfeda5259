"""Reads behind the tracking dashboards: where indicators stand, overdue reports, recommendations.

Everything is judged with `palermo.tracking.progress`, and returned as plain rows (lists of
dicts with numbers as floats) that `palermo.tracking.charts` turns into charts and the pages
into tables, so both show the same numbers. Every recorded value counts as reported, whatever
its verification state.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from palermo.core.permissions import is_active_user
from palermo.core.scope import scope_filter
from palermo.tracking import permissions, progress
from palermo.tracking.models import (
    ActionPlan,
    Indicator,
    Recommendation,
    Status,
    period_label,
)
from palermo.tracking.selectors import standing
from palermo.tracking.selectors.standing import IndicatorStanding, Standings


@dataclass(frozen=True)
class TrackingDashboard:
    plans: list[dict[str, Any]]
    recommendations: list[dict[str, Any]]
    standing: Standings
    statuses: list[dict[str, str]] = field(default_factory=list)


def _number(value: Decimal) -> float:
    return round(float(value), 2)


def state_plans(*, user: Any) -> QuerySet[ActionPlan]:
    """The action plans of the user's State (none for a user who is not signed in)."""
    return ActionPlan.objects.filter(scope_filter(user)).select_related("owner")


def plan_for_dashboard(*, user: Any, plan_id: int) -> ActionPlan | None:
    """The plan, if the user may see it."""
    plan = ActionPlan.objects.select_related("owner").filter(pk=plan_id).first()
    if plan is None or not permissions.can_view_plan(user, plan):
        return None
    return plan


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


def plan_dashboard(*, plan: ActionPlan, today: datetime.date) -> Standings:
    """The plan's standing today, as the plan dashboard shows it."""
    return standing.plan_standing(plan=plan, as_of=today)


def status_columns() -> list[dict[str, str]]:
    return [{"status": str(value), "label": str(label)} for value, label in Status.choices]


def recommendation_rows(*, user: Any) -> list[dict[str, Any]]:
    """Recommendations of the user's State counted by theme and status (one row per pair)."""
    if not is_active_user(user):
        return []
    labels = {str(value): str(label) for value, label in Status.choices}
    no_theme = _("No theme")
    counted = (
        Recommendation.objects.filter(scope_filter(user))
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
    found = standing.standings(
        Indicator.objects.filter(measure__plan__in=plans).order_by(
            "measure__plan", "measure__number", "pk"
        ),
        [],
        today,
    )
    overdue_by_plan = found.overdue_by_plan()
    return TrackingDashboard(
        plans=[{"plan": plan, "overdue": overdue_by_plan.get(plan.pk, 0)} for plan in plans],
        recommendations=recommendation_rows(user=user),
        standing=found,
        statuses=status_columns(),
    )
