"""Writes to events: the event itself, its participants, attachments and statements."""

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from palermo.core import uploads
from palermo.core.audit import (
    REDACTED,
    audit_created,
    audit_deleted,
    audit_record,
    audited_update,
)
from palermo.core.models import AuditEvent, User
from palermo.core.permissions import require
from palermo.engagement import messages, permissions, search
from palermo.engagement.models import (
    Alliance,
    Attachment,
    CalendarFeed,
    Event,
    Organisation,
    Participant,
    Person,
    Statement,
)
from palermo.engagement.services.registry import themes_get_or_create

EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "country",
    "starts_on",
    "date_precision",
    "status",
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
    # Planned when it is still to come, held when it has begun, unless the caller says.
    if not fields.get("status"):
        future = starts_on > timezone.localdate()
        fields["status"] = Event.Status.PLANNED if future else Event.Status.HELD
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
    search.index_event(event)
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
    search.index_event(event)
    return event


@transaction.atomic
def event_delete(*, actor: User, event: Event) -> None:
    require(permissions.can_edit_event(actor, event))
    audit_deleted(actor=actor, obj=event)
    event_id = event.pk
    event.delete()
    search.unindex("event", event_id)


STATEMENT_FIELDS = ("organisation", "title", "delivered_on", "language", "text", "file")


def _check_file(file: UploadedFile, field: str = "file") -> None:
    if not file.size:
        raise ValidationError({field: messages.FILE_EMPTY})
    uploads.check_size(file, max_bytes=uploads.upload_max_bytes(), field=field)


def _delete_file_after_commit(file: FieldFile) -> None:
    """Remove a stored file once the deletion is committed, never on a rollback."""
    name, storage = file.name, file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def participant_add(
    *,
    actor: User | None,
    event: Event,
    person: Person,
    role: str = Participant.Role.PARTICIPANT,
    online: bool = False,
) -> Participant:
    if actor is not None:
        require(permissions.can_edit_event(actor, event))
        require(permissions.can_view_person(actor, person))
    if event.participants.filter(person=person).exists():
        raise ValidationError({"person": messages.PARTICIPANT_ALREADY_ADDED})
    participant = Participant(event=event, person=person, role=role, online=online)
    participant.full_clean()
    participant.save()
    audit_created(actor=actor, obj=participant)
    return participant


@transaction.atomic
def participants_add(
    *,
    actor: User | None,
    event: Event,
    people: Iterable[Person],
    role: str = Participant.Role.PARTICIPANT,
    online: bool = False,
) -> list[Participant]:
    """Add many people at once with one role; those already taking part are left as they are.

    All or nothing: a person the actor may not see refuses the whole list.
    """
    chosen = {person.pk: person for person in people}
    if actor is not None:
        require(permissions.can_edit_event(actor, event))
        for person in chosen.values():
            require(permissions.can_view_person(actor, person))
    already = set(event.participants.filter(person__in=chosen).values_list("person", flat=True))
    added = []
    for person in sorted(chosen.values(), key=lambda person: (person.name, person.pk)):
        if person.pk in already:
            continue
        participant = Participant(event=event, person=person, role=role, online=online)
        participant.full_clean()
        participant.save()
        audit_created(actor=actor, obj=participant)
        added.append(participant)
    return added


@transaction.atomic
def participant_remove(*, actor: User | None, participant: Participant) -> None:
    if actor is not None:
        require(permissions.can_edit_event(actor, participant.event))
    audit_deleted(actor=actor, obj=participant)
    participant.delete()


@transaction.atomic
def attachment_add(
    *, actor: User | None, event: Event, title: str, file: UploadedFile
) -> Attachment:
    """Store a document of the event (agenda, slides, report), within the upload cap."""
    if actor is not None:
        require(permissions.can_edit_event(actor, event))
    _check_file(file)
    title = " ".join(title.split()) or (file.name or "").rsplit("/", 1)[-1]
    attachment = Attachment(event=event, title=title[:255], file=file, uploaded_by=actor)
    attachment.full_clean()
    attachment.save()
    audit_created(actor=actor, obj=attachment)
    return attachment


