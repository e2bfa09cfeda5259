"""Reads of events, statements and calendars, limited to what the reader may see."""

import calendar
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from palermo.core.permissions import is_active_user
from palermo.core.scope import scope_filter
from palermo.engagement.models import (
    Alliance,
    Attachment,
    CalendarFeed,
    Event,
    Participant,
    Statement,
)

UPCOMING = "upcoming"
PAST = "past"


def _ends_on_or_after(day: datetime.date) -> Q:
    return Q(ends_on__gte=day) | Q(ends_on__isnull=True, starts_on__gte=day)


def _overlapping(first: datetime.date, last: datetime.date) -> Q:
    """Events with at least one day between first and last (both included)."""
    return Q(starts_on__lte=last) & _ends_on_or_after(first)


def visible_events(*, user: Any) -> QuerySet[Event]:
    if not is_active_user(user):
        return Event.objects.none()
    return Event.objects.filter(scope_filter(user))


def event_list(
    *,
    user: Any,
    kind: str = "",
    alliance_id: int | None = None,
    year: int | None = None,
    search: str = "",
    when: str = "",
    today: datetime.date | None = None,
) -> QuerySet[Event]:
    """Events the user may see, filtered; `when` is "upcoming" or "past" (by the last day)."""
    events = visible_events(user=user)
    if kind:
        events = events.filter(kind=kind)
    if alliance_id:
        events = events.filter(alliance_id=alliance_id)
    if year:
        events = events.filter(_overlapping(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
    if search:
        events = events.filter(
            Q(title__icontains=search)
            | Q(description__icontains=search)
            | Q(city__icontains=search)
            | Q(venue__icontains=search)
        )
    day = today or timezone.localdate()
    if when == UPCOMING:
        events = events.filter(_ends_on_or_after(day))
    elif when == PAST:
        events = events.exclude(_ends_on_or_after(day))
    return events.select_related("alliance")


def event_years(*, user: Any) -> list[int]:
    """The years in which the user's visible events start, newest first."""
    dates = visible_events(user=user).dates("starts_on", "year", order="DESC")
    return [d.year for d in dates]


def event_alliances(*, user: Any) -> QuerySet[Alliance]:
    """Alliances an event may belong to: the user's State's and the international ones."""
    if not is_active_user(user):
        return Alliance.objects.none()
    return Alliance.objects.filter(scope_filter(user)).select_related("coordinator")


def event_detail(*, event: Event) -> Event:
    """The event with what its page shows loaded in few queries."""
    return (
        Event.objects.select_related("alliance", "review", "created_by")
        .prefetch_related("organisers", "partners", "instruments", "themes")
        .get(pk=event.pk)
    )


def participant_list(*, event: Event) -> QuerySet[Participant]:
    return event.participants.select_related("person__organisation").order_by("person__name", "pk")


def attachment_list(*, event: Event) -> QuerySet[Attachment]:
    return event.attachments.select_related("uploaded_by")


def statement_list(
    *, user: Any, event_id: int | None = None, organisation_id: int | None = None
) -> QuerySet[Statement]:
    """Statements at the events the user may see."""
    if not is_active_user(user):
        return Statement.objects.none()
    statements = Statement.objects.filter(scope_filter(user, "event__country"))
    if event_id:
        statements = statements.filter(event_id=event_id)
    if organisation_id:
        statements = statements.filter(organisation_id=organisation_id)
    return statements.select_related("event", "organisation", "created_by")


def events_between(*, user: Any, first: datetime.date, last: datetime.date) -> QuerySet[Event]:
    """Visible events with at least one day from first to last, in the order they start."""
    return (
        visible_events(user=user)
        .filter(_overlapping(first, last))
        .order_by("starts_on", "start_time", "title", "pk")
    )


def events_in_month(*, user: Any, year: int, month: int) -> QuerySet[Event]:
    """Visible events with at least one day in the month."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    return events_between(user=user, first=first, last=last)


def nearest_event_month(*, user: Any, today: datetime.date) -> datetime.date:
    """The month the calendar opens on, never an empty one when there are events.

    This month if it has events, else the month of the visible event nearest to today (the
    next one when as near as the last), else this month.
    """
    this_month = today.replace(day=1)
    if events_in_month(user=user, year=today.year, month=today.month).exists():
        return this_month
    events = visible_events(user=user)
    following = events.filter(starts_on__gte=today).order_by("starts_on").first()
    previous = events.filter(starts_on__lt=today).order_by("-starts_on").first()
    candidates = [event.starts_on for event in (following, previous) if event is not None]
    if not candidates:
        return this_month
    nearest = min(candidates, key=lambda day: (abs((day - today).days), day < today))
    return nearest.replace(day=1)


@dataclass
class CalendarDay:
    day: datetime.date
    in_month: bool
    is_today: bool
    events: list[Event] = field(default_factory=list)


@dataclass(frozen=True)
class CalendarMonth:
    first: datetime.date
    weeks: list[list[CalendarDay]]
    # Events of the month whose day is not known yet (known to the month or the week): listed
    # apart, not on a day as if it were known.
    undated: list[Event] = field(default_factory=list)

    @property
    def previous(self) -> datetime.date:
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return (self.first + datetime.timedelta(days=32)).replace(day=1)


def calendar_month(
    *, user: Any, year: int, month: int, today: datetime.date | None = None
) -> CalendarMonth:
    """Whole weeks, Monday first, covering the month; each day lists the events on it."""
    today = today or timezone.localdate()
    weeks: list[list[CalendarDay]] = []
    days: dict[datetime.date, CalendarDay] = {}
    for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month):
        row = [CalendarDay(day, day.month == month, day == today) for day in week]
        weeks.append(row)
        days.update((cell.day, cell) for cell in row)
    grid_start, grid_end = weeks[0][0].day, weeks[-1][-1].day
    first = datetime.date(year, month, 1)
    undated: list[Event] = []
    for event in events_between(user=user, first=grid_start, last=grid_end):
        if event.is_date_approximate:
            if event.starts_on.year == year and event.starts_on.month == month:
                undated.append(event)
            continue
        day = max(event.starts_on, grid_start)
        while day <= min(event.last_day, grid_end):
            days[day].events.append(event)
            day += datetime.timedelta(days=1)
    return CalendarMonth(first=first, weeks=weeks, undated=undated)


def feed_events_for_user(*, user: Any, today: datetime.date | None = None) -> QuerySet[Event]:
    """Events of the user's calendar feed, among those the user may see now.

    The user takes part in them (through their linked person), their organisation organises
    or partners them, or their alliance holds them: an alliance the user's organisation
    coordinates or belongs to today.
    """
    if not is_active_user(user):
        return Event.objects.none()
    day = today or timezone.localdate()
    mine = Q(participants__person__user=user)
    if user.organisation_id is not None:
        organisation = user.organisation_id
        active_member = Q(
            alliance__memberships__organisation_id=organisation,
            alliance__memberships__joined_on__lte=day,
        ) & (
            Q(alliance__memberships__left_on__isnull=True)
            | Q(alliance__memberships__left_on__gt=day)
        )
        mine |= (
            Q(organisers=organisation)
            | Q(partners=organisation)
            | Q(alliance__coordinator_id=organisation)
            | active_member
        )
    ids = visible_events(user=user).filter(mine).values("pk")
    return Event.objects.filter(pk__in=ids).order_by("starts_on", "pk")


def feed_events_for_alliance(*, alliance: Alliance) -> QuerySet[Event]:
    events = alliance.events.all()
    if alliance.country:
        events = events.filter(Q(country=alliance.country) | Q(country=""))
    return events.order_by("starts_on", "pk")


def calendar_feed_get(*, key: Any) -> CalendarFeed | None:
    """The feed with this secret key, if it still serves: an inactive owner's does not."""
    feed = CalendarFeed.objects.select_related("user", "alliance").filter(key=key).first()
    if feed is None or (feed.user is not None and not is_active_user(feed.user)):
        return None
    return feed
