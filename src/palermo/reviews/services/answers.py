from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from palermo.core.audit import audit_created, audit_record, diff, snapshot
from palermo.core.exceptions import ConflictError
from palermo.core.models import AuditEvent, User
from palermo.core.notifications import notify
from palermo.core.permissions import require
from palermo.instruments.models import Provision
from palermo.reviews import messages, permissions
from palermo.reviews.models import AnswerComment, AnswerStatus, ArticleAnswer, Question
from palermo.reviews.selectors import people as people_selectors
from palermo.reviews.services.common import path

AUDITED_FIELDS = [
    "status",
    "compliance",
    "responses",
    "assigned_body",
    "assignee",
    "shared_with_civil_society",
]
DECIDABLE = {AnswerStatus.DRAFT, AnswerStatus.FOR_APPROVAL, AnswerStatus.RETURNED}


def _save(
    actor: User | None, answer: ArticleAnswer, reason: str, before: dict[str, Any]
) -> ArticleAnswer:
    answer.version += 1
    answer.updated_by = actor
    answer.updated_at = timezone.now()
    answer._history_user = actor  # type: ignore[attr-defined]  # read by django-simple-history
    answer._change_reason = reason  # type: ignore[attr-defined]
    answer.full_clean()
    answer.save()
    changes = diff(before, snapshot(answer, AUDITED_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=answer,
            object_repr=f"{answer} ({answer.review})",
            changes=changes,
        )
    return answer


def _fresh(answers: Sequence[ArticleAnswer]) -> list[ArticleAnswer]:
    """Reload and lock the rows: decisions are taken on the current state, not a stale copy."""
    ids = [answer.pk for answer in answers]
    rows = ArticleAnswer.objects.select_for_update().filter(pk__in=ids)
    loaded = {a.pk: a for a in rows.select_related("review__state", "article__instrument")}
    return [loaded[pk] for pk in ids]


def _locked(answer: ArticleAnswer) -> None:
    if not answer.review.is_editable:
        raise ConflictError(messages.REVIEW_LOCKED)


@transaction.atomic
def answer_assign(
    *, actor: User | None, answers: Sequence[ArticleAnswer], body: Any, assignee: User | None = None
) -> list[ArticleAnswer]:
    """Give articles to a government body (and optionally one person) to draft."""
    answers = _fresh(answers)
    for answer in answers:
        _locked(answer)
        if actor is not None:
            require(permissions.can_manage_review(actor, answer.review))
        if body is not None and not people_selectors.assignable_bodies(answer.review).contains(
            body
        ):
            raise ValidationError({"body": messages.BODY_NOT_ASSIGNABLE})
        if assignee is not None and not people_selectors.assignable_people(answer.review).contains(
            assignee
        ):
            raise ValidationError({"assignee": messages.ASSIGNEE_NOT_ASSIGNABLE})
        before = snapshot(answer, AUDITED_FIELDS)
        answer.assigned_body = body
        answer.assignee = assignee
        _save(actor, answer, "assigned", before)
    if answers:
        review = answers[0].review
        codes = ", ".join(a.article.code for a in answers)
        recipients: list[User | None] = (
            [assignee] if assignee else list(body.users.all()) if body else []
        )
        notify(
            recipients,
            messages.NOTIFY_DRAFT_ASKED,
            path("reviews:review-detail", review.pk),
            {"articles": codes, "review": review},
        )
    return list(answers)


@transaction.atomic
def answer_save(
    *,
    actor: User | None,
    answer: ArticleAnswer,
    expected_version: int,
    compliance: str = "",
    responses: dict[str, str] | None = None,
    provisions: Iterable[Provision] = (),
    send: bool = False,
) -> ArticleAnswer:
    """Save a draft; refuse if someone saved a newer version since `expected_version`.

    With `send`, the saved draft goes to the secretariat for approval in the same version.
    """
    answer = (
        ArticleAnswer.objects.select_for_update()
        .select_related("review__state", "article")
        .get(pk=answer.pk)
    )
    _locked(answer)
    if actor is not None:
        require(permissions.can_edit_answer(actor, answer))
        lock = permissions.answer_lock(actor, answer)
        if lock:
            raise ConflictError(lock)
    if answer.version != expected_version:
        who = (
            answer.updated_by.get_full_name() or answer.updated_by.username
            if answer.updated_by
            else "Someone"
        )
        raise ConflictError(
            messages.ANSWER_CHANGED_MEANWHILE
            % {
                "name": who,
                "time": date_format(timezone.localtime(answer.updated_at), "SHORT_DATETIME_FORMAT"),
            }
        )
    responses = {
        key: value.strip() for key, value in (responses or {}).items() if value is not None
    }
    keys = set(
        Question.objects.filter(review=answer.review, article=answer.article).values_list(
            "key", flat=True
        )
    )
    unknown = sorted(set(responses) - keys)
    if unknown:
        raise ValidationError(
            {"responses": messages.UNKNOWN_QUESTIONS % {"keys": ", ".join(unknown)}}
        )
    provisions = list(provisions)
    if any(p.law.state_id != answer.review.state_id for p in provisions):
        raise ValidationError({"provisions": messages.FOREIGN_PROVISIONS})
    before = snapshot(answer, AUDITED_FIELDS)
    before_provisions = sorted(answer.provisions.values_list("pk", flat=True))
    answer.compliance = compliance
    answer.responses = {key: value for key, value in responses.items() if value}
    if answer.status in {AnswerStatus.NOT_STARTED, AnswerStatus.RETURNED, AnswerStatus.APPROVED}:
        answer.status = AnswerStatus.DRAFT
    if send:
        if answer.status != AnswerStatus.DRAFT:
            raise ConflictError(messages.NOT_APPROVABLE)
        answer.status = AnswerStatus.FOR_APPROVAL
    after_provisions = sorted(p.pk for p in provisions)
    if after_provisions != before_provisions:
        # One version per save: the history row written by the save below holds the new
        # provisions, so the change of the list itself writes none.
        answer.skip_history_when_saving = True  # type: ignore[attr-defined]
        answer.provisions.set(provisions)
        del answer.skip_history_when_saving  # type: ignore[attr-defined]
    _save(actor, answer, "saved and sent for approval" if send else "saved", before)
    if send:
        _ask_for_approval(answer)
    if after_provisions != before_provisions:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=answer,
            object_repr=f"{answer} ({answer.review})",
            changes={"provisions": [before_provisions, after_provisions]},
        )
    return answer


