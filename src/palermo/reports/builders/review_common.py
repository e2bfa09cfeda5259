"""What the three review reports share: loading the review from parameters, and its cover."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.instruments.models import State
from palermo.reports.builders import selectors
from palermo.reports.builders.common import day, generated_on
from palermo.reports.builders.permissions import NOT_ALLOWED, can_generate_review_report
from palermo.reports.document import Document
from palermo.reports.registry import Param, Params
from palermo.reviews.models import AnswerStatus, Observation, Review

REVIEW_PARAMS = (Param("review", gettext_lazy("Review"), int, options=selectors.review_options),)


def review_from(params: Params) -> Review | None:
    value = params.get("review")
    return selectors.review_for_report(value) if isinstance(value, int) else None


def review_or_refuse(user: Any, params: Params) -> Review:
    """The review of the parameters, if it still exists and the user may report on it."""
    review = review_from(params)
    if review is None:
        raise Review.DoesNotExist
    check(user, review)
    return review


def can_generate(user: Any, params: Params) -> bool:
    review = review_from(params)
    return review is not None and can_generate_review_report(user, review)


def review_state(params: Params) -> State | None:
    review = review_from(params)
    return review.state if review else None


def describe(params: Params) -> str:
    review = review_from(params)
    return str(review) if review else ""


def hold_review(document: Document, review: Review, answers: Iterable[Any]) -> None:
    """Note the review and each answer printed, a draft apart from an approved version."""
    document.hold("review", review.pk)
    for reported in answers:
        answer = getattr(reported, "answer", reported)
        approved = getattr(reported, "approved", answer.status == AnswerStatus.APPROVED)
        document.hold("answer" if approved else "draft_answer", answer.pk)


def check(user: Any, review: Review) -> None:
    if not can_generate_review_report(user, review):
        raise PermissionDenied(NOT_ALLOWED)


def subtitle(review: Review) -> str:
    return f"{review.state.display_name} — {review.cluster}"


def cover_details(review: Review) -> tuple[tuple[str, str], ...]:
    reviewers = ", ".join(
        dict.fromkeys(draw.state.display_name for draw in review.reviewers.select_related("state"))
    )
    return (
        (_("State"), review.state.display_name),
        (_("Cluster"), str(review.cluster)),
        (_("Cycle"), str(review.cycle)),
        (_("Year"), str(review.year)),
        (_("Version"), str(review.version)),
        (_("Submitted on"), day(review.submitted_at) or _("Not submitted yet")),
        (_("Phase"), str(review.get_phase_display())),
        (_("Reviewing States"), reviewers or _("Not drawn yet")),
        generated_on(),
    )


def reviewer_of(observation: Observation) -> str:
    state = observation.reviewing_state
    return state.display_name if state else _("Reviewer")


def observation_rows(observation: Observation) -> list[tuple[str, str, str, str, str]]:
    """One row per reply (at least one), the observation's own cells on the first only."""
    replies = [
        _("%(who)s, %(date)s: %(text)s")
        % {
            "who": _("State under review") if reply.from_state_under_review else _("Reviewer"),
            "date": day(reply.created_at),
            "text": reply.text,
        }
        for reply in observation.replies.all()
    ]
    first = (
        reviewer_of(observation),
        str(observation.get_kind_display()),
        str(observation.get_status_display()),
        observation.text,
        replies[0] if replies else _("No reply yet."),
    )
    return [first, *(("", "", "", "", reply) for reply in replies[1:])]


def observation_columns() -> tuple[str, ...]:
    return (_("Reviewer"), _("Kind"), _("Status"), _("Observation"), _("Replies"))
