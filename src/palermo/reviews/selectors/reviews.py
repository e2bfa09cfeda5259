"""Reviews the user may see, their questionnaire and their history."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from palermo.core.models import AuditEvent
from palermo.core.permissions import has_role, is_active_user, scoped_record_ids
from palermo.core.roles import Role
from palermo.core.scope import own_state_filter
from palermo.reviews import permissions
from palermo.reviews.models import (
    AnswerStatus,
    Milestone,
    Question,
    Review,
    ReviewerDraw,
)


def review_list(*, user: Any) -> QuerySet[Review]:
    """Reviews of the user's State, and those the user reviews or observes, with their counts."""
    return visible_reviews(user=user).annotate(
        article_count=Count("answers", distinct=True),
        approved_count=Count(
            "answers", filter=Q(answers__status=AnswerStatus.APPROVED), distinct=True
        ),
    )


def visible_reviews(*, user: Any) -> QuerySet[Review]:
    """`review_list` without the answer counts, for readers that do not show them."""
    if not is_active_user(user):
        return Review.objects.none()
    reviews = Review.objects.select_related("state", "cluster")
    if user.is_superuser:
        return reviews
    # The grants are read once per request and kept on the user (core.permissions).
    scoped = scoped_record_ids(
        user, [Role.PEER_REVIEWER, Role.OBSERVER], scope_type=permissions.REVIEW_SCOPE
    )
    own_state = (
        own_state_filter(user, "state__iso3")
        if any(has_role(user, role) for role in permissions.STATE_ROLES)
        else Q(pk__in=[])
    )
    return reviews.filter(own_state | Q(pk__in=sorted(int(i) for i in scoped if i.isdigit())))


def review_get(*, user: Any, review_id: int) -> Review:
    # One review: its milestones in date order and its reviewers with their State and
    # instrument, each in one query (the models' orderings join the review's own tables).
    review = (
        Review.objects.select_related("state", "cluster")
        .prefetch_related(
            "instruments",
            Prefetch("milestones", queryset=Milestone.objects.order_by("due", "id")),
            Prefetch(
                "reviewers",
                queryset=ReviewerDraw.objects.select_related("state", "instrument").order_by(
                    "instrument__position", "group"
                ),
            ),
        )
        .filter(pk=review_id)
        .first()
    )
    if review is None or not permissions.can_view_review(user, review):
        raise Http404("No such review.")
    return review


def questions_for(review: Review) -> dict[int, list[Question]]:
    """The questionnaire, by article id."""
    grouped: dict[int, list[Question]] = {}
    for question in review.questions.select_related("article__instrument"):
        grouped.setdefault(question.article_id, []).append(question)
    return grouped


def review_history(*, user: Any, review: Review, limit: int = 30) -> list[AuditEvent]:
    """The review's latest changes, for those who manage it."""
    if not permissions.can_manage_review(user, review):
        return []
    events = AuditEvent.objects.filter(object_type="reviews.review", object_id=str(review.pk))
    return list(events[:limit])
