"""The engagement part of each person's inbox: the action items they own, overdue first."""

import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core.inbox import InboxItem, inbox_register
from palermo.engagement.models import ActionItem
from palermo.engagement.selectors import minutes as selectors


def my_action_items(user: Any, today: datetime.date) -> list[InboxItem]:
    """Open items owned by the user's person record or organisation."""
    mine = selectors.my_action_items(user=user).filter(status__in=ActionItem.OPEN_STATUSES)
    items = []
    for item in mine.order_by("due_on", "pk"):
        overdue = item.due_on is not None and item.due_on < today
        event = item.decision.minutes.event
        why = (_("Overdue: agreed at %(event)s.") if overdue else _("Agreed at %(event)s.")) % {
            "event": event
        }
        items.append(
            InboxItem(
                kind="action_items",
                title=item.text[:120],
                link=item.get_absolute_url(),
                why=why,
                due=item.due_on,
                overdue=overdue,
            )
        )
    return items


def register() -> None:
    inbox_register(
        my_action_items, kinds={"action_items": gettext_lazy("Your action items")}, order=20
    )
