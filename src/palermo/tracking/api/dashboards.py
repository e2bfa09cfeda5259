"""The dashboards' charts as Vega-Lite specs, with the rows they were drawn from."""

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from palermo.core.http import acting_user
from palermo.tracking import charts
from palermo.tracking.selectors import dashboards as dashboard_selectors

router = Router(tags=["tracking: dashboards"])


class ChartOut(Schema):
    name: str
    spec: dict[str, Any]
    data: list[dict[str, Any]]


class DashboardOut(Schema):
    # The day the standing and the overdue reports were judged by.
    as_of: datetime.date
    charts: list[ChartOut]


@router.get("/plans/{plan_id}/dashboard", response=DashboardOut)
def plan_dashboard(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    """Progress by measure, each indicator against its expected path, overdue reports by body."""
    plan = dashboard_selectors.plan_for_dashboard(user=acting_user(request), plan_id=plan_id)
    if plan is None:
        raise Http404
    dashboard = dashboard_selectors.plan_dashboard(plan=plan, today=timezone.localdate())
    found = [
        {
            "name": "progress_by_measure",
            "spec": charts.plan_progress_chart(dashboard.measure_rows),
            "data": dashboard.measure_rows,
        }
    ]
    for item in dashboard.indicators:
        indicator = item.indicator
        rows = dashboard_selectors.trend_rows(item)
        found.append(
            {
                "name": f"indicator_trend_{indicator.pk}",
                "spec": charts.indicator_trend_chart(
                    dashboard_selectors.indicator_facts(indicator),
                    rows,
                ),
                "data": rows,
            }
        )
    found.append(
        {
            "name": "overdue_by_body",
            "spec": charts.overdue_chart(dashboard.overdue_rows),
            "data": dashboard.overdue_rows,
        }
    )
    return {"as_of": dashboard.as_of, "charts": found}


@router.get("/tracking/dashboard", response=DashboardOut)
def tracking_dashboard(request: HttpRequest) -> dict[str, Any]:
    """Recommendations by status and theme, and overdue reports by body, for the user's State."""
    dashboard = dashboard_selectors.tracking_dashboard(
        user=acting_user(request), today=timezone.localdate()
    )
    return {
        "as_of": dashboard.standing.as_of,
        "charts": [
            {
                "name": "recommendations_by_status_and_theme",
                "spec": charts.recommendations_chart(dashboard.recommendations),
                "data": dashboard.recommendations,
            },
            {
                "name": "overdue_by_body",
                "spec": charts.overdue_chart(dashboard.standing.overdue_rows),
                "data": dashboard.standing.overdue_rows,
            },
        ],
    }
