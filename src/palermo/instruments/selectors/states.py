"""Reads of the States and whether each was party to an instrument on a date."""

import datetime
import enum

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from palermo.instruments.models import (
    Instrument,
    Ratification,
    State,
)


class PartyStatus(enum.Enum):
    PARTY = "party"
    NOT_PARTY = "not_party"
    UNKNOWN = "unknown"  # party now, but since when is not recorded


def state_list(
    *, search: str = "", regional_group: str = "", party_to: str = ""
) -> QuerySet[State]:
    states = State.objects.all()
    if search:
        states = states.filter(Q(name__icontains=search) | Q(iso3__iexact=search))
    if regional_group == "none":
        states = states.filter(regional_group="")
    elif regional_group:
        states = states.filter(regional_group=regional_group)
    if party_to:
        states = states.filter(
            ratifications__instrument__code=party_to, ratifications__is_party=True
        )
    return states


def state_get(iso3: str) -> State:
    try:
        return State.objects.prefetch_related(
            Prefetch("ratifications", queryset=Ratification.objects.select_related("instrument"))
        ).get(iso3=iso3.upper())
    except State.DoesNotExist as error:
        raise Http404(f"No State {iso3!r}.") from error


def party_status(
    state: State, instrument: Instrument, on: datetime.date | None = None
) -> PartyStatus:
    """Say whether the State was party to the instrument on that date (today if none).

    A ratification known only to the month or year counts from the first day of the next
    month or year: never earlier than known. A party whose date is unrecorded is a party
    today, and of unknown status on any earlier day.
    """
    ratification = Ratification.objects.filter(state=state, instrument=instrument).first()
    return _status_of(ratification, on)


def _status_of(ratification: Ratification | None, on: datetime.date | None) -> PartyStatus:
    today = timezone.localdate()
    on = on or today
    if ratification is None or not ratification.is_party:
        return PartyStatus.NOT_PARTY
    known = ratification.ratified_date
    if known is not None:
        return PartyStatus.PARTY if on >= known.surely_after else PartyStatus.NOT_PARTY
    return PartyStatus.PARTY if on >= today else PartyStatus.UNKNOWN


def was_party(state: State, instrument: Instrument, on: datetime.date | None = None) -> bool:
    """True only when the records show the State was party on that date."""
    return party_status(state, instrument, on) is PartyStatus.PARTY


def instruments_party_on(state: State, on: datetime.date | None = None) -> list[Instrument]:
    ratifications = {r.instrument_id: r for r in Ratification.objects.filter(state=state)}
    return [
        i
        for i in Instrument.objects.all()
        if _status_of(ratifications.get(i.pk), on) is PartyStatus.PARTY
    ]
