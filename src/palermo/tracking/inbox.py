"""The tracking part of each person's inbox: indicator reports due from the user's body."""

import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core.inbox import InboxItem, inbox_register
from palermo.tracking.models import period_label
from palermo.tracking.selectors import plans as selectors


def indicator_reports_due(user: Any, today: datetime.date) -> list[InboxItem]:
    """Missing reports whose period ended, and reports returned for correction."""
    if not selectors.is_reporting_user(user):
        return []
    items = []
    for row in selectors.my_reporting(user=user, today=today):
        if not row.can_report:
            continue
        indicator = row.indicator
        for period in row.status.overdue:
            label = period_label(period, indicator.frequency)
            items.append(
                InboxItem(
                    kind="indicator_reports",
                    title=f"{indicator.name}, {label}",
                    link=indicator.get_absolute_url(),
                    why=_("The period ended without a report from your body."),
                    due=period,
                    overdue=True,
                )
            )
        for measurement, label in row.returned:
            items.append(
                InboxItem(
                    kind="indicator_reports",
                    title=f"{indicator.name}, {label}",
                    link=indicator.get_absolute_url(),
                    why=_("Returned for correction: correct the value and send it again."),
                    due=measurement.period,
                )
            )
    return items


def register() -> None:
    inbox_register(
        indicator_reports_due,
        kinds={"indicator_reports": gettext_lazy("Indicator reports due")},
        order=30,
    )
