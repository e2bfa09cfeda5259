"""Which indicators a template holds, who may use it, and the layout both sides agree on.

The rule for periods: a template is made for one month, and holds every indicator of the
body whose reporting period *ends* in that month — monthly indicators every month,
quarterly ones in March, June, September and December (for the quarter then ending), yearly
ones in December (for the year). The row's period is the first day of that reporting
period, as measurements store it. Periods outside the indicator's baseline-to-target range
are left out, since no value could be recorded for them.
"""

import datetime
from typing import Any

from django.db.models import QuerySet

from palermo.core.permissions import has_role, is_secretariat
from palermo.core.roles import Role
from palermo.engagement.models import Organisation
from palermo.tracking import permissions, progress
from palermo.tracking.models import ActionPlan, Indicator

KIND = "palermo-data-maintenance-template"
VERSION = "1"
META_SHEET = "palermo-meta"
# Row of the column headers; indicator rows follow it. Kept in the metadata too.
HEADER_ROW = 8
FIRST_ROW = HEADER_ROW + 1

# Column numbers (1-based, as openpyxl counts) of the indicator table.
COL_ID = 1
COL_PERIOD_KEY = 2
COL_MEASURE = 3
COL_INDICATOR = 4
COL_UNIT = 5
COL_PERIOD = 6
COL_LAST_VALUE = 7
COL_LAST_PERIOD = 8
COL_VALUE = 9
COL_SOURCE = 10
COL_NOTE = 11
LAST_COL = COL_NOTE


def month_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, day.month, 1)


def reporting_period(month: datetime.date, frequency: str) -> datetime.date | None:
    """The period of this frequency that ends in `month` (its first day), or None."""
    start = progress.period_start(month, frequency)
    if progress.period_end(start, frequency).month != month.month:
        return None
    return start


def indicator_period(indicator: Indicator, month: datetime.date) -> datetime.date | None:
    """The period this indicator reports in the template for `month`, if any."""
    period = reporting_period(month, indicator.frequency)
    if period is None:
        return None
    allowed = progress.periods(indicator.baseline_date, indicator.target_date, indicator.frequency)
    return period if period in allowed else None


def template_indicators(
    *, plan: ActionPlan, body: Organisation, month: datetime.date
) -> list[tuple[Indicator, datetime.date]]:
    """The indicators of this plan the body reports for the month, with their periods."""
    found = []
    indicators = (
        Indicator.objects.filter(measure__plan=plan, reporting_body=body)
        .select_related("measure")
        .order_by("measure__number", "pk")
    )
    for indicator in indicators:
        period = indicator_period(indicator, month)
        if period is not None:
            found.append((indicator, period))
    return found


def may_use_template(user: Any, plan: ActionPlan, body: Organisation) -> bool:
    """The secretariat for any body; a plan monitor only for their own body.

    The same people `permissions.can_report` lets report the body's indicators.
    """
    if not permissions.can_view_plan(user, plan):
        return False
    if is_secretariat(user):
        return True
    return has_role(user, Role.PLAN_MONITOR) and user.organisation_id == body.pk


def may_open_templates(user: Any, plan: ActionPlan) -> bool:
    """Who sees the templates page of a plan: the secretariat and plan monitors."""
    if not permissions.can_view_plan(user, plan):
        return False
    return is_secretariat(user) or has_role(user, Role.PLAN_MONITOR)


def template_bodies(*, user: Any, plan: ActionPlan) -> QuerySet[Organisation]:
    """The reporting bodies of this plan the user may fill templates for."""
    bodies = Organisation.objects.filter(reported_indicators__measure__plan=plan).distinct()
    if not permissions.can_view_plan(user, plan):
        return bodies.none()
    if is_secretariat(user):
        return bodies.order_by("name")
    if has_role(user, Role.PLAN_MONITOR) and user.organisation_id is not None:
        return bodies.filter(pk=user.organisation_id)
    return bodies.none()


def template_months(*, plan: ActionPlan, today: datetime.date) -> list[datetime.date]:
    """The months of the plan up to the current one, the latest first."""
    first = month_start(plan.starts_on)
    last = month_start(min(plan.ends_on, today))
    months = []
    current = first
    while current <= last:
        months.append(current)
        current = progress.add_months(current, 1)
    return months[::-1]


def default_month(months: list[datetime.date], today: datetime.date) -> datetime.date | None:
    """The month just ended when the plan has it (monthly reports look back), else the latest."""
    previous = progress.add_months(month_start(today), -1)
    if previous in months:
        return previous
    return months[0] if months else None
