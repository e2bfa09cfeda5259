"""Reads of minutes, decisions and action items, limited to the events the reader may see."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from palermo.core.permissions import is_active_user
from palermo.core.scope import scope_filter
from palermo.engagement import permissions
from palermo.engagement.models import (
    ActionItem,
    ActionItemNote,
    Decision,
    Event,
    Minutes,
    Organisation,
    Person,
)

STATUS_ORDER = {
    ActionItem.Status.OPEN: 0,
    ActionItem.Status.IN_PROGRESS: 1,
    ActionItem.Status.DONE: 2,
    ActionItem.Status.DROPPED: 3,
}


def event_get(*, user: Any, event_id: int) -> Event:
    event = Event.objects.filter(pk=event_id).first()
    if event is None or not permissions.can_view_event(user, event):
        raise Http404("No such event.")
    return event


def minutes_get(*, event: Event) -> Minutes | None:
    """The event's minutes with their decisions and action items, or None before they exist."""
    return (
        Minutes.objects.filter(event=event)
        .select_related("event", "recorded_by")
        .prefetch_related(
            "decisions__action_items__owner_person",
            "decisions__action_items__owner_organisation",
        )
        .first()
    )


def decision_get(*, user: Any, decision_id: int) -> Decision:
    decision = Decision.objects.select_related("minutes__event").filter(pk=decision_id).first()
    if decision is None or not permissions.can_view_event(user, decision.minutes.event):
        raise Http404("No such decision.")
    return decision


def _visible_items(user: Any) -> QuerySet[ActionItem]:
    if not is_active_user(user):
        return ActionItem.objects.none()
    return ActionItem.objects.filter(scope_filter(user, "decision__minutes__event__country"))


def _mine(user: Any) -> Q:
    mine = Q(owner_person__user_id=user.pk)
    if user.organisation_id is not None:
        mine |= Q(owner_organisation_id=user.organisation_id)
    return mine


def _overdue(today: datetime.date) -> Q:
    return Q(status__in=ActionItem.OPEN_STATUSES, due_on__lt=today)


def action_item_list(
    *,
    user: Any,
    status: str = "",
    owner_organisation_id: int | None = None,
    overdue: bool = False,
    mine: bool = False,
    event_id: int | None = None,
    today: datetime.date | None = None,
) -> QuerySet[ActionItem]:
    """The action items the user may see, filtered; `owner_name` and `status_rank` sort them.

    `status` is one of the statuses, or "active" for the open and in-progress ones.
    """
    items = _visible_items(user)
    if status == "active":
        items = items.filter(status__in=ActionItem.OPEN_STATUSES)
    elif status:
        items = items.filter(status=status)
    if owner_organisation_id:
        items = items.filter(owner_organisation_id=owner_organisation_id)
    if overdue:
        items = items.filter(_overdue(today or timezone.localdate()))
    if mine:
        items = items.filter(_mine(user))
    if event_id:
        items = items.filter(decision__minutes__event_id=event_id)
    return items.select_related(
        "decision__minutes__event", "owner_person", "owner_organisation"
    ).annotate(
        owner_name=Coalesce("owner_person__name", "owner_organisation__name"),
        status_rank=Case(
            *(When(status=value, then=Value(rank)) for value, rank in STATUS_ORDER.items()),
            output_field=IntegerField(),
        ),
    )


def my_action_items(*, user: Any) -> QuerySet[ActionItem]:
    """Items owned by the user's person record or by the user's organisation."""
    return action_item_list(user=user, mine=True)


def overdue_action_items(*, user: Any, today: datetime.date | None = None) -> QuerySet[ActionItem]:
    return action_item_list(user=user, overdue=True, today=today)


def action_item_get(*, user: Any, action_item_id: int) -> ActionItem:
    item = action_item_list(user=user).filter(pk=action_item_id).first()
    if item is None:
        raise Http404("No such action item.")
    return item


def action_item_notes(*, item: ActionItem) -> QuerySet[ActionItemNote]:
    return item.notes.select_related("author")


@dataclass(frozen=True)
class ActionItemCounts:
    mine_open: int
    mine_overdue: int
    state_overdue: int


def action_item_counts(*, user: Any, today: datetime.date | None = None) -> ActionItemCounts:
    """Open and overdue items of the user, and overdue ones across what the user may see."""
    today = today or timezone.localdate()
    # One pass over the visible items, without the listing's joins and sort keys.
    mine = _mine(user)
    counts = (
        _visible_items(user)
        .order_by()
        .aggregate(
            open=Count("pk", filter=mine & Q(status__in=ActionItem.OPEN_STATUSES)),
            overdue=Count("pk", filter=mine & _overdue(today)),
            state_overdue=Count("pk", filter=_overdue(today)),
        )
    )
    return ActionItemCounts(
        mine_open=counts["open"] or 0,
        mine_overdue=counts["overdue"] or 0,
        state_overdue=counts["state_overdue"] or 0,
    )


def my_open_action_items_first(
    *, user: Any, today: datetime.date, limit: int
) -> tuple[list[ActionItem], list[ActionItem]]:
    """At most `limit` of the user's open items: the overdue ones first, each by due date."""
    items: list[ActionItem] = list(
        my_action_items(user=user)
        .filter(status__in=ActionItem.OPEN_STATUSES)
        .annotate(
            late=Case(When(_overdue(today), then=Value(0)), default=Value(1)),
        )
        .order_by("late", "due_on", "pk")[:limit]
    )
    overdue = [item for item in items if item.late == 0]  # type: ignore[attr-defined]
    return overdue, items[len(overdue) :]


@dataclass(frozen=True)
class MinutesSummary:
    minutes: Minutes | None
    decisions: int = 0
    open_items: int = 0
    overdue_items: int = 0


def minutes_summary(*, event: Event, today: datetime.date | None = None) -> MinutesSummary:
    minutes = Minutes.objects.filter(event=event).first()
    if minutes is None:
        return MinutesSummary(minutes=None)
    items = ActionItem.objects.filter(decision__minutes=minutes)
    return MinutesSummary(
        minutes=minutes,
        decisions=minutes.decisions.count(),
        open_items=items.filter(status__in=ActionItem.OPEN_STATUSES).count(),
        overdue_items=items.filter(_overdue(today or timezone.localdate())).count(),
    )


def owner_people(*, user: Any, event: Event) -> QuerySet[Person]:
    """People who may own the event's action items: the State's registry and international."""
    if not is_active_user(user):
        return Person.objects.none()
    people = Person.objects.filter(scope_filter(user, "country")).select_related("organisation")
    if event.country:
        people = people.filter(country__in=[event.country, ""])
    return people.order_by("name")


def owner_organisations(*, user: Any, event: Event) -> QuerySet[Organisation]:
    if not is_active_user(user):
        return Organisation.objects.none()
    organisations = Organisation.objects.filter(scope_filter(user, "country"))
    if event.country:
        organisations = organisations.filter(country__in=[event.country, ""])
    return organisations.order_by("name")


def organisations_with_action_items(*, user: Any) -> QuerySet[Organisation]:
    """Owner organisations of the items the user may see, for the list's filter."""
    return Organisation.objects.filter(
        pk__in=_visible_items(user).values("owner_organisation_id")
    ).order_by("name")
