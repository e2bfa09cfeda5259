"""Pages of events: list, form, detail tabs, participants, attachments and statements."""

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Attachment, Event, Organisation, Participant, Statement
from palermo.engagement.services import events as event_services
from tests.factories import make_event, make_organisation, make_person, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def member_client(organisation: Organisation | None = None) -> tuple[User, Client]:
    member = make_user(
        "member", Role.CS_MEMBER, organisation=organisation or make_organisation("Member NGO")
    )
    return member, client_for(member)


def test_the_event_list_filters_sorts_and_counts(secretariat_client: Client) -> None:
    make_event("Webinar on smuggling", kind=Event.Kind.WEBINAR, starts_on=datetime.date(2023, 3, 1))
    make_event("Consultation in Lahore", starts_on=datetime.date(2024, 5, 2))
    make_event("Tonga roundtable", country="TON")

    page = secretariat_client.get("/en/engagement/events/?sort=title").content.decode()
    webinars = secretariat_client.get("/en/engagement/events/?kind=webinar").content.decode()
    in_2024 = secretariat_client.get("/en/engagement/events/?year=2024&q=lahore").content.decode()

    assert "2 events" in page
    assert page.index("Consultation in Lahore") < page.index("Webinar on smuggling")
    assert "Tonga roundtable" not in page
    assert "1 event" in webinars
    assert "Consultation in Lahore" not in webinars
    assert "1 event" in in_2024
    assert "Webinar on smuggling" not in in_2024


def test_an_empty_event_list_offers_to_add_one(secretariat_client: Client) -> None:
    page = secretariat_client.get("/en/engagement/events/").content.decode()

    assert "No event recorded yet." in page
    assert 'href="/en/engagement/events/new/"' in page


def test_the_form_creates_an_event_with_its_links(
    secretariat: User, secretariat_client: Client
) -> None:
    organiser = make_organisation("Ministry of Interior")

    response = secretariat_client.post(
        "/en/engagement/events/new/",
        {
            "kind": "consultation",
            "title": "National consultation",
            "starts_on": "2024-07-10",
            "ends_on": "2024-07-11",
            "city": "Islamabad",
            "organisers": [organiser.pk],
            "instruments": [],
            "themes": "Legal aid, Victim support",
            "in_person_count": "31",
            "online_count": "86",
        },
    )

    event = Event.objects.get(title="National consultation")
    assert response.status_code == 302
    assert response["Location"] == f"/en/engagement/events/{event.pk}/"
    assert (event.country, event.created_by) == ("PAK", secretariat)
    assert list(event.organisers.all()) == [organiser]
    assert sorted(event.themes.values_list("name", flat=True)) == ["Legal aid", "Victim support"]


def test_the_form_shows_errors_and_creates_nothing(secretariat_client: Client) -> None:
    response = secretariat_client.post(
        "/en/engagement/events/new/",
        {
            "kind": "meeting",
            "title": "Backwards",
            "starts_on": "2024-07-10",
            "ends_on": "2024-07-01",
        },
    )

    assert response.status_code == 200
    assert "The event ends before it starts." in response.content.decode()
    assert not Event.objects.filter(title="Backwards").exists()


def test_a_member_cannot_open_the_event_form() -> None:
    _member, client = member_client()

    assert client.get("/en/engagement/events/new/").status_code == 403


def test_the_detail_page_shows_the_facts_and_tabs(secretariat_client: Client) -> None:
    event = make_event(
        "Pilot launch",
        kind=Event.Kind.PILOT_LAUNCH,
        online=True,
        in_person_count=31,
        online_count=86,
    )

    page = secretariat_client.get(f"/en/engagement/events/{event.pk}/").content.decode()

    assert "Pilot-initiative launch" in page
    assert "31 in person, 86 online" in page
    assert "Online" in page
    for tab in ("pane-participants", "pane-statements", "pane-attachments", "pane-minutes"):
        assert f'id="{tab}"' in page


def test_an_event_of_another_state_is_not_found(secretariat_client: Client) -> None:
    event = make_event(country="TON")

    assert secretariat_client.get(f"/en/engagement/events/{event.pk}/").status_code == 404


def test_participants_are_added_and_removed_after_confirmation(
    secretariat_client: Client,
) -> None:
    event = make_event()
    person = make_person("Ayesha Khan")
    url = f"/en/engagement/events/{event.pk}/participants/"

    added = secretariat_client.post(url, {"people": person.pk, "role": "speaker", "online": "on"})
    participant = Participant.objects.get()
    confirm = secretariat_client.get(f"{url}{participant.pk}/remove/")
    removed = secretariat_client.post(f"{url}{participant.pk}/remove/")

    assert added["Location"] == f"/en/engagement/events/{event.pk}/#pane-participants"
    assert (participant.role, participant.online) == ("speaker", True)
    assert "Remove Ayesha Khan from the event?" in confirm.content.decode()
    assert removed.status_code == 302
    assert not Participant.objects.exists()


def test_the_same_person_is_not_added_twice(secretariat_client: Client) -> None:
    event = make_event()
    person = make_person()
    event_services.participant_add(actor=None, event=event, person=person)

    response = secretariat_client.post(
        f"/en/engagement/events/{event.pk}/participants/",
        {"people": person.pk, "role": "speaker"},
        follow=True,
    )

    assert "Everyone chosen already takes part in the event." in response.content.decode()
    assert Participant.objects.get().role == "participant"


