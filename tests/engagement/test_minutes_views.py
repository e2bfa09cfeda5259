"""The minutes page, action-item pages, the event's Minutes tab and the dashboard panel."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement import messages
from palermo.engagement.models import ActionItem, Decision, Event, Minutes, Organisation
from palermo.engagement.services import minutes as minutes_services
from tests.factories import make_event, make_organisation, make_person, make_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LAST_WEEK = TODAY - datetime.timedelta(days=7)
NEXT_MONTH = TODAY + datetime.timedelta(days=30)


@pytest.fixture
def coordinator() -> User:
    alliance = make_organisation("Alliance secretariat", kind="civil_society")
    return make_user("coordinator", Role.CS_COORDINATOR, organisation=alliance)


@pytest.fixture
def legal_aid() -> Organisation:
    return make_organisation("Legal Aid Society", kind="civil_society")


@pytest.fixture
def member(legal_aid: Organisation) -> User:
    return make_user("member", Role.CS_MEMBER, organisation=legal_aid)


@pytest.fixture
def event() -> Event:
    return make_event("Consultation in Lahore")


@pytest.fixture
def decision(coordinator: User, event: Event) -> Decision:
    minutes = minutes_services.minutes_record(
        actor=coordinator, event=event, summary="Twelve organisations took part."
    )
    return minutes_services.decision_add(
        actor=coordinator, minutes=minutes, text="Prepare the parallel report."
    )


@pytest.fixture
def late_item(coordinator: User, decision: Decision, legal_aid: Organisation) -> ActionItem:
    return minutes_services.action_item_create(
        actor=coordinator,
        decision=decision,
        text="Collect case files",
        owner_organisation=legal_aid,
        due_on=LAST_WEEK,
    )


@pytest.fixture
def others_item(coordinator: User, decision: Decision) -> ActionItem:
    return minutes_services.action_item_create(
        actor=coordinator,
        decision=decision,
        text="Brief the media",
        owner_organisation=make_organisation("Media Watch", kind="media"),
        due_on=NEXT_MONTH,
    )


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_coordinator_records_minutes_then_decisions_then_an_action_item(
    coordinator: User, event: Event, legal_aid: Organisation
) -> None:
    client = logged_in(coordinator)
    url = f"/en/engagement/events/{event.pk}/minutes/"
    empty = client.get(url).content.decode()

    client.post(url, {"action": "record", "summary": "We met."})
    client.post(url, {"action": "decision", "decision-text": "Write to the ministry."})
    decision = Decision.objects.get()
    response = client.post(
        f"/en/engagement/decisions/{decision.pk}/action-items/new/",
        {"text": "Draft the letter", "owner_organisation": legal_aid.pk, "due_on": "2030-01-31"},
    )
    page = client.get(url).content.decode()

    assert "Record the minutes" in empty
    assert response.status_code == 302
    assert Minutes.objects.get().summary == "We met."
    assert decision.number == 1
    item = ActionItem.objects.get()
    assert (item.owner_organisation, item.due_on) == (legal_aid, datetime.date(2030, 1, 31))
    assert "Decision 1" in page
    assert "Draft the letter" in page
    assert "Add a decision" in page


def test_the_action_item_form_requires_an_owner(coordinator: User, decision: Decision) -> None:
    response = logged_in(coordinator).post(
        f"/en/engagement/decisions/{decision.pk}/action-items/new/", {"text": "Nobody's job"}
    )

    assert response.status_code == 200
    assert "Name who owns the action: a person or an organisation." in response.content.decode()
    assert not ActionItem.objects.exists()


def test_a_member_reads_the_minutes_but_cannot_change_them(
    member: User, decision: Decision, late_item: ActionItem
) -> None:
    client = logged_in(member)
    url = f"/en/engagement/events/{decision.minutes.event_id}/minutes/"

    page = client.get(url).content.decode()
    refused = client.post(url, {"action": "decision", "decision-text": "Mine."})
    form = client.get(f"/en/engagement/decisions/{decision.pk}/action-items/new/")

    assert "Prepare the parallel report." in page
    assert "Collect case files" in page
    assert "Add a decision" not in page
    assert "Add an action item" not in page
    assert refused.status_code == 403
    assert form.status_code == 403
    assert Decision.objects.count() == 1


def test_an_event_of_another_state_is_not_found(coordinator: User) -> None:
    tongan = make_event("Tongan meeting", country="TON")

    response = logged_in(coordinator).get(f"/en/engagement/events/{tongan.pk}/minutes/")

    assert response.status_code == 404


def test_my_action_items_lists_only_mine(
    member: User, late_item: ActionItem, others_item: ActionItem
) -> None:
    page = logged_in(member).get("/en/engagement/action-items/mine/").content.decode()

    assert "Collect case files" in page
    assert "Brief the media" not in page
    assert "1 action item" in page


def test_my_person_records_items_are_mine_too(
    coordinator: User, decision: Decision, member: User
) -> None:
    person = make_person("Ayesha Khan")
    type(person).objects.filter(pk=person.pk).update(user=member)
    minutes_services.action_item_create(
        actor=coordinator, decision=decision, text="Call the FIA", owner_person=person
    )

    page = logged_in(member).get("/en/engagement/action-items/mine/").content.decode()

    assert "Call the FIA" in page


def test_overdue_items_are_highlighted_in_the_list(
    coordinator: User, late_item: ActionItem, others_item: ActionItem
) -> None:
    page = logged_in(coordinator).get("/en/engagement/action-items/").content.decode()
    overdue_only = logged_in(coordinator).get("/en/engagement/action-items/?overdue=1")

    row = page[page.index('<tr class="table-danger">') :]
    assert "Collect case files" in row[: row.index("</tr>")]
    assert 'text-bg-danger">Overdue</span>' in row
    assert page.count("table-danger") == 1
    assert "2 action items" in page
    assert "Brief the media" not in overdue_only.content.decode()
    assert "1 action item" in overdue_only.content.decode()


def test_the_list_sorts_by_due_date_descending(
    coordinator: User, late_item: ActionItem, others_item: ActionItem
) -> None:
    page = logged_in(coordinator).get("/en/engagement/action-items/?sort=-due").content.decode()

    assert page.index("Brief the media") < page.index("Collect case files")


def test_the_empty_list_says_what_it_is_for(member: User) -> None:
    page = logged_in(member).get("/en/engagement/action-items/").content.decode()
    mine = logged_in(member).get("/en/engagement/action-items/mine/").content.decode()

    assert "0 action items" in page
    assert "Action items come from the decisions recorded in the minutes" in page
    assert "Nothing is assigned to you or your organisation." in mine


def test_an_owner_marks_the_item_done_with_a_note(member: User, late_item: ActionItem) -> None:
    client = logged_in(member)
    url = f"/en/engagement/action-items/{late_item.pk}/"

    response = client.post(url, {"status": "done", "note": "Forty files collected."})
    page = client.get(url).content.decode()

    late_item.refresh_from_db()
    assert response.status_code == 302
    assert late_item.status == "done"
    assert late_item.completed_on == TODAY
    assert "Forty files collected." in page
    assert "status changed from Open to Done" in page


def test_a_member_who_does_not_own_the_item_sees_no_status_form(
    member: User, others_item: ActionItem
) -> None:
    client = logged_in(member)
    url = f"/en/engagement/action-items/{others_item.pk}/"

    page = client.get(url).content.decode()
    refused = client.post(url, {"status": "done"})

    others_item.refresh_from_db()
    assert "Report progress" not in page
    assert escape(str(messages.ACTION_ITEM_READ_ONLY)) in page
    assert refused.status_code == 403
    assert others_item.status == "open"


def test_the_dashboard_panel_counts_my_overdue_items(
    member: User, late_item: ActionItem, others_item: ActionItem
) -> None:
    page = logged_in(member).get("/en/").content.decode()

    assert "Action items" in page
    assert "You have 1 open action item. Overdue: 1." in page
    assert "Overdue: Collect case files" in page
    assert "/en/engagement/action-items/mine/" in page


def test_the_dashboard_shows_coordinators_the_states_overdue_items(
    coordinator: User, late_item: ActionItem
) -> None:
    page = logged_in(coordinator).get("/en/").content.decode()

    assert "1 overdue action item in Pakistan" in page
    assert "/en/engagement/action-items/?overdue=1" in page


def test_the_events_minutes_tab_summarises_or_offers_to_record(
    coordinator: User, member: User, late_item: ActionItem
) -> None:
    other_event = make_event("Webinar")

    with_minutes = render_to_string(
        "engagement/_event_minutes_tab.html",
        {"event": late_item.decision.minutes.event, "user": member},
    )
    to_record = render_to_string(
        "engagement/_event_minutes_tab.html", {"event": other_event, "user": coordinator}
    )
    nothing = render_to_string(
        "engagement/_event_minutes_tab.html", {"event": other_event, "user": member}
    )

    assert "1 decision" in with_minutes
    assert "1 open action item" in with_minutes
    assert "1 overdue" in with_minutes
    assert "Open the minutes" in with_minutes
    assert "Record minutes" in to_record
    assert f"/en/engagement/events/{other_event.pk}/minutes/" in to_record
    assert "No minutes have been recorded for this meeting yet." in nothing


@pytest.mark.parametrize("sort", ["due", "-due", "owner", "-owner", "status", "-status", "meeting"])
def test_every_sortable_column_sorts(
    coordinator: User, late_item: ActionItem, others_item: ActionItem, sort: str
) -> None:
    response = logged_in(coordinator).get(f"/en/engagement/action-items/?sort={sort}")

    assert response.status_code == 200
    assert response.context["count"] == 2


def test_the_list_sorts_by_owner_and_status(
    coordinator: User, late_item: ActionItem, others_item: ActionItem
) -> None:
    minutes_services.action_item_set_status(actor=coordinator, item=late_item, status="done")
    client = logged_in(coordinator)

    by_owner = client.get("/en/engagement/action-items/?sort=-owner").content.decode()
    by_status = client.get("/en/engagement/action-items/?sort=status").content.decode()

    assert by_owner.index("Brief the media") < by_owner.index("Collect case files")
    assert by_status.index("Brief the media") < by_status.index("Collect case files")
