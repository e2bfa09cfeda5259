import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from palermo.instruments.dates import PartialDate, Precision
from palermo.instruments.models import Instrument, Ratification, State
from palermo.instruments.selectors import states as state_selectors
from palermo.instruments.services import states as state_services
from tests.factories import bearer, make_user

pytestmark = pytest.mark.django_db


def instrument(code: str) -> Instrument:
    return Instrument.objects.get(code=code)


def state(iso3: str) -> State:
    return State.objects.get(iso3=iso3)


def test_pakistan_was_not_party_to_the_tip_protocol_in_june_2021() -> None:
    assert (
        state_selectors.was_party(state("PAK"), instrument("tip"), datetime.date(2021, 6, 1))
        is False
    )


def test_pakistan_was_party_to_the_tip_protocol_in_june_2023() -> None:
    assert (
        state_selectors.was_party(state("PAK"), instrument("tip"), datetime.date(2023, 6, 1))
        is True
    )


def test_a_ratification_known_to_the_year_counts_from_the_next_year() -> None:
    tip = instrument("tip")

    assert state_selectors.was_party(state("PAK"), tip, datetime.date(2022, 12, 31)) is False
    assert state_selectors.was_party(state("PAK"), tip, datetime.date(2023, 1, 1)) is True


def test_a_ratification_known_to_the_month_counts_from_the_next_month() -> None:
    untoc = instrument("untoc")

    assert state_selectors.was_party(state("PAK"), untoc, datetime.date(2010, 1, 31)) is False
    assert state_selectors.was_party(state("PAK"), untoc, datetime.date(2010, 2, 1)) is True


def test_pakistan_is_not_party_to_the_smuggling_and_firearms_protocols() -> None:
    parties = [i.code for i in state_selectors.instruments_party_on(state("PAK"))]

    assert parties == ["untoc", "tip"]


def test_a_party_without_dates_is_a_party_today_and_unknown_before() -> None:
    djibouti, untoc = state("DJI"), instrument("untoc")

    assert state_selectors.party_status(djibouti, untoc) is state_selectors.PartyStatus.PARTY
    assert (
        state_selectors.party_status(djibouti, untoc, datetime.date(2015, 1, 1))
        is state_selectors.PartyStatus.UNKNOWN
    )
    assert state_selectors.was_party(djibouti, untoc, datetime.date(2015, 1, 1)) is False


def test_a_protocol_needs_the_convention_first() -> None:
    congo = state("COG")  # not party to the Convention (reference, August 2025)

    with pytest.raises(ValidationError) as error:
        state_services.ratification_set(
            actor=None, state=congo, instrument=instrument("tip"), ratified="2020"
        )

    assert "party to the Convention before" in str(error.value)
    assert not Ratification.objects.filter(state=congo).exists()


def test_recording_a_ratification_is_audited_with_before_and_after(secretariat: User) -> None:
    state_services.ratification_set(
        actor=secretariat, state=state("PAK"), instrument=instrument("som"), ratified="2025-03-04"
    )

    event = AuditEvent.objects.get(object_type="instruments.ratification", action="create")
    assert event.changes["ratified"] == [None, "2025-03-04"]
    assert event.changes["ratified_precision"] == [None, "day"]
    assert state_selectors.was_party(state("PAK"), instrument("som"), datetime.date(2025, 3, 4))


def test_only_the_secretariat_records_ratifications() -> None:
    focal = make_user("focal", Role.FOCAL_PERSON)

    with pytest.raises(PermissionDenied):
        state_services.ratification_set(
            actor=focal, state=state("PAK"), instrument=instrument("som"), ratified="2025"
        )

    assert not Ratification.objects.filter(state__iso3="PAK", instrument__code="som").exists()


def test_the_ratification_api_accepts_partial_dates_for_the_secretariat(
    client: Client, secretariat: User
) -> None:
    response = client.post(
        "/api/v1/states/PAK/ratifications",
        data={"instrument": "firearms", "signed": "2024-05", "ratified": "2025"},
        content_type="application/json",
        headers=bearer(secretariat),
    )

    assert response.status_code == 201
    assert response.json()["signed"] == "2024-05"
    assert response.json()["ratified"] == "2025"


def test_the_ratification_api_refuses_others_and_bad_dates(
    client: Client, secretariat: User
) -> None:
    payload = {"instrument": "som", "ratified": "2025"}
    anonymous = client.post(
        "/api/v1/states/PAK/ratifications", data=payload, content_type="application/json"
    )
    member = client.post(
        "/api/v1/states/PAK/ratifications",
        data=payload,
        content_type="application/json",
        headers=bearer(make_user("member", Role.CS_MEMBER)),
    )
    bad = client.post(
        "/api/v1/states/PAK/ratifications",
        data={"instrument": "som", "ratified": "March 2025"},
        content_type="application/json",
        headers=bearer(secretariat),
    )

    assert anonymous.status_code == 401
    assert member.status_code == 403
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "ratified"]


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_partial_dates_round_trip_and_never_start_before_the_known_period(
    day: datetime.date,
) -> None:
    for text, precision in (
        (day.isoformat(), Precision.DAY),
        (day.strftime("%Y-%m"), Precision.MONTH),
        (str(day.year), Precision.YEAR),
    ):
        parsed = PartialDate.parse(text)
        assert str(parsed) == text
        assert parsed.precision == precision
        assert parsed.surely_after >= parsed.value
        assert parsed.surely_after >= (day if precision == Precision.DAY else parsed.value)


@given(st.text(max_size=12))
def test_partial_date_parsing_raises_value_error_for_anything_else(text: str) -> None:
    try:
        parsed = PartialDate.parse(text)
    except ValueError:
        return
    assert str(parsed) == text.strip()
