"""Writes to alliances and their membership over time."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from palermo.core.audit import audit_created, audit_deleted, audited_update
from palermo.core.models import User
from palermo.core.permissions import require
from palermo.engagement import messages, permissions
from palermo.engagement.models import (
    Alliance,
    Membership,
    MembershipFigure,
    Organisation,
    Person,
)

ALLIANCE_FIELDS = ("name", "country", "coordinator", "description", "founded_on")


@transaction.atomic
def alliance_create(
    *,
    actor: User | None,
    name: str,
    coordinator: Organisation,
    country: str = "",
    description: str = "",
    founded_on: datetime.date | None = None,
) -> Alliance:
    if actor is not None:
        require(permissions.can_manage_alliance(actor))
        require(permissions.can_view_organisation(actor, coordinator))
    alliance = Alliance(
        name=" ".join(name.split()),
        coordinator=coordinator,
        country=(country or coordinator.country).upper(),
        description=description.strip(),
        founded_on=founded_on,
    )
    alliance.full_clean()
    alliance.save()
    audit_created(actor=actor, obj=alliance)
    return alliance


@transaction.atomic
def alliance_update(*, actor: User | None, alliance: Alliance, **fields: object) -> Alliance:
    if actor is not None:
        require(permissions.can_manage_alliance(actor, alliance))
    unknown = set(fields) - set(ALLIANCE_FIELDS)
    if unknown:
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")
    audited_update(actor=actor, obj=alliance, fields=dict(fields))
    return alliance


def _overlapping(
    alliance: Alliance,
    organisation: Organisation | None,
    person: Person | None,
    joined_on: datetime.date,
) -> bool:
    """True when the member already belongs on or after the new joining date."""
    memberships = alliance.memberships.filter(organisation=organisation, person=person)
    return memberships.filter(Q(left_on__isnull=True) | Q(left_on__gt=joined_on)).exists()


@transaction.atomic
def membership_add(
    *,
    actor: User | None,
    alliance: Alliance,
    joined_on: datetime.date,
    organisation: Organisation | None = None,
    person: Person | None = None,
    left_on: datetime.date | None = None,
    note: str = "",
) -> Membership:
    """Add an organisation or an individual expert; refuse a second, overlapping membership."""
    if actor is not None:
        require(permissions.can_manage_alliance(actor, alliance))
    if _overlapping(alliance, organisation, person, joined_on):
        raise ValidationError(messages.MEMBER_ALREADY_ACTIVE)
    membership = Membership(
        alliance=alliance,
        organisation=organisation,
        person=person,
        joined_on=joined_on,
        left_on=left_on,
        note=note.strip(),
    )
    membership.full_clean()
    membership.save()
    audit_created(actor=actor, obj=membership)
    return membership


@transaction.atomic
def membership_end(
    *, actor: User | None, membership: Membership, left_on: datetime.date
) -> Membership:
    if actor is not None:
        require(permissions.can_manage_alliance(actor, membership.alliance))
    if membership.left_on is not None:
        raise ValidationError(messages.MEMBERSHIP_ALREADY_ENDED)
    audited_update(actor=actor, obj=membership, fields={"left_on": left_on})
    return membership


MEMBERSHIP_FIGURE_FIELDS = ("year", "organisations", "experts", "source", "note")


@transaction.atomic
def membership_figure_create(
    *,
    actor: User | None,
    alliance: Alliance,
    year: int,
    organisations: int,
    experts: int,
    source: str = "",
    note: str = "",
) -> MembershipFigure:
    """Record the alliance's own count of its members in a year (one figure per year)."""
    if actor is not None:
        require(permissions.can_record_membership_figures(actor, alliance))
    if alliance.membership_figures.filter(year=year).exists():
        raise ValidationError({"year": messages.MEMBERSHIP_FIGURE_YEAR_TAKEN})
    figure = MembershipFigure(
        alliance=alliance,
        year=year,
        organisations=organisations,
        experts=experts,
        source=" ".join(source.split()),
        note=note.strip(),
    )
    figure.full_clean()
    figure.save()
    audit_created(actor=actor, obj=figure)
    return figure


@transaction.atomic
def membership_figure_update(
    *, actor: User | None, figure: MembershipFigure, **fields: object
) -> MembershipFigure:
    if actor is not None:
        require(permissions.can_record_membership_figures(actor, figure.alliance))
    unknown = set(fields) - set(MEMBERSHIP_FIGURE_FIELDS)
    if unknown:
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")
    year = fields.get("year", figure.year)
    if not isinstance(year, int):
        raise ValidationError({"year": messages.YEAR_INVALID})
    if figure.alliance.membership_figures.filter(year=year).exclude(pk=figure.pk).exists():
        raise ValidationError({"year": messages.MEMBERSHIP_FIGURE_YEAR_TAKEN})
    if isinstance(fields.get("source"), str):
        fields["source"] = " ".join(str(fields["source"]).split())
    if isinstance(fields.get("note"), str):
        fields["note"] = str(fields["note"]).strip()
    audited_update(actor=actor, obj=figure, fields=dict(fields))
    return figure


@transaction.atomic
def membership_figure_delete(*, actor: User | None, figure: MembershipFigure) -> None:
    if actor is not None:
        require(permissions.can_record_membership_figures(actor, figure.alliance))
    audit_deleted(actor=actor, obj=figure)
    figure.delete()
