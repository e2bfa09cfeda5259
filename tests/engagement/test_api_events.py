"""Events, participants, statements and attachments through the API, with bearer tokens."""

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Event, Participant, Statement
from palermo.engagement.services import events as event_services
from tests.factories import bearer, make_event, make_organisation, make_person, make_user

pytestmark = pytest.mark.django_db


def test_an_event_is_created_patched_and_deleted(client: Client, secretariat: User) -> None:
    headers = bearer(secretariat)
    organiser = make_organisation("Ministry of Interior")

    created = client.post(
        "/api/v1/events",
        {
            "kind": "consultation",
            "title": "National consultation",
            "starts_on": "2024-07-10",
            "organisers": [organiser.pk],
            "instruments": ["untoc"],
            "themes": ["Legal aid"],
            "in_person_count": 31,
        },
        content_type="application/json",
        headers=headers,
    )
    event_id = created.json()["id"]
    patched = client.patch(
        f"/api/v1/events/{event_id}",
        {"title": "National consultation on legal aid", "online_count": 86},
        content_type="application/json",
        headers=headers,
    )
    deleted = client.delete(f"/api/v1/events/{event_id}", headers=headers)

    assert created.status_code == 201
    body = created.json()
    assert (body["country"], body["organisers"], body["instruments"]) == (
        "PAK",
        [organiser.pk],
        ["untoc"],
    )
    assert body["themes"] == ["Legal aid"]
    assert body["url"] == f"/en/engagement/events/{event_id}/"
    assert patched.status_code == 200
    assert patched.json()["title"] == "National consultation on legal aid"
    assert patched.json()["headcount"] == 117
    assert deleted.status_code == 204
    assert not Event.objects.filter(pk=event_id).exists()


def test_an_unknown_organiser_is_refused(client: Client, secretariat: User) -> None:
    tongan = make_organisation("Tonga ministry", country="TON")

    response = client.post(
        "/api/v1/events",
        {
            "kind": "meeting",
            "title": "Meeting",
            "starts_on": "2024-07-10",
            "organisers": [tongan.pk],
        },
        content_type="application/json",
        headers=bearer(secretariat),
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "organisers"]
    assert not Event.objects.exists()


def test_a_civil_society_member_cannot_create_events(client: Client) -> None:
    member = make_user("member", Role.CS_MEMBER, organisation=make_organisation("NGO"))

    response = client.post(
        "/api/v1/events",
        {"kind": "meeting", "title": "Our meeting", "starts_on": "2024-07-10"},
        content_type="application/json",
        headers=bearer(member),
    )

    assert response.status_code == 403
    assert not Event.objects.exists()


def test_events_are_listed_with_filters(client: Client, secretariat: User) -> None:
    make_event("Webinar", kind="webinar")
    make_event("Meeting")
    make_event("Tonga", country="TON")

    every = client.get("/api/v1/events", headers=bearer(secretariat)).json()
    webinars = client.get("/api/v1/events?kind=webinar", headers=bearer(secretariat)).json()

    assert every["count"] == 2
    assert [item["title"] for item in webinars["items"]] == ["Webinar"]


def test_an_event_of_another_state_is_not_found(client: Client, secretariat: User) -> None:
    event = make_event(country="TON")

    assert client.get(f"/api/v1/events/{event.pk}", headers=bearer(secretariat)).status_code == 404


def test_participants_are_listed_added_and_removed(client: Client, secretariat: User) -> None:
    headers = bearer(secretariat)
    event = make_event()
    person = make_person("Ayesha Khan")
    url = f"/api/v1/events/{event.pk}/participants"

    added = client.post(
        url,
        {"person": person.pk, "role": "speaker"},
        content_type="application/json",
        headers=headers,
    )
    again = client.post(
        url, {"person": person.pk}, content_type="application/json", headers=headers
    )
    listed = client.get(url, headers=headers).json()
    removed = client.delete(f"{url}/{added.json()['id']}", headers=headers)

    assert added.status_code == 201
    assert again.status_code == 422
    assert listed == [
        {
            "id": added.json()["id"],
            "person": person.pk,
            "name": "Ayesha Khan",
            "role": "speaker",
            "online": False,
        }
    ]
    assert removed.status_code == 204
    assert not Participant.objects.exists()


def test_a_member_adds_their_own_organisations_statement_only(client: Client) -> None:
    event = make_event()
    own = make_organisation("Own NGO", kind="civil_society")
    other = make_organisation("Other NGO", kind="civil_society")
    member = make_user("member", Role.CS_MEMBER, organisation=own)
    headers = bearer(member)
    url = f"/api/v1/events/{event.pk}/statements"

    ours = client.post(
        url,
        {"organisation": own.pk, "title": "Ours", "text": "We welcome the review."},
        content_type="application/json",
        headers=headers,
    )
    theirs = client.post(
        url,
        {"organisation": other.pk, "title": "Theirs", "text": "Text."},
        content_type="application/json",
        headers=headers,
    )

    assert ours.status_code == 201
    assert ours.json()["delivered_on"] == event.starts_on.isoformat()
    assert theirs.status_code == 403
    assert list(Statement.objects.values_list("title", flat=True)) == ["Ours"]


def test_a_statement_is_read_patched_and_deleted(client: Client, secretariat: User) -> None:
    headers = bearer(secretariat)
    event = make_event()
    statement = event_services.statement_create(
        actor=None, event=event, organisation=make_organisation(), title="Opening", text="Text."
    )
    url = f"/api/v1/statements/{statement.pk}"

    read = client.get(url, headers=headers).json()
    listed = client.get(f"/api/v1/events/{event.pk}/statements", headers=headers).json()
    patched = client.patch(
        url, {"text": "Revised text."}, content_type="application/json", headers=headers
    )
    deleted = client.delete(url, headers=headers)

    assert (read["title"], read["file_url"]) == ("Opening", None)
    assert [item["id"] for item in listed] == [statement.pk]
    assert patched.json()["text"] == "Revised text."
    assert deleted.status_code == 204
    assert not Statement.objects.exists()


def test_a_member_cannot_patch_another_organisations_statement(client: Client) -> None:
    statement = event_services.statement_create(
        actor=None, event=make_event(), organisation=make_organisation(), title="T", text="Text."
    )
    member = make_user("member", Role.CS_MEMBER, organisation=make_organisation("NGO"))

    response = client.patch(
        f"/api/v1/statements/{statement.pk}",
        {"text": "Changed."},
        content_type="application/json",
        headers=bearer(member),
    )

    assert response.status_code == 403
    statement.refresh_from_db()
    assert statement.text == "Text."


def test_attachments_are_listed_with_their_download_address(
    client: Client, secretariat: User, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.PALERMO_BASE_URL = "https://palermo.example.org"
    event = make_event()
    attachment = event_services.attachment_add(
        actor=None, event=event, title="Agenda", file=SimpleUploadedFile("agenda.txt", b"1234")
    )

    listed = client.get(f"/api/v1/events/{event.pk}/attachments", headers=bearer(secretariat))

    assert listed.status_code == 200
    item = listed.json()[0]
    assert (item["title"], item["size"]) == ("Agenda", 4)
    assert item["download_url"] == (
        f"https://palermo.example.org/en/engagement/attachments/{attachment.pk}/"
    )
