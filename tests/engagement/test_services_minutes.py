"""Minutes, numbered decisions and action items: the rules the services keep."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from palermo.engagement import messages
from palermo.engagement.models import (
    ActionItem,
    ActionItemNote,
    Decision,
    Event,
    Minutes,
    Organisation,
    Person,
)
from palermo.engagement.selectors import minutes as minutes_selectors
from palermo.engagement.services import minutes as minutes_services
from tests.factories import make_event, make_organisation, make_person, make_user

pytestmark = pytest.mark.django_db

DUE = datetime.date(2024, 3, 10)


def link_account(person: Person, user: User) -> Person:
    """Give a registry person their account (no service does this yet)."""
    Person.objects.filter(pk=person.pk).update(user=user)
    person.refresh_from_db()
    return person


def make_coordinator(username: str = "coordinator") -> User:
    organisation = make_organisation(f"Alliance of {username}", kind="civil_society")
    return make_user(username, Role.CS_COORDINATOR, organisation=organisation)


@pytest.fixture
def coordinator() -> User:
    return make_coordinator()


@pytest.fixture
def event() -> Event:
    return make_event("Consultation on the parallel report")


@pytest.fixture
def minutes(coordinator: User, event: Event) -> Minutes:
    return minutes_services.minutes_record(actor=coordinator, event=event, summary="Met in Lahore.")


@pytest.fixture
def decision(coordinator: User, minutes: Minutes) -> Decision:
    return minutes_services.decision_add(
        actor=coordinator, minutes=minutes, text="Draft the report."
    )


@pytest.fixture
def owner_organisation() -> Organisation:
    return make_organisation("Legal Aid Society", kind="civil_society")


@pytest.fixture
def item(coordinator: User, decision: Decision, owner_organisation: Organisation) -> ActionItem:
    return minutes_services.action_item_create(
        actor=coordinator,
        decision=decision,
        text="Write chapter 2.",
        owner_organisation=owner_organisation,
        due_on=DUE,
    )


def test_decisions_are_numbered_after_the_last_one(coordinator: User, minutes: Minutes) -> None:
    first = minutes_services.decision_add(actor=coordinator, minutes=minutes, text="One.")
    second = minutes_services.decision_add(actor=coordinator, minutes=minutes, text="Two.")
    chosen = minutes_services.decision_add(
        actor=coordinator, minutes=minutes, text="Seven.", number=7
    )
    after = minutes_services.decision_add(actor=coordinator, minutes=minutes, text="Eight.")

    assert [first.number, second.number, chosen.number, after.number] == [1, 2, 7, 8]


def test_a_taken_decision_number_is_refused(coordinator: User, decision: Decision) -> None:
    with pytest.raises(ValidationError, match="A decision with this number already exists."):
        minutes_services.decision_add(
            actor=coordinator, minutes=decision.minutes, text="Again.", number=1
        )

    assert list(Decision.objects.values_list("text", flat=True)) == ["Draft the report."]


def test_a_meeting_has_one_set_of_minutes(coordinator: User, minutes: Minutes) -> None:
    with pytest.raises(ValidationError) as error:
        minutes_services.minutes_record(actor=coordinator, event=minutes.event, summary="Again.")

    assert error.value.messages == [str(messages.MINUTES_EXIST)]
    assert list(Minutes.objects.values_list("summary", flat=True)) == ["Met in Lahore."]


def test_a_member_cannot_record_minutes(event: Event) -> None:
    member = make_user("member", Role.CS_MEMBER, organisation=make_organisation())

    with pytest.raises(PermissionDenied):
        minutes_services.minutes_record(actor=member, event=event, summary="Mine.")

    assert not Minutes.objects.exists()


def test_minutes_of_another_states_event_cannot_be_recorded(coordinator: User) -> None:
    tongan_event = make_event("Tongan meeting", country="TON")

    with pytest.raises(PermissionDenied):
        minutes_services.minutes_record(actor=coordinator, event=tongan_event)

    assert not Minutes.objects.exists()


def test_an_action_item_needs_an_owner(coordinator: User, decision: Decision) -> None:
    with pytest.raises(ValidationError) as error:
        minutes_services.action_item_create(actor=coordinator, decision=decision, text="Who?")

    assert error.value.messages == [str(messages.ACTION_ITEM_NEEDS_OWNER)]
    assert not ActionItem.objects.exists()


def test_owners_come_from_the_events_state_or_are_international(
    coordinator: User, decision: Decision
) -> None:
    tongan = make_organisation("Tonga Police", country="TON")
    unodc = make_organisation("UNODC", kind="international", country="")
    expert = make_person("Ayesha Khan", country="PAK")

    with pytest.raises(ValidationError) as error:
        minutes_services.action_item_create(
            actor=coordinator, decision=decision, text="Help.", owner_organisation=tongan
        )
    item = minutes_services.action_item_create(
        actor=coordinator,
        decision=decision,
        text="Advise.",
        owner_person=expert,
        owner_organisation=unodc,
    )

    assert error.value.message_dict == {
        "owner_organisation": [str(messages.ACTION_ITEM_OWNER_OTHER_STATE)]
    }
    assert list(ActionItem.objects.all()) == [item]
    assert item.owners_label == "Ayesha Khan / UNODC"


def test_status_changes_keep_notes_and_the_completion_date(
    coordinator: User, item: ActionItem
) -> None:
    today = timezone.localdate()

    minutes_services.action_item_set_status(
        actor=coordinator, item=item, status="in_progress", note="Drafting."
    )
    minutes_services.action_item_set_status(actor=coordinator, item=item, status="done")
    item.refresh_from_db()
    completed_on = item.completed_on
    minutes_services.action_item_set_status(
        actor=coordinator, item=item, status="open", note="Reviewers asked for more."
    )
    item.refresh_from_db()

    assert completed_on == today
    assert item.status == "open"
    assert item.completed_on is None
    assert list(item.notes.values_list("status_from", "status_to", "text")) == [
        ("open", "in_progress", "Drafting."),
        ("in_progress", "done", ""),
        ("done", "open", "Reviewers asked for more."),
    ]
    assert all(note.author == coordinator for note in item.notes.all())


def test_the_same_status_without_a_note_is_refused(coordinator: User, item: ActionItem) -> None:
    with pytest.raises(ValidationError) as error:
        minutes_services.action_item_set_status(actor=coordinator, item=item, status="open")

    item.refresh_from_db()
    assert error.value.messages == [str(messages.ACTION_ITEM_STATUS_UNCHANGED)]
    assert item.status == "open"
    assert not ActionItemNote.objects.exists()


def test_the_same_status_with_a_note_only_adds_the_note(
    coordinator: User, item: ActionItem
) -> None:
    minutes_services.action_item_set_status(
        actor=coordinator, item=item, status="open", note="Waiting for data."
    )

    item.refresh_from_db()
    assert item.status == "open"
    assert list(item.notes.values_list("status_from", "status_to", "text")) == [
        ("", "", "Waiting for data.")
    ]


def test_an_empty_note_is_refused(coordinator: User, item: ActionItem) -> None:
    with pytest.raises(ValidationError) as error:
        minutes_services.action_item_note_add(actor=coordinator, item=item, text="  ")

    assert error.value.messages == [str(messages.NOTE_EMPTY)]
    assert not ActionItemNote.objects.exists()


def test_owners_report_progress_and_other_members_cannot(
    item: ActionItem, owner_organisation: Organisation
) -> None:
    owner = make_user("owner", Role.CS_MEMBER, organisation=owner_organisation)
    other = make_user("other", Role.CS_MEMBER, organisation=make_organisation())

    with pytest.raises(PermissionDenied):
        minutes_services.action_item_set_status(actor=other, item=item, status="done")
    item.refresh_from_db()
    status_after_refusal = item.status
    minutes_services.action_item_set_status(actor=owner, item=item, status="done")
    minutes_services.action_item_note_add(actor=owner, item=item, text="Sent to the alliance.")

    item.refresh_from_db()
    assert status_after_refusal == "open"
    assert item.status == "done"
    assert item.notes.count() == 2


def test_a_person_owner_reports_through_their_linked_account(
    coordinator: User, decision: Decision
) -> None:
    account = make_user("ayesha", Role.CS_MEMBER, organisation=make_organisation())
    person = link_account(make_person("Ayesha Khan"), account)
    item = minutes_services.action_item_create(
        actor=coordinator, decision=decision, text="Call the ministry.", owner_person=person
    )

    minutes_services.action_item_set_status(actor=account, item=item, status="in_progress")

    item.refresh_from_db()
    assert item.status == "in_progress"
    assert list(minutes_selectors.my_action_items(user=account)) == [item]


def test_only_coordinators_change_what_an_item_asks(
    coordinator: User, item: ActionItem, owner_organisation: Organisation
) -> None:
    owner = make_user("owner", Role.CS_MEMBER, organisation=owner_organisation)

    with pytest.raises(PermissionDenied):
        minutes_services.action_item_update(actor=owner, item=item, text="Something easier.")
    minutes_services.action_item_update(actor=coordinator, item=item, text="Write chapter 3.")

    item.refresh_from_db()
    assert item.text == "Write chapter 3."


def test_a_new_due_date_rearms_the_reminders(coordinator: User, item: ActionItem) -> None:
    minutes_services.action_item_mark_reminded(item=item, today=DUE, after_due_date=False)

    minutes_services.action_item_update(actor=coordinator, item=item, text="Same date, new text.")
    item.refresh_from_db()
    kept = item.reminded_before_on
    minutes_services.action_item_update(
        actor=coordinator, item=item, due_on=DUE + datetime.timedelta(days=30)
    )
    item.refresh_from_db()

    assert kept == DUE
    assert item.reminded_before_on is None
    assert item.due_on == datetime.date(2024, 4, 9)


def test_overdue_is_computed_against_the_day_given(coordinator: User, item: ActionItem) -> None:
    due_day, day_after = DUE, DUE + datetime.timedelta(days=1)
    member = make_user("member", Role.CS_MEMBER, organisation=item.owner_organisation)

    overdue_on_due_day = item.is_overdue(due_day)
    overdue_day_after = item.is_overdue(day_after)
    listed = list(minutes_selectors.overdue_action_items(user=member, today=day_after))
    counts = minutes_selectors.action_item_counts(user=member, today=day_after)
    minutes_services.action_item_set_status(actor=coordinator, item=item, status="done")

    assert (overdue_on_due_day, overdue_day_after) == (False, True)
    assert listed == [item]
    assert (counts.mine_open, counts.mine_overdue, counts.state_overdue) == (1, 1, 1)
    assert item.is_overdue(day_after) is False
    assert list(minutes_selectors.overdue_action_items(user=member, today=day_after)) == []


def test_other_states_items_are_not_listed(item: ActionItem) -> None:
    tongan = make_user("tongan", Role.CS_COORDINATOR, organisation=make_organisation(country="TON"))

    assert list(minutes_selectors.action_item_list(user=tongan)) == []
    assert list(minutes_selectors.overdue_action_items(user=tongan, today=DUE.replace(2025))) == []


def test_deleting_a_decision_removes_its_items_and_audits_them(
    coordinator: User, item: ActionItem
) -> None:
    minutes_services.action_item_note_add(actor=coordinator, item=item, text="Started.")

    minutes_services.decision_delete(actor=coordinator, decision=item.decision)

    assert not Decision.objects.exists()
    assert not ActionItem.objects.exists()
    assert not ActionItemNote.objects.exists()
    deleted = AuditEvent.objects.filter(action="delete").values_list("object_type", flat=True)
    assert sorted(deleted) == ["engagement.actionitem", "engagement.decision"]


def test_every_write_is_audited(coordinator: User, item: ActionItem) -> None:
    minutes_services.minutes_update(actor=coordinator, minutes=item.decision.minutes, summary="X")
    minutes_services.decision_update(actor=coordinator, decision=item.decision, text="Y")
    minutes_services.action_item_set_status(actor=coordinator, item=item, status="in_progress")

    lines = AuditEvent.objects.filter(actor=coordinator, object_type__startswith="engagement.")
    assert sorted(lines.values_list("object_type", "action")) == [
        ("engagement.actionitem", "create"),
        ("engagement.actionitem", "update"),
        ("engagement.actionitemnote", "create"),
        ("engagement.decision", "create"),
        ("engagement.decision", "update"),
        ("engagement.minutes", "create"),
        ("engagement.minutes", "update"),
    ]
    assert lines.get(object_type="engagement.actionitem", action="update").changes == {
        "status": ["open", "in_progress"]
    }
