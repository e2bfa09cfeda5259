"""Who may do what in a review. Deny by default; services, pages and the API all ask here."""

from typing import Any

from palermo.core.permissions import has_role, has_scoped_role, is_active_user
from palermo.core.roles import Role
from palermo.core.scope import is_own_state
from palermo.reviews import messages
from palermo.reviews.models import AnswerStatus, ArticleAnswer, ParallelSubmission, Phase, Review

REVIEW_SCOPE = "reviews.review"
PEER_REVIEW_PHASES = {Phase.SUBMITTED, Phase.UNDER_PEER_REVIEW}
AFTER_SUBMISSION = {
    Phase.SUBMITTED,
    Phase.UNDER_PEER_REVIEW,
    Phase.OBSERVATIONS_AGREED,
    Phase.CONCLUDED,
}
# Once agreed, the list of observations is no longer the reviewers' working papers.
OBSERVATIONS_PUBLIC = {Phase.OBSERVATIONS_AGREED, Phase.CONCLUDED}
STATE_ROLES = (
    Role.SECRETARIAT,
    Role.FOCAL_PERSON,
    Role.CS_COORDINATOR,
    Role.CS_MEMBER,
    Role.PLAN_MONITOR,
    Role.ANALYST,
)


def _same_state(user: Any, review: Review) -> bool:
    return is_own_state(user, review.state.iso3)


def _scoped(user: Any, role: Role, review: Review) -> bool:
    # Reviewers and observers are attached to one review each: a grant without scope gives none.
    return has_scoped_role(user, role, scope_type=REVIEW_SCOPE, scope_id=str(review.pk))


def is_review_secretariat(user: Any, review: Review) -> bool:
    if not is_active_user(user):
        return False
    return user.is_superuser or (has_role(user, Role.SECRETARIAT) and _same_state(user, review))


def is_focal_person(user: Any, review: Review) -> bool:
    return is_active_user(user) and has_role(user, Role.FOCAL_PERSON) and _same_state(user, review)


def is_government(user: Any, review: Review) -> bool:
    return is_review_secretariat(user, review) or is_focal_person(user, review)


def is_reviewer(user: Any, review: Review) -> bool:
    return is_active_user(user) and _scoped(user, Role.PEER_REVIEWER, review)


def is_observer(user: Any, review: Review) -> bool:
    return is_active_user(user) and _scoped(user, Role.OBSERVER, review)


def is_cs_coordinator(user: Any, review: Review) -> bool:
    """A civil-society coordinator of the State under review."""
    return (
        is_active_user(user) and has_role(user, Role.CS_COORDINATOR) and _same_state(user, review)
    )


def is_civil_society(user: Any, review: Review) -> bool:
    return is_cs_coordinator(user, review) or (
        is_active_user(user) and has_role(user, Role.CS_MEMBER) and _same_state(user, review)
    )


def can_view_review(user: Any, review: Review) -> bool:
    if not is_active_user(user):
        return False
    if (
        is_review_secretariat(user, review)
        or is_reviewer(user, review)
        or is_observer(user, review)
    ):
        return True
    return _same_state(user, review) and any(has_role(user, role) for role in STATE_ROLES)


def can_open_review(user: Any, state_iso3: str) -> bool:
    if not is_active_user(user):
        return False
    return user.is_superuser or (
        has_role(user, Role.SECRETARIAT) and is_own_state(user, state_iso3)
    )


def can_manage_review(user: Any, review: Review) -> bool:
    """Assign articles, edit questions, set reviewers, move phases, share drafts."""
    return is_review_secretariat(user, review)


def can_read_drafts(user: Any, review: Review) -> bool:
    return is_government(user, review)


def can_read_answer(user: Any, answer: ArticleAnswer) -> bool:
    review = answer.review
    if can_read_drafts(user, review):
        return True
    if review.phase in AFTER_SUBMISSION and can_view_review(user, review):
        return True
    return answer.shared_with_civil_society and is_civil_society(user, review)


def can_edit_answer(user: Any, answer: ArticleAnswer) -> bool:
    review = answer.review
    if not review.is_editable:
        return False
    if is_review_secretariat(user, review):
        return True
    if not is_focal_person(user, review):
        return False
    own_body = (
        answer.assigned_body_id is not None and answer.assigned_body_id == user.organisation_id
    )
    return bool(own_body or answer.assignee_id == user.pk)


def can_approve_answer(user: Any, answer: ArticleAnswer) -> bool:
    return answer.review.is_editable and is_review_secretariat(user, answer.review)


def answer_lock(user: Any, answer: ArticleAnswer) -> str:
    """Why the approval workflow keeps this drafter from changing the answer now ("" if not).

    Sent or approved answers wait for the secretariat, who may still change them.
    """
    if can_approve_answer(user, answer):
        return ""
    if answer.status == AnswerStatus.APPROVED:
        return str(messages.ANSWER_APPROVED_LOCKED)
    if answer.status == AnswerStatus.FOR_APPROVAL:
        return str(messages.ANSWER_AWAITS_APPROVAL_LOCKED)
    return ""


def can_change_answer(user: Any, answer: ArticleAnswer) -> bool:
    """Whether the user may save this answer now."""
    return can_edit_answer(user, answer) and not answer_lock(user, answer)


def can_submit_review(user: Any, review: Review) -> bool:
    return is_review_secretariat(user, review)


def can_read_observations(user: Any, review: Review) -> bool:
    if is_government(user, review) or is_reviewer(user, review) or is_observer(user, review):
        return True
    return review.phase in OBSERVATIONS_PUBLIC and can_view_review(user, review)


def can_observe(user: Any, review: Review) -> bool:
    return review.phase in PEER_REVIEW_PHASES and is_reviewer(user, review)


def can_reply_observation(user: Any, review: Review) -> bool:
    """The State under review replies; reviewers may follow up in the same thread."""
    if review.phase not in PEER_REVIEW_PHASES:
        return False
    return is_government(user, review) or is_reviewer(user, review)


def can_close_observation(user: Any, review: Review) -> bool:
    return review.phase in PEER_REVIEW_PHASES and is_reviewer(user, review)


def can_submit_parallel(user: Any, review: Review) -> bool:
    return is_civil_society(user, review) and user.organisation_id is not None


def can_read_parallel(user: Any, submission: ParallelSubmission) -> bool:
    review = submission.review
    if is_cs_coordinator(user, review):
        return True
    return is_civil_society(user, review) and bool(
        user.organisation_id == submission.organisation_id
    )


def can_edit_parallel(user: Any, submission: ParallelSubmission) -> bool:
    return (
        submission.status == ParallelSubmission.Status.DRAFT
        and is_civil_society(user, submission.review)
        and user.organisation_id == submission.organisation_id
    )


def can_consolidate(user: Any, review: Review) -> bool:
    return is_cs_coordinator(user, review)


def can_open_civil_society(user: Any, review: Review) -> bool:
    """Civil society's side of a review: its organisations submit, its coordinator consolidates.

    The page and the API's list of submissions open to the same people (others get 403).
    """
    return can_submit_parallel(user, review) or can_consolidate(user, review)


def can_comment_answer(user: Any, answer: ArticleAnswer) -> bool:
    return answer.shared_with_civil_society and is_civil_society(user, answer.review)
