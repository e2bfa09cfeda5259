"""Action-item reminders: run daily (`palermo action_item_reminders`, e.g. from cron)."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from palermo.core.models import User
from palermo.core.notifications import notify
from palermo.engagement import messages
from palermo.engagement.models import ActionItem
from palermo.engagement.services import minutes as minutes_services

BEFORE = datetime.timedelta(days=3)


def action_item_recipients(item: ActionItem) -> list[User]:
    """The owner person's account and the active accounts of the owner organisation."""
    accounts = Q()
    if item.owner_person is not None and item.owner_person.user_id is not None:
        accounts |= Q(pk=item.owner_person.user_id)
    if item.owner_organisation_id is not None:
        accounts |= Q(organisation_id=item.owner_organisation_id)
    if not accounts:
        return []
    return list(User.objects.filter(accounts, is_active=True).order_by("pk"))


def _path(item: ActionItem) -> str:
    """The item's address without language prefix, as notifications store it."""
    with translation.override("en"):
        return reverse("engagement:action-item-detail", args=[item.pk]).removeprefix("/en")


@transaction.atomic
def send_action_item_reminders(today: datetime.date | None = None) -> int:
    """Remind owners once within 3 days before the due date and once after it is missed.

    Returns how many notifications went out; a second run on the same day sends none.
    """
    today = today or timezone.localdate()
    items = (
        ActionItem.objects.filter(status__in=ActionItem.OPEN_STATUSES, due_on__isnull=False)
        .filter(
            Q(reminded_after_on__isnull=True, due_on__lt=today)
            | Q(reminded_before_on__isnull=True, due_on__gte=today, due_on__lte=today + BEFORE)
        )
        .select_related("decision__minutes__event", "owner_person", "owner_organisation")
        .order_by("due_on", "pk")
    )
    sent = 0
    for item in items:
        due_on = item.due_on
        if due_on is None:
            continue
        missed = due_on < today
        template = messages.ACTION_ITEM_MISSED if missed else messages.ACTION_ITEM_DUE_SOON
        fields = {
            "action": item.text[:200],
            "event": item.decision.minutes.event,
            "due": due_on.isoformat(),
        }
        sent += len(notify(action_item_recipients(item), template, _path(item), fields))
        minutes_services.action_item_mark_reminded(item=item, today=today, after_due_date=missed)
    return sent
