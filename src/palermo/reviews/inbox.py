"""The reviews' part of each person's inbox: answers to draft, approvals, observations."""

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core.inbox import InboxItem, inbox_register
from palermo.reviews import permissions
from palermo.reviews.models import AnswerStatus, ArticleAnswer, Milestone, Observation, Review
from palermo.reviews.models.review import EDITABLE_PHASES
from palermo.reviews.selectors import answers as answer_selectors
from palermo.reviews.selectors import reviews as review_selectors

TO_DRAFT = {AnswerStatus.NOT_STARTED, AnswerStatus.DRAFT, AnswerStatus.RETURNED}


def _answer_link(answer: ArticleAnswer) -> str:
    return reverse("reviews:answer-detail", args=[answer.review_id, answer.pk])


def _reviews_in_progress(user: Any) -> list[Review]:
    """The reviews being drafted or peer reviewed where something may wait, read once.

    Drafting reviews come with only the answers the inbox may list for this user: sent for
    approval (listed to those who manage the review), or still to draft and assigned to the user
    or their body (listed to those who may change them). Reviews in peer review are read when
    they have an open observation. The permission checks below decide; this only leaves out,
    in SQL, what no check could list, which is most of it.
    """
    answers = ArticleAnswer.objects.filter(review__phase__in=EDITABLE_PHASES).filter(
        Q(status=AnswerStatus.FOR_APPROVAL)
        | Q(answer_selectors.assigned_to(user), status__in=TO_DRAFT)
    )
    open_observations = Observation.objects.filter(
        review=OuterRef("pk"), status=Observation.Status.OPEN
    )
    due = Milestone.objects.filter(kind=Milestone.Kind.SELF_ASSESSMENT, done_at__isnull=True)
    return list(
        review_selectors.visible_reviews(user=user)
        .filter(
            Q(Exists(open_observations), phase__in=permissions.PEER_REVIEW_PHASES)
            | Q(Exists(answers.filter(review=OuterRef("pk"))), phase__in=EDITABLE_PHASES)
        )
        .prefetch_related(
            Prefetch(
                "answers", queryset=answers.select_related("article__instrument", "review__state")
            ),
            Prefetch("milestones", queryset=due),
        )
    )


def _self_assessment_due(review: Review) -> datetime.date | None:
    """The self-assessment's due date while it is not done (prefetched: only such milestones)."""
    for milestone in review.milestones.all():
        return milestone.due
    return None


def review_items(user: Any, today: datetime.date) -> list[InboxItem]:
    """Answers to draft or to approve in the reviews being drafted, then observations."""
    items: list[InboxItem] = []
    reviews = _reviews_in_progress(user)
    for review in reviews:
        if review.phase not in EDITABLE_PHASES:
            continue
        if permissions.can_manage_review(user, review):
            items += _approvals_waiting(review, today)
        else:
            items += _answers_to_draft(user, review, today)
    in_peer_review = [r for r in reviews if r.phase in permissions.PEER_REVIEW_PHASES]
    return items + _observations_to_answer(user, in_peer_review)


def _answers_to_draft(user: Any, review: Review, today: datetime.date) -> list[InboxItem]:
    """Answers the user drafts, not yet sent for approval; returned ones say why."""
    items = []
    due = _self_assessment_due(review)
    for answer in review.answers.all():
        if answer.status not in TO_DRAFT or not permissions.can_change_answer(user, answer):
            continue
        if answer.status == AnswerStatus.RETURNED:
            why = _("Returned by the secretariat: %(comment)s") % {
                "comment": answer.return_comment or _("no comment given.")
            }
        elif answer.status == AnswerStatus.DRAFT:
            why = _("Your draft, not yet sent for approval (%(review)s).") % {"review": review}
        else:
            why = _("Assigned to you, not started (%(review)s).") % {"review": review}
        items.append(
            InboxItem(
                kind="answers",
                title=f"{answer.article.code} {answer.article.title}",
                link=_answer_link(answer),
                why=why,
                due=due,
                overdue=bool(due and due < today),
            )
        )
    return items


def _approvals_waiting(review: Review, today: datetime.date) -> list[InboxItem]:
    """Answers sent for approval in a review the user manages."""
    items = []
    due = _self_assessment_due(review)
    for answer in review.answers.all():
        if answer.status != AnswerStatus.FOR_APPROVAL:
            continue
        items.append(
            InboxItem(
                kind="approvals",
                title=f"{answer.article.code} {answer.article.title}",
                link=_answer_link(answer),
                why=_("Sent for your approval (%(review)s).") % {"review": review},
                due=due,
                overdue=bool(due and due < today),
            )
        )
    return items


def _observations_to_answer(user: Any, in_peer_review: list[Review]) -> list[InboxItem]:
    """Open observations on the user's State's review that the State has to reply to."""
    reviews = [
        review
        for review in in_peer_review
        if permissions.is_government(user, review)
        and permissions.can_reply_observation(user, review)
    ]
    if not reviews:
        return []
    open_observations = (
        Observation.objects.filter(review__in=reviews, status=Observation.Status.OPEN)
        .select_related("article__instrument", "review__state", "review__cluster")
        .order_by("pk")
    )
    return [
        InboxItem(
            kind="observations",
            title=str(observation),
            link=observation.review.get_absolute_url() + "#pane-observations",
            why=_("A reviewer's %(kind)s awaits your State's reply (%(review)s).")
            % {"kind": observation.get_kind_display().lower(), "review": observation.review},
        )
        for observation in open_observations
    ]


def register() -> None:
    inbox_register(
        review_items,
        kinds={
            "answers": gettext_lazy("Answers to draft"),
            "approvals": gettext_lazy("Answers awaiting your approval"),
            "observations": gettext_lazy("Observations to answer"),
        },
        order=10,
    )
