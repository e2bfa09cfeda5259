"""Alliances, their members over time, and member counts on any date."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from palermo.core.api_types import Date, Id, PatchSchema
from palermo.core.http import acting_user
from palermo.engagement import messages
from palermo.engagement.models import Alliance, Membership, MembershipFigure
from palermo.engagement.selectors import alliances as alliance_selectors
from palermo.engagement.selectors import registry as registry_selectors
from palermo.engagement.services import alliances as alliance_services

router = Router(tags=["engagement: alliances"])


class AllianceOut(Schema):
    id: int
    name: str
    country: str
    coordinator_id: int
    description: str
    founded_on: datetime.date | None


class AllianceIn(Schema):
    name: str = Field(min_length=1, max_length=255)
    coordinator_id: int
    description: str = ""
    founded_on: Date | None = None


class AlliancePatch(PatchSchema):
    model = Alliance

    name: str | None = Field(default=None, min_length=1, max_length=255)
    coordinator_id: Id | None = None
    description: str | None = None
    founded_on: Date | None = None


class MembershipOut(Schema):
    id: int
    organisation_id: int | None
    person_id: int | None
    member: str
    joined_on: datetime.date
    left_on: datetime.date | None
    note: str

    @staticmethod
    def resolve_member(obj: Membership) -> str:
        return str(obj)


class MembershipIn(Schema):
    organisation_id: Id | None = None
    person_id: Id | None = None
    joined_on: Date
    left_on: Date | None = None
    note: str = Field(default="", max_length=255)


class MembershipEnd(Schema):
    left_on: datetime.date


class MemberCountOut(Schema):
    day: datetime.date
    organisations: int
    experts: int
    total: int


class MembershipFigureOut(Schema):
    id: int
    year: int
    organisations: int
    experts: int
    total: int
    source: str
    note: str


class MembershipFigurePatch(PatchSchema):
    model = MembershipFigure

    year: int | None = Field(default=None, ge=1900, le=2999)
    organisations: int | None = Field(default=None, ge=0)
    experts: int | None = Field(default=None, ge=0)
    source: str | None = Field(default=None, max_length=255)
    note: str | None = Field(default=None, max_length=255)


class MembershipFigureIn(Schema):
    year: int = Field(ge=1900, le=2999)
    organisations: int = Field(ge=0)
    experts: int = Field(ge=0)
    source: str = Field(default="", max_length=255)
    note: str = Field(default="", max_length=255)


def _alliance(request: HttpRequest, alliance_id: int) -> Alliance:
    return get_object_or_404(alliance_selectors.alliance_list(user=request.user), pk=alliance_id)


def _coordinator(request: HttpRequest, organisation_id: int) -> Any:
    return get_object_or_404(
        registry_selectors.organisation_list(user=request.user), pk=organisation_id
    )


@router.get("/alliances", response=list[AllianceOut])
def list_alliances(request: HttpRequest) -> Any:
    return alliance_selectors.alliance_list(user=request.user)


@router.get("/alliances/{alliance_id}", response=AllianceOut)
def get_alliance(request: HttpRequest, alliance_id: int) -> Alliance:
    return _alliance(request, alliance_id)


@router.post("/alliances", response={201: AllianceOut})
def create_alliance(request: HttpRequest, payload: AllianceIn) -> Status[Alliance]:
    data = payload.dict()
    data["coordinator"] = _coordinator(request, data.pop("coordinator_id"))
    return Status(201, alliance_services.alliance_create(actor=acting_user(request), **data))


@router.patch("/alliances/{alliance_id}", response=AllianceOut)
def update_alliance(request: HttpRequest, alliance_id: int, payload: AlliancePatch) -> Alliance:
    alliance = _alliance(request, alliance_id)
    data = payload.dict(exclude_unset=True)
    if "coordinator_id" in data:
        data["coordinator"] = _coordinator(request, data.pop("coordinator_id"))
    return alliance_services.alliance_update(actor=acting_user(request), alliance=alliance, **data)


@router.get("/alliances/{alliance_id}/members", response=list[MembershipOut])
def list_members(request: HttpRequest, alliance_id: int, on: datetime.date | None = None) -> Any:
    """Members on a date (today by default); `all=true` is not needed: use /memberships."""
    return alliance_selectors.members_on(
        _alliance(request, alliance_id), on or timezone.localdate()
    )


@router.get("/alliances/{alliance_id}/memberships", response=list[MembershipOut])
def list_memberships(request: HttpRequest, alliance_id: int) -> Any:
    return _alliance(request, alliance_id).memberships.select_related("organisation", "person")


@router.post("/alliances/{alliance_id}/memberships", response={201: MembershipOut})
def add_membership(
    request: HttpRequest, alliance_id: int, payload: MembershipIn
) -> Status[Membership]:
    alliance = _alliance(request, alliance_id)
    data = payload.dict()
    organisation_id = data.pop("organisation_id")
    person_id = data.pop("person_id")
    data["organisation"] = _coordinator(request, organisation_id) if organisation_id else None
    data["person"] = (
        get_object_or_404(registry_selectors.person_list(user=request.user), pk=person_id)
        if person_id
        else None
    )
    membership = alliance_services.membership_add(
        actor=acting_user(request), alliance=alliance, **data
    )
    return Status(201, membership)


@router.post("/alliances/{alliance_id}/memberships/{membership_id}/end", response=MembershipOut)
def end_membership(
    request: HttpRequest, alliance_id: int, membership_id: int, payload: MembershipEnd
) -> Membership:
    membership = get_object_or_404(_alliance(request, alliance_id).memberships, pk=membership_id)
    return alliance_services.membership_end(
        actor=acting_user(request), membership=membership, left_on=payload.left_on
    )


@router.get("/alliances/{alliance_id}/counts", response=list[MemberCountOut])
def member_counts(request: HttpRequest, alliance_id: int, on: str = "") -> Any:
    """Counts on each date of `on` (comma-separated ISO dates), or year by year to today."""
    alliance = _alliance(request, alliance_id)
    if on:
        try:
            days = [datetime.date.fromisoformat(part.strip()) for part in on.split(",") if part]
        except ValueError as error:
            raise ValidationError(messages.DATES_ISO) from error
        return alliance_selectors.member_counts(alliance, days)
    return alliance_selectors.year_end_counts(alliance, timezone.localdate())


@router.get("/alliances/{alliance_id}/figures", response=list[MembershipFigureOut])
def list_membership_figures(request: HttpRequest, alliance_id: int) -> Any:
    """The alliance's own member counts by year, for years it keeps no named list."""
    return alliance_selectors.membership_figures(_alliance(request, alliance_id))


