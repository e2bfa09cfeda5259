"""An alliance's own member counts by year, recorded without inventing member records."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from palermo.core.models import AuditEvent
from palermo.core.roles import Role
from palermo.engagement import messages
from palermo.engagement.models import Alliance, MembershipFigure, Organisation
from palermo.engagement.selectors import alliances as selectors
from palermo.engagement.services import alliances as services
from tests.factories import bearer, make_organisation, make_user
from tests.isolates import without_isolates

pytestmark = pytest.mark.django_db


@pytest.fixture
def think_tank() -> Organisation:
    return make_organisation("Think Tank", kind="civil_society")


@pytest.fixture
def alliance(think_tank: Organisation) -> Alliance:
    return services.alliance_create(
        actor=None, name="Civil Society Alliance", coordinator=think_tank
    )


@pytest.fixture
def coordinator_client(think_tank: Organisation) -> Client:
    client = Client()
    client.force_login(make_user("coord", Role.CS_COORDINATOR, organisation=think_tank))
    return client


def test_a_coordinator_records_changes_and_deletes_a_year_s_figures(
    alliance: Alliance, think_tank: Organisation
) -> None:
    coordinator = make_user("coord", Role.CS_COORDINATOR, organisation=think_tank)

    figure = services.membership_figure_create(
        actor=coordinator,
        alliance=alliance,
        year=2024,
        organisations=35,
        experts=65,
        source="  Annual   meeting, March 2025 ",
        note=" Counted by the secretariat. ",
    )
    assert (figure.year, figure.organisations, figure.experts, figure.total) == (2024, 35, 65, 100)
    assert (figure.source, figure.note) == (
        "Annual meeting, March 2025",
        "Counted by the secretariat.",
    )

    services.membership_figure_update(actor=coordinator, figure=figure, experts=66)
    figure.refresh_from_db()
    assert figure.experts == 66

    services.membership_figure_delete(actor=coordinator, figure=figure)
    assert MembershipFigure.objects.count() == 0
    actions = list(
        AuditEvent.objects.filter(object_type="engagement.membershipfigure")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]


def test_a_second_figure_for_the_same_year_is_refused(alliance: Alliance) -> None:
    services.membership_figure_create(
        actor=None, alliance=alliance, year=2024, organisations=35, experts=65
    )
    other = services.membership_figure_create(
        actor=None, alliance=alliance, year=2023, organisations=30, experts=60
    )

    with pytest.raises(ValidationError) as error:
        services.membership_figure_create(
            actor=None, alliance=alliance, year=2024, organisations=1, experts=1
        )
    assert error.value.message_dict == {"year": [str(messages.MEMBERSHIP_FIGURE_YEAR_TAKEN)]}
    with pytest.raises(ValidationError):
        services.membership_figure_update(actor=None, figure=other, year=2024)
    other.refresh_from_db()
    assert other.year == 2023
    assert MembershipFigure.objects.count() == 2


def test_a_member_may_not_record_figures_and_nothing_is_written(
    alliance: Alliance, think_tank: Organisation
) -> None:
    member = make_user("member", Role.CS_MEMBER, organisation=think_tank)
    figure = services.membership_figure_create(
        actor=None, alliance=alliance, year=2024, organisations=35, experts=65
    )

    with pytest.raises(PermissionDenied):
        services.membership_figure_create(
            actor=member, alliance=alliance, year=2023, organisations=1, experts=1
        )
    with pytest.raises(PermissionDenied):
        services.membership_figure_update(actor=member, figure=figure, organisations=1)
    with pytest.raises(PermissionDenied):
        services.membership_figure_delete(actor=member, figure=figure)
    assert list(MembershipFigure.objects.values_list("year", "organisations", "experts")) == [
        (2024, 35, 65)
    ]


def test_the_year_end_uses_the_recorded_figure_and_else_the_member_records(
    alliance: Alliance,
) -> None:
    services.membership_add(
        actor=None,
        alliance=alliance,
        organisation=make_organisation("Named member", kind="civil_society"),
        joined_on=datetime.date(2023, 3, 1),
    )
    services.membership_figure_create(
        actor=None, alliance=alliance, year=2024, organisations=35, experts=65, source="Minutes"
    )

    assert selectors.members_at_year_end(alliance, 2024) == selectors.YearMembers(
        2024, 35, 65, recorded=True, source="Minutes"
    )
    assert selectors.members_at_year_end(alliance, 2023) == selectors.YearMembers(
        2023, 1, 0, recorded=False
    )


def test_the_alliance_page_lists_figures_and_adds_edits_and_deletes_them(
    alliance: Alliance, coordinator_client: Client
) -> None:
    page = f"/en/engagement/alliances/{alliance.pk}/"
    assert "No figures recorded." in coordinator_client.get(page).content.decode()

    response = coordinator_client.post(
        f"/en/engagement/alliances/{alliance.pk}/figures/new/",
        {"year": "2024", "organisations": "35", "experts": "65", "source": "Annual meeting"},
    )
    assert response.status_code == 302
    assert response["Location"] == page + "#pane-growth"
    figure = MembershipFigure.objects.get()
    html = without_isolates(coordinator_client.get(page).content.decode())
    assert (
        '<tr><td>2024</td><td class="text-end">35</td><td class="text-end">65</td>'
        "<td>Annual meeting</td><td>—</td>"
    ) in html
    assert f"/en/engagement/alliances/figures/{figure.pk}/edit/" in html

    duplicate = coordinator_client.post(
        f"/en/engagement/alliances/{alliance.pk}/figures/new/",
        {"year": "2024", "organisations": "1", "experts": "1"},
    )
    assert duplicate.status_code == 200
    assert "The alliance already has figures for this year" in duplicate.content.decode()

    coordinator_client.post(
        f"/en/engagement/alliances/figures/{figure.pk}/edit/",
        {"year": "2024", "organisations": "36", "experts": "65", "note": "Corrected"},
    )
    figure.refresh_from_db()
    assert (figure.organisations, figure.source, figure.note) == (36, "", "Corrected")

    confirm = coordinator_client.get(f"/en/engagement/alliances/figures/{figure.pk}/delete/")
    assert "Delete the membership figures for 2024?" in confirm.content.decode()
    assert "This cannot be undone" in confirm.content.decode()
    assert MembershipFigure.objects.count() == 1
    coordinator_client.post(f"/en/engagement/alliances/figures/{figure.pk}/delete/")
    assert MembershipFigure.objects.count() == 0


def test_a_member_sees_the_figures_but_cannot_change_them(
    alliance: Alliance, think_tank: Organisation
) -> None:
    figure = services.membership_figure_create(
        actor=None, alliance=alliance, year=2024, organisations=35, experts=65
    )
    client = Client()
    client.force_login(make_user("member", Role.CS_MEMBER, organisation=think_tank))

    html = client.get(f"/en/engagement/alliances/{alliance.pk}/").content.decode()
    assert '<td class="text-end">35</td>' in html
    assert "/figures/new/" not in html
    assert f"/figures/{figure.pk}/edit/" not in html
    new = client.post(
        f"/en/engagement/alliances/{alliance.pk}/figures/new/",
        {"year": "2023", "organisations": "1", "experts": "1"},
    )
    delete = client.post(f"/en/engagement/alliances/figures/{figure.pk}/delete/")
    assert (new.status_code, delete.status_code) == (403, 403)
    assert MembershipFigure.objects.count() == 1


def test_the_api_lists_creates_changes_and_deletes_figures(
    alliance: Alliance, think_tank: Organisation, api_client: Client
) -> None:
    coordinator = make_user("coord", Role.CS_COORDINATOR, organisation=think_tank)
    headers = bearer(coordinator)
    base = f"/api/v1/alliances/{alliance.pk}/figures"

    created = api_client.post(
        base,
        {"year": 2024, "organisations": 35, "experts": 65, "source": "Annual meeting"},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201
    figure_id = created.json()["id"]
    assert created.json() == {
        "id": figure_id,
        "year": 2024,
        "organisations": 35,
        "experts": 65,
        "total": 100,
        "source": "Annual meeting",
        "note": "",
    }
    duplicate = api_client.post(
        base,
        {"year": 2024, "organisations": 1, "experts": 1},
        content_type="application/json",
        headers=headers,
    )
    assert duplicate.status_code == 422

    changed = api_client.patch(
        f"{base}/{figure_id}",
        {"experts": 66, "source": ""},
        content_type="application/json",
        headers=headers,
    )
    assert changed.status_code == 200
    assert (changed.json()["experts"], changed.json()["source"]) == (66, "")
    listed = api_client.get(base, headers=headers).json()
    assert [(f["year"], f["organisations"], f["experts"]) for f in listed] == [(2024, 35, 66)]

    assert api_client.delete(f"{base}/{figure_id}", headers=headers).status_code == 204
    assert api_client.get(base, headers=headers).json() == []


def test_a_member_cannot_record_figures_through_the_api(
    alliance: Alliance, think_tank: Organisation, api_client: Client
) -> None:
    member = make_user("member", Role.CS_MEMBER, organisation=think_tank)

    response = api_client.post(
        f"/api/v1/alliances/{alliance.pk}/figures",
        {"year": 2024, "organisations": 35, "experts": 65},
        content_type="application/json",
        headers=bearer(member),
    )

    assert response.status_code == 403
    assert MembershipFigure.objects.count() == 0


def test_figures_of_another_state_s_alliance_are_not_found(api_client: Client) -> None:
    foreign = services.alliance_create(
        actor=None,
        name="Foreign Alliance",
        coordinator=make_organisation("Foreign NGO", kind="civil_society", country="IND"),
    )
    services.membership_figure_create(
        actor=None, alliance=foreign, year=2024, organisations=3, experts=4
    )
    coordinator = make_user(
        "coord", Role.CS_COORDINATOR, organisation=make_organisation("Ours", kind="civil_society")
    )

    response = api_client.get(
        f"/api/v1/alliances/{foreign.pk}/figures", headers=bearer(coordinator)
    )

    assert response.status_code == 404
