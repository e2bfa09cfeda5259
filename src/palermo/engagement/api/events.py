"""Events with their participants, statements and attachments, through the API."""

import datetime
from typing import Annotated, Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from palermo.core.api_types import Date, Id, PatchSchema, Time, Year, choices_schema
from palermo.core.http import acting_user
from palermo.core.models import User
from palermo.engagement.models import Attachment, Event, Participant, Statement
from palermo.engagement.selectors import events as event_selectors
from palermo.engagement.selectors.registry import organisation_list, person_list
from palermo.engagement.services import events as event_services

router = Router(tags=["engagement: events"])

EventKind = Annotated[Event.Kind, choices_schema(Event.Kind, "EventKind")]
EventDatePrecision = Annotated[
    Event.DatePrecision, choices_schema(Event.DatePrecision, "EventDatePrecision")
]
EventStatus = Annotated[Event.Status, choices_schema(Event.Status, "EventStatus")]


class EventOut(Schema):
    id: int
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    title: str
    description: str
    country: str
    starts_on: datetime.date
    date_precision: str
    status: str = Field(description="planned, held or cancelled")
    status_label: str = Field(alias="get_status_display")
    approximate_date: str = Field(
        alias="approximate_date_label",
        description="What is known of a month- or week-only date, e.g. “April 2025”; else empty",
    )
    ends_on: datetime.date | None
    start_time: datetime.time | None
    end_time: datetime.time | None
    venue: str
    city: str
    online: bool
    online_url: str
    alliance: int | None = Field(alias="alliance_id")
    review: int | None = Field(alias="review_id")
    organisers: list[Id]
    partners: list[Id]
    instruments: list[str]
    themes: list[str]
    in_person_count: int | None
    online_count: int | None
    headcount: int | None
    url: str = Field(alias="get_absolute_url")

    @staticmethod
    def resolve_organisers(obj: Event) -> list[int]:
        return [organisation.pk for organisation in obj.organisers.all()]

    @staticmethod
    def resolve_partners(obj: Event) -> list[int]:
        return [organisation.pk for organisation in obj.partners.all()]

    @staticmethod
    def resolve_instruments(obj: Event) -> list[str]:
        return [instrument.code for instrument in obj.instruments.all()]

    @staticmethod
    def resolve_themes(obj: Event) -> list[str]:
        return [theme.name for theme in obj.themes.all()]


class EventPatch(PatchSchema):
    model = Event

    kind: EventKind | None = None
    title: str | None = Field(default=None, min_length=1, max_length=255)
    description: str | None = None
    starts_on: Date | None = None
    date_precision: EventDatePrecision | None = Field(
        default=None,
        description="day (the default), week (starts_on is a day of that week) or month "
        "(starts_on is moved to the month's first day)",
    )
    status: EventStatus | None = Field(
        default=None,
        description="planned, held or cancelled; when creating, planned if it starts after "
        "today, else held",
    )
    ends_on: Date | None = None
    start_time: Time | None = None
    end_time: Time | None = None
    venue: str | None = Field(default=None, max_length=255)
    city: str | None = Field(default=None, max_length=100)
    online: bool | None = None
    online_url: str | None = None
    alliance: Id | None = Field(default=None, description="Alliance id")
    review: int | None = Field(default=None, description="Review id (of your State)")
    organisers: list[Id] | None = Field(default=None, description="Organisation ids")
    partners: list[Id] | None = Field(default=None, description="Organisation ids")
    instruments: list[str] | None = Field(default=None, description="Codes, e.g. untoc")
    themes: list[str] | None = None
    in_person_count: int | None = Field(default=None, ge=0)
    online_count: int | None = Field(default=None, ge=0)


class EventIn(EventPatch):
    kind: EventKind
    title: str = Field(min_length=1, max_length=255)
    starts_on: Date


class ParticipantOut(Schema):
    id: int
    person: int = Field(alias="person_id")
    name: str = Field(alias="person.name")
    role: str
    online: bool


class ParticipantIn(Schema):
    person: Id = Field(description="Person id")
    role: Participant.Role = Participant.Role.PARTICIPANT
    online: bool = False


