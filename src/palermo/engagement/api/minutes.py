import datetime
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from palermo.core.api_types import Date, Id, PatchSchema, choices_schema
from palermo.core.http import acting_user
from palermo.engagement.models import ActionItem, ActionItemNote, Decision, Minutes
from palermo.engagement.selectors import minutes as minutes_selectors
from palermo.engagement.selectors import registry as registry_selectors
from palermo.engagement.services import minutes as minutes_services

router = Router(tags=["engagement: minutes and action items"])

ActionItemStatus = Annotated[
    ActionItem.Status, choices_schema(ActionItem.Status, "ActionItemStatus")
]


class ActionItemOut(Schema):
    id: int
    decision: int = Field(alias="decision_id")
    decision_number: int = Field(alias="decision.number")
    event: int = Field(alias="decision.minutes.event_id")
    text: str
    owner_person: int | None = Field(alias="owner_person_id")
    owner_organisation: int | None = Field(alias="owner_organisation_id")
    owners: str = Field(alias="owners_label")
    due_on: datetime.date | None
    status: str
    status_label: str = Field(alias="get_status_display")
    completed_on: datetime.date | None
    overdue: bool


class DecisionOut(Schema):
    id: int
    number: int
    text: str
    action_items: list[ActionItemOut] = Field(alias="action_items.all")


class MinutesOut(Schema):
    id: int
    event: int = Field(alias="event_id")
    summary: str
    recorded_by: str | None = Field(default=None, alias="recorded_by.username")
    recorded_at: datetime.datetime
    updated_at: datetime.datetime
    decisions: list[DecisionOut] = Field(alias="decisions.all")


class MinutesIn(Schema):
    summary: str = ""


class DecisionIn(Schema):
    text: str = Field(min_length=1)
    number: int | None = Field(
        default=None, ge=1, le=32767, description="Empty: after the last decision."
    )


class DecisionPatch(PatchSchema):
    model = Decision

    text: str | None = Field(default=None, min_length=1)
    number: int | None = Field(default=None, ge=1, le=32767)


class ActionItemIn(Schema):
    decision: int
    text: str = Field(min_length=1)
    owner_person: Id | None = Field(default=None, description="Person id")
    owner_organisation: Id | None = Field(default=None, description="Organisation id")
    due_on: Date | None = None


class ActionItemPatch(PatchSchema):
    model = ActionItem

    text: str | None = Field(default=None, min_length=1)
    owner_person: int | None = None
    owner_organisation: int | None = None
    due_on: Date | None = None


class StatusIn(Schema):
    status: ActionItemStatus
    note: str = ""


class NoteIn(Schema):
    text: str


class NoteOut(Schema):
    id: int
    author: str | None = Field(default=None, alias="author.username")
    text: str
    status_from: str
    status_to: str
    created_at: datetime.datetime


def _minutes(request: HttpRequest, event_id: int) -> Minutes:
    event = minutes_selectors.event_get(user=request.user, event_id=event_id)
    minutes = minutes_selectors.minutes_get(event=event)
    if minutes is None:
        raise Http404("This event has no minutes yet.")
    return minutes


def _item(request: HttpRequest, action_item_id: int) -> ActionItem:
    return minutes_selectors.action_item_get(user=request.user, action_item_id=action_item_id)


def _owners(request: HttpRequest, fields: dict[str, Any]) -> dict[str, Any]:
    """Replace owner ids by the person and organisation the user may see."""
    if fields.get("owner_person") is not None:
        people = registry_selectors.person_list(user=request.user)
        fields["owner_person"] = get_object_or_404(people, pk=fields["owner_person"])
    if fields.get("owner_organisation") is not None:
        organisations = registry_selectors.organisation_list(user=request.user)
        fields["owner_organisation"] = get_object_or_404(
            organisations, pk=fields["owner_organisation"]
        )
    return fields


@router.get("/events/{event_id}/minutes", response=MinutesOut)
def get_minutes(request: HttpRequest, event_id: int) -> Minutes:
    return _minutes(request, event_id)


@router.post("/events/{event_id}/minutes", response={201: MinutesOut})
def record_minutes(request: HttpRequest, event_id: int, payload: MinutesIn) -> Status[Minutes]:
    event = minutes_selectors.event_get(user=request.user, event_id=event_id)
    minutes = minutes_services.minutes_record(
        actor=acting_user(request), event=event, summary=payload.summary
    )
    return Status(201, minutes)


