"""Organisation fields beyond the name: acronym, themes, place, parent."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from palermo.core.models import User
from palermo.engagement.models import Organisation, Theme
from palermo.engagement.services import registry as registry_services
from tests.factories import bearer, make_organisation

pytestmark = pytest.mark.django_db


def test_themes_are_reused_whatever_their_case(secretariat: User) -> None:
    first = registry_services.organisation_create(
        actor=secretariat,
        name="Legal Aid Society",
        kind="civil_society",
        country="PAK",
        themes=["Legal aid", "Human rights"],
    )
    second = registry_services.organisation_create(
        actor=secretariat,
        name="Rights NGO",
        kind="civil_society",
        country="PAK",
        themes=["human RIGHTS"],
    )

    assert Theme.objects.filter(name__iexact="human rights").count() == 1
    assert list(second.themes.values_list("name", flat=True)) == ["Human rights"]
    assert first.themes.count() == 2


def test_an_organisation_cannot_sit_under_its_own_branch(secretariat: User) -> None:
    head = make_organisation("Head office", kind="civil_society")
    branch = registry_services.organisation_create(
        actor=secretariat, name="Branch", kind="civil_society", country="PAK", parent=head
    )

    with pytest.raises(ValidationError) as error:
        registry_services.organisation_update(actor=secretariat, organisation=head, parent=branch)

    assert error.value.message_dict == {
        "parent": ["An organisation cannot sit under one of its own branches."]
    }
    head.refresh_from_db()
    assert head.parent is None


def test_the_list_filters_by_theme_and_city(secretariat_client: Client, secretariat: User) -> None:
    registry_services.organisation_create(
        actor=secretariat,
        name="Karachi Legal Aid",
        kind="civil_society",
        country="PAK",
        city="Karachi",
        themes=["Legal aid"],
    )
    registry_services.organisation_create(
        actor=secretariat,
        name="Lahore Rights Forum",
        kind="civil_society",
        country="PAK",
        city="Lahore",
        themes=["Human rights"],
    )

    by_theme = secretariat_client.get("/en/engagement/organisations/?theme=Legal+aid").content
    by_city = secretariat_client.get("/en/engagement/organisations/?city=lahore").content

    assert b"Karachi Legal Aid" in by_theme
    assert b"Lahore Rights Forum" not in by_theme
    assert b"Lahore Rights Forum" in by_city
    assert b"Karachi Legal Aid" not in by_city


def test_the_api_creates_with_themes_and_finds_by_acronym(
    client: Client, secretariat: User
) -> None:
    response = client.post(
        "/api/v1/organisations",
        {
            "name": "Federal Investigation Agency",
            "acronym": "FIA",
            "kind": "government",
            "country": "PAK",
            "themes": ["Law enforcement"],
        },
        content_type="application/json",
        headers=bearer(secretariat),
    )
    found = client.get("/api/v1/organisations?search=fia", headers=bearer(secretariat)).json()

    assert response.status_code == 201
    assert response.json()["themes"] == ["Law enforcement"]
    assert [item["acronym"] for item in found["items"]] == ["FIA"]


def test_the_detail_page_edit_and_delete(secretariat_client: Client) -> None:
    organisation = make_organisation("Media Watch", kind="media")

    page = secretariat_client.get(organisation.get_absolute_url()).content.decode()
    assert "Media Watch" in page
    assert "Edit" in page
    secretariat_client.post(
        f"/en/engagement/organisations/{organisation.pk}/edit/",
        {"name": "Media Watch Pakistan", "kind": "media", "country": "PAK", "themes": "Media"},
    )
    organisation.refresh_from_db()
    assert organisation.name == "Media Watch Pakistan"
    assert list(organisation.themes.values_list("name", flat=True)) == ["Media"]

    secretariat_client.post(f"/en/engagement/organisations/{organisation.pk}/delete/")
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def test_an_organisation_with_people_is_not_deleted(secretariat_client: Client) -> None:
    from tests.factories import make_person

    organisation = make_organisation("Busy NGO", kind="civil_society")
    make_person("Someone", organisation=organisation)

    response = secretariat_client.post(
        f"/en/engagement/organisations/{organisation.pk}/delete/", follow=True
    )

    assert "still has people" in response.content.decode()
    assert Organisation.objects.filter(pk=organisation.pk).exists()
