"""The States and their ratifications: public to read."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from palermo.core.http import acting_user
from palermo.instruments.models import Instrument, State
from palermo.instruments.selectors import states as state_selectors
from palermo.instruments.services import states as state_services

router = Router()
PUBLIC: Any = None  # `auth=PUBLIC`: anonymous reads allowed


class RatificationOut(Schema):
    instrument: str = Field(alias="instrument.code")
    is_party: bool
    signed: str | None
    ratified: str | None
    kind: str
    reservations: str
    note: str

    @staticmethod
    def resolve_signed(obj: Any) -> str | None:
        return str(obj.signed_date) if obj.signed_date else None

    @staticmethod
    def resolve_ratified(obj: Any) -> str | None:
        return str(obj.ratified_date) if obj.ratified_date else None


class StateOut(Schema):
    iso3: str
    iso2: str
    name: str
    un_status: str
    regional_group: str


class StateDetailOut(StateOut):
    ratifications: list[RatificationOut] = Field(alias="ratifications.all")


class RatificationIn(Schema):
    instrument: str
    signed: str | None = Field(default=None, description="YYYY-MM-DD, YYYY-MM or YYYY")
    ratified: str | None = Field(default=None, description="YYYY-MM-DD, YYYY-MM or YYYY")
    is_party: bool | None = None
    kind: str = ""
    reservations: str = ""
    note: str = ""


@router.get("/states", response=list[StateOut], auth=PUBLIC)
@paginate
def list_states(
    request: HttpRequest, search: str = "", regional_group: str = "", party_to: str = ""
) -> Any:
    return state_selectors.state_list(
        search=search, regional_group=regional_group, party_to=party_to
    )


@router.get("/states/{iso3}", response=StateDetailOut, auth=PUBLIC)
def get_state(request: HttpRequest, iso3: str) -> State:
    return state_selectors.state_get(iso3)


@router.post("/states/{iso3}/ratifications", response={201: RatificationOut})
def set_ratification(request: HttpRequest, iso3: str, payload: RatificationIn) -> Status[Any]:
    state = state_selectors.state_get(iso3)
    instrument = get_object_or_404(Instrument, code=payload.instrument)
    ratification = state_services.ratification_set(
        actor=acting_user(request),
        state=state,
        instrument=instrument,
        **payload.dict(exclude={"instrument"}),
    )
    return Status(201, ratification)
