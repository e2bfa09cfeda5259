"""Reads the report builders need that the apps' own selectors do not offer, read-only.

Whatever a user may see is still decided by the apps: answers, observations, events,
statements and recommendations come through their selectors; these functions only narrow
and combine them (an answer's approved version, a plan's values up to a period, an
alliance's year).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from palermo.engagement.models import Alliance, Event, Membership, Statement
from palermo.engagement.selectors import events as event_selectors
from palermo.engagement.selectors.alliances import (
    YearMembers,
    alliance_list,
    members_at_year_end,
    members_on,
)
from palermo.instruments.models import Provision, State
from palermo.reviews.models import AnswerStatus, ArticleAnswer, ParallelSubmission, Review
from palermo.reviews.selectors import answers as answer_selectors
from palermo.reviews.selectors import reviews as review_selectors
from palermo.tracking import progress
from palermo.tracking.models import (
    ActionPlan,
    Recommendation,
    RecommendationUpdate,
    Status,
)
from palermo.tracking.selectors import standing
from palermo.tracking.selectors.plans import plan_list
from palermo.tracking.selectors.recommendations import visible_recommendations
from palermo.tracking.selectors.standing import Standings

# --- reviews ---------------------------------------------------------------------------------


def review_for_report(review_id: int) -> Review | None:
    """The review a report is about, whoever asks (permissions are checked by the caller)."""
    return Review.objects.select_related("state", "cluster").filter(pk=review_id).first()


def state_by_iso3(iso3: str) -> State | None:
    return State.objects.filter(iso3=iso3).first() if iso3 else None


@dataclass(frozen=True)
class ReportedAnswer:
    """The answer a report prints: the approved version, or else the latest draft."""

    answer: ArticleAnswer
    responses: dict[str, str]
    compliance: str
    compliance_label: str
    approved: bool
    provisions: list[Provision]


def reported_answers(*, user: Any, review: Review) -> dict[int, ReportedAnswer]:
    """The answers the user may read, by article id, each in its approved version if any."""
    found: dict[int, ReportedAnswer] = {}
    for answer in answer_selectors.answer_list(user=user, review=review):
        provisions = sorted(answer.provisions.all(), key=lambda p: (p.law.title, p.position, p.pk))
        source: Any = answer
        approved = answer.status == AnswerStatus.APPROVED
        if not approved:
            record = (
                answer.history.filter(status=AnswerStatus.APPROVED)
                .order_by("-history_date", "-history_id")
                .first()
            )
            if record is not None:
                source, approved = record, True
        found[answer.article_id] = ReportedAnswer(
            answer=answer,
            responses={str(k): str(v) for k, v in (source.responses or {}).items()},
            compliance=source.compliance,
            compliance_label=str(source.get_compliance_display()) if source.compliance else "",
            approved=approved,
            provisions=provisions,
        )
    return found


def contributing_submissions(review: Review) -> list[ParallelSubmission]:
    """The submitted parallel submissions, each with `articles_assessed`, by organisation."""
    return list(
        review.parallel_submissions.filter(status=ParallelSubmission.Status.SUBMITTED)
        .select_related("organisation")
        .annotate(articles_assessed=Count("assessments", distinct=True))
        .order_by("organisation__name")
    )


def review_articles(review: Review) -> list[Any]:
    """The articles of the review's questionnaire, in the order of the instruments."""
    return [
        answer.article
        for answer in review.answers.select_related("article__instrument").order_by(
            "article__instrument__position", "article__number"
        )
    ]


# --- action plans ----------------------------------------------------------------------------


def plan_for_report(plan_id: int) -> ActionPlan | None:
    return ActionPlan.objects.select_related("owner").filter(pk=plan_id).first()


def plan_progress(*, plan: ActionPlan, period: datetime.date) -> Standings:
    """Where the plan stood at the end of `period` (a month).

    The tracking pages' read model (`palermo.tracking.selectors.standing`) judged on the
    month's last day, so the report and the dashboard agree for the same day.
    """
    start = progress.period_start(period, "monthly")
    return standing.plan_standing(plan=plan, as_of=progress.period_end(start, "monthly"))


# --- alliances -------------------------------------------------------------------------------


def alliance_for_report(alliance_id: int) -> Alliance | None:
    return Alliance.objects.select_related("coordinator").filter(pk=alliance_id).first()


def _alliance_events(alliance: Alliance) -> Q:
    return Q(alliance=alliance) | Q(organisers=alliance.coordinator)


def _events_between(
    user: Any, alliance: Alliance, first: datetime.date, last: datetime.date
) -> QuerySet[Event]:
    """The alliance's events from first to last that the user may see, of any status."""
    visible = event_selectors.events_between(user=user, first=first, last=last)
    return Event.objects.filter(pk__in=visible.filter(_alliance_events(alliance)).values("pk"))


