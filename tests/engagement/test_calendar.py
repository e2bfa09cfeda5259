"""The calendar by month and as a list, and the ICS feeds of users and alliances."""

import datetime
import uuid
import zoneinfo
from typing import Any

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.core.services import users as user_services
from palermo.engagement.models import Alliance, Event, Membership, Organisation
from palermo.engagement.selectors import events as event_selectors
from palermo.engagement.services import events as event_services
from tests.factories import make_event, make_organisation, make_person, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def base_url(settings: Any) -> str:
    settings.PALERMO_BASE_URL = "https://palermo.example.org/"
    settings.TIME_ZONE = "Asia/Karachi"
    return "https://palermo.example.org"


def make_alliance(coordinator: Organisation, name: str = "Civil Society Alliance") -> Alliance:
    alliance = Alliance(name=name, country="PAK", coordinator=coordinator)
    alliance.full_clean()
    alliance.save()
    return alliance


def join(
    alliance: Alliance, organisation: Organisation, left_on: datetime.date | None = None
) -> Membership:
    membership = Membership(
        alliance=alliance,
        organisation=organisation,
        joined_on=datetime.date(2020, 1, 1),
        left_on=left_on,
    )
    membership.full_clean()
    membership.save()
    return membership


def feed_of(client: Client, key: uuid.UUID) -> icalendar.Calendar:
    response = client.get(f"/en/engagement/calendar/{key}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar: icalendar.Calendar) -> dict[str, icalendar.Component]:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_month_grid_puts_events_on_their_days(secretariat: User) -> None:
    make_event("Dialogue", starts_on=datetime.date(2024, 7, 10))
    make_event(
        "Three-day workshop",
        starts_on=datetime.date(2024, 7, 30),
        ends_on=datetime.date(2024, 8, 1),
    )
    make_event("In June", starts_on=datetime.date(2024, 6, 3))
    make_event("In Tonga", starts_on=datetime.date(2024, 7, 10), country="TON")

    month = event_selectors.calendar_month(
        user=secretariat, year=2024, month=7, today=datetime.date(2024, 7, 15)
    )

    days = {cell.day: [e.title for e in cell.events] for week in month.weeks for cell in week}
    assert month.weeks[0][0].day == datetime.date(2024, 7, 1)  # a Monday
    assert all(week[0].day.weekday() == 0 for week in month.weeks)
    assert days[datetime.date(2024, 7, 10)] == ["Dialogue"]
    assert days[datetime.date(2024, 7, 30)] == ["Three-day workshop"]
    assert days[datetime.date(2024, 7, 31)] == ["Three-day workshop"]
    assert days[datetime.date(2024, 8, 1)] == ["Three-day workshop"]
    assert sum(len(titles) for titles in days.values()) == 4
    assert [cell.day for week in month.weeks for cell in week if cell.is_today] == [
        datetime.date(2024, 7, 15)
    ]
    assert (month.previous, month.next) == (datetime.date(2024, 6, 1), datetime.date(2024, 8, 1))


def test_the_month_page_is_an_accessible_grid(secretariat_client: Client) -> None:
    event = make_event("Dialogue", starts_on=datetime.date(2024, 7, 10))

    page = secretariat_client.get("/en/engagement/calendar/2024/7/").content.decode()

    assert "<caption" in page
    assert "July 2024" in page
    assert page.count('<th scope="col"') == 7
    assert f'href="/en/engagement/events/{event.pk}/"' in page
    assert 'href="/en/engagement/calendar/2024/6/"' in page
    assert 'href="/en/engagement/calendar/2024/8/"' in page
    assert secretariat_client.get("/en/engagement/calendar/2024/13/").status_code == 404


def test_the_current_month_highlights_today(secretariat_client: Client) -> None:
    page = secretariat_client.get("/en/engagement/calendar/").content.decode()

    assert page.count('aria-current="date"') == 1


def test_the_list_shows_upcoming_events_first_then_past(secretariat_client: Client) -> None:
    today = timezone.localdate()
    make_event("Last year", starts_on=today - datetime.timedelta(days=365))
    make_event("Next week", starts_on=today + datetime.timedelta(days=7))

    page = secretariat_client.get("/en/engagement/calendar/list/").content.decode()

    assert page.index("Upcoming") < page.index("Next week") < page.index("Past")
    assert page.index("Past") < page.index("Last year")


def test_a_timed_and_an_all_day_event_in_the_feed(client: Client, secretariat: User) -> None:
    all_day = make_event(
        "Consultation",
        starts_on=datetime.date(2024, 7, 10),
        ends_on=datetime.date(2024, 7, 12),
        kind=Event.Kind.CONSULTATION,
        venue="Serena Hotel",
        city="Islamabad",
        organisers=[secretariat.organisation],
    )
    make_event(
        "Webinar",
        starts_on=datetime.date(2024, 8, 1),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(11, 30),
        online=True,
        kind=Event.Kind.WEBINAR,
        organisers=[secretariat.organisation],
    )
    feed = event_services.calendar_feed_for_user(user=secretariat)

    calendar = feed_of(client, feed.key)

    events = vevents(calendar)
    assert str(calendar["VERSION"]) == "2.0"
    assert "PRODID" in calendar
    assert "X-WR-CALNAME" in calendar
    assert sorted(events) == ["Consultation", "Webinar"]
    consultation, webinar = events["Consultation"], events["Webinar"]
    assert consultation.decoded("DTSTART") == datetime.date(2024, 7, 10)
    assert not isinstance(consultation.decoded("DTSTART"), datetime.datetime)
    assert consultation.decoded("DTEND") == datetime.date(2024, 7, 13)
    assert str(consultation["LOCATION"]) == "Serena Hotel, Islamabad"
    assert str(consultation["URL"]) == (
        f"https://palermo.example.org/en/engagement/events/{all_day.pk}/"
    )
    assert consultation["CATEGORIES"].to_ical() == b"Consultation"
    start, end = webinar.decoded("DTSTART"), webinar.decoded("DTEND")
    karachi = zoneinfo.ZoneInfo("Asia/Karachi")
    assert start == datetime.datetime(2024, 8, 1, 10, 0, tzinfo=karachi)
    assert end == datetime.datetime(2024, 8, 1, 11, 30, tzinfo=karachi)
    assert start.tzinfo is not None
    assert str(webinar["LOCATION"]) == "Online"


def test_event_uids_are_stable(client: Client, secretariat: User) -> None:
    event = make_event("Dialogue", organisers=[secretariat.organisation])
    feed = event_services.calendar_feed_for_user(user=secretariat)

    first = vevents(feed_of(client, feed.key))["Dialogue"]
    event_services.event_update(actor=None, event=event, city="Lahore")
    second = vevents(feed_of(client, feed.key))["Dialogue"]

    assert str(first["UID"]) == str(second["UID"]) == f"event-{event.pk}@palermo"


def test_a_users_feed_holds_their_events_only(client: Client) -> None:
    own = make_organisation("Own NGO", kind="civil_society")
    user = make_user("member", Role.CS_MEMBER, organisation=own)
    person = make_person("Member in person", organisation=own)
    person.user = user
    person.save()
    coordinated = make_alliance(own, "Own alliance")
    joined = make_alliance(make_organisation("Other coordinator"), "Joined alliance")
    join(joined, own)
    left = make_alliance(make_organisation("Third coordinator"), "Left alliance")
    join(left, own, left_on=datetime.date(2021, 1, 1))

    spoken = make_event("Spoke at")
    event_services.participant_add(actor=None, event=spoken, person=person)
    make_event("Organised", organisers=[own])
    make_event("Partnered", partners=[own])
    make_event("Coordinated alliance", alliance=coordinated)
    make_event("Member alliance", alliance=joined)
    make_event("Former alliance", alliance=left)
    make_event("Unrelated")
    make_event("Other State", country="TON", organisers=[own])
    feed = event_services.calendar_feed_for_user(user=user)

    events = vevents(feed_of(client, feed.key))

    assert sorted(events) == [
        "Coordinated alliance",
        "Member alliance",
        "Organised",
        "Partnered",
        "Spoke at",
    ]


def test_an_alliances_feed_holds_its_events(client: Client, secretariat: User) -> None:
    alliance = make_alliance(make_organisation("Coordinator"))
    make_event("Alliance meeting", alliance=alliance)
    make_event("Another meeting")
    feed = event_services.calendar_feed_for_alliance(actor=secretariat, alliance=alliance)

    calendar = feed_of(client, feed.key)

    assert list(vevents(calendar)) == ["Alliance meeting"]
    assert "Civil Society Alliance" in str(calendar["X-WR-CALNAME"])


def test_unknown_reset_and_inactive_feeds_are_not_found(client: Client, secretariat: User) -> None:
    feed = event_services.calendar_feed_for_user(user=secretariat)
    old_key = feed.key

    unknown = client.get(f"/en/engagement/calendar/{uuid.uuid4()}.ics")
    event_services.calendar_feed_reset(actor=secretariat, feed=feed)
    old = client.get(f"/en/engagement/calendar/{old_key}.ics")
    new = client.get(f"/en/engagement/calendar/{feed.key}.ics")
    user_services.user_update(actor=None, user=secretariat, is_active=False)
    inactive = client.get(f"/en/engagement/calendar/{feed.key}.ics")

    assert (unknown.status_code, old.status_code, new.status_code) == (404, 404, 200)
    assert inactive.status_code == 404


def test_the_feeds_page_gives_absolute_addresses_and_resets_them(
    secretariat: User, secretariat_client: Client
) -> None:
    alliance = make_alliance(make_organisation("Coordinator"))

    page = secretariat_client.get("/en/engagement/calendar/feeds/").content.decode()
    feed = event_services.calendar_feed_for_user(user=secretariat)
    alliance_feed = event_services.calendar_feed_for_alliance(actor=None, alliance=alliance)
    old_key = feed.key
    reset = secretariat_client.post(f"/en/engagement/calendar/feeds/{feed.pk}/reset/")
    feed.refresh_from_db()

    assert f'value="https://palermo.example.org/en/engagement/calendar/{old_key}.ics"' in page
    assert f"/en/engagement/calendar/{alliance_feed.key}.ics" in page
    assert "The old address stops working" in page
    assert reset["Location"] == "/en/engagement/calendar/feeds/"
    assert feed.key != old_key


def test_a_member_sees_no_alliance_feed_and_cannot_reset_others(client: Client) -> None:
    alliance = make_alliance(make_organisation("Coordinator"))
    alliance_feed = event_services.calendar_feed_for_alliance(actor=None, alliance=alliance)
    old_key = alliance_feed.key
    member = make_user("member", Role.CS_MEMBER, organisation=make_organisation("NGO"))
    client.force_login(member)

    page = client.get("/en/engagement/calendar/feeds/").content.decode()
    refused = client.post(f"/en/engagement/calendar/feeds/{alliance_feed.pk}/reset/")

    assert str(alliance_feed.key) not in page
    assert refused.status_code == 403
    alliance_feed.refresh_from_db()
    assert alliance_feed.key == old_key


def test_the_calendar_opens_on_the_nearest_month_with_events(
    secretariat: User, secretariat_client: Client
) -> None:
    today = datetime.date(2026, 12, 3)
    assert event_selectors.nearest_event_month(user=secretariat, today=today) == datetime.date(
        2026, 12, 1
    )
    make_event("Past", starts_on=datetime.date(2026, 9, 20))
    assert event_selectors.nearest_event_month(user=secretariat, today=today) == datetime.date(
        2026, 9, 1
    )
    make_event("Next", starts_on=datetime.date(2027, 2, 10))
    assert event_selectors.nearest_event_month(user=secretariat, today=today) == datetime.date(
        2027, 2, 1
    )
    make_event("Now", starts_on=datetime.date(2026, 12, 28))
    assert event_selectors.nearest_event_month(user=secretariat, today=today) == datetime.date(
        2026, 12, 1
    )


def test_the_calendar_page_without_a_month_shows_the_nearest_events(
    secretariat_client: Client,
) -> None:
    make_event("Only meeting", starts_on=timezone.localdate() - datetime.timedelta(days=400))

    page = secretariat_client.get("/en/engagement/calendar/").content.decode()

    assert "Only meeting" in page
