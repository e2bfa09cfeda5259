"""The dashboard's "Action items" panel: the user's open items, overdue ones first."""

from typing import Any

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from palermo.core.countries import country_name
from palermo.core.dashboard import Panel, Text, register_panel
from palermo.core.permissions import is_active_user
from palermo.engagement import permissions
from palermo.engagement.models import ActionItem
from palermo.engagement.selectors import minutes as minutes_selectors

LISTED = 5


def _label(item: ActionItem, overdue: bool) -> str:
    due = formats.date_format(item.due_on, "SHORT_DATE_FORMAT") if item.due_on else ""
    values = {"action": item.text[:80], "due": due}
    if overdue:
        return _("Overdue: %(action)s (due %(due)s)") % values
    if due:
        return _("%(action)s (due %(due)s)") % values
    return item.text[:80]


@register_panel
def action_items_panel(user: Any) -> Panel | None:
    if not is_active_user(user):
        return None
    today = timezone.localdate()
    coordinator = permissions.is_registry_coordinator(user)
    counts = minutes_selectors.action_item_counts(user=user, today=today)
    if not counts.mine_open and not coordinator:
        return None
    overdue, others = minutes_selectors.my_open_action_items_first(
        user=user, today=today, limit=LISTED
    )
    items: list[tuple[Text, str]] = [
        (_label(item, item in overdue), item.get_absolute_url()) for item in overdue + others
    ]
    if coordinator:
        where = (not user.is_superuser and country_name(user.country)) or _("all States")
        count = counts.state_overdue
        items.append(
            (
                ngettext(
                    "%(count)s overdue action item in %(state)s",
                    "%(count)s overdue action items in %(state)s",
                    count,
                )
                % {"count": count, "state": where},
                reverse("engagement:action-item-list") + "?overdue=1",
            )
        )
    if counts.mine_open:
        text = ngettext(
            "You have %(open)s open action item. Overdue: %(overdue)s.",
            "You have %(open)s open action items. Overdue: %(overdue)s.",
            counts.mine_open,
        ) % {"open": counts.mine_open, "overdue": counts.mine_overdue}
    else:
        text = _("You have no open action items.")
    return Panel(
        title=_("Action items"),
        text=text,
        items=items,
        action_label=_("My action items"),
        action_url=reverse("engagement:my-action-items"),
        order=25,
    )
