"""The minutes and action items API: who may write what, and what each call returns."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement import messages
from palermo.engagement.models import (
    ActionItem,
    ActionItemNote,
    Decision,
    Event,
    Minutes,
    Organisation,
)
from palermo.engagement.services import minutes as minutes_services
from tests.factories import bearer, make_event, make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator() -> User:
    alliance = make_organisation("Alliance secretariat", kind="civil_society")
    return make_user("coordinator", Role.CS_COORDINATOR, organisation=alliance)


@pytest.fixture
def legal_aid() -> Organisation:
    return make_organisation("Legal Aid Society", kind="civil_society")


@pytest.fixture
def owner(legal_aid: Organisation) -> User:
    return make_user("owner", Role.CS_MEMBER, organisation=legal_aid)


@pytest.fixture
def outsider() -> User:
    return make_user("outsider", Role.CS_MEMBER, organisation=make_organisation("Media Watch"))


@pytest.fixture
def event() -> Event:
    return make_event("Consultation in Lahore")


@pytest.fixture
def item(coordinator: User, event: Event, legal_aid: Organisation) -> ActionItem:
    minutes = minutes_services.minutes_record(actor=coordinator, event=event)
    decision = minutes_services.decision_add(actor=coordinator, minutes=minutes, text="Report.")
    return minutes_services.action_item_create(
        actor=coordinator,
        decision=decision,
        text="Collect case files",
        owner_organisation=legal_aid,
        due_on=datetime.date(2024, 1, 31),
    )


def test_a_member_cannot_record_minutes(client: Client, outsider: User, event: Event) -> None:
    response = client.post(
        f"/api/v1/events/{event.pk}/minutes",
        {"summary": "Ours."},
        content_type="application/json",
        headers=bearer(outsider),
    )

    assert response.status_code == 403
    assert not Minutes.objects.exists()


def test_a_coordinator_records_minutes_decisions_and_an_action_item(
    client: Client, coordinator: User, event: Event, legal_aid: Organisation
) -> None:
    headers = bearer(coordinator)
    recorded = client.post(
        f"/api/v1/events/{event.pk}/minutes",
        {"summary": "We met."},
        content_type="application/json",
        headers=headers,
    )
    first = client.post(
        f"/api/v1/events/{event.pk}/minutes/decisions",
        {"text": "Write to the ministry."},
        content_type="application/json",
        headers=headers,
    )
    second = client.post(
        f"/api/v1/events/{event.pk}/minutes/decisions",
        {"text": "Meet again."},
        content_type="application/json",
        headers=headers,
    )
    created = client.post(
        "/api/v1/action-items",
        {
            "decision": first.json()["id"],
            "text": "Draft the letter",
            "owner_organisation": legal_aid.pk,
            "due_on": "2030-01-31",
        },
        content_type="application/json",
        headers=headers,
    )
    minutes = client.get(f"/api/v1/events/{event.pk}/minutes", headers=headers).json()

    assert recorded.status_code == 201
    assert (first.json()["number"], second.json()["number"]) == (1, 2)
    assert created.status_code == 201
    assert created.json()["owners"] == "Legal Aid Society"
    assert created.json()["status"] == "open"
    assert created.json()["overdue"] is False
    assert minutes["summary"] == "We met."
    assert [d["number"] for d in minutes["decisions"]] == [1, 2]
    assert [a["text"] for a in minutes["decisions"][0]["action_items"]] == ["Draft the letter"]


def test_second_minutes_are_refused(client: Client, coordinator: User, item: ActionItem) -> None:
    response = client.post(
        f"/api/v1/events/{item.decision.minutes.event_id}/minutes",
        {"summary": "Again."},
        content_type="application/json",
        headers=bearer(coordinator),
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == str(messages.MINUTES_EXIST)
    assert Minutes.objects.count() == 1


def test_an_owner_marks_their_item_done(client: Client, owner: User, item: ActionItem) -> None:
    response = client.post(
        f"/api/v1/action-items/{item.pk}/status",
        {"status": "done", "note": "Forty files collected."},
        content_type="application/json",
        headers=bearer(owner),
    )

    item.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["status"] == "done"
    assert response.json()["completed_on"] == timezone.localdate().isoformat()
    assert item.status == "done"
    assert list(item.notes.values_list("status_from", "status_to", "text")) == [
        ("open", "done", "Forty files collected.")
    ]


def test_a_member_who_does_not_own_the_item_cannot_change_it(
    client: Client, outsider: User, item: ActionItem
) -> None:
    headers = bearer(outsider)
    status = client.post(
        f"/api/v1/action-items/{item.pk}/status",
        {"status": "done"},
        content_type="application/json",
        headers=headers,
    )
    note = client.post(
        f"/api/v1/action-items/{item.pk}/notes",
        {"text": "Done by us."},
        content_type="application/json",
        headers=headers,
    )

    item.refresh_from_db()
    assert (status.status_code, note.status_code) == (403, 403)
    assert item.status == "open"
    assert item.completed_on is None
    assert not ActionItemNote.objects.exists()


def test_the_same_status_without_a_note_is_refused(
    client: Client, owner: User, item: ActionItem
) -> None:
    response = client.post(
        f"/api/v1/action-items/{item.pk}/status",
        {"status": "open"},
        content_type="application/json",
        headers=bearer(owner),
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == str(messages.ACTION_ITEM_STATUS_UNCHANGED)
    assert not ActionItemNote.objects.exists()


def test_notes_are_added_and_listed(client: Client, owner: User, item: ActionItem) -> None:
    headers = bearer(owner)
    added = client.post(
        f"/api/v1/action-items/{item.pk}/notes",
        {"text": "Half done."},
        content_type="application/json",
        headers=headers,
    )
    notes = client.get(f"/api/v1/action-items/{item.pk}/notes", headers=headers).json()

    assert added.status_code == 201
    assert [(n["author"], n["text"], n["status_to"]) for n in notes] == [
        ("owner", "Half done.", "")
    ]


def test_the_list_filters_and_mine_shows_only_mine(
    client: Client, owner: User, coordinator: User, item: ActionItem
) -> None:
    other = minutes_services.action_item_create(
        actor=coordinator,
        decision=item.decision,
        text="Brief the media",
        owner_organisation=make_organisation("Media Watch"),
    )
    headers = bearer(owner)

    everything = client.get("/api/v1/action-items", headers=headers).json()
    overdue = client.get("/api/v1/action-items?overdue=true", headers=headers).json()
    mine = client.get("/api/v1/action-items/mine", headers=headers).json()
    one = client.get(f"/api/v1/action-items/{other.pk}", headers=headers).json()

    assert everything["count"] == 2
    assert [i["text"] for i in overdue["items"]] == ["Collect case files"]
    assert overdue["items"][0]["overdue"] is True
    assert [i["text"] for i in mine["items"]] == ["Collect case files"]
    assert one["owners"] == "Media Watch"


def test_coordinators_patch_items_and_decisions(
    client: Client, coordinator: User, owner: User, item: ActionItem
) -> None:
    patched = client.patch(
        f"/api/v1/action-items/{item.pk}",
        {"due_on": "2030-06-30"},
        content_type="application/json",
        headers=bearer(coordinator),
    )
    refused = client.patch(
        f"/api/v1/action-items/{item.pk}",
        {"text": "Nothing."},
        content_type="application/json",
        headers=bearer(owner),
    )
    renumbered = client.patch(
        f"/api/v1/decisions/{item.decision_id}",
        {"number": 5},
        content_type="application/json",
        headers=bearer(coordinator),
    )

    item.refresh_from_db()
    assert patched.json()["due_on"] == "2030-06-30"
    assert refused.status_code == 403
    assert item.text == "Collect case files"
    assert renumbered.json()["number"] == 5


def test_a_coordinator_deletes_a_decision(
    client: Client, coordinator: User, item: ActionItem
) -> None:
    response = client.delete(f"/api/v1/decisions/{item.decision_id}", headers=bearer(coordinator))

    assert response.status_code == 204
    assert not Decision.objects.exists()
    assert not ActionItem.objects.exists()


def test_another_states_event_is_not_found(client: Client, coordinator: User) -> None:
    tongan = make_event("Tongan meeting", country="TON")

    response = client.get(f"/api/v1/events/{tongan.pk}/minutes", headers=bearer(coordinator))

    assert response.status_code == 404
