"""Writes to minutes: the record of a meeting, its numbered decisions and their action items."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from palermo.core.audit import audit_created, audit_deleted, audited_update
from palermo.core.models import User
from palermo.core.permissions import require
from palermo.engagement import messages, permissions
from palermo.engagement.models import (
    ActionItem,
    ActionItemNote,
    Decision,
    Event,
    Minutes,
    Organisation,
    Person,
)

DECISION_FIELDS = ("number", "text")
ACTION_ITEM_FIELDS = ("text", "owner_person", "owner_organisation", "due_on")


def _check_owners(
    event: Event, owner_person: Person | None, owner_organisation: Organisation | None
) -> None:
    """At least one owner, each from the event's State or international."""
    if owner_person is None and owner_organisation is None:
        raise ValidationError(messages.ACTION_ITEM_NEEDS_OWNER)
    if not event.country:
        return
    owners = (("owner_person", owner_person), ("owner_organisation", owner_organisation))
    for field, owner in owners:
        if owner is not None and owner.country not in {"", event.country}:
            raise ValidationError({field: messages.ACTION_ITEM_OWNER_OTHER_STATE})


@transaction.atomic
def minutes_record(*, actor: User | None, event: Event, summary: str = "") -> Minutes:
    """Start the minutes of a meeting; a meeting has one set of minutes."""
    if actor is not None:
        require(permissions.can_record_minutes(actor, event))
    if Minutes.objects.filter(event=event).exists():
        raise ValidationError(messages.MINUTES_EXIST)
    minutes = Minutes(event=event, summary=summary.strip(), recorded_by=actor)
    minutes.full_clean()
    minutes.save()
    audit_created(actor=actor, obj=minutes)
    return minutes


@transaction.atomic
def minutes_update(*, actor: User | None, minutes: Minutes, summary: str) -> Minutes:
    if actor is not None:
        require(permissions.can_record_minutes(actor, minutes.event))
    audited_update(actor=actor, obj=minutes, fields={"summary": summary.strip()})
    return minutes


@transaction.atomic
def decision_add(
    *, actor: User | None, minutes: Minutes, text: str, number: int | None = None
) -> Decision:
    """Add a decision, numbered after the last one unless a number is given."""
    if actor is not None:
        require(permissions.can_record_minutes(actor, minutes.event))
    if number is None:
        # Lock the minutes so that two people adding decisions at once get different numbers.
        Minutes.objects.select_for_update().filter(pk=minutes.pk).first()
        highest = minutes.decisions.aggregate(highest=Max("number"))["highest"]
        number = (highest or 0) + 1
    decision = Decision(minutes=minutes, number=number, text=text.strip())
    decision.full_clean()
    decision.save()
    audit_created(actor=actor, obj=decision)
    return decision


@transaction.atomic
def decision_update(*, actor: User | None, decision: Decision, **fields: Any) -> Decision:
    if actor is not None:
        require(permissions.can_record_minutes(actor, decision.minutes.event))
    unknown = set(fields) - set(DECISION_FIELDS)
    if unknown:
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")
    if "text" in fields:
        fields["text"] = (fields["text"] or "").strip()
    audited_update(actor=actor, obj=decision, fields=fields)
    return decision


@transaction.atomic
def decision_delete(*, actor: User, decision: Decision) -> None:
    """Delete a decision with its action items and their notes (pages ask for confirmation)."""
    require(permissions.can_record_minutes(actor, decision.minutes.event))
    for item in decision.action_items.all():
        audit_deleted(actor=actor, obj=item)
    audit_deleted(actor=actor, obj=decision)
    decision.delete()


@transaction.atomic
def action_item_create(
    *,
    actor: User | None,
    decision: Decision,
    text: str,
    owner_person: Person | None = None,
    owner_organisation: Organisation | None = None,
    due_on: datetime.date | None = None,
) -> ActionItem:
    event = decision.minutes.event
    if actor is not None:
        require(permissions.can_record_minutes(actor, event))
    _check_owners(event, owner_person, owner_organisation)
    item = ActionItem(
        decision=decision,
        text=text.strip(),
        owner_person=owner_person,
        owner_organisation=owner_organisation,
        due_on=due_on,
    )
    item.full_clean()
    item.save()
    audit_created(actor=actor, obj=item)
    return item


@transaction.atomic
def action_item_update(*, actor: User | None, item: ActionItem, **fields: Any) -> ActionItem:
    """Change what is to be done, by whom and by when; a new due date re-arms the reminders."""
    event = item.decision.minutes.event
    if actor is not None:
        require(permissions.can_record_minutes(actor, event))
    unknown = set(fields) - set(ACTION_ITEM_FIELDS)
    if unknown:
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")
    if "text" in fields:
        fields["text"] = (fields["text"] or "").strip()
    _check_owners(
        event,
        fields.get("owner_person", item.owner_person),
        fields.get("owner_organisation", item.owner_organisation),
    )
    if "due_on" in fields and fields["due_on"] != item.due_on:
        fields.update(reminded_before_on=None, reminded_after_on=None)
    audited_update(actor=actor, obj=item, fields=fields)
    return item


def _note_create(
    *, actor: User | None, item: ActionItem, text: str, status_from: str = "", status_to: str = ""
) -> ActionItemNote:
    note = ActionItemNote(
        action_item=item,
        author=actor,
        text=text.strip(),
        status_from=status_from,
        status_to=status_to,
    )
    note.full_clean()
    note.save()
    audit_created(actor=actor, obj=note)
    return note


@transaction.atomic
def action_item_set_status(
    *,
    actor: User | None,
    item: ActionItem,
    status: str,
    note: str = "",
    completed_on: datetime.date | None = None,
) -> ActionItem:
    """Report progress: change the status, with an optional note kept in the follow-up history.

    The same status with a note only adds the note; the same status without one is refused.
    `completed_on` (today by default) records when a done item was really finished.
    """
    if actor is not None:
        require(permissions.can_update_action_item(actor, item))
    previous = item.status
    if status == previous:
        if not note.strip():
            raise ValidationError(messages.ACTION_ITEM_STATUS_UNCHANGED)
        _note_create(actor=actor, item=item, text=note)
        return item
    fields: dict[str, Any] = {"status": status}
    if status == ActionItem.Status.DONE:
        fields["completed_on"] = completed_on or timezone.localdate()
    else:
        fields["completed_on"] = None
    audited_update(actor=actor, obj=item, fields=fields)
    _note_create(actor=actor, item=item, text=note, status_from=previous, status_to=status)
    return item


@transaction.atomic
def action_item_note_add(*, actor: User | None, item: ActionItem, text: str) -> ActionItemNote:
    if actor is not None:
        require(permissions.can_update_action_item(actor, item))
    if not text.strip():
        raise ValidationError(messages.NOTE_EMPTY)
    return _note_create(actor=actor, item=item, text=text)


def action_item_mark_reminded(
    *, item: ActionItem, today: datetime.date, after_due_date: bool
) -> None:
    """Remember that a reminder went out, so that the daily run sends each one once.

    Bookkeeping of the reminder run, like reading a notification: not a change to audit.
    """
    field = "reminded_after_on" if after_due_date else "reminded_before_on"
    ActionItem.objects.filter(pk=item.pk).update(**{field: today})
    setattr(item, field, today)
