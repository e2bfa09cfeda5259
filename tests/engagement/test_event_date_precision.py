"""Planned events known only to the month or the week, shown as what is known of them."""

import datetime
import re

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from palermo.core.models import User
from palermo.engagement.models import Event
from palermo.engagement.models.events import APPROXIMATE_DATE_IS_ONE_PERIOD
from palermo.engagement.services import events as event_services
from tests.factories import bearer, make_event
from tests.isolates import without_isolates

pytestmark = pytest.mark.django_db

MONTH = Event.DatePrecision.MONTH
WEEK = Event.DatePrecision.WEEK


def test_a_month_only_event_starts_on_the_month_s_first_day_and_reads_as_the_month() -> None:
    event = make_event(
        "Planned roundtable", starts_on=datetime.date(2025, 4, 17), date_precision=MONTH
    )

    assert event.starts_on == datetime.date(2025, 4, 1)
    assert event.approximate_date_label == "April 2025"
    assert event.is_date_approximate


def test_a_week_only_event_keeps_its_day_and_reads_as_the_week() -> None:
    event = make_event(
        "Planned training", starts_on=datetime.date(2025, 5, 19), date_precision=WEEK
    )

    assert event.starts_on == datetime.date(2025, 5, 19)
    assert event.approximate_date_label == "week of 19 May 2025"


def test_an_exact_event_has_no_approximate_label() -> None:
    event = make_event("Held", starts_on=datetime.date(2024, 7, 10))

    assert event.date_precision == Event.DatePrecision.DAY
    assert (event.is_date_approximate, event.approximate_date_label) == (False, "")


def test_a_month_only_event_with_an_end_date_or_a_time_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        make_event(
            "Refused",
            starts_on=datetime.date(2025, 4, 1),
            ends_on=datetime.date(2025, 4, 3),
            date_precision=MONTH,
        )
    assert error.value.messages == [str(APPROXIMATE_DATE_IS_ONE_PERIOD)]
    with pytest.raises(ValidationError):
        make_event(
            "Refused too",
            starts_on=datetime.date(2025, 5, 19),
            start_time=datetime.time(10, 0),
            date_precision=WEEK,
        )
    assert not Event.objects.filter(title__startswith="Refused").exists()


def test_the_form_takes_a_month_from_the_month_picker(secretariat_client: Client) -> None:
    form = secretariat_client.get("/en/engagement/events/new/").content.decode()
    assert 'type="month" name="starts_month"' in form
    assert '<option value="month">Month</option>' in form

    response = secretariat_client.post(
        "/en/engagement/events/new/",
        {
            "kind": "roundtable",
            "title": "Roundtable on legal aid",
            "date_precision": "month",
            "starts_month": "2025-04",
            "ends_on": "2025-04-09",
            "start_time": "10:00",
            "themes": "",
        },
    )

    event = Event.objects.get(title="Roundtable on legal aid")
    assert response.status_code == 302
    assert (event.date_precision, event.starts_on) == ("month", datetime.date(2025, 4, 1))
    # Hidden for a month-only event: what they held is dropped, not refused.
    assert (event.ends_on, event.start_time) == (None, None)
    edit = secretariat_client.get(f"/en/engagement/events/{event.pk}/edit/").content.decode()
    assert re.search(r'type="month" name="starts_month" value="2025-04"', edit)
    assert '<option value="month" selected>Month</option>' in edit


def test_the_form_asks_for_the_month_when_none_is_given(secretariat_client: Client) -> None:
    response = secretariat_client.post(
        "/en/engagement/events/new/",
        {"kind": "roundtable", "title": "No month", "date_precision": "month", "themes": ""},
    )

    assert response.status_code == 200
    assert "Choose the month." in response.content.decode()
    assert not Event.objects.filter(title="No month").exists()


def test_the_form_still_needs_a_day_for_an_exact_event(secretariat_client: Client) -> None:
    response = secretariat_client.post(
        "/en/engagement/events/new/",
        {"kind": "roundtable", "title": "No day", "date_precision": "day", "themes": ""},
    )

    assert response.status_code == 200
    assert not Event.objects.filter(title="No day").exists()


