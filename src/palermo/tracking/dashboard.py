"""The "Reporting" panel: overdue indicator reports, for those who owe them and those who chase."""

import datetime
from typing import Any

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from palermo.core.dashboard import Panel, Text, register_panel
from palermo.core.permissions import is_secretariat
from palermo.tracking import permissions
from palermo.tracking.models import ActionPlan
from palermo.tracking.selectors import plans as selectors

MAX_ITEMS = 10
PLANS_PER_READ = 5


@register_panel
def reporting_panel(user: Any) -> Panel | None:
    """Plan monitors see what their body owes; plan owners see what each body owes."""
    reporting = selectors.is_reporting_user(user)
    owning = [
        plan
        for plan in selectors.visible_plans(user=user).select_related("owner")
        if is_secretariat(user) or permissions.is_plan_owner(user, plan)
    ]
    if not reporting and not owning:
        return None
    today = timezone.localdate()
    items: list[tuple[Text, str]] = []
    if reporting:
        for row in selectors.my_reporting(user=user, today=today):
            indicator = row.indicator
            for label in row.status.overdue_labels:
                items.append(
                    (
                        _("Overdue: %(indicator)s, %(period)s")
                        % {"indicator": indicator.name, "period": label},
                        indicator.get_absolute_url(),
                    )
                )
    # The panel lists MAX_ITEMS lines: plans are read a few at a time until those are filled,
    # so a State with a hundred plans does not compute every indicator of each for one panel.
    read_all = True
    for start in range(0, len(owning), PLANS_PER_READ):
        if len(items) > MAX_ITEMS:
            read_all = False
            break
        _owed_by_plan(items, owning[start : start + PLANS_PER_READ], today)
    if len(items) > MAX_ITEMS:
        more = len(items) - MAX_ITEMS + 1
        items = items[: MAX_ITEMS - 1]
        more_label = _("and %(count)s more") % {"count": more} if read_all else _("and more")
        items.append((more_label, reverse("tracking:plan-list")))
    return Panel(
        title=_("Reporting"),
        text=_(
            "Indicator values whose reporting period ended before today, %(day)s, without a report."
        )
        % {"day": formats.date_format(today, "DATE_FORMAT")}
        if items
        else _("No indicator report is overdue."),
        items=items,
        action_label=_("My reporting") if reporting else _("Open the action plans"),
        action_url=reverse("tracking:my-reporting" if reporting else "tracking:plan-list"),
        order=25,
    )


def _owed_by_plan(
    items: list[tuple[Text, str]], plans: list[ActionPlan], today: datetime.date
) -> None:
    """Add a line per body that owes reports, for each of `plans`."""
    overdue = selectors.plans_overdue(plans, today)
    for plan in plans:
        for group in overdue.get(plan.pk, []):
            items.append(
                (
                    ngettext(
                        "%(body)s owes %(count)s report for %(plan)s",
                        "%(body)s owes %(count)s reports for %(plan)s",
                        group.count,
                    )
                    % {"body": group.body.name, "count": group.count, "plan": plan.title},
                    f"{plan.get_absolute_url()}#pane-overdue",
                )
            )
