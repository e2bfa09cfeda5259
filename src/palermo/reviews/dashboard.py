from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from palermo.core.dashboard import Panel, register_panel
from palermo.reviews import permissions, selectors
from palermo.reviews.models import AnswerStatus, ArticleAnswer
from palermo.reviews.models.review import EDITABLE_PHASES

MAX_ITEMS = 10


@register_panel
def my_answers_panel(user: Any) -> Panel | None:
    """Answers this user has to draft or decide on, and the review deadlines that are late."""
    # Answers matter only while a review is editable; both are read in one query each.
    answers_in_editable = ArticleAnswer.objects.filter(review__phase__in=EDITABLE_PHASES)
    reviews = list(
        selectors.review_list(user=user)
        .exclude(phase="concluded")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=answers_in_editable.select_related("article__instrument", "review__state"),
            ),
            "milestones",
        )
    )
    if not reviews:
        return None
    items: list[tuple[Any, str]] = []
    for review in reviews:
        answers = review.answers.all()
        waiting: list[ArticleAnswer] = []
        approving = permissions.can_manage_review(user, review)
        if not review.is_editable:
            pass
        elif approving:
            waiting = [a for a in answers if a.status == AnswerStatus.FOR_APPROVAL]
        else:
            waiting = [
                a
                for a in answers
                if permissions.can_edit_answer(user, a)
                and a.status
                in {AnswerStatus.NOT_STARTED, AnswerStatus.DRAFT, AnswerStatus.RETURNED}
            ]
        if waiting:
            label = (
                ngettext(
                    "%(count)s answer awaits your approval in %(review)s",
                    "%(count)s answers await your approval in %(review)s",
                    len(waiting),
                )
                if approving
                else ngettext(
                    "%(count)s answer to draft in %(review)s",
                    "%(count)s answers to draft in %(review)s",
                    len(waiting),
                )
            )
            items.append(
                (label % {"count": len(waiting), "review": review}, review.get_absolute_url())
            )
        for milestone in review.milestones.all():
            if milestone.is_late:
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