@router.post("/alliances/{alliance_id}/figures", response={201: MembershipFigureOut})
def create_membership_figure(
    request: HttpRequest, alliance_id: int, payload: MembershipFigureIn
) -> Status[MembershipFigure]:
    figure = alliance_services.membership_figure_create(
        actor=acting_user(request), alliance=_alliance(request, alliance_id), **payload.dict()
    )
    return Status(201, figure)


def _figure(request: HttpRequest, alliance_id: int, figure_id: int) -> MembershipFigure:
    alliance = _alliance(request, alliance_id)
    return get_object_or_404(alliance_selectors.membership_figures(alliance), pk=figure_id)


@router.patch("/alliances/{alliance_id}/figures/{figure_id}", response=MembershipFigureOut)
def update_membership_figure(
    request: HttpRequest, alliance_id: int, figure_id: int, payload: MembershipFigurePatch
) -> MembershipFigure:
    return alliance_services.membership_figure_update(
        actor=acting_user(request),
        figure=_figure(request, alliance_id, figure_id),
        **payload.dict(exclude_unset=True),
    )


@router.delete("/alliances/{alliance_id}/figures/{figure_id}", response={204: None})
def delete_membership_figure(
    request: HttpRequest, alliance_id: int, figure_id: int
) -> Status[None]:
    alliance_services.membership_figure_delete(
        actor=acting_user(request), figure=_figure(request, alliance_id, figure_id)
    )
    return Status(204, None)