def test_the_list_and_the_detail_show_the_month_or_the_week(secretariat_client: Client) -> None:
    month = make_event(
        "Planned roundtable", starts_on=datetime.date(2025, 4, 1), date_precision=MONTH
    )
    make_event("Planned training", starts_on=datetime.date(2025, 5, 19), date_precision=WEEK)

    listing = secretariat_client.get("/en/engagement/events/?year=2025").content.decode()
    detail = secretariat_client.get(f"/en/engagement/events/{month.pk}/").content.decode()

    assert '<td class="text-nowrap">April 2025\n</td>' in listing
    assert '<td class="text-nowrap">week of 19 May 2025\n</td>' in listing
    assert "1 April 2025" not in listing
    assert "April 2025" in detail
    assert "1 April 2025" not in detail


def test_the_calendar_lists_month_only_events_apart_from_the_days(
    secretariat_client: Client,
) -> None:
    make_event("Planned roundtable", starts_on=datetime.date(2025, 4, 1), date_precision=MONTH)
    make_event("Planned training", starts_on=datetime.date(2025, 4, 14), date_precision=WEEK)
    make_event("Exact meeting", starts_on=datetime.date(2025, 4, 1))

    page = without_isolates(
        secretariat_client.get("/en/engagement/calendar/2025/4/").content.decode()
    )

    undated, grid = page.split('<div class="table-responsive">')
    assert "In April 2025, day not fixed yet" in undated
    assert 'Planned roundtable</a> <span class="text-body-secondary">— April 2025' in undated
    assert (
        'Planned training</a> <span class="text-body-secondary">— week of 14 April 2025' in undated
    )
    assert "Planned roundtable" not in grid
    assert "Planned training" not in grid
    assert "Exact meeting" in grid


def test_the_calendar_list_puts_month_only_events_last_in_their_month(
    secretariat_client: Client,
) -> None:
    make_event("Known only to April", starts_on=datetime.date(2099, 4, 1), date_precision=MONTH)
    make_event("Late April meeting", starts_on=datetime.date(2099, 4, 28))

    page = secretariat_client.get("/en/engagement/calendar/list/").content.decode()

    assert page.index("Late April meeting") < page.index("Known only to April")
    assert page.count('<h3 class="h6 mt-3">April 2099</h3>') == 1


def test_the_feed_spans_the_month_and_marks_it_tentative(client: Client, secretariat: User) -> None:
    make_event(
        "Planned roundtable",
        starts_on=datetime.date(2099, 4, 1),
        date_precision=MONTH,
        organisers=[secretariat.organisation],
    )
    feed = event_services.calendar_feed_for_user(user=secretariat)

    response = client.get(f"/en/engagement/calendar/{feed.key}.ics")

    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert vevent.decoded("DTSTART") == datetime.date(2099, 4, 1)
    assert vevent.decoded("DTEND") == datetime.date(2099, 5, 1)
    assert str(vevent["STATUS"]) == "TENTATIVE"
    assert str(vevent["DESCRIPTION"]) == "Date not fixed yet: April 2099"


def test_the_api_takes_and_gives_the_precision(secretariat: User, api_client: Client) -> None:
    response = api_client.post(
        "/api/v1/events",
        {
            "kind": "roundtable",
            "title": "Planned training",
            "starts_on": "2025-05-19",
            "date_precision": "week",
        },
        content_type="application/json",
        headers=bearer(secretariat),
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["starts_on"], body["date_precision"], body["approximate_date"]) == (
        "2025-05-19",
        "week",
        "week of 19 May 2025",
    )
    refused = api_client.post(
        "/api/v1/events",
        {
            "kind": "roundtable",
            "title": "Refused",
            "starts_on": "2025-05-19",
            "date_precision": "fortnight",
        },
        content_type="application/json",
        headers=bearer(secretariat),
    )
    assert refused.status_code == 422
