"""A person's further numbers, and numbers an import kept as written."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from palermo.core.models import User
from palermo.engagement.models import Person
from palermo.engagement.services import registry as registry_services
from tests.factories import bearer, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(secretariat: User) -> Person:
    """As an import leaves a person: an unverifiable phone kept as written, a second number."""
    organisation = make_organisation("Shelter Foundation Example", kind="civil_society")
    return registry_services.person_create(
        actor=secretariat,
        name="Kiran Example",
        organisation=organisation,
        phone="0399-1234502",
        other_phones="0321 1234504",
        keep_unverified_phones=True,
    )


def test_other_numbers_are_stored_in_one_form(imported: Person) -> None:
    assert (imported.phone, imported.other_phones) == ("0399-1234502", "+923211234504")


def test_outside_an_import_an_unverifiable_number_is_refused(secretariat: User) -> None:
    with pytest.raises(ValidationError) as refused:
        registry_services.person_create(
            actor=secretariat, name="Nida Example", country="PAK", other_phones="0399-1234502"
        )

    assert refused.value.message_dict == {
        "other_phones": ["“0399-1234502” is not a valid phone number."]
    }
    assert not Person.objects.filter(name="Nida Example").exists()


def test_editing_a_person_keeps_a_number_kept_as_written(
    imported: Person, secretariat_client: Client
) -> None:
    page = secretariat_client.post(
        reverse("engagement:person-edit", args=[imported.pk]),
        {
            "name": "Kiran Example",
            "title": "Caseworker",
            "organisation": imported.organisation_id,
            "phone": "0399-1234502",
            "other_phones": "+923211234504",
        },
    )

    assert page.status_code == 302
    imported.refresh_from_db()
    assert (imported.title, imported.phone) == ("Caseworker", "0399-1234502")


def test_the_page_and_the_api_show_every_number(
    imported: Person, secretariat: User, secretariat_client: Client
) -> None:
    html = secretariat_client.get(imported.get_absolute_url()).content.decode()
    shown = Client().get(f"/api/v1/people/{imported.pk}", headers=bearer(secretariat)).json()

    assert "0399-1234502, +92 321 1234504" in html
    assert (shown["phone"], shown["other_phones"]) == ("0399-1234502", "+923211234504")