def alliance_events(
    *, user: Any, alliance: Alliance, first: datetime.date, last: datetime.date
) -> list[Event]:
    """The alliance's events (its own or organised by its coordinator) held from first to last.

    Each carries `named_participants`: how many participants are recorded by name.
    """
    return list(
        _events_between(user, alliance, first, last)
        .exclude(status=Event.Status.CANCELLED)
        .annotate(named_participants=Count("participants", distinct=True))
        .order_by("starts_on", "start_time", "title", "pk")
    )


def alliance_cancelled(
    *, user: Any, alliance: Alliance, first: datetime.date, last: datetime.date
) -> list[Event]:
    """The alliance's events from first to last that were cancelled."""
    return list(
        _events_between(user, alliance, first, last)
        .filter(status=Event.Status.CANCELLED)
        .order_by("starts_on", "title", "pk")
    )


def alliance_upcoming(*, user: Any, alliance: Alliance, after: datetime.date) -> list[Event]:
    """The alliance's events to come after the given day, soonest first; none cancelled."""
    pks = (
        event_selectors.visible_events(user=user)
        .filter(_alliance_events(alliance), starts_on__gt=after)
        .exclude(status=Event.Status.CANCELLED)
        .values("pk")
    )
    return list(Event.objects.filter(pk__in=pks).order_by("starts_on", "start_time", "title"))


def alliance_statements(
    *, user: Any, alliance: Alliance, first: datetime.date, last: datetime.date
) -> QuerySet[Statement]:
    """Statements delivered from first to last at the alliance's events or by its coordinator."""
    return (
        event_selectors.statement_list(user=user)
        .filter(Q(event__alliance=alliance) | Q(organisation=alliance.coordinator))
        .filter(delivered_on__gte=first, delivered_on__lte=last)
        .order_by("delivered_on", "pk")
    )


def alliance_recommendations(
    *, user: Any, alliance: Alliance, last: datetime.date
) -> QuerySet[Recommendation]:
    """Recommendations issued by `last` that come from the alliance.

    Those of the statements delivered at its events or by its coordinator, and the reports
    (the alliance's own publications) recorded for the alliance's State.
    """
    from_statements = Q(source=Recommendation.Source.STATEMENT) & (
        Q(statement__event__alliance=alliance) | Q(statement__organisation=alliance.coordinator)
    )
    from_reports = Q(source=Recommendation.Source.REPORT)
    if alliance.country:
        from_reports &= Q(country=alliance.country)
    return (
        visible_recommendations(user)
        .filter(from_statements | from_reports, issued_on__lte=last)
        .select_related("statement__event")
        .order_by("issued_on", "reference", "pk")
        .distinct()
    )


def statuses_on(recommendations: list[Recommendation], day: datetime.date) -> dict[int, str]:
    """Each recommendation's status on `day`: its latest progress update by then.

    A recommendation without an update by then had not started.
    """
    found = dict.fromkeys((r.pk for r in recommendations), str(Status.NOT_STARTED))
    updates = (
        RecommendationUpdate.objects.filter(
            recommendation__in=recommendations, reported_on__lte=day
        )
        .order_by("recommendation", "reported_on", "pk")
        .values_list("recommendation", "status")
    )
    for recommendation_id, status in updates:
        found[recommendation_id] = status
    return found


@dataclass(frozen=True)
class MembershipYear:
    at_start: YearMembers
    at_end: YearMembers
    members: list[Membership]
    joined: list[Membership]
    left: list[Membership]


def membership_year(alliance: Alliance, year: int) -> MembershipYear:
    """Members at the start and end of the year, and who joined and left during it.

    The counts are the alliance's recorded figures where it recorded them (the previous
    year's for the start), else its member records (`members_at_year_end`).
    """
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    memberships = alliance.memberships.select_related("organisation", "person")
    return MembershipYear(
        at_start=members_at_year_end(alliance, year - 1),
        at_end=members_at_year_end(alliance, year),
        members=list(members_on(alliance, last).order_by("joined_on", "pk")),
        joined=list(
            memberships.filter(joined_on__gte=first, joined_on__lte=last).order_by(
                "joined_on", "pk"
            )
        ),
        left=list(
            memberships.filter(left_on__gte=first, left_on__lte=last).order_by("left_on", "pk")
        ),
    )


# What the report form offers to choose, by name: only what the user may see.


def plan_options(user: Any) -> list[tuple[int, str]]:
    return [(plan.pk, str(plan)) for plan in plan_list(user=user).order_by("title", "pk")]


def review_options(user: Any) -> list[tuple[int, str]]:
    return [(review.pk, str(review)) for review in review_selectors.review_list(user=user)]


def alliance_options(user: Any) -> list[tuple[int, str]]:
    return [(alliance.pk, alliance.name) for alliance in alliance_list(user=user)]
