"""Type-ahead endpoints: people and organisations by name, only those the reader may see."""

import pytest
from django.test import Client

from palermo.core.widgets import PICKER_LIMIT
from tests.factories import make_organisation, make_person, make_secretariat

pytestmark = pytest.mark.django_db


def found(client: Client, kind: str, query: str) -> list[str]:
    response = client.get(f"/en/engagement/pickers/{kind}/", {"q": query})
    assert response.status_code == 200
    return [item["text"] for item in response.json()["results"]]


def test_people_are_found_by_part_of_their_name_in_the_readers_state_only(
    secretariat_client: Client,
) -> None:
    make_person("Ayesha Khan", country="PAK")
    make_person("Ayesha Rahman", country="IND")
    make_person("Ayesha Global", organisation=make_organisation("UNODC", country=""))
    make_person("Bilal Ahmed", country="PAK")

    assert found(secretariat_client, "people", "ayesha") == ["Ayesha Global", "Ayesha Khan"]


def test_organisations_are_found_by_name_or_acronym_in_the_readers_state_only(
    secretariat_client: Client,
) -> None:
    make_organisation("Legal Aid Society", country="PAK")
    make_organisation("Legal Aid India", country="IND")
    make_organisation("International Legal Network", country="")

    assert found(secretariat_client, "organisations", "legal") == [
        "International Legal Network",
        "Legal Aid Society",
    ]


def test_another_states_reader_finds_only_theirs() -> None:
    make_person("Ayesha Khan", country="PAK")
    make_person("Ayesha Rahman", country="IND")
    client = Client()
    client.force_login(make_secretariat("indian", country="IND"))

    assert found(client, "people", "ayesha") == ["Ayesha Rahman"]


def test_an_empty_query_finds_nothing_and_results_are_capped(secretariat_client: Client) -> None:
    for number in range(PICKER_LIMIT + 5):
        make_person(f"Participant {number:02d}")

    assert found(secretariat_client, "people", "  ") == []
    assert len(found(secretariat_client, "people", "participant")) == PICKER_LIMIT


def test_signed_out_visitors_are_sent_to_the_login_page() -> None:
    make_person("Ayesha Khan")

    response = Client().get("/en/engagement/pickers/people/", {"q": "ayesha"})

    assert response.status_code == 302
    assert "/login" in response["Location"]