def test_attachments_are_uploaded_downloaded_and_deleted(
    secretariat_client: Client, media_root: Path
) -> None:
    event = make_event()
    upload = SimpleUploadedFile("agenda.txt", b"1. Opening", "text/plain")

    secretariat_client.post(
        f"/en/engagement/events/{event.pk}/attachments/", {"title": "Agenda", "file": upload}
    )
    attachment = Attachment.objects.get()
    download = secretariat_client.get(f"/en/engagement/attachments/{attachment.pk}/")
    confirm = secretariat_client.get(f"/en/engagement/attachments/{attachment.pk}/delete/")
    secretariat_client.post(f"/en/engagement/attachments/{attachment.pk}/delete/")

    assert attachment.title == "Agenda"
    assert b"".join(download.streaming_content) == b"1. Opening"  # type: ignore[attr-defined]
    assert download["Content-Disposition"].startswith("attachment;")
    assert "Delete the attachment “Agenda”?" in confirm.content.decode()
    assert not Attachment.objects.exists()


def test_attachments_are_not_served_outside_the_events_state(client: Client) -> None:
    event = make_event()
    attachment = event_services.attachment_add(
        actor=None, event=event, title="Agenda", file=SimpleUploadedFile("a.txt", b"secret")
    )
    stranger = make_user("tongan", organisation=make_organisation("Tonga NGO", country="TON"))

    anonymous = client.get(f"/en/engagement/attachments/{attachment.pk}/")
    other_state = client_for(stranger).get(f"/en/engagement/attachments/{attachment.pk}/")

    assert anonymous.status_code == 302
    assert "/login/" in anonymous["Location"]
    assert other_state.status_code == 404


def test_deleting_an_event_says_what_goes_with_it(secretariat_client: Client) -> None:
    event = make_event("Old meeting")
    event_services.participant_add(actor=None, event=event, person=make_person())

    confirm = secretariat_client.get(f"/en/engagement/events/{event.pk}/delete/").content.decode()
    deleted = secretariat_client.post(f"/en/engagement/events/{event.pk}/delete/")

    assert "Delete “Old meeting”?" in confirm
    assert "1 participants" in confirm or "1 participant" in confirm
    assert "This cannot be undone" in confirm
    assert deleted["Location"] == "/en/engagement/events/"
    assert not Event.objects.filter(pk=event.pk).exists()


def test_a_member_cannot_delete_an_event() -> None:
    event = make_event()
    _member, client = member_client()

    assert client.post(f"/en/engagement/events/{event.pk}/delete/").status_code == 403
    assert Event.objects.filter(pk=event.pk).exists()


def test_a_member_records_their_organisations_statement() -> None:
    event = make_event(starts_on=datetime.date(2024, 7, 10))
    own = make_organisation("Own NGO", kind="civil_society")
    other = make_organisation("Other NGO", kind="civil_society")
    _member, client = member_client(own)
    url = f"/en/engagement/events/{event.pk}/statements/new/"

    form = client.get(url).content.decode()
    refused = client.post(
        url,
        {
            "organisation": other.pk,
            "title": "X",
            "delivered_on": "2024-07-10",
            "language": "en",
            "text": "Text.",
        },
    )
    created = client.post(
        url,
        {
            "organisation": own.pk,
            "title": "Our statement",
            "delivered_on": "2024-07-10",
            "language": "ur",
            "text": "Our text.",
        },
    )

    statement = Statement.objects.get()
    assert 'value="2024-07-10"' in form
    assert "Other NGO" not in form
    assert refused.status_code == 200
    assert created["Location"] == f"/en/engagement/statements/{statement.pk}/"
    assert (statement.organisation, statement.language) == (own, "ur")


def test_a_statement_is_shown_edited_and_deleted(secretariat_client: Client) -> None:
    event = make_event()
    statement = event_services.statement_create(
        actor=None,
        event=event,
        organisation=make_organisation("Bar Council"),
        title="Opening",
        text="We welcome the review.",
        file=SimpleUploadedFile("opening.txt", b"file text"),
    )
    url = f"/en/engagement/statements/{statement.pk}/"

    detail = secretariat_client.get(url).content.decode()
    file = secretariat_client.get(f"{url}file/")
    secretariat_client.post(
        f"{url}edit/",
        {
            "organisation": statement.organisation.pk,
            "title": "Opening, revised",
            "delivered_on": "2024-07-11",
            "language": "en",
            "text": "Revised.",
        },
    )
    statement.refresh_from_db()
    confirm = secretariat_client.get(f"{url}delete/").content.decode()
    deleted = secretariat_client.post(f"{url}delete/")

    assert "We welcome the review." in detail
    assert "Bar Council" in detail
    assert b"".join(file.streaming_content) == b"file text"  # type: ignore[attr-defined]
    assert (statement.title, statement.text) == ("Opening, revised", "Revised.")
    assert statement.file.name.endswith("opening.txt")
    assert "Delete the statement “Opening, revised”?" in confirm
    assert deleted["Location"] == f"/en/engagement/events/{event.pk}/#pane-statements"
    assert not Statement.objects.exists()
