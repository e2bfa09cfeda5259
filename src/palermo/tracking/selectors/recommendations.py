"""Reads of recommendations: the filtered list, the board by status, and counts."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from palermo.core.models import AuditEvent
from palermo.core.permissions import is_active_user
from palermo.core.scope import scope_filter
from palermo.engagement.models import Organisation, Statement
from palermo.engagement.selectors.events import statement_list
from palermo.instruments.models import Article
from palermo.reviews.models import Observation, Review
from palermo.reviews.permissions import can_read_observations
from palermo.tracking.models import (
    ActionPlan,
    Recommendation,
    RecommendationUpdate,
    Status,
    Theme,
)

FILTERS = (
    "search",
    "source",
    "status",
    "priority",
    "theme",
    "article",
    "body",
    "sdg",
    "year",
    "statement_id",
    "observation_id",
    "action_plan_id",
)


def visible_recommendations(user: Any) -> QuerySet[Recommendation]:
    """The recommendations addressed to the user's State (every State for a superuser)."""
    return Recommendation.objects.filter(scope_filter(user))


def article_by_code(code: str) -> Article | None:
    """The article addressed as "untoc:5" (None when there is no such article)."""
    instrument, _sep, number = code.strip().partition(":")
    if not number.isdigit():
        return None
    return (
        Article.objects.select_related("instrument")
        .filter(instrument__code=instrument.lower(), number=int(number))
        .first()
    )


def recommendation_list(
    *,
    user: Any,
    search: str = "",
    source: str = "",
    status: str = "",
    priority: str = "",
    theme: str = "",
    article: str = "",
    body: int | None = None,
    sdg: str = "",
    year: int | None = None,
    statement_id: int | None = None,
    observation_id: int | None = None,
    action_plan_id: int | None = None,
) -> QuerySet[Recommendation]:
    """The recommendations the user may see, filtered by any of their fields.

    `theme` is a theme's code, `article` an article's code ("tip:5"), `body` an
    organisation's id, `sdg` a target's code ("16.4").
    """
    recommendations = visible_recommendations(user)
    if search:
        recommendations = recommendations.filter(
            Q(title__icontains=search)
            | Q(text__icontains=search)
            | Q(reference__iexact=search)
            | Q(source_title__icontains=search)
        )
    if source:
        recommendations = recommendations.filter(source=source)
    if status:
        recommendations = recommendations.filter(status=status)
    if priority:
        recommendations = recommendations.filter(priority=priority)
    if theme:
        recommendations = recommendations.filter(themes__code=theme)
    if article:
        found = article_by_code(article)
        recommendations = (
            recommendations.filter(articles=found) if found else recommendations.none()
        )
    if body:
        recommendations = recommendations.filter(responsible_bodies__pk=body)
    if sdg:
        recommendations = recommendations.filter(sdg_targets__code=sdg)
    if year:
        recommendations = recommendations.filter(issued_on__year=year)
    if statement_id:
        recommendations = recommendations.filter(statement_id=statement_id)
    if observation_id:
        recommendations = recommendations.filter(observation_id=observation_id)
    if action_plan_id:
        recommendations = recommendations.filter(action_plan_id=action_plan_id)
    return (
        recommendations.select_related("statement", "observation", "action_plan")
        .prefetch_related("themes", "responsible_bodies", "articles__instrument", "sdg_targets")
        .distinct()
    )


def recommendation_filter_bodies(
    *, user: Any, organisations: QuerySet[Organisation]
) -> QuerySet[Organisation]:
    """Of the organisations the user may see, those responsible for a visible recommendation.

    The list's filter offers what can match, not the whole registry.
    """
    links = Recommendation.responsible_bodies.through.objects.filter(
        recommendation__in=visible_recommendations(user)
    )
    # The filter names them: none of the registry's prefetched details is needed.
    return organisations.filter(pk__in=links.values("organisation_id")).prefetch_related(None)


def recommendation_filter_articles(*, user: Any) -> QuerySet[Article]:
    """The articles recommendations the user may see refer to, for the list's filter."""
    links = Recommendation.articles.through.objects.filter(
        recommendation__in=visible_recommendations(user)
    )
    return Article.objects.select_related("instrument").filter(pk__in=links.values("article_id"))


def recommendation_years(*, user: Any) -> list[int]:
    dates = visible_recommendations(user).dates("issued_on", "year", order="DESC")
    return [day.year for day in dates]


