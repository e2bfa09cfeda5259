"""An event is planned, held or cancelled (issue 13): set from its date unless said, kept honest
(nothing starting tomorrow was held), shown on its pages, in the API, the feed and the report."""

import datetime

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from palermo.core.models import User
from palermo.engagement.models import Event
from palermo.engagement.services import events as event_services
from tests.factories import bearer, make_event
from tests.isolates import without_isolates

pytestmark = pytest.mark.django_db

PLANNED, HELD, CANCELLED = Event.Status.PLANNED, Event.Status.HELD, Event.Status.CANCELLED


def future(days: int = 30) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def test_a_new_event_is_planned_when_it_is_to_come_and_held_when_it_has_begun() -> None:
    assert make_event("Next month's roundtable", starts_on=future()).status == PLANNED
    assert make_event("Last year's roundtable", starts_on=datetime.date(2024, 5, 2)).status == HELD
    assert make_event("Today's roundtable", starts_on=timezone.localdate()).status == HELD


def test_a_cancelled_event_is_kept_and_an_event_to_come_cannot_have_been_held() -> None:
    cancelled = make_event("Called off", starts_on=future(), status=CANCELLED)
    assert cancelled.status == CANCELLED

    with pytest.raises(ValidationError) as error:
        make_event("Too early", starts_on=future(), status=HELD)
    assert "cannot have been held yet" in str(error.value)

    planned = make_event("Moved", starts_on=future())
    with pytest.raises(ValidationError):
        event_services.event_update(actor=None, event=planned, status=HELD)
    event_services.event_update(
        actor=None, event=planned, starts_on=datetime.date(2024, 3, 1), status=HELD
    )
    planned.refresh_from_db()
    assert planned.status == HELD


def test_the_form_sets_the_status_from_the_date_or_as_chosen(secretariat_client: Client) -> None:
    def add(title: str, starts_on: datetime.date, status: str = "") -> Event:
        response = secretariat_client.post(
            "/en/engagement/events/new/",
            {
                "kind": "meeting",
                "title": title,
                "starts_on": starts_on.isoformat(),
                "status": status,
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        return Event.objects.get(title=title)

    assert add("Planned by its date", future()).status == PLANNED
    assert add("Cancelled on purpose", future(), CANCELLED).status == CANCELLED
    assert add("Held by its date", datetime.date(2024, 6, 1)).status == HELD

    page = secretariat_client.get("/en/engagement/events/new/").content.decode()
    assert "From the date" in page

    refused = secretariat_client.post(
        "/en/engagement/events/new/",
        {
            "kind": "meeting",
            "title": "Held tomorrow",
            "starts_on": future().isoformat(),
            "status": HELD,
        },
    )
    assert refused.status_code == 200
    assert "cannot have been held yet" in without_isolates(refused.content.decode())


def test_the_list_and_the_page_say_planned_or_cancelled(secretariat_client: Client) -> None:
    planned = make_event("Roundtable to come", starts_on=future())
    cancelled = make_event("Roundtable called off", starts_on=future(), status=CANCELLED)
    make_event("Roundtable held", starts_on=datetime.date(2024, 4, 2))

    listing = without_isolates(
        secretariat_client.get("/en/engagement/events/?when=all").content.decode()
    )
    assert "Planned</span>" in listing
    assert "Cancelled</span>" in listing
    assert "Held</span>" not in listing  # the usual case needs no badge
    detail = secretariat_client.get(planned.get_absolute_url()).content.decode()
    assert "Planned</span>" in detail
    detail = secretariat_client.get(cancelled.get_absolute_url()).content.decode()
    assert "text-bg-danger" in detail


def test_the_api_takes_and_gives_the_status(secretariat: User, api_client: Client) -> None:
    def post(**body: object) -> dict[str, object]:
        response = api_client.post(
            "/api/v1/events",
            {"kind": "roundtable", **body},
            content_type="application/json",
            headers=bearer(secretariat),
        )
        assert response.status_code == 201, response.content
        return dict(response.json())

    planned = post(title="API planned", starts_on=future().isoformat())
    assert (planned["status"], planned["status_label"]) == ("planned", "Planned")
    cancelled = post(title="API cancelled", starts_on=future().isoformat(), status="cancelled")
    assert cancelled["status"] == "cancelled"

    refused = api_client.post(
        "/api/v1/events",
        {
            "kind": "roundtable",
            "title": "API held tomorrow",
            "starts_on": future().isoformat(),
            "status": "held",
        },
        content_type="application/json",
        headers=bearer(secretariat),
    )
    assert refused.status_code == 422
    patched = api_client.patch(
        f"/api/v1/events/{planned['id']}",
        {"status": "cancelled"},
        content_type="application/json",
        headers=bearer(secretariat),
    )
    assert patched.status_code == 200
    assert patched.json()["status"] == "cancelled"
    unknown = api_client.patch(
        f"/api/v1/events/{planned['id']}",
        {"status": "postponed"},
        content_type="application/json",
        headers=bearer(secretariat),
    )
    assert unknown.status_code == 422


def test_the_feed_marks_a_cancelled_event_cancelled(client: Client, secretariat: User) -> None:
    make_event(
        "Called-off dialogue",
        starts_on=future(),
        status=CANCELLED,
        organisers=[secretariat.organisation],
    )
    feed = event_services.calendar_feed_for_user(user=secretariat)

    response = client.get(f"/en/engagement/calendar/{feed.key}.ics")

    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"


def test_the_annual_report_leaves_cancelled_events_out_of_the_held_and_the_upcoming(
    secretariat: User,
) -> None:
    from palermo.engagement.models import Alliance
    from palermo.reports.builders.annual_report import build_annual_report
    from tests.factories import make_organisation
    from tests.reports.test_annual_whole import html_text

    coordinator = make_organisation("Status Alliance Secretariat (test)")
    alliance = Alliance.objects.create(
        name="Status Test Alliance", country="PAK", coordinator=coordinator
    )
    make_event("Held workshop (test)", starts_on=datetime.date(2024, 3, 5), alliance=alliance)
    make_event(
        "Cancelled workshop (test)",
        starts_on=datetime.date(2024, 6, 5),
        alliance=alliance,
        status=CANCELLED,
    )
    make_event("Workshop to come (test)", starts_on=future(400), alliance=alliance)
    make_event(
        "Called-off workshop to come (test)",
        starts_on=future(400),
        alliance=alliance,
        status=CANCELLED,
    )

    document = build_annual_report(user=secretariat, alliance=alliance, year=2024, language="en")
    text = html_text(document)

    assert "Events held 1" in text
    assert "Cancelled: Cancelled workshop (test) (5 June 2024)." in text
    assert "Workshop to come (test)" in text
    assert "Called-off workshop to come (test)" not in text
