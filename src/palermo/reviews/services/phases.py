import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from palermo.core.audit import audit_record
from palermo.core.exceptions import ConflictError
from palermo.core.models import AuditEvent, User
from palermo.core.notifications import notify
from palermo.core.permissions import require
from palermo.reviews import messages, permissions
from palermo.reviews.models import AnswerStatus, Milestone, Phase, Review
from palermo.reviews.services.common import add_months, path

# The moves `review_advance` makes; submission and reopening have their own services.
NEXT_PHASE = {
    Phase.DRAFTING: Phase.INTERNAL_APPROVAL,
    Phase.SUBMITTED: Phase.UNDER_PEER_REVIEW,
    Phase.UNDER_PEER_REVIEW: Phase.OBSERVATIONS_AGREED,
    Phase.OBSERVATIONS_AGREED: Phase.CONCLUDED,
}


def _phase_change(actor: User | None, review: Review, to: Phase, **extra: object) -> None:
    before = review.phase
    review.phase = to
    review.full_clean()
    review.save()
    changes: dict[str, list[object]] = {"phase": [before, to.value]}
    changes.update({key: [None, value] for key, value in extra.items()})
    audit_record(actor=actor, action=AuditEvent.Action.UPDATE, obj=review, changes=changes)


def _milestone_done(review: Review, kind: Milestone.Kind, when: datetime.datetime) -> None:
    Milestone.objects.filter(review=review, kind=kind, done_at__isnull=True).update(done_at=when)


@transaction.atomic
def review_submit(*, actor: User | None, review: Review) -> Review:
    """Submit the approved answers to the reviewers; from now on they are locked."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if actor is not None:
        require(permissions.can_submit_review(actor, review))
    if not review.is_editable:
        raise ConflictError(messages.WRONG_PHASE % {"phase": review.get_phase_display()})
    missing = [
        a.article.code
        for a in review.answers.select_related("article__instrument")
        if a.status != AnswerStatus.APPROVED
    ]
    if missing:
        raise ValidationError(messages.UNAPPROVED_ARTICLES % {"articles": ", ".join(missing)})
    now = timezone.now()
    review.submitted_at = now
    _phase_change(actor, review, Phase.SUBMITTED, version=review.version)
    _milestone_done(review, Milestone.Kind.SELF_ASSESSMENT, now)
    Milestone.objects.filter(review=review, kind=Milestone.Kind.REVIEWER_FEEDBACK).update(
        due=add_months(timezone.localdate(), 6)
    )
    from palermo.reviews.selectors.people import review_participants

    notify(
        review_participants(review),
        messages.NOTIFY_SUBMITTED,
        path("reviews:review-detail", review.pk),
        {"review": review},
    )
    return review


@transaction.atomic
def review_advance(*, actor: User | None, review: Review) -> Review:
    """Move a review to its next phase (drafting → approval, submitted → peer review, ...)."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if actor is not None:
        require(permissions.can_manage_review(actor, review))
    target = NEXT_PHASE.get(Phase(review.phase))
    if target is None:
        raise ConflictError(messages.WRONG_PHASE % {"phase": review.get_phase_display()})
    _phase_change(actor, review, target)
    if target == Phase.OBSERVATIONS_AGREED:
        now = timezone.now()
        _milestone_done(review, Milestone.Kind.REVIEWER_FEEDBACK, now)
        _milestone_done(review, Milestone.Kind.OBSERVATIONS, now)
    return review


@transaction.atomic
def review_reopen(*, actor: User | None, review: Review, reason: str) -> Review:
    """Open a new version of a submitted review so the State can correct its answers."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if actor is not None:
        require(permissions.can_manage_review(actor, review))
    if not review.is_reopenable:
        raise ConflictError(messages.WRONG_PHASE % {"phase": review.get_phase_display()})
    if not reason.strip():
        raise ValidationError({"reason": messages.REOPEN_NEEDS_REASON})
    review.version += 1
    review.reopen_reason = reason.strip()
    _phase_change(
        actor, review, Phase.DRAFTING, version=review.version, reason=review.reopen_reason
    )
    return review


@transaction.atomic
def milestone_set(
    *, actor: User | None, milestone: Milestone, due: datetime.date | None
) -> Milestone:
    """The secretariat sets or moves a deadline of its review."""
    if actor is not None:
        require(permissions.can_manage_review(actor, milestone.review))
    before = milestone.due
    milestone.due = due
    milestone.full_clean()
    milestone.save(update_fields=["due"])
    if before != due:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=milestone,
            changes={"due": [str(before) if before else None, str(due) if due else None]},
        )
    return milestone