@dataclass(frozen=True)
class BoardColumn:
    status: str
    label: str
    recommendations: list[Recommendation]


def recommendation_board(*, user: Any, **filters: Any) -> list[BoardColumn]:
    """The recommendations in one column per status, in the order of `Status`."""
    by_status: dict[str, list[Recommendation]] = defaultdict(list)
    for recommendation in recommendation_list(user=user, **filters).order_by(
        "reference", "issued_on", "pk"
    ):
        by_status[recommendation.status].append(recommendation)
    return [
        BoardColumn(str(value), str(label), by_status.get(value, []))
        for value, label in Status.choices
    ]


@dataclass
class CountRow:
    """How many recommendations one theme (or body) has, in total and per status."""

    key: str
    label: str
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def cells(self) -> list[int]:
        """The counts in the order of `Status`, for a table."""
        return [self.by_status.get(value, 0) for value in Status.values]


def _count_rows(
    queryset: QuerySet[Recommendation], relation: str, labels: dict[Any, str]
) -> list[CountRow]:
    pairs = (
        Recommendation.objects.filter(pk__in=queryset.values("pk"))
        .values_list(relation, "status")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    rows: dict[Any, CountRow] = {}
    for key, status, count in pairs:
        row = rows.setdefault(key, CountRow(str(key or ""), labels.get(key, "")))
        row.total += count
        row.by_status[status] = row.by_status.get(status, 0) + count
    ordered = sorted(
        (row for key, row in rows.items() if key is not None), key=lambda r: (-r.total, r.label)
    )
    if None in rows:
        ordered.append(rows[None])
    return ordered


def counts_by_theme(*, user: Any, **filters: Any) -> list[CountRow]:
    """Per theme; recommendations without a theme come last, under an empty key."""
    labels: dict[Any, str] = {theme.pk: theme.name for theme in Theme.objects.all()}
    rows = _count_rows(recommendation_list(user=user, **filters), "themes", labels)
    codes = dict(Theme.objects.values_list("pk", "code"))
    for row in rows:
        if row.key:
            row.key = codes[int(row.key)]
    return rows


def counts_by_body(*, user: Any, **filters: Any) -> list[CountRow]:
    """Per responsible body (its id as key); recommendations without one come last."""
    recommendations = recommendation_list(user=user, **filters)
    labels: dict[Any, str] = {
        body.pk: body.name
        for body in Organisation.objects.filter(recommendations__in=recommendations).distinct()
    }
    return _count_rows(recommendations, "responsible_bodies", labels)


def status_totals(*, user: Any, **filters: Any) -> CountRow:
    """All the recommendations found, per status."""
    row = CountRow("", "")
    pairs = (
        Recommendation.objects.filter(pk__in=recommendation_list(user=user, **filters).values("pk"))
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for status, count in pairs:
        row.by_status[status] = count
        row.total += count
    return row


def recommendation_updates(recommendation: Recommendation) -> QuerySet[RecommendationUpdate]:
    """The progress updates, newest first."""
    return recommendation.updates.select_related("author").order_by("-reported_on", "-pk")


def recommendation_history(recommendation: Recommendation) -> QuerySet[AuditEvent]:
    """The audit events of the recommendation and of its progress updates, newest first."""
    update_ids = [str(pk) for pk in recommendation.updates.values_list("pk", flat=True)]
    return AuditEvent.objects.filter(
        Q(object_type="tracking.recommendation", object_id=str(recommendation.pk))
        | Q(object_type="tracking.recommendationupdate", object_id__in=update_ids)
    ).order_by("-at", "-id")


def linkable_statements(user: Any) -> QuerySet[Statement]:
    """Statements a recommendation of the user's State may come from."""
    return statement_list(user=user).filter(scope_filter(user, "event__country"))


def linkable_observations(user: Any) -> QuerySet[Observation]:
    """Observations of the reviews of the user's State that the user may read."""
    if not is_active_user(user):
        return Observation.objects.none()
    reviews = Review.objects.select_related("state").filter(scope_filter(user, "state__iso3"))
    readable = [review.pk for review in reviews if can_read_observations(user, review)]
    return Observation.objects.filter(review_id__in=readable).select_related(
        "review__state", "article__instrument"
    )


def linkable_plans(user: Any) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(scope_filter(user))
