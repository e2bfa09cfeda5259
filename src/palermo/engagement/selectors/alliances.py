"""Reads of alliances: who belonged on a given day, and how membership grew."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from palermo.core.permissions import is_active_user
from palermo.core.scope import scope_filter
from palermo.engagement.models import Alliance, Membership, MembershipFigure


def alliance_list(*, user: Any) -> QuerySet[Alliance]:
    if not is_active_user(user):
        return Alliance.objects.none()
    return Alliance.objects.select_related("coordinator").filter(scope_filter(user))


def members_on(alliance: Alliance, day: datetime.date) -> QuerySet[Membership]:
    """Memberships active on that day: joined on or before it and not left by then."""
    return (
        alliance.memberships.filter(joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .select_related("organisation", "person__organisation")
        .prefetch_related("organisation__themes")
    )


@dataclass(frozen=True)
class MemberCount:
    day: datetime.date
    organisations: int
    experts: int

    @property
    def total(self) -> int:
        return self.organisations + self.experts


def member_count(alliance: Alliance, day: datetime.date) -> MemberCount:
    active = members_on(alliance, day)
    return MemberCount(
        day=day,
        organisations=active.filter(organisation__isnull=False).count(),
        experts=active.filter(person__isnull=False).count(),
    )


def member_counts(alliance: Alliance, days: list[datetime.date]) -> list[MemberCount]:
    """Counts on each of the days, computed in Python from one query."""
    memberships = list(alliance.memberships.values_list("organisation_id", "joined_on", "left_on"))
    counts = []
    for day in days:
        active = [
            organisation_id
            for organisation_id, joined_on, left_on in memberships
            if joined_on <= day and (left_on is None or left_on > day)
        ]
        organisations = sum(1 for organisation_id in active if organisation_id is not None)
        counts.append(MemberCount(day, organisations, len(active) - organisations))
    return counts


def year_end_counts(alliance: Alliance, today: datetime.date) -> list[MemberCount]:
    """Members at the end of each year since the first joined, and today."""
    first = alliance.memberships.order_by("joined_on").values_list("joined_on", flat=True).first()
    if first is None:
        return []
    days = [datetime.date(year, 12, 31) for year in range(first.year, today.year)]
    return member_counts(alliance, [*days, today])


def membership_figures(alliance: Alliance) -> QuerySet[MembershipFigure]:
    """The alliance's own member counts, latest year first."""
    return alliance.membership_figures.order_by("-year")


@dataclass(frozen=True)
class YearMembers:
    """Members at a year's end: the alliance's recorded figure, or else its member records."""

    year: int
    organisations: int
    experts: int
    recorded: bool
    source: str = ""
    note: str = ""

    @property
    def total(self) -> int:
        return self.organisations + self.experts


def members_at_year_end(alliance: Alliance, year: int) -> YearMembers:
    """The figure recorded for the year when there is one; else members on 31 December."""
    figure = alliance.membership_figures.filter(year=year).first()
    if figure is not None:
        return YearMembers(
            year, figure.organisations, figure.experts, True, figure.source, figure.note
        )
    count = member_count(alliance, datetime.date(year, 12, 31))
    return YearMembers(year, count.organisations, count.experts, False)
