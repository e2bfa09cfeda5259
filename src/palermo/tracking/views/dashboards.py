"""Tracking dashboards: recommendations and overdue reports of the State, and one per plan."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from palermo.core.http import acting_user
from palermo.core.pagecache import cached_page
from palermo.tracking import charts
from palermo.tracking.selectors import dashboards as dashboard_selectors
from palermo.tracking.selectors.standing import IndicatorStanding


@login_required
@cached_page
def tracking_dashboard(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    dashboard = dashboard_selectors.tracking_dashboard(user=user, today=timezone.localdate())
    return render(
        request,
        "tracking/dashboard_tracking.html",
        {
            "dashboard": dashboard,
            "recommendation_table": dashboard_selectors.recommendation_table(
                dashboard.recommendations
            ),
            "recommendations_spec": charts.recommendations_chart(dashboard.recommendations),
            "overdue_spec": charts.overdue_chart(dashboard.standing.overdue_rows),
        },
    )


def _chosen(indicators: list[IndicatorStanding], wanted: str) -> IndicatorStanding | None:
    for item in indicators:
        if str(item.indicator.pk) == wanted:
            return item
    return indicators[0] if indicators else None


@login_required
@cached_page
def plan_dashboard(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = acting_user(request)
    plan = dashboard_selectors.plan_for_dashboard(user=user, plan_id=plan_id)
    if plan is None:
        raise Http404
    dashboard = dashboard_selectors.plan_dashboard(plan=plan, today=timezone.localdate())
    chosen = _chosen(dashboard.indicators, request.GET.get("indicator", ""))
    trend: dict[str, Any] = {}
    if chosen is not None:
        rows = dashboard_selectors.trend_rows(chosen)
        facts = dashboard_selectors.indicator_facts(chosen.indicator)
        trend = {
            "item": chosen,
            "table": dashboard_selectors.trend_table(rows),
            "spec": charts.indicator_trend_chart(facts, rows),
        }
    return render(
        request,
        "tracking/dashboard_plan.html",
        {
            "plan": plan,
            "dashboard": dashboard,
            "trend": trend,
            "progress_spec": charts.plan_progress_chart(dashboard.measure_rows),
            "overdue_spec": charts.overdue_chart(dashboard.overdue_rows),
        },
    )