class StatementOut(Schema):
    id: int
    event: int = Field(alias="event_id")
    organisation: int = Field(alias="organisation_id")
    title: str
    delivered_on: datetime.date
    language: str
    text: str
    file_url: str | None = None

    @staticmethod
    def resolve_file_url(obj: Statement) -> str | None:
        if not obj.file:
            return None
        path = reverse("engagement:statement-file", args=[obj.pk])
        return settings.PALERMO_BASE_URL.rstrip("/") + path


class StatementIn(Schema):
    organisation: Id = Field(description="Organisation id")
    title: str = Field(min_length=1, max_length=255)
    delivered_on: Date | None = Field(
        default=None, description="The event's first day when not given"
    )
    language: str = Field(default="en", max_length=8)
    text: str = Field(min_length=1)


class StatementPatch(PatchSchema):
    model = Statement

    organisation: int | None = None
    title: str | None = Field(default=None, min_length=1, max_length=255)
    delivered_on: Date | None = None
    language: str | None = Field(default=None, max_length=8)
    text: str | None = None


class AttachmentOut(Schema):
    id: int
    title: str
    size: int | None
    uploaded_at: datetime.datetime
    uploaded_by: str | None = Field(default=None, alias="uploaded_by.username")
    download_url: str

    @staticmethod
    def resolve_size(obj: Attachment) -> int | None:
        try:
            size: int = obj.file.size
        except FileNotFoundError:
            return None
        return size

    @staticmethod
    def resolve_download_url(obj: Attachment) -> str:
        path = reverse("engagement:attachment-download", args=[obj.pk])
        return settings.PALERMO_BASE_URL.rstrip("/") + path


def _pick(queryset: QuerySet[Any], ids: list[Any], field: str, key: str = "pk") -> list[Any]:
    """The records with these ids among those offered, or a 422 naming the unknown ones."""
    found = list(queryset.filter(**{f"{key}__in": ids}))
    missing = set(ids) - {getattr(item, key) for item in found}
    if missing:
        unknown = ", ".join(sorted(str(value) for value in missing))
        raise ValidationError({field: _("Unknown: %(values)s.") % {"values": unknown}})
    return found


def _one(queryset: QuerySet[Any], pk: int | None, field: str) -> Model | None:
    if pk is None:
        return None
    found = _pick(queryset, [pk], field)
    return found[0] if found else None


def _event_fields(user: User, payload: EventPatch) -> dict[str, Any]:
    """Service arguments from the payload, with ids turned into records the user may use."""
    data = payload.dict(exclude_unset=True)
    organisations = organisation_list(user=user)
    if "alliance" in data:
        alliances = event_selectors.event_alliances(user=user)
        data["alliance"] = _one(alliances, data["alliance"], "alliance")
    if "review" in data:
        reviews = apps.get_model("reviews", "Review").objects.filter(state__iso3=user.country)
        data["review"] = _one(reviews, data["review"], "review")
    for name in ("organisers", "partners"):
        if data.get(name) is not None:
            data[name] = _pick(organisations, data[name], name)
    if data.get("instruments") is not None:
        instruments = apps.get_model("instruments", "Instrument").objects.all()
        data["instruments"] = _pick(instruments, data["instruments"], "instruments", "code")
    for name in ("organisers", "partners", "instruments", "themes"):
        if name in data and data[name] is None:
            del data[name]
    for name in ("description", "venue", "city", "online_url"):
        if name in data and data[name] is None:
            data[name] = ""
    return data


def _event(request: HttpRequest, event_id: int) -> Event:
    return get_object_or_404(event_selectors.visible_events(user=request.user), pk=event_id)


