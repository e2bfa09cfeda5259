"""Writes to the States and their ratifications."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from palermo.core.audit import (
    audit_created,
    audited_update,
)
from palermo.core.models import User
from palermo.core.permissions import require
from palermo.instruments import messages, permissions
from palermo.instruments.dates import PartialDate
from palermo.instruments.models import (
    Instrument,
    Ratification,
    State,
)


@transaction.atomic
def state_update(*, actor: User | None, state: State, regional_group: str) -> State:
    if actor is not None:
        require(permissions.can_edit_reference(actor))
    audited_update(actor=actor, obj=state, fields={"regional_group": regional_group})
    return state


@transaction.atomic
def ratification_set(
    *,
    actor: User | None,
    state: State,
    instrument: Instrument,
    signed: str | None = None,
    ratified: str | None = None,
    is_party: bool | None = None,
    kind: str = "",
    reservations: str = "",
    note: str = "",
) -> Ratification:
    """Record a State's signature and ratification of an instrument (dates as YYYY[-MM[-DD]])."""
    if actor is not None:
        require(permissions.can_edit_reference(actor))
    dates: dict[str, PartialDate | None] = {}
    errors: dict[str, str] = {}
    for name, text in (("signed", signed), ("ratified", ratified)):
        try:
            dates[name] = PartialDate.parse(text) if text else None
        except ValueError as error:
            errors[name] = str(error)
    if errors:
        raise ValidationError(errors)
    ratified_date = dates["ratified"]
    party = is_party if is_party is not None else ratified_date is not None
    if ratified_date is not None and not party:
        raise ValidationError({"is_party": messages.NOT_A_PARTY_WITH_DATE})
    if instrument.parent is not None and party:
        _check_convention_first(state, instrument.parent, ratified_date)
    ratification = Ratification.objects.filter(state=state, instrument=instrument).first()
    is_new = ratification is None
    if ratification is None:
        ratification = Ratification(state=state, instrument=instrument)
    values: dict[str, Any] = {
        "signed": dates["signed"].value if dates["signed"] else None,
        "signed_precision": dates["signed"].precision if dates["signed"] else "",
        "ratified": ratified_date.value if ratified_date else None,
        "ratified_precision": ratified_date.precision if ratified_date else "",
        "is_party": party,
        "kind": kind,
        "reservations": reservations,
        "note": note,
    }
    if is_new:
        for name, value in values.items():
            setattr(ratification, name, value)
        ratification.full_clean()
        ratification.save()
        audit_created(actor=actor, obj=ratification)
    else:
        audited_update(actor=actor, obj=ratification, fields=values)
    return ratification


def _check_convention_first(
    state: State, convention: Instrument, ratified: PartialDate | None
) -> None:
    parent = Ratification.objects.filter(state=state, instrument=convention, is_party=True).first()
    if parent is None:
        raise ValidationError({"is_party": messages.PROTOCOL_NEEDS_CONVENTION})
    parent_date = parent.ratified_date
    if (
        ratified is not None
        and parent_date is not None
        and ratified.surely_after < parent_date.value
    ):
        raise ValidationError({"ratified": messages.PROTOCOL_BEFORE_CONVENTION})
