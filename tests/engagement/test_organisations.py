import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from palermo.core.services import tokens as token_services
from palermo.engagement.models import Organisation
from palermo.engagement.services import registry as registry_services
from tests.factories import make_organisation, make_user

pytestmark = pytest.mark.django_db


def test_organisation_create_and_update_are_audited(secretariat: User) -> None:
    organisation = registry_services.organisation_create(
        actor=secretariat, name="Anti-Narcotics Force", kind="government", country="pak"
    )
    registry_services.organisation_update(actor=secretariat, organisation=organisation, name="ANF")

    events = AuditEvent.objects.filter(
        object_type="engagement.organisation", object_id=str(organisation.pk)
    )
    assert [e.action for e in events.order_by("id")] == ["create", "update"]
    assert events.get(action="create").changes["country"] == [None, "PAK"]
    assert events.get(action="update").changes == {"name": ["Anti-Narcotics Force", "ANF"]}


def test_an_unknown_country_code_is_refused(secretariat: User) -> None:
    with pytest.raises(ValidationError) as error:
        registry_services.organisation_create(
            actor=secretariat, name="X", kind="government", country="XXX"
        )

    assert error.value.message_dict["country"] == ["XXX is not an ISO 3166 alpha-3 country code."]


def test_the_same_name_twice_in_one_country_is_refused(secretariat: User) -> None:
    make_organisation("Pakistan Bar Council")

    with pytest.raises(ValidationError, match="already exists"):
        registry_services.organisation_create(
            actor=secretariat, name="pakistan bar council", kind="civil_society", country="PAK"
        )


def test_only_the_secretariat_creates_organisations() -> None:
    member = make_user("member", Role.CS_MEMBER)

    with pytest.raises(PermissionDenied):
        registry_services.organisation_create(actor=member, name="X", kind="media", country="PAK")

    assert not Organisation.objects.filter(name="X").exists()


def test_users_see_their_own_states_and_international_organisations(client: Client) -> None:
    make_organisation("Federal Investigation Agency", country="PAK")
    make_organisation("Government of Tonga", country="TON")
    make_organisation("UNODC", kind="international", country="")
    user = make_user("focal", organisation=make_organisation("Ministry of Interior"))
    _token, raw = token_services.token_create(actor=None, owner=user, name="t")

    response = client.get("/api/v1/organisations", headers={"authorization": f"Bearer {raw}"})

    names = [item["name"] for item in response.json()["items"]]
    assert response.json()["count"] == 3
    assert names == ["Federal Investigation Agency", "Ministry of Interior", "UNODC"]


def test_the_organisation_list_page_sorts_and_offers_creation(secretariat_client: Client) -> None:
    make_organisation("Anti-Narcotics Force")

    page = secretariat_client.get("/en/engagement/organisations/?sort=-name").content.decode()

    assert page.index("Secretariat of PAK") < page.index("Anti-Narcotics Force")
    assert "Add an organisation" in page


def test_the_organisation_form_creates_one(secretariat_client: Client) -> None:
    response = secretariat_client.post(
        "/en/engagement/organisations/new/",
        {"name": "Pakistan Bar Council", "kind": "civil_society", "country": "PAK"},
    )

    assert response.status_code == 302
    assert Organisation.objects.filter(name="Pakistan Bar Council", country="PAK").exists()
