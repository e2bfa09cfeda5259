"""People in the registry, and who may read their contact details."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation, Person
from palermo.engagement.services import registry as registry_services
from tests.factories import bearer, make_organisation, make_person, make_secretariat, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def bar_council() -> Organisation:
    return make_organisation("Pakistan Bar Council", kind="civil_society")


@pytest.fixture
def legal_aid() -> Organisation:
    return make_organisation("Legal Aid Society", kind="civil_society")


@pytest.fixture
def lawyer(bar_council: Organisation) -> Person:
    return make_person(
        "Ayesha Example",
        organisation=bar_council,
        email="Ayesha@Example.org",
        phone="0300-1234567",
    )


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_person_takes_the_organisations_country_and_a_normalised_phone(lawyer: Person) -> None:
    assert lawyer.country == "PAK"
    assert lawyer.phone == "+923001234567"
    assert lawyer.email == "ayesha@example.org"
    assert AuditEvent.objects.filter(object_type="engagement.person", action="create").count() == 1


def test_an_invalid_phone_is_refused_with_the_number_named(bar_council: Organisation) -> None:
    with pytest.raises(ValidationError) as error:
        make_person("X", organisation=bar_council, phone="12345")

    assert error.value.message_dict == {"phone": ["“12345” is not a valid phone number."]}
    assert not Person.objects.exists()


def test_an_individual_expert_needs_a_country() -> None:
    with pytest.raises(ValidationError) as error:
        registry_services.person_create(actor=None, name="Expert", country="")

    assert error.value.message_dict == {
        "country": ["Give the person's organisation or their country."]
    }


def test_a_member_adds_people_to_their_own_organisation_only(
    bar_council: Organisation, legal_aid: Organisation
) -> None:
    member = make_user("member", Role.CS_MEMBER, organisation=bar_council)

    registry_services.person_create(actor=member, name="Colleague", organisation=bar_council)
    with pytest.raises(PermissionDenied):
        registry_services.person_create(actor=member, name="Stranger", organisation=legal_aid)

    assert list(Person.objects.values_list("name", flat=True)) == ["Colleague"]


def test_contact_details_on_pages_follow_the_organisation(
    lawyer: Person, bar_council: Organisation, legal_aid: Organisation
) -> None:
    colleague = make_user("colleague", Role.CS_MEMBER, organisation=bar_council)
    outsider = make_user("outsider", Role.CS_MEMBER, organisation=legal_aid)
    coordinator = make_user("coord", Role.CS_COORDINATOR, organisation=legal_aid)
    url = f"/en/engagement/people/{lawyer.pk}/"

    outsider_page = _client(outsider).get(url).content.decode()
    colleague_page = _client(colleague).get(url).content.decode()
    coordinator_page = _client(coordinator).get(url).content.decode()
    organisation_page = _client(outsider).get(bar_council.get_absolute_url()).content.decode()
    list_page = _client(outsider).get("/en/engagement/people/").content.decode()

    for page in (outsider_page, organisation_page, list_page):
        assert "Ayesha Example" in page
        assert "ayesha@example.org" not in page
        assert "300 1234567" not in page
    for page in (colleague_page, coordinator_page):
        assert "ayesha@example.org" in page
        assert "+92 300 1234567" in page


def test_contact_details_through_the_api_follow_the_organisation(
    client: Client, lawyer: Person, bar_council: Organisation, legal_aid: Organisation
) -> None:
    outsider = make_user("outsider", Role.CS_MEMBER, organisation=legal_aid)
    coordinator = make_user("coord", Role.CS_COORDINATOR, organisation=legal_aid)
    secretariat = make_user("sec", Role.SECRETARIAT, organisation=legal_aid)

    hidden = client.get(f"/api/v1/people/{lawyer.pk}", headers=bearer(outsider)).json()
    listed = client.get("/api/v1/people", headers=bearer(outsider)).json()["items"]
    shown = client.get(f"/api/v1/people/{lawyer.pk}", headers=bearer(coordinator)).json()
    to_secretariat = client.get(f"/api/v1/people/{lawyer.pk}", headers=bearer(secretariat)).json()

    assert (hidden["email"], hidden["phone"], hidden["contact_visible"]) == (None, None, False)
    assert (listed[0]["email"], listed[0]["phone"]) == (None, None)
    assert (shown["email"], shown["phone"]) == ("ayesha@example.org", "+923001234567")
    assert to_secretariat["contact_visible"] is True


def test_the_people_api_shapes_one_page_and_counts_them_all(client: Client) -> None:
    for number in range(1, 56):
        make_person(f"Person {number:02}")
    secretariat = make_secretariat()

    first = client.get("/api/v1/people", headers=bearer(secretariat)).json()
    rest = client.get("/api/v1/people?offset=50", headers=bearer(secretariat)).json()

    assert (first["count"], len(first["items"]), first["items"][0]["name"]) == (55, 50, "Person 01")
    assert [person["name"] for person in rest["items"]] == [f"Person {n}" for n in range(51, 56)]


def test_people_of_another_state_are_not_visible(client: Client, legal_aid: Organisation) -> None:
    tongan = make_person("Tongan Expert", country="TON")
    member = make_user("member", Role.CS_MEMBER, organisation=legal_aid)

    response = client.get(f"/api/v1/people/{tongan.pk}", headers=bearer(member))

    assert response.status_code == 404


def test_the_person_form_creates_and_edits_with_the_phone_normalised(
    secretariat_client: Client, bar_council: Organisation
) -> None:
    response = secretariat_client.post(
        "/en/engagement/people/new/",
        {"name": "New Lawyer", "organisation": bar_council.pk, "phone": "+92 300 7654321"},
    )
    person = Person.objects.get(name="New Lawyer")
    assert response.status_code == 302
    assert person.phone == "+923007654321"

    response = secretariat_client.post(
        f"/en/engagement/people/{person.pk}/edit/",
        {"name": "New Lawyer", "organisation": bar_council.pk, "phone": "not a phone"},
    )
    assert response.status_code == 200
    assert "“not a phone” is not a valid phone number." in response.content.decode()
    person.refresh_from_db()
    assert person.phone == "+923007654321"


def test_deleting_a_person_asks_first_then_deletes(
    secretariat_client: Client, lawyer: Person
) -> None:
    url = f"/en/engagement/people/{lawyer.pk}/delete/"

    confirmation = secretariat_client.get(url).content.decode()
    assert "cannot be undone" in confirmation
    assert Person.objects.filter(pk=lawyer.pk).exists()

    secretariat_client.post(url)
    assert not Person.objects.filter(pk=lawyer.pk).exists()


def test_api_person_create_refuses_a_bad_email(client: Client, bar_council: Organisation) -> None:
    coordinator = make_user("coord", Role.CS_COORDINATOR, organisation=bar_council)

    response = client.post(
        "/api/v1/people",
        {"name": "X", "organisation_id": bar_council.pk, "email": "not-an-email"},
        content_type="application/json",
        headers=bearer(coordinator),
    )

    assert response.status_code == 422
    assert not Person.objects.exists()
