"""One State scope for every app: own State and international records read, others not."""

from typing import Any

import pytest

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.core.scope import in_scope, is_own_state, own_state_filter, scope_filter
from palermo.engagement.models import Organisation
from tests.factories import make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_default_state(settings: Any) -> None:
    """Users without an organisation belong to no State in these tests."""
    settings.PALERMO_COUNTRY = ""


def user_of(country: str, *roles: Role, name: str = "") -> User:
    """A user whose organisation is of `country` (none when blank)."""
    organisation = make_organisation(f"Body of {country}", country=country) if country else None
    return make_user(name or None, *roles, organisation=organisation)


@pytest.mark.parametrize(
    ("country", "superuser", "record", "reads", "acts"),
    [
        ("PAK", False, "PAK", True, True),
        ("PAK", False, "IND", False, False),
        ("PAK", False, "", True, False),  # international: read by all, acted for by none
        ("", False, "", True, False),
        ("", False, "PAK", False, False),
        ("PAK", True, "IND", True, False),  # a superuser reads every State, acts for its own
    ],
)
def test_who_reads_and_who_acts_for_a_record(
    country: str, superuser: bool, record: str, reads: bool, acts: bool
) -> None:
    user = user_of(country)
    user.is_superuser = superuser

    assert in_scope(user, record) is reads
    assert is_own_state(user, record) is acts


def test_the_filters_select_what_the_checks_allow() -> None:
    reader = user_of("PAK")
    for code in ("IND", ""):
        make_organisation(f"Body {code or 'international'}", country=code)

    read = Organisation.objects.filter(scope_filter(reader)).values_list("country", flat=True)
    own = Organisation.objects.filter(own_state_filter(reader)).values_list("country", flat=True)

    assert sorted(read) == ["", "PAK"]
    assert list(own) == ["PAK"]
    assert all(in_scope(reader, code) for code in read)


def test_nobody_signed_out_reads_anything() -> None:
    from django.contrib.auth.models import AnonymousUser

    make_organisation("Body international", country="")

    assert in_scope(AnonymousUser(), "") is False
    assert not Organisation.objects.filter(scope_filter(AnonymousUser())).exists()


def test_the_audit_page_shows_a_secretariat_what_its_own_states_people_did() -> None:
    from django.test import Client

    pakistan = user_of("PAK", Role.SECRETARIAT)
    india = user_of("IND", Role.SECRETARIAT)
    make_organisation("Done in Pakistan", country="PAK")  # audited with no actor
    from palermo.engagement.services import registry as registry_services

    registry_services.organisation_create(
        actor=pakistan, name="Recorded by Pakistan", kind="government", country="PAK"
    )
    registry_services.organisation_create(
        actor=india, name="Recorded by India", kind="government", country="IND"
    )
    client = Client()
    client.force_login(india)

    page = client.get("/en/admin-area/audit/")

    assert page.status_code == 200
    body = page.content.decode()
    assert "Recorded by India" in body
    assert "Recorded by Pakistan" not in body
