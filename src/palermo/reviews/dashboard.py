from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from palermo.core.dashboard import Panel, register_panel
from palermo.reviews import permissions
from palermo.reviews.models import AnswerStatus, ArticleAnswer, Milestone, Phase, Review
from palermo.reviews.models.review import EDITABLE_PHASES
from palermo.reviews.selectors import answers as answer_selectors
from palermo.reviews.selectors import reviews as review_selectors

MAX_ITEMS = 10
# The statuses in which an answer waits for its approver, and for its drafters.
APPROVING = {AnswerStatus.FOR_APPROVAL}
DRAFTING = {AnswerStatus.NOT_STARTED, AnswerStatus.DRAFT, AnswerStatus.RETURNED}


@register_panel
def my_answers_panel(user: Any) -> Panel | None:
    """Answers this user has to draft or decide on, and the review deadlines that are late.

    Only counts are read for every review; the reviews themselves, and their late milestones,
    only for the lines the panel shows, so the panel costs the same for a State with a
    hundred reviews as for one with two.
    """
    reviews = review_selectors.visible_reviews(user=user).exclude(phase=Phase.CONCLUDED)
    waiting = _waiting_answers(user, reviews)
    late = Milestone.objects.filter(
        review__in=reviews.values("pk"), done_at__isnull=True, due__lt=timezone.localdate()
    )
    late_counts = dict(
        late.order_by().values("review").annotate(count=Count("pk")).values_list("review", "count")
    )
    with_lines = set(waiting.counts) | set(late_counts)
    if not with_lines and not reviews.exists():
        return None
    # The reviews with lines, in the reviews' order; those whose lines start within the panel
    # are read whole.
    order = list(reviews.filter(pk__in=with_lines).values_list("pk", flat=True))
    shown_ids: list[int] = []
    lines = 0
    for pk in order:
        if lines < MAX_ITEMS:
            shown_ids.append(pk)
        lines += (1 if waiting.counts.get(pk) else 0) + late_counts.get(pk, 0)
    shown = reviews.in_bulk(shown_ids)
    milestones: dict[int, list[Milestone]] = {}
    if any(late_counts.get(pk) for pk in shown):
        for milestone in late.filter(review__in=list(shown)):
            milestones.setdefault(milestone.review_id, []).append(milestone)
    items: list[tuple[Any, str]] = []
    for pk in order:
        approving = pk in waiting.approving
        count = waiting.counts.get(pk, 0)
        if count and (len(items) >= MAX_ITEMS or pk not in shown):
            items.append(("", ""))
        elif count:
            review = shown[pk]
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
        if pk not in milestones:
            # Beyond the lines shown, only the number of lines matters (for "and N more").
            items.extend([("", "")] * late_counts.get(pk, 0))
            continue
        for milestone in milestones[pk]:
            items.append(
                (
                    _("Late: %(milestone)s (due %(due)s)")
                    % {"milestone": milestone.get_kind_display(), "due": milestone.due},
                    shown[pk].get_absolute_url(),
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


def _waiting_answers(user: Any, reviews: QuerySet[Review]) -> _Waiting:
    """How many answers of each editable review wait for this user, counted without reading them.

    Only the reviews with an answer sent for approval, or one still to draft and assigned to the
    user or their body, are read (no check could find anything waiting in the others). In those
    the user manages, the answers sent for approval are counted in SQL; in the others, the
    assigned answers are read, ids and owners only, to ask `can_edit_answer` about each.
    """
    editable = reviews.filter(phase__in=EDITABLE_PHASES)
    answers = ArticleAnswer.objects.filter(review__in=editable.values("pk")).order_by()
    approvals = dict(
        answers.filter(status__in=APPROVING)
        .values("review")
        .annotate(count=Count("pk"))
        .values_list("review", "count")
    )
    to_draft = answers.filter(answer_selectors.assigned_to(user), status__in=DRAFTING)
    candidates = set(approvals) | set(to_draft.values_list("review", flat=True).distinct())
    if not candidates:
        return _Waiting(approving=set(), counts={})
    found = Review.objects.select_related("state").in_bulk(candidates)
    approving = {pk for pk, review in found.items() if permissions.can_manage_review(user, review)}
    counts = {pk: approvals[pk] for pk in approving if approvals.get(pk)}
    drafting = {pk: review for pk, review in found.items() if pk not in approving}
    if drafting:
        for answer in to_draft.filter(review__in=list(drafting)).only(
            "id", "review_id", "status", "assigned_body_id", "assignee_id"
        ):
            answer.review = drafting[answer.review_id]
            if permissions.can_edit_answer(user, answer):
                counts[answer.review_id] = counts.get(answer.review_id, 0) + 1
    return _Waiting(approving=approving, counts=counts)
