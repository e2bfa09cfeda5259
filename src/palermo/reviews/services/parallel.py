"""Civil society's parallel questionnaire: organisations' submissions, their consolidation."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from palermo.core.audit import audit_created, audit_record, diff, snapshot
from palermo.core.exceptions import ConflictError
from palermo.core.models import AuditEvent, User
from palermo.core.notifications import notify
from palermo.core.permissions import require
from palermo.instruments.models import Article
from palermo.reviews import messages, permissions
from palermo.reviews.models import (
    Assessment,
    ConsolidatedAssessment,
    ParallelAssessment,
    ParallelSubmission,
    Review,
)
from palermo.reviews.services.common import path

ASSESSMENT_FIELDS = ("assessment", "evidence", "sources", "recommendations")


@transaction.atomic
def parallel_save(
    *, actor: User, review: Review, assessments: dict[Article, dict[str, str]]
) -> ParallelSubmission:
    """Save the actor's organisation's draft assessments (blank assessment: article skipped)."""
    require(permissions.can_submit_parallel(actor, review))
    if actor.organisation is None:
        raise ValidationError(messages.NO_ORGANISATION)
    submission, created = ParallelSubmission.objects.select_for_update().get_or_create(
        review=review, organisation=actor.organisation
    )
    if created:
        audit_created(actor=actor, obj=submission)
    if submission.status == ParallelSubmission.Status.SUBMITTED:
        raise ConflictError(messages.SUBMISSION_LOCKED)
    in_review = set(review.answers.values_list("article_id", flat=True))
    for article, values in assessments.items():
        if article.pk not in in_review:
            raise ValidationError({"article": f"{article.code} is not part of this review."})
        existing = submission.assessments.filter(article=article).first()
        if not values.get("assessment"):
            if existing is not None:
                existing.delete()
            continue
        if values["assessment"] not in Assessment.values:
            raise ValidationError({"assessment": f"{values['assessment']!r} is not an assessment."})
        record = existing or ParallelAssessment(submission=submission, article=article)
        before = (
            snapshot(record, ASSESSMENT_FIELDS) if existing else dict.fromkeys(ASSESSMENT_FIELDS)
        )
        for field in ASSESSMENT_FIELDS:
            setattr(record, field, (values.get(field) or "").strip())
        record.full_clean()
        record.save()
        changes = diff(before, snapshot(record, ASSESSMENT_FIELDS))
        if changes:
            audit_record(actor=actor, action=AuditEvent.Action.UPDATE, obj=record, changes=changes)
    submission.submitted_by = actor
    submission.updated_at = timezone.now()
    submission.save(update_fields=["submitted_by", "updated_at"])
    return submission


@transaction.atomic
def parallel_submit(*, actor: User, submission: ParallelSubmission) -> ParallelSubmission:
    submission = (
        ParallelSubmission.objects.select_for_update()
        .select_related("review__state")
        .get(pk=submission.pk)
    )
    require(permissions.can_edit_parallel(actor, submission))
    if not submission.assessments.exists():
        raise ValidationError(messages.NOTHING_TO_SUBMIT)
    submission.status = ParallelSubmission.Status.SUBMITTED
    submission.submitted_by, submission.submitted_at = actor, timezone.now()
    submission.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=submission,
        changes={"status": ["draft", "submitted"]},
    )
    from palermo.reviews.selectors.people import review_coordinators

    notify(
        review_coordinators(submission.review),
        messages.NOTIFY_PARALLEL_SUBMITTED,
        path("reviews:civil-society", submission.review_id),
        {"organisation": submission.organisation, "review": submission.review},
    )
    return submission


@transaction.atomic
def consolidation_save(
    *, actor: User, review: Review, article: Article, **values: Any
) -> ConsolidatedAssessment:
    """The coordinator's consolidated assessment of one article for the parallel report."""
    require(permissions.can_consolidate(actor, review))
    record = ConsolidatedAssessment.objects.filter(review=review, article=article).first()
    fields = ("assessment", "summary", "evidence", "recommendations")
    before = snapshot(record, fields) if record else dict.fromkeys(fields)
    record = record or ConsolidatedAssessment(review=review, article=article)
    for field in fields:
        setattr(record, field, (values.get(field) or "").strip())
    record.updated_by, record.updated_at = actor, timezone.now()
    record.full_clean()
    record.save()
    changes = diff(before, snapshot(record, fields))
    if changes:
        audit_record(actor=actor, action=AuditEvent.Action.UPDATE, obj=record, changes=changes)
    return record
