"""The demo alliance holds what the mission brief tells of Pakistan's civil society."""

import datetime

import pytest

from palermo.engagement.models import ActionItem, Alliance, Event, Minutes, Person
from palermo.engagement.selectors.alliances import member_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_loaded: None) -> Alliance:
    return Alliance.objects.get()


def test_the_alliance_grows_as_in_the_brief(demo: Alliance) -> None:
    launch, end_2024 = member_counts(
        demo, [datetime.date(2022, 9, 15), datetime.date(2024, 12, 31)]
    )

    assert (launch.organisations, launch.experts) == (50, 0)
    assert (end_2024.organisations, end_2024.experts) == (35, 65)
    assert demo.coordinator.name == "Civil Society Alliance (demo coordinating think tank)"


def test_members_carry_sectors_and_nobody_has_contact_details(demo: Alliance) -> None:
    members = demo.memberships.filter(organisation__isnull=False).select_related("organisation")

    assert all(m.organisation.themes.exists() for m in members)  # type: ignore[union-attr]
    assert not Person.objects.exclude(email="", phone="").exists()


def test_the_events_and_their_headcounts(demo: Alliance) -> None:
    events = {e.title: e for e in Event.objects.all()}
    dialogues = Event.objects.filter(
        kind=Event.Kind.CONSTRUCTIVE_DIALOGUE, starts_on__year=2024
    ).order_by("starts_on")

    scoping = events["Scoping meeting of civil society on the UNTOC review"]
    launch = events["Launch of the civil-society pilot initiative"]
    day = events["International Day against Transnational Organized Crime 2024"]
    cop = events["Conference of the Parties, 12th session"]
    assert (scoping.starts_on, scoping.headcount) == (datetime.date(2022, 8, 24), 46)
    assert (launch.starts_on, launch.headcount) == (datetime.date(2022, 9, 15), 45)
    assert (day.in_person_count, day.online_count) == (31, 86)
    assert (cop.starts_on, cop.ends_on, cop.city) == (
        datetime.date(2024, 10, 14),
        datetime.date(2024, 10, 18),
        "Vienna",
    )
    assert [d.starts_on.isoformat() for d in dialogues] == [
        "2024-04-04",
        "2024-06-07",
        "2024-06-07",
        "2024-07-10",
        "2024-07-15",
    ]


def test_the_minutes_have_numbered_decisions_and_items_done_and_overdue(demo: Alliance) -> None:
    minutes = Minutes.objects.get()
    items = ActionItem.objects.filter(decision__minutes=minutes)
    today = datetime.date(2026, 11, 23)

    assert list(minutes.decisions.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert items.filter(status=ActionItem.Status.DONE).count() == 3
    assert sum(item.is_overdue(today) for item in items) == 2