@transaction.atomic
def attachment_delete(*, actor: User | None, attachment: Attachment) -> None:
    if actor is not None:
        require(permissions.can_edit_event(actor, attachment.event))
    audit_deleted(actor=actor, obj=attachment)
    _delete_file_after_commit(attachment.file)
    attachment.delete()


@transaction.atomic
def statement_create(
    *,
    actor: User | None,
    event: Event,
    organisation: Organisation,
    title: str,
    delivered_on: datetime.date | None = None,
    language: str = "en",
    text: str = "",
    file: UploadedFile | None = None,
) -> Statement:
    """Record what an organisation said at the event, as text, as a file, or both."""
    if actor is not None:
        require(permissions.can_add_statement(actor, event, organisation))
        require(permissions.can_view_organisation(actor, organisation))
    if file is not None:
        _check_file(file)
    statement = Statement(
        event=event,
        organisation=organisation,
        title=" ".join(title.split()),
        delivered_on=delivered_on or event.starts_on,
        language=language,
        text=text.strip(),
        created_by=actor,
    )
    if file is not None:
        statement.file = file
    statement.full_clean()
    statement.save()
    audit_created(actor=actor, obj=statement)
    return statement


@transaction.atomic
def statement_update(*, actor: User | None, statement: Statement, **fields: Any) -> Statement:
    """Change a statement; a new file replaces the old one, which is then removed."""
    unknown = set(fields) - set(STATEMENT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown statement fields: {', '.join(sorted(unknown))}")
    if actor is not None:
        require(permissions.can_edit_statement(actor, statement))
        organisation = fields.get("organisation")
        if organisation is not None:
            require(permissions.can_add_statement(actor, statement.event, organisation))
            require(permissions.can_view_organisation(actor, organisation))
    if "title" in fields:
        fields["title"] = " ".join(fields["title"].split())
    if "text" in fields:
        fields["text"] = fields["text"].strip()
    new_file = fields.pop("file", None)
    old_name = ""
    if new_file is not None:
        _check_file(new_file)
        old_name = statement.file.name or ""
        fields["file"] = new_file
    audited_update(actor=actor, obj=statement, fields=fields)
    if old_name and old_name != statement.file.name:
        storage = statement.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return statement


@transaction.atomic
def statement_delete(*, actor: User | None, statement: Statement) -> None:
    if actor is not None:
        require(permissions.can_edit_statement(actor, statement))
    audit_deleted(actor=actor, obj=statement)
    _delete_file_after_commit(statement.file)
    statement.delete()


def _feed_owner(feed: CalendarFeed) -> str:
    return str(feed.user or feed.alliance)


def _audit_feed(actor: User | None, feed: CalendarFeed, action: str) -> None:
    # The key is the feed's only credential: it never enters the audit trail.
    audit_record(
        actor=actor,
        action=action,
        obj=feed,
        object_repr=f"calendar feed of {_feed_owner(feed)}",
        changes={"key": [None if action == AuditEvent.Action.CREATE else REDACTED, REDACTED]},
    )


@transaction.atomic
def calendar_feed_for_user(*, user: User) -> CalendarFeed:
    """The user's personal feed address, created the first time it is asked for."""
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is None:
        feed = CalendarFeed(user=user)
        feed.full_clean()
        feed.save()
        _audit_feed(user, feed, AuditEvent.Action.CREATE)
    return feed


@transaction.atomic
def calendar_feed_for_alliance(*, actor: User | None, alliance: Alliance) -> CalendarFeed:
    """The alliance's feed address; only who manages the alliance may see or create it."""
    if actor is not None:
        require(permissions.can_manage_alliance(actor, alliance))
    feed = CalendarFeed.objects.filter(alliance=alliance).first()
    if feed is None:
        feed = CalendarFeed(alliance=alliance)
        feed.full_clean()
        feed.save()
        _audit_feed(actor, feed, AuditEvent.Action.CREATE)
    return feed


@transaction.atomic
def calendar_feed_reset(*, actor: User | None, feed: CalendarFeed) -> CalendarFeed:
    """Give the feed a new secret address; the old one stops working at once."""
    if actor is not None:
        require(permissions.can_reset_calendar_feed(actor, feed))
    feed.key = uuid.uuid4()
    feed.full_clean()
    feed.save(update_fields=["key"])
    _audit_feed(actor, feed, AuditEvent.Action.UPDATE)
    return feed
