"""The calendar of events, by month or as a list, and its ICS feeds."""

import datetime
import itertools
import uuid

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core.http import acting_user
from palermo.engagement import ics, permissions
from palermo.engagement.models import CalendarFeed, Event
from palermo.engagement.selectors import events as event_selectors
from palermo.engagement.services import events as event_services


def feed_url(feed: CalendarFeed) -> str:
    """The feed's absolute address, to paste into a calendar program."""
    path = reverse("engagement:calendar-feed", args=[feed.key])
    return settings.PALERMO_BASE_URL.rstrip("/") + path


@login_required
def calendar_month(
    request: HttpRequest, year: int | None = None, month: int | None = None
) -> HttpResponse:
    user = acting_user(request)
    today = timezone.localdate()
    if year is None or month is None:
        opening = event_selectors.nearest_event_month(user=user, today=today)
        year, month = opening.year, opening.month
    if not (1 <= month <= 12 and datetime.MINYEAR < year < datetime.MAXYEAR):
        raise Http404
    grid = event_selectors.calendar_month(user=user, year=year, month=month, today=today)
    return render(
        request,
        "engagement/calendar_month.html",
        {"month": grid, "today": today, "can_create": permissions.can_create_event(user)},
    )


def _by_month(events: list[Event]) -> list[tuple[datetime.date, list[Event]]]:
    """Events grouped by month; in each month, those known only to the month come last."""
    return [
        (first, sorted(group, key=lambda e: e.date_precision == Event.DatePrecision.MONTH))
        for first, group in itertools.groupby(events, key=lambda e: e.starts_on.replace(day=1))
    ]


@login_required
def calendar_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    today = timezone.localdate()
    upcoming = event_selectors.event_list(user=user, when=event_selectors.UPCOMING, today=today)
    past = event_selectors.event_list(user=user, when=event_selectors.PAST, today=today)
    context = {
        "upcoming": _by_month(list(upcoming.order_by("starts_on", "start_time", "pk"))),
        "past": _by_month(list(past.order_by("-starts_on", "-start_time", "-pk")[:200])),
        "can_create": permissions.can_create_event(user),
    }
    return render(request, "engagement/calendar_list.html", context)


@login_required
def calendar_feeds(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    personal = event_services.calendar_feed_for_user(user=user)
    alliances = [
        (alliance, event_services.calendar_feed_for_alliance(actor=user, alliance=alliance))
        for alliance in event_selectors.event_alliances(user=user)
        if permissions.can_manage_alliance(user, alliance)
    ]
    context = {
        "personal": personal,
        "personal_url": feed_url(personal),
        "alliances": [(alliance, feed, feed_url(feed)) for alliance, feed in alliances],
    }
    return render(request, "engagement/calendar_feeds.html", context)


@login_required
@require_POST
def calendar_feed_reset(request: HttpRequest, feed_id: int) -> HttpResponse:
    user = acting_user(request)
    feed = get_object_or_404(CalendarFeed.objects.select_related("alliance"), pk=feed_id)
    if not permissions.can_reset_calendar_feed(user, feed):
        raise PermissionDenied
    event_services.calendar_feed_reset(actor=user, feed=feed)
    flash.success(
        request, _("The address was reset. Subscribe to the new one; the old one no longer works.")
    )
    return redirect("engagement:calendar-feeds")


def calendar_feed(request: HttpRequest, key: uuid.UUID) -> HttpResponse:
    """The ICS feed; its secret key is the credential, so no sign-in is asked for."""
    feed = event_selectors.calendar_feed_get(key=key)
    if feed is None:
        raise Http404
    if feed.user is not None:
        events = event_selectors.feed_events_for_user(user=feed.user)
        name = _("Palermo: my events")
    elif feed.alliance is not None:
        events = event_selectors.feed_events_for_alliance(alliance=feed.alliance)
        name = _("Palermo: %(alliance)s") % {"alliance": feed.alliance.name}
    else:
        raise Http404
    body = ics.calendar_ics(name=name, events=events)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="palermo.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
