"""Services of events: participants, attachments, statements and calendar feeds."""

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from palermo.core import messages as core_messages
from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from palermo.engagement import messages
from palermo.engagement.models import Alliance, Attachment, CalendarFeed, Participant, Statement
from palermo.engagement.services import events as event_services
from tests.factories import make_event, make_organisation, make_person, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def make_alliance(coordinator_name: str = "Alliance coordinator") -> Alliance:
    alliance = Alliance(
        name="Civil Society Alliance",
        country="PAK",
        coordinator=make_organisation(coordinator_name),
    )
    alliance.full_clean()
    alliance.save()
    return alliance


def test_a_participant_is_added_once_and_audited(secretariat: User) -> None:
    event = make_event("Consultation on legal aid")
    person = make_person("Ayesha Khan")

    participant = event_services.participant_add(
        actor=secretariat, event=event, person=person, role=Participant.Role.SPEAKER, online=True
    )

    assert (participant.role, participant.online) == ("speaker", True)
    assert AuditEvent.objects.filter(
        object_type="engagement.participant", object_id=str(participant.pk), action="create"
    ).exists()
    with pytest.raises(ValidationError) as error:
        event_services.participant_add(actor=secretariat, event=event, person=person)
    assert error.value.message_dict["person"] == [str(messages.PARTICIPANT_ALREADY_ADDED)]
    assert event.participants.count() == 1


def test_a_member_cannot_add_participants() -> None:
    event = make_event()
    member = make_user("member", Role.CS_MEMBER, organisation=make_organisation())

    with pytest.raises(PermissionDenied):
        event_services.participant_add(actor=member, event=event, person=make_person())

    assert not event.participants.exists()


def test_a_participant_is_removed(secretariat: User) -> None:
    event = make_event()
    participant = event_services.participant_add(actor=None, event=event, person=make_person())

    event_services.participant_remove(actor=secretariat, participant=participant)

    assert not event.participants.exists()
    assert AuditEvent.objects.filter(object_type="engagement.participant", action="delete").exists()


def test_an_attachment_is_stored_and_deleted_with_its_file(
    secretariat: User, media_root: Path, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event()
    upload = SimpleUploadedFile("agenda.pdf", b"%PDF-1.4 agenda", "application/pdf")

    attachment = event_services.attachment_add(
        actor=secretariat, event=event, title="", file=upload
    )

    stored = media_root / attachment.file.name
    assert attachment.title == "agenda.pdf"
    assert stored.read_bytes() == b"%PDF-1.4 agenda"
    with django_capture_on_commit_callbacks(execute=True):
        event_services.attachment_delete(actor=secretariat, attachment=attachment)
    assert not Attachment.objects.exists()
    assert not stored.exists()


def test_an_attachment_over_20_mb_is_refused(secretariat: User) -> None:
    event = make_event()
    upload = SimpleUploadedFile("big.bin", b"0" * (20 * 1024 * 1024 + 1))

    with pytest.raises(ValidationError) as error:
        event_services.attachment_add(actor=secretariat, event=event, title="Big", file=upload)

    assert error.value.message_dict["file"] == [str(core_messages.FILE_TOO_LARGE % {"max": "20"})]
    assert not Attachment.objects.exists()


def test_a_statement_defaults_to_the_first_day_of_the_event(secretariat: User) -> None:
    event = make_event(starts_on=datetime.date(2024, 7, 10))
    organisation = make_organisation("Pakistan Bar Council", kind="civil_society")

    statement = event_services.statement_create(
        actor=secretariat,
        event=event,
        organisation=organisation,
        title="  Opening   statement ",
        text="We welcome the review.",
    )

    assert statement.delivered_on == datetime.date(2024, 7, 10)
    assert statement.title == "Opening statement"
    assert AuditEvent.objects.filter(object_type="engagement.statement", action="create").exists()


def test_a_statement_needs_text_or_a_file(secretariat: User) -> None:
    event = make_event()

    with pytest.raises(ValidationError, match="Give the statement's text or attach its file."):
        event_services.statement_create(
            actor=secretariat, event=event, organisation=make_organisation(), title="Empty"
        )

    assert not Statement.objects.exists()


def test_a_member_adds_their_own_organisations_statement_only() -> None:
    event = make_event()
    own = make_organisation("Own NGO", kind="civil_society")
    other = make_organisation("Other NGO", kind="civil_society")
    member = make_user("member", Role.CS_MEMBER, organisation=own)

    statement = event_services.statement_create(
        actor=member, event=event, organisation=own, title="Ours", text="Text."
    )
    with pytest.raises(PermissionDenied):
        event_services.statement_create(
            actor=member, event=event, organisation=other, title="Theirs", text="Text."
        )
    with pytest.raises(PermissionDenied):
        event_services.statement_update(actor=member, statement=statement, organisation=other)

    assert list(Statement.objects.values_list("title", "organisation__name")) == [
        ("Ours", "Own NGO")
    ]


def test_a_statement_update_replaces_its_file(
    secretariat: User, media_root: Path, django_capture_on_commit_callbacks: Any
) -> None:
    statement = event_services.statement_create(
        actor=secretariat,
        event=make_event(),
        organisation=make_organisation(),
        title="Statement",
        file=SimpleUploadedFile("v1.pdf", b"first"),
    )
    old = media_root / statement.file.name

    with django_capture_on_commit_callbacks(execute=True):
        event_services.statement_update(
            actor=secretariat,
            statement=statement,
            title="Statement, revised",
            file=SimpleUploadedFile("v2.pdf", b"second"),
        )

    statement.refresh_from_db()
    assert statement.title == "Statement, revised"
    assert (media_root / statement.file.name).read_bytes() == b"second"
    assert not old.exists()


def test_a_statement_is_deleted(secretariat: User) -> None:
    statement = event_services.statement_create(
        actor=None, event=make_event(), organisation=make_organisation(), title="S", text="T"
    )

    event_services.statement_delete(actor=secretariat, statement=statement)

    assert not Statement.objects.exists()


def test_a_users_feed_is_created_once_and_reset_to_a_new_key(secretariat: User) -> None:
    feed = event_services.calendar_feed_for_user(user=secretariat)
    old_key = feed.key

    assert event_services.calendar_feed_for_user(user=secretariat).pk == feed.pk
    event_services.calendar_feed_reset(actor=secretariat, feed=feed)

    feed.refresh_from_db()
    assert feed.key != old_key
    logged = AuditEvent.objects.filter(object_type="engagement.calendarfeed")
    assert [e.action for e in logged.order_by("pk")] == ["create", "update"]
    assert all(str(old_key) not in str(e.changes) + e.object_repr for e in logged)


def test_only_the_owner_resets_a_personal_feed(secretariat: User) -> None:
    feed = event_services.calendar_feed_for_user(user=secretariat)
    other = make_user("other", Role.CS_COORDINATOR, organisation=make_organisation())

    with pytest.raises(PermissionDenied):
        event_services.calendar_feed_reset(actor=other, feed=feed)

    assert CalendarFeed.objects.get().key == feed.key


def test_only_alliance_managers_get_the_alliance_feed(secretariat: User) -> None:
    alliance = make_alliance()
    member = make_user("member", Role.CS_MEMBER, organisation=make_organisation())

    feed = event_services.calendar_feed_for_alliance(actor=secretariat, alliance=alliance)
    with pytest.raises(PermissionDenied):
        event_services.calendar_feed_for_alliance(actor=member, alliance=alliance)
    with pytest.raises(PermissionDenied):
        event_services.calendar_feed_reset(actor=member, feed=feed)

    assert CalendarFeed.objects.get().alliance == alliance