def _with_relations(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.prefetch_related("organisers", "partners", "instruments", "themes")


@router.get("/events", response=list[EventOut])
@paginate
def list_events(
    request: HttpRequest,
    kind: str = "",
    alliance: Id | None = None,
    year: Year | None = None,
    search: str = "",
    when: str = "",
) -> Any:
    events = event_selectors.event_list(
        user=request.user, kind=kind, alliance_id=alliance, year=year, search=search, when=when
    )
    return _with_relations(events).order_by("-starts_on", "title", "pk")


@router.get("/events/{event_id}", response=EventOut)
def get_event(request: HttpRequest, event_id: int) -> Event:
    return _event(request, event_id)


@router.post("/events", response={201: EventOut})
def create_event(request: HttpRequest, payload: EventIn) -> Status[Event]:
    user = acting_user(request)
    event = event_services.event_create(actor=user, **_event_fields(user, payload))
    return Status(201, event)


@router.patch("/events/{event_id}", response=EventOut)
def update_event(request: HttpRequest, event_id: int, payload: EventPatch) -> Event:
    user = acting_user(request)
    event = _event(request, event_id)
    return event_services.event_update(actor=user, event=event, **_event_fields(user, payload))


@router.delete("/events/{event_id}", response={204: None})
def delete_event(request: HttpRequest, event_id: int) -> Status[None]:
    event_services.event_delete(actor=acting_user(request), event=_event(request, event_id))
    return Status(204, None)


@router.get("/events/{event_id}/participants", response=list[ParticipantOut])
def list_participants(request: HttpRequest, event_id: int) -> Any:
    return event_selectors.participant_list(event=_event(request, event_id))


@router.post("/events/{event_id}/participants", response={201: ParticipantOut})
def add_participant(
    request: HttpRequest, event_id: int, payload: ParticipantIn
) -> Status[Participant]:
    user = acting_user(request)
    event = _event(request, event_id)
    person = _pick(person_list(user=user), [payload.person], "person")[0]
    participant = event_services.participant_add(
        actor=user, event=event, person=person, role=payload.role, online=payload.online
    )
    return Status(201, participant)


@router.delete("/events/{event_id}/participants/{participant_id}", response={204: None})
def remove_participant(request: HttpRequest, event_id: int, participant_id: int) -> Status[None]:
    participant = get_object_or_404(
        _event(request, event_id).participants.select_related("event"), pk=participant_id
    )
    event_services.participant_remove(actor=acting_user(request), participant=participant)
    return Status(204, None)


@router.get("/events/{event_id}/attachments", response=list[AttachmentOut])
def list_attachments(request: HttpRequest, event_id: int) -> Any:
    return event_selectors.attachment_list(event=_event(request, event_id))


@router.get("/statements", response=list[StatementOut])
@paginate
def list_statements(
    request: HttpRequest, event: Id | None = None, organisation: Id | None = None
) -> Any:
    return event_selectors.statement_list(
        user=request.user, event_id=event, organisation_id=organisation
    )


@router.get("/events/{event_id}/statements", response=list[StatementOut])
def list_event_statements(request: HttpRequest, event_id: int) -> Any:
    event = _event(request, event_id)
    return event_selectors.statement_list(user=request.user, event_id=event.pk)


@router.post("/events/{event_id}/statements", response={201: StatementOut})
def create_statement(
    request: HttpRequest, event_id: int, payload: StatementIn
) -> Status[Statement]:
    user = acting_user(request)
    event = _event(request, event_id)
    organisation = _pick(organisation_list(user=user), [payload.organisation], "organisation")[0]
    statement = event_services.statement_create(
        actor=user,
        event=event,
        organisation=organisation,
        title=payload.title,
        delivered_on=payload.delivered_on,
        language=payload.language,
        text=payload.text,
    )
    return Status(201, statement)


def _statement(request: HttpRequest, statement_id: int) -> Statement:
    return get_object_or_404(event_selectors.statement_list(user=request.user), pk=statement_id)


@router.get("/statements/{statement_id}", response=StatementOut)
def get_statement(request: HttpRequest, statement_id: int) -> Statement:
    return _statement(request, statement_id)


@router.patch("/statements/{statement_id}", response=StatementOut)
def update_statement(request: HttpRequest, statement_id: int, payload: StatementPatch) -> Statement:
    user = acting_user(request)
    statement = _statement(request, statement_id)
    data = {
        key: value for key, value in payload.dict(exclude_unset=True).items() if value is not None
    }
    if "organisation" in data:
        data["organisation"] = _pick(
            organisation_list(user=user), [data["organisation"]], "organisation"
        )[0]
    return event_services.statement_update(actor=user, statement=statement, **data)


@router.delete("/statements/{statement_id}", response={204: None})
def delete_statement(request: HttpRequest, statement_id: int) -> Status[None]:
    statement = _statement(request, statement_id)
    event_services.statement_delete(actor=acting_user(request), statement=statement)
    return Status(204, None)