@router.patch("/events/{event_id}/minutes", response=MinutesOut)
def update_minutes(request: HttpRequest, event_id: int, payload: MinutesIn) -> Minutes:
    return minutes_services.minutes_update(
        actor=acting_user(request), minutes=_minutes(request, event_id), summary=payload.summary
    )


@router.post("/events/{event_id}/minutes/decisions", response={201: DecisionOut})
def add_decision(request: HttpRequest, event_id: int, payload: DecisionIn) -> Status[Decision]:
    decision = minutes_services.decision_add(
        actor=acting_user(request),
        minutes=_minutes(request, event_id),
        text=payload.text,
        number=payload.number,
    )
    return Status(201, decision)


@router.patch("/decisions/{decision_id}", response=DecisionOut)
def update_decision(request: HttpRequest, decision_id: int, payload: DecisionPatch) -> Decision:
    decision = minutes_selectors.decision_get(user=request.user, decision_id=decision_id)
    fields = {
        name: value for name, value in payload.dict(exclude_unset=True).items() if value is not None
    }
    return minutes_services.decision_update(actor=acting_user(request), decision=decision, **fields)


@router.delete("/decisions/{decision_id}", response={204: None})
def delete_decision(request: HttpRequest, decision_id: int) -> Status[None]:
    decision = minutes_selectors.decision_get(user=request.user, decision_id=decision_id)
    minutes_services.decision_delete(actor=acting_user(request), decision=decision)
    return Status(204, None)


@router.get("/action-items", response=list[ActionItemOut])
@paginate
def list_action_items(
    request: HttpRequest,
    status: str = "",
    owner_organisation: Id | None = None,
    overdue: bool = False,
    mine: bool = False,
    event: Id | None = None,
) -> Any:
    """Filter by `status` (or "active": open and in progress), owner, overdue, mine, event."""
    return minutes_selectors.action_item_list(
        user=request.user,
        status=status,
        owner_organisation_id=owner_organisation,
        overdue=overdue,
        mine=mine,
        event_id=event,
    ).order_by("due_on", "pk")


@router.get("/action-items/mine", response=list[ActionItemOut])
@paginate
def my_action_items(request: HttpRequest) -> Any:
    """Items owned by you or by your organisation."""
    return minutes_selectors.my_action_items(user=request.user).order_by("due_on", "pk")


@router.post("/action-items", response={201: ActionItemOut})
def create_action_item(request: HttpRequest, payload: ActionItemIn) -> Status[ActionItem]:
    fields = _owners(request, payload.dict())
    decision = minutes_selectors.decision_get(user=request.user, decision_id=fields.pop("decision"))
    item = minutes_services.action_item_create(
        actor=acting_user(request), decision=decision, **fields
    )
    return Status(201, _item(request, item.pk))


@router.get("/action-items/{action_item_id}", response=ActionItemOut)
def get_action_item(request: HttpRequest, action_item_id: int) -> ActionItem:
    return _item(request, action_item_id)


@router.patch("/action-items/{action_item_id}", response=ActionItemOut)
def update_action_item(
    request: HttpRequest, action_item_id: int, payload: ActionItemPatch
) -> ActionItem:
    item = _item(request, action_item_id)
    fields = _owners(request, payload.dict(exclude_unset=True))
    minutes_services.action_item_update(actor=acting_user(request), item=item, **fields)
    return _item(request, action_item_id)


@router.post("/action-items/{action_item_id}/status", response=ActionItemOut)
def set_action_item_status(
    request: HttpRequest, action_item_id: int, payload: StatusIn
) -> ActionItem:
    """Change the status, with an optional note; the same status needs a note."""
    minutes_services.action_item_set_status(
        actor=acting_user(request),
        item=_item(request, action_item_id),
        status=payload.status,
        note=payload.note,
    )
    return _item(request, action_item_id)


@router.get("/action-items/{action_item_id}/notes", response=list[NoteOut])
def list_action_item_notes(request: HttpRequest, action_item_id: int) -> Any:
    return minutes_selectors.action_item_notes(item=_item(request, action_item_id))


@router.post("/action-items/{action_item_id}/notes", response={201: NoteOut})
def add_action_item_note(
    request: HttpRequest, action_item_id: int, payload: NoteIn
) -> Status[ActionItemNote]:
    note = minutes_services.action_item_note_add(
        actor=acting_user(request), item=_item(request, action_item_id), text=payload.text
    )
    return Status(201, note)
