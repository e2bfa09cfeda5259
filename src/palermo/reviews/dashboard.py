from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from palermo.core.dashboard import Panel, register_panel
from palermo.reviews import permissions
from palermo.reviews.models import AnswerStatus, ArticleAnswer, Milestone, Review
from palermo.reviews.selectors import reviews as review_selectors

MAX_ITEMS = 10
# The statuses in which an answer waits for its approver, and for its drafters.
APPROVING = {AnswerStatus.FOR_APPROVAL}
DRAFTING = {AnswerStatus.NOT_STARTED, AnswerStatus.DRAFT, AnswerStatus.RETURNED}


@register_panel
def my_answers_panel(user: Any) -> Panel | None:
    """Answers this user has to draft or decide on, and the review deadlines that are late."""
    reviews = list(review_selectors.visible_reviews(user=user).exclude(phase="concluded"))
    if not reviews:
        return None
    waiting = _waiting_answers(user, [review for review in reviews if review.is_editable])
    # Late milestones are counted for every review, and read only for the reviews whose lines
    # the panel shows, so a State with many reviews does not load all their milestones.
    late = Milestone.objects.filter(
        review__in=[review.pk for review in reviews],
        done_at__isnull=True,
        due__lt=timezone.localdate(),
    )
    late_counts = dict(
        late.order_by().values("review").annotate(count=Count("pk")).values_list("review", "count")
    )
    shown: list[Review] = []
    lines = 0
    for review in reviews:
        if lines < MAX_ITEMS:
            shown.append(review)
        lines += (1 if waiting.counts.get(review.pk) else 0) + late_counts.get(review.pk, 0)
    milestones: dict[int, list[Milestone]] = {}
    if any(late_counts.get(review.pk) for review in shown):
        for milestone in late.filter(review__in=[review.pk for review in shown]):
            milestones.setdefault(milestone.review_id, []).append(milestone)
    items: list[tuple[Any, str]] = []
    for review in reviews:
        approving = review.pk in waiting.approving
        count = waiting.counts.get(review.pk, 0)
        if count and len(items) >= MAX_ITEMS:
            items.append(("", ""))
        elif count:
            label = (
                ngettext(
                    "%(count)s answer awaits your approval in %(review)s",
                    "%(count)s answers await your approval in %(review)s",
                    count,
                )
                if approving
                else ngettext(
                    "%(count)s answer to draft in %(review)s",
                    "%(count)s answers to draft in %(review)s",
                    count,
                )
            )
            items.append((label % {"count": count, "review": review}, review.get_absolute_url()))
        if review.pk not in milestones:
            # Beyond the lines shown, only the number of lines matters (for "and N more").
            items.extend([("", "")] * late_counts.get(review.pk, 0))
            continue
        for milestone in milestones[review.pk]:
            items.append(
                (
                    _("Late: %(milestone)s (due %(due)s)")
                    % {"milestone": milestone.get_kind_display(), "due": milestone.due},
                    review.get_absolute_url(),
                )
            )
    if len(items) > MAX_ITEMS:
        more = len(items) - MAX_ITEMS + 1
        items = items[: MAX_ITEMS - 1]
        items.append((_("and %(count)s more") % {"count": more}, reverse("reviews:review-list")))
    return Panel(
        title=_("Reviews"),
        text=_("What the reviews in progress need from you.")
        if items
        else _("Nothing in the reviews needs you now."),
        items=items,
        action_label=_("Open the reviews"),
        action_url=reverse("reviews:review-list"),
        order=15,
    )


@dataclass(frozen=True)
class _Waiting:
    approving: set[int]
    counts: dict[int, int]


def _waiting_answers(user: Any, reviews: list[Review]) -> _Waiting:
    """How many answers of each editable review wait for this user, counted without reading them.

    The reviews the user manages count the answers sent for approval, in SQL; in the others,
    only the answers in a drafting status are read, and only their ids and owners, to ask
    `can_edit_answer` about each.
    """
    approving = {review.pk for review in reviews if permissions.can_manage_review(user, review)}
    counts: dict[int, int] = {}
    if approving:
        for row in (
            ArticleAnswer.objects.filter(review__in=approving, status__in=APPROVING)
            .order_by()
            .values("review")
            .annotate(count=Count("pk"))
        ):
            counts[row["review"]] = row["count"]
    drafting = {review.pk: review for review in reviews if review.pk not in approving}
    if drafting:
        answers = ArticleAnswer.objects.filter(review__in=drafting, status__in=DRAFTING).only(
            "id", "review_id", "status", "assigned_body_id", "assignee_id"
        )
        for answer in answers.order_by():
            answer.review = drafting[answer.review_id]
            if permissions.can_edit_answer(user, answer):
                counts[answer.review_id] = counts.get(answer.review_id, 0) + 1
    return _Waiting(approving=approving, counts=counts)
