"""A review's answers the user may read, and each answer's history word by word."""

import difflib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from palermo.reviews import messages, permissions
from palermo.reviews.models import (
    ArticleAnswer,
    Question,
    Review,
)


def answer_list(*, user: Any, review: Review, with_provisions: bool = True) -> list[ArticleAnswer]:
    """The review's answers the user may read, in article order.

    `with_provisions=False` leaves out the national provisions mapped to each answer, for a
    page that does not show them (two queries fewer).
    """
    answers = review.answers.select_related(
        "article__instrument", "assigned_body", "assignee", "updated_by"
    )
    if with_provisions:
        answers = answers.prefetch_related("provisions__law")
    return [answer for answer in answers if permissions.can_read_answer(user, answer)]


def assigned_to(user: Any) -> Q:
    """Answers assigned to the user or to their body.

    A narrowing in SQL for the readers that list what a drafter has to do. It decides nothing;
    `permissions.can_edit_answer` does.
    """
    mine = Q(assignee=user.pk)
    if user.organisation_id is not None:
        mine |= Q(assigned_body=user.organisation_id)
    return mine


def answer_get(*, user: Any, review: Review, answer_id: int) -> ArticleAnswer:
    answer = (
        review.answers.select_related(
            "article__instrument", "assigned_body", "assignee", "updated_by", "review__state"
        )
        .prefetch_related("provisions__law", "comments__author")
        .filter(pk=answer_id)
        .first()
    )
    if answer is None or not permissions.can_read_answer(user, answer):
        raise Http404("No such answer.")
    return answer


@dataclass(frozen=True)
class DiffPiece:
    """A run of words: kept as it was ("equal"), removed ("delete") or added ("insert")."""

    kind: str
    text: str


@dataclass(frozen=True)
class Change:
    """One field's change between two versions, as data; `html` marks it up for a page."""

    field: str
    pieces: list[DiffPiece]

    @property
    def html(self) -> SafeString:
        """Words removed in <del>, added in <ins>, the rest as it was."""
        tags = {"delete": "del", "insert": "ins"}
        parts = [
            f"<{tags[p.kind]}>{escape(p.text)}</{tags[p.kind]}>"
            if p.kind in tags
            else escape(p.text)
            for p in self.pieces
        ]
        return mark_safe(" ".join(parts))  # noqa: S308 - every piece is escaped


@dataclass
class Version:
    number: int
    user: str
    when: Any
    reason: str
    status: str
    changes: list[Change]


def word_diff(old: str, new: str) -> list[DiffPiece]:
    """The words of `new` against those of `old`, as runs kept, removed and added."""
    pieces = []
    before, after = old.split(), new.split()
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(a=before, b=after).get_opcodes():
        if tag in {"replace", "delete"}:
            pieces.append(DiffPiece("delete", " ".join(before[a1:a2])))
        if tag in {"replace", "insert"}:
            pieces.append(DiffPiece("insert", " ".join(after[b1:b2])))
        if tag == "equal":
            pieces.append(DiffPiece("equal", " ".join(before[a1:a2])))
    return pieces


def answer_history(*, user: Any, answer: ArticleAnswer) -> list[Version]:
    """Every saved version, newest first, with a readable word diff against the one before.

    Only for those who may read drafts: the versions hold text that was never sent.
    """
    if not permissions.can_read_drafts(user, answer.review):
        raise PermissionDenied(messages.HISTORY_NOT_ALLOWED)
    questions = Question.objects.filter(review=answer.review, article=answer.article).order_by(
        "position"
    )
    labels = {q.key: q.text_in_language for q in questions}
    order = {key: index for index, key in enumerate(labels)}
    records = list(
        answer.history.select_related("history_user").order_by("history_date", "history_id")
    )
    versions: list[Version] = []
    previous: Any = None
    for index, record in enumerate(records, start=1):
        changes: list[Change] = []
        old_responses = previous.responses if previous else {}
        for key in sorted(
            set(old_responses) | set(record.responses), key=lambda k: order.get(k, len(order))
        ):
            old, new = old_responses.get(key, ""), record.responses.get(key, "")
            if old != new:
                changes.append(Change(labels.get(key, key), word_diff(old, new)))
        old_compliance = previous.get_compliance_display() if previous else ""
        if old_compliance != record.get_compliance_display():
            changes.insert(
                0,
                Change(
                    labels.get("compliance", "compliance"),
                    word_diff(old_compliance, record.get_compliance_display()),
                ),
            )
        user = record.history_user
        versions.append(
            Version(
                number=index,
                user=(user.get_full_name() or user.username) if user else "System",
                when=record.history_date,
                reason=record.history_change_reason or "",
                status=record.get_status_display(),
                changes=changes,
            )
        )
        previous = record
    return list(reversed(versions))
