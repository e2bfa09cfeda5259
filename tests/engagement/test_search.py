"""Organisations, people and events are found by search, without contact details."""

import pytest
from django.test import Client

from palermo.core.models import SearchDocument
from palermo.engagement.services import registry as registry_services
from tests.factories import make_event, make_organisation, make_person

pytestmark = pytest.mark.django_db


def test_registry_and_events_are_searchable_by_their_own_state(secretariat_client: Client) -> None:
    bar = make_organisation("Karachi Bar Association", kind="civil_society")
    make_person("Expert Witness", organisation=bar, email="witness@example.org")
    make_event("Consultation on smuggling in Quetta")
    make_organisation("Tonga Bar Association", kind="civil_society", country="TON")

    bar_hits = secretariat_client.get("/en/search/?q=bar+association").content.decode()
    event_hits = secretariat_client.get("/en/search/?q=smuggling").content.decode()

    assert "Karachi" in bar_hits
    assert "Tonga" not in bar_hits
    assert "Consultation on" in event_hits
    assert not SearchDocument.objects.filter(body__contains="witness@example.org").exists()


def test_a_deleted_person_leaves_the_index(secretariat: object) -> None:
    person = make_person("Temporary Contact", country="PAK")

    registry_services.person_delete(actor=secretariat, person=person)  # type: ignore[arg-type]

    assert not SearchDocument.objects.filter(kind="person").exists()


def test_visitors_without_an_account_find_public_texts_only(
    settings: object, client: Client
) -> None:
    settings.PALERMO_COUNTRY = "PAK"  # type: ignore[attr-defined]
    bar = make_organisation("Karachi Bar Association", kind="civil_society")
    make_person("Karachi Witness", organisation=bar)
    make_event("Karachi consultation on smuggling")

    page = client.get("/en/search/?q=karachi").content.decode()
    api = client.get("/api/v1/search", {"q": "karachi"}).json()
    people = client.get("/api/v1/search", {"q": "karachi", "kind": "person"}).json()
    laws = client.get("/api/v1/search", {"q": "money laundering"}).json()

    assert "Karachi" not in page
    assert api == []
    assert people == []
    assert laws
    assert {hit["kind"] for hit in laws} <= {"article", "law", "provision"}
