"""Events as an iCalendar (RFC 5545) feed that calendar programs subscribe to."""

import datetime
import zoneinfo
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.engagement.models import Event

PRODID = "-//Palermo//Events//EN"
ONE_DAY = datetime.timedelta(days=1)
ONE_HOUR = datetime.timedelta(hours=1)


def event_uid(event: Event) -> str:
    """Stable across feeds and edits, so calendars update the event instead of copying it."""
    return f"event-{event.pk}@palermo"


def event_location(event: Event) -> str:
    place = ", ".join(part for part in (event.venue, event.city) if part)
    if place:
        return place
    return _("Online") if event.online else ""


def event_times(
    event: Event,
) -> tuple[datetime.date | datetime.datetime, datetime.date | datetime.datetime]:
    """All-day dates (the end exclusive) without a start time; otherwise aware datetimes.

    An event known only to the month or the week spans that whole month or week.
    """
    if event.date_precision == Event.DatePrecision.MONTH:
        return event.starts_on, (event.starts_on + datetime.timedelta(days=32)).replace(day=1)
    if event.date_precision == Event.DatePrecision.WEEK:
        return event.starts_on, event.starts_on + datetime.timedelta(days=7)
    if event.start_time is None:
        return event.starts_on, event.last_day + ONE_DAY
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(event.starts_on, event.start_time, tzinfo=zone)
    if event.end_time is not None:
        end = datetime.datetime.combine(event.last_day, event.end_time, tzinfo=zone)
    else:
        end = datetime.datetime.combine(event.last_day, event.start_time, tzinfo=zone) + ONE_HOUR
    return start, max(end, start)


def _vevent(event: Event, base_url: str, stamp: datetime.datetime) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", stamp)
    vevent.add("summary", event.title)
    start, end = event_times(event)
    vevent.add("dtstart", start)
    vevent.add("dtend", end)
    location = event_location(event)
    if location:
        vevent.add("location", location)
    vevent.add("url", base_url + event.get_absolute_url())
    if event.status == Event.Status.CANCELLED:
        # Calendars that imported it strike it through or drop it.
        vevent.add("status", "CANCELLED")
        vevent.add("transp", "TRANSPARENT")
    elif event.is_date_approximate:
        # The day is not fixed yet: say so, and keep the period free in the reader's calendar.
        vevent.add("status", "TENTATIVE")
        vevent.add("transp", "TRANSPARENT")
    when = (
        _("Date not fixed yet: %(when)s") % {"when": event.approximate_date_label}
        if event.is_date_approximate
        else ""
    )
    parts = (when, event.description, event.online_url)
    description = "\n\n".join(part for part in parts if part)
    if description:
        vevent.add("description", description)
    vevent.add("categories", [str(event.get_kind_display())])
    vevent.add("last-modified", event.updated_at)
    return vevent


def calendar_ics(*, name: str, events: Iterable[Event]) -> bytes:
    """A VCALENDAR named `name` with one VEVENT per event."""
    base_url = settings.PALERMO_BASE_URL.rstrip("/")
    stamp = timezone.now().replace(microsecond=0)
    ical = icalendar.Calendar()
    ical.add("prodid", PRODID)
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("x-wr-calname", name)
    for event in events:
        ical.add_component(_vevent(event, base_url, stamp))
    ical.add_missing_timezones()
    body: bytes = ical.to_ical()
    return body
