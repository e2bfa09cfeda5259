"""Action-item reminders: once before the due date, once after it is missed, to the owners."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from palermo.core.models import Notification, User
from palermo.core.roles import Role
from palermo.engagement.models import ActionItem, Decision, Organisation, Person
from palermo.engagement.reminders import send_action_item_reminders
from palermo.engagement.services import minutes as minutes_services
from tests.factories import make_event, make_organisation, make_person, make_secretariat, make_user

pytestmark = pytest.mark.django_db

DUE = datetime.date(2024, 5, 10)


def day(offset: int) -> datetime.date:
    return DUE + datetime.timedelta(days=offset)


def link_account(person: Person, user: User) -> Person:
    Person.objects.filter(pk=person.pk).update(user=user)
    person.refresh_from_db()
    return person


def recipients() -> list[str]:
    return sorted(Notification.objects.values_list("user__username", flat=True))


@pytest.fixture
def secretariat() -> User:
    return make_secretariat()


@pytest.fixture
def decision(secretariat: User) -> Decision:
    minutes = minutes_services.minutes_record(actor=secretariat, event=make_event("Roundtable"))
    return minutes_services.decision_add(actor=secretariat, minutes=minutes, text="Follow up.")


@pytest.fixture
def legal_aid() -> Organisation:
    return make_organisation("Legal Aid Society", kind="civil_society")


@pytest.fixture
def item(secretariat: User, decision: Decision, legal_aid: Organisation) -> ActionItem:
    """Owned by Ayesha (who has an account elsewhere) and by the Legal Aid Society."""
    ayesha = make_user("ayesha", Role.CS_MEMBER, organisation=make_organisation("Bar Council"))
    make_user("lawyer", Role.CS_MEMBER, organisation=legal_aid)
    make_user("director", Role.CS_MEMBER, organisation=legal_aid)
    former = make_user("former", Role.CS_MEMBER, organisation=legal_aid)
    User.objects.filter(pk=former.pk).update(is_active=False)
    make_user("bystander", Role.CS_MEMBER, organisation=make_organisation("Media Watch"))
    return minutes_services.action_item_create(
        actor=secretariat,
        decision=decision,
        text="Send the shadow report.",
        owner_person=link_account(make_person("Ayesha Khan"), ayesha),
        owner_organisation=legal_aid,
        due_on=DUE,
    )


def test_owners_are_reminded_once_three_days_before(item: ActionItem) -> None:
    too_early = send_action_item_reminders(today=day(-4))
    first = send_action_item_reminders(today=day(-3))
    again = send_action_item_reminders(today=day(-3))
    later = [send_action_item_reminders(today=day(offset)) for offset in (-2, -1, 0)]

    item.refresh_from_db()
    assert (too_early, first, again, later) == (0, 3, 0, [0, 0, 0])
    assert recipients() == ["ayesha", "director", "lawyer"]
    assert set(Notification.objects.values_list("text", flat=True)) == {
        "Action item due on 2024-05-10: Send the shadow report. (Roundtable)."
    }
    assert set(Notification.objects.values_list("path", flat=True)) == {
        f"/engagement/action-items/{item.pk}/"
    }
    assert item.reminded_before_on == day(-3)
    assert item.reminded_after_on is None


def test_owners_are_reminded_once_the_day_after_the_due_date(item: ActionItem) -> None:
    send_action_item_reminders(today=day(-3))
    Notification.objects.all().delete()

    missed = send_action_item_reminders(today=day(1))
    again = send_action_item_reminders(today=day(1))
    next_week = send_action_item_reminders(today=day(7))

    item.refresh_from_db()
    assert (missed, again, next_week) == (3, 0, 0)
    assert recipients() == ["ayesha", "director", "lawyer"]
    assert set(Notification.objects.values_list("text", flat=True)) == {
        "Overdue action item: Send the shadow report. (Roundtable) was due on 2024-05-10."
    }
    assert item.reminded_after_on == day(1)


def test_a_first_run_after_the_due_date_sends_only_the_late_reminder(item: ActionItem) -> None:
    sent = send_action_item_reminders(today=day(5))

    item.refresh_from_db()
    assert sent == 3
    assert Notification.objects.filter(text__startswith="Overdue action item").count() == 3
    assert (item.reminded_before_on, item.reminded_after_on) == (None, day(5))


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_finished_items_get_no_reminder(secretariat: User, item: ActionItem, status: str) -> None:
    minutes_services.action_item_set_status(actor=secretariat, item=item, status=status)

    sent = [send_action_item_reminders(today=day(offset)) for offset in (-3, 1)]

    assert sent == [0, 0]
    assert not Notification.objects.exists()


def test_items_without_a_due_date_get_no_reminder(
    secretariat: User, decision: Decision, legal_aid: Organisation
) -> None:
    make_user("lawyer", Role.CS_MEMBER, organisation=legal_aid)
    minutes_services.action_item_create(
        actor=secretariat, decision=decision, text="Someday.", owner_organisation=legal_aid
    )

    assert send_action_item_reminders(today=DUE) == 0
    assert not Notification.objects.exists()


def test_the_daily_command_sends_the_reminders(
    secretariat: User, decision: Decision, legal_aid: Organisation
) -> None:
    make_user("lawyer", Role.CS_MEMBER, organisation=legal_aid)
    minutes_services.action_item_create(
        actor=secretariat,
        decision=decision,
        text="Soon.",
        owner_organisation=legal_aid,
        due_on=timezone.localdate() + datetime.timedelta(days=2),
    )
    output = io.StringIO()

    call_command("action_item_reminders", stdout=output)
    call_command("action_item_reminders", stdout=output)

    assert output.getvalue() == "1 reminders sent.\n0 reminders sent.\n"
    assert recipients() == ["lawyer"]
