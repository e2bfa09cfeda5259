"""Alliances: members with joining and leaving dates, and counts on any date."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Alliance, Membership, Organisation
from palermo.engagement.selectors import alliances as selectors
from palermo.engagement.services import alliances as services
from tests.factories import bearer, make_organisation, make_person, make_user
from tests.isolates import without_isolates

pytestmark = pytest.mark.django_db

LAUNCH = datetime.date(2022, 9, 15)


@pytest.fixture
def think_tank() -> Organisation:
    return make_organisation("Think Tank", kind="civil_society")


@pytest.fixture
def alliance(think_tank: Organisation) -> Alliance:
    return services.alliance_create(
        actor=None, name="Civil Society Alliance", coordinator=think_tank, founded_on=LAUNCH
    )


def test_counts_follow_joining_and_leaving(alliance: Alliance) -> None:
    stay = make_organisation("Stays", kind="civil_society")
    leave = make_organisation("Leaves", kind="civil_society")
    late = make_organisation("Joins late", kind="civil_society")
    expert = make_person("Independent Expert", country="PAK")
    services.membership_add(actor=None, alliance=alliance, organisation=stay, joined_on=LAUNCH)
    leaving = services.membership_add(
        actor=None, alliance=alliance, organisation=leave, joined_on=LAUNCH
    )
    services.membership_add(
        actor=None, alliance=alliance, organisation=late, joined_on=datetime.date(2023, 6, 1)
    )
    services.membership_add(
        actor=None, alliance=alliance, person=expert, joined_on=datetime.date(2024, 1, 10)
    )
    services.membership_end(actor=None, membership=leaving, left_on=datetime.date(2023, 12, 31))

    counts = selectors.member_counts(
        alliance,
        [
            datetime.date(2022, 9, 14),
            LAUNCH,
            datetime.date(2023, 6, 1),
            datetime.date(2023, 12, 31),
            datetime.date(2024, 6, 30),
        ],
    )

    assert [(c.organisations, c.experts) for c in counts] == [
        (0, 0),
        (2, 0),
        (3, 0),
        (2, 0),
        (2, 1),
    ]
    assert selectors.member_count(alliance, datetime.date(2023, 12, 30)).organisations == 3
    assert [c.total for c in selectors.year_end_counts(alliance, datetime.date(2024, 6, 30))] == [
        2,
        2,
        3,
    ]


def test_a_member_cannot_join_twice_while_still_a_member(alliance: Alliance) -> None:
    member = make_organisation("Member", kind="civil_society")
    first = services.membership_add(
        actor=None, alliance=alliance, organisation=member, joined_on=LAUNCH
    )

    with pytest.raises(ValidationError, match="already belongs"):
        services.membership_add(
            actor=None, alliance=alliance, organisation=member, joined_on=datetime.date(2023, 1, 1)
        )
    services.membership_end(actor=None, membership=first, left_on=datetime.date(2023, 3, 1))
    services.membership_add(
        actor=None, alliance=alliance, organisation=member, joined_on=datetime.date(2024, 1, 1)
    )

    assert alliance.memberships.count() == 2


def test_leaving_before_joining_is_refused(alliance: Alliance) -> None:
    membership = services.membership_add(
        actor=None,
        alliance=alliance,
        organisation=make_organisation("M", kind="civil_society"),
        joined_on=LAUNCH,
    )

    with pytest.raises(ValidationError):
        services.membership_end(
            actor=None, membership=membership, left_on=datetime.date(2022, 1, 1)
        )

    membership.refresh_from_db()
    assert membership.left_on is None


def test_only_coordinators_manage_an_alliance(alliance: Alliance, think_tank: Organisation) -> None:
    member = make_user("member", Role.CS_MEMBER, organisation=think_tank)

    with pytest.raises(PermissionDenied):
        services.membership_add(
            actor=member,
            alliance=alliance,
            organisation=make_organisation("X", kind="civil_society"),
            joined_on=LAUNCH,
        )

    assert not Membership.objects.exists()


def test_the_alliance_page_shows_members_on_a_date_and_adds_one(
    alliance: Alliance, think_tank: Organisation
) -> None:
    coordinator = make_user("coord", Role.CS_COORDINATOR, organisation=think_tank)
    client = Client()
    client.force_login(coordinator)
    early = make_organisation("Early Member", kind="civil_society")
    services.membership_add(actor=None, alliance=alliance, organisation=early, joined_on=LAUNCH)
    newcomer = make_organisation("Newcomer", kind="civil_society")

    response = client.post(
        alliance.get_absolute_url(), {"organisation": newcomer.pk, "joined_on": "2024-02-01"}
    )
    client.get(alliance.get_absolute_url())  # shows, and so clears, the flash message
    on_2023 = without_isolates(
        client.get(alliance.get_absolute_url() + "?on=2023-01-01").content.decode()
    )

    assert response.status_code == 302
    assert ">Early Member</a>" in on_2023
    assert ">Newcomer</a>" not in on_2023
    assert "1 organisation" in on_2023


def test_the_api_lists_members_and_counts(
    client: Client, alliance: Alliance, think_tank: Organisation
) -> None:
    coordinator = make_user("coord", Role.CS_COORDINATOR, organisation=think_tank)
    member = make_organisation("API Member", kind="civil_society")

    created = client.post(
        f"/api/v1/alliances/{alliance.pk}/memberships",
        {"organisation_id": member.pk, "joined_on": "2022-09-15"},
        content_type="application/json",
        headers=bearer(coordinator),
    )
    counts = client.get(
        f"/api/v1/alliances/{alliance.pk}/counts?on=2022-09-14,2022-09-15",
        headers=bearer(coordinator),
    ).json()
    bad = client.get(
        f"/api/v1/alliances/{alliance.pk}/counts?on=15/09/2022", headers=bearer(coordinator)
    )

    assert created.status_code == 201
    assert created.json()["member"] == "API Member"
    assert [c["organisations"] for c in counts] == [0, 1]
    assert bad.status_code == 422


def test_a_member_cannot_add_members_through_the_api(
    client: Client, alliance: Alliance, think_tank: Organisation, secretariat: User
) -> None:
    member = make_user("member", Role.CS_MEMBER, organisation=think_tank)

    response = client.post(
        f"/api/v1/alliances/{alliance.pk}/memberships",
        {"organisation_id": think_tank.pk, "joined_on": "2022-09-15"},
        content_type="application/json",
        headers=bearer(member),
    )

    assert response.status_code == 403
    assert not Membership.objects.exists()