@transaction.atomic
def answer_send_for_approval(*, actor: User | None, answer: ArticleAnswer) -> ArticleAnswer:
    (answer,) = _fresh([answer])
    _locked(answer)
    if actor is not None:
        require(permissions.can_edit_answer(actor, answer))
    if answer.status not in {AnswerStatus.DRAFT, AnswerStatus.RETURNED}:
        raise ConflictError(messages.NOT_APPROVABLE)
    before = snapshot(answer, AUDITED_FIELDS)
    answer.status = AnswerStatus.FOR_APPROVAL
    _save(actor, answer, "sent for approval", before)
    _ask_for_approval(answer)
    return answer


def _ask_for_approval(answer: ArticleAnswer) -> None:
    from palermo.reviews.selectors.people import review_secretariat_users

    notify(
        review_secretariat_users(answer.review),
        messages.NOTIFY_AWAITS_APPROVAL,
        path("reviews:answer-detail", answer.review_id, answer.pk),
        {"article": answer.article.code, "review": answer.review},
    )


@transaction.atomic
def answer_approve(*, actor: User | None, answers: Sequence[ArticleAnswer]) -> list[ArticleAnswer]:
    """Approve one or several answers; all or none."""
    answers = _fresh(answers)
    for answer in answers:
        _locked(answer)
        if actor is not None:
            require(permissions.can_approve_answer(actor, answer))
        if answer.status not in DECIDABLE:
            raise ConflictError(messages.NOT_APPROVABLE)
        if not answer.compliance:
            raise ValidationError(messages.NOTHING_TO_APPROVE)
        before = snapshot(answer, AUDITED_FIELDS)
        answer.status = AnswerStatus.APPROVED
        answer.return_comment = ""
        _save(actor, answer, "approved", before)
    return list(answers)


@transaction.atomic
def answer_return(
    *, actor: User | None, answers: Sequence[ArticleAnswer], comment: str
) -> list[ArticleAnswer]:
    """Send one or several answers back to their drafters with what must change."""
    if not comment.strip():
        raise ValidationError({"comment": messages.RETURN_NEEDS_COMMENT})
    answers = _fresh(answers)
    for answer in answers:
        _locked(answer)
        if actor is not None:
            require(permissions.can_approve_answer(actor, answer))
        if answer.status not in DECIDABLE | {AnswerStatus.APPROVED}:
            raise ConflictError(messages.NOT_APPROVABLE)
        before = snapshot(answer, AUDITED_FIELDS)
        answer.status = AnswerStatus.RETURNED
        answer.return_comment = comment.strip()
        _save(actor, answer, "returned", before)
        drafters: list[User | None] = (
            [answer.assignee]
            if answer.assignee
            else list(answer.assigned_body.users.all())
            if answer.assigned_body
            else []
        )
        notify(
            drafters,
            messages.NOTIFY_RETURNED,
            path("reviews:answer-detail", answer.review_id, answer.pk),
            {"article": answer.article.code, "comment": comment.strip()},
        )
    return list(answers)


@transaction.atomic
def answer_share(*, actor: User | None, answer: ArticleAnswer, shared: bool) -> ArticleAnswer:
    """Share a draft with civil society for comment, or stop sharing it."""
    (answer,) = _fresh([answer])
    if actor is not None:
        require(permissions.can_manage_review(actor, answer.review))
    before = snapshot(answer, AUDITED_FIELDS)
    answer.shared_with_civil_society = shared
    answer._change_reason = "shared with civil society" if shared else "no longer shared"  # type: ignore[attr-defined]
    answer.save(update_fields=["shared_with_civil_society"])
    changes = diff(before, snapshot(answer, AUDITED_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=answer,
            object_repr=f"{answer} ({answer.review})",
            changes=changes,
        )
    return answer


@transaction.atomic
def answer_comment(*, actor: User, answer: ArticleAnswer, text: str) -> AnswerComment:
    (answer,) = _fresh([answer])
    require(permissions.can_comment_answer(actor, answer))
    if not text.strip():
        raise ValidationError({"text": "A comment cannot be empty."})
    comment = AnswerComment(
        answer=answer, author=actor, organisation=actor.organisation, text=text.strip()
    )
    comment.full_clean()
    comment.save()
    audit_created(actor=actor, obj=comment)
    return comment
