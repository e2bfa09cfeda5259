"""Writes to events: the event itself, its participants, attachments and statements."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from palermo.core.audit import audit_created, audit_deleted, audited_update
from palermo.core.models import User
from palermo.core.permissions import require
from palermo.engagement import permissions
from palermo.engagement.models import Alliance, Event, Organisation
from palermo.engagement.services.registry import themes_get_or_create

EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "country",
    "starts_on",
    "ends_on",
    "start_time",
    "end_time",
    "city",
    "venue",
    "online",
    "online_url",
    "alliance",
    "review",
    "in_person_count",
    "online_count",
)


@transaction.atomic
def event_create(
    *,
    actor: User | None,
    kind: str,
    title: str,
    starts_on: datetime.date,
    country: str = "",
    organisers: Iterable[Organisation] = (),
    partners: Iterable[Organisation] = (),
    instruments: Iterable[Any] = (),
    themes: Iterable[str] = (),
    alliance: Alliance | None = None,
    **fields: Any,
) -> Event:
    if actor is not None:
        require(permissions.can_create_event(actor))
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown event fields: {', '.join(sorted(unknown))}")
    if not country and alliance is not None:
        country = alliance.country
    if not country and actor is not None:
        country = actor.country
    event = Event(
        kind=kind,
        title=" ".join(title.split()),
        starts_on=starts_on,
        country=country.upper(),
        alliance=alliance,
        created_by=actor,
        **fields,
    )
    event.full_clean()
    event.save()
    event.organisers.set(organisers)
    event.partners.set(partners)
    event.instruments.set(instruments)
    event.themes.set(themes_get_or_create(themes))
    audit_created(actor=actor, obj=event)
    return event


@transaction.atomic
def event_update(
    *,
    actor: User | None,
    event: Event,
    organisers: Iterable[Organisation] | None = None,
    partners: Iterable[Organisation] | None = None,
    instruments: Iterable[Any] | None = None,
    themes: Iterable[str] | None = None,
    **fields: Any,
) -> Event:
    if actor is not None:
        require(permissions.can_edit_event(actor, event))
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown event fields: {', '.join(sorted(unknown))}")
    if "title" in fields:
        fields["title"] = " ".join(fields["title"].split())
    audited_update(actor=actor, obj=event, fields=fields)
    if organisers is not None:
        event.organisers.set(organisers)
    if partners is not None:
        event.partners.set(partners)
    if instruments is not None:
        event.instruments.set(instruments)
    if themes is not None:
        event.themes.set(themes_get_or_create(themes))
    return event


@transaction.atomic
def event_delete(*, actor: User, event: Event) -> None:
    require(permissions.can_edit_event(actor, event))
    audit_deleted(actor=actor, obj=event)
    event.delete()
