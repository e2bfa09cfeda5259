"""Reads of reviews, always through what the user may see."""

import difflib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from palermo.core.models import AuditEvent, RoleGrant, User
from palermo.core.permissions import has_role, is_active_user, require, scoped_record_ids
from palermo.core.roles import Role
from palermo.core.scope import is_own_state, own_state_filter
from palermo.engagement.models import Organisation
from palermo.reviews import messages, permissions
from palermo.reviews.models import (
    AnswerStatus,
    ArticleAnswer,
    Assessment,
    ConsolidatedAssessment,
    Milestone,
    Observation,
    ParallelAssessment,
    ParallelSubmission,
    Question,
    Review,
    ReviewerDraw,
)


def assignable_bodies(review: Review) -> QuerySet[Organisation]:
    """The government bodies that may draft this review's answers: those of its State."""
    return Organisation.objects.filter(
        country=review.state.iso3, kind=Organisation.Kind.GOVERNMENT
    ).order_by("name")


def assignable_people(review: Review) -> QuerySet[User]:
    """The people who may be asked to draft an answer: active accounts of the State."""
    return User.objects.filter(organisation__country=review.state.iso3, is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def review_list(*, user: Any) -> QuerySet[Review]:
    """Reviews of the user's State, and those the user reviews or observes, with their counts."""
    return visible_reviews(user=user).annotate(
        article_count=Count("answers", distinct=True),
        approved_count=Count(
            "answers", filter=Q(answers__status=AnswerStatus.APPROVED), distinct=True
        ),
    )


def visible_reviews(*, user: Any) -> QuerySet[Review]:
    """`review_list` without the answer counts, for readers that do not show them."""
    if not is_active_user(user):
        return Review.objects.none()
    reviews = Review.objects.select_related("state", "cluster")
    if user.is_superuser:
        return reviews
    # The grants are read once per request and kept on the user (core.permissions).
    scoped = scoped_record_ids(
        user, [Role.PEER_REVIEWER, Role.OBSERVER], scope_type=permissions.REVIEW_SCOPE
    )
    own_state = (
        own_state_filter(user, "state__iso3")
        if any(has_role(user, role) for role in permissions.STATE_ROLES)
        else Q(pk__in=[])
    )
    return reviews.filter(own_state | Q(pk__in=sorted(int(i) for i in scoped if i.isdigit())))


def review_get(*, user: Any, review_id: int) -> Review:
    # One review: its milestones in date order and its reviewers with their State and
    # instrument, each in one query (the models' orderings join the review's own tables).
    review = (
        Review.objects.select_related("state", "cluster")
        .prefetch_related(
            "instruments",
            Prefetch("milestones", queryset=Milestone.objects.order_by("due", "id")),
            Prefetch(
                "reviewers",
                queryset=ReviewerDraw.objects.select_related("state", "instrument").order_by(
                    "instrument__position", "group"
                ),
            ),
        )
        .filter(pk=review_id)
        .first()
    )
    if review is None or not permissions.can_view_review(user, review):
        raise Http404("No such review.")
    return review


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


def questions_for(review: Review) -> dict[int, list[Question]]:
    """The questionnaire, by article id."""
    grouped: dict[int, list[Question]] = {}
    for question in review.questions.select_related("article__instrument"):
        grouped.setdefault(question.article_id, []).append(question)
    return grouped


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


def state_users(review: Review, *roles: Role) -> list[User]:
    """Active users of the State under review holding any of these roles (unscoped), once each."""
    grants = RoleGrant.objects.filter(role__in=roles, scope_type="").select_related(
        "user__organisation"
    )
    users = {g.user.pk: g.user for g in grants if is_own_state(g.user, review.state.iso3)}
    return list(users.values())


def review_secretariat_users(review: Review) -> list[User]:
    return state_users(review, Role.SECRETARIAT)


def review_participants(review: Review) -> list[User]:
    """Everyone working on the review: its State's government users, reviewers, observers."""
    users = {u.pk: u for u in state_users(review, Role.SECRETARIAT, Role.FOCAL_PERSON)}
    attached = RoleGrant.objects.filter(
        scope_type=permissions.REVIEW_SCOPE, scope_id=str(review.pk)
    )
    users.update({g.user.pk: g.user for g in attached.select_related("user") if g.user.is_active})
    return list(users.values())


def review_government_users(review: Review) -> list[User]:
    """The secretariat and focal persons of the State under review."""
    return state_users(review, Role.SECRETARIAT, Role.FOCAL_PERSON)


def observation_list(*, user: Any, review: Review) -> list[Observation]:
    if not permissions.can_read_observations(user, review):
        return []
    return list(
        review.observations.select_related(
            "article__instrument", "author", "reviewing_state"
        ).prefetch_related("replies__author")
    )


def observation_get(*, user: Any, review: Review, observation_id: int) -> Observation:
    """One of the review's observations the user reads; 404 otherwise, on pages and API alike."""
    for observation in observation_list(user=user, review=review):
        if observation.pk == observation_id:
            return observation
    raise Http404("No such observation.")


def review_coordinators(review: Review) -> list[User]:
    return state_users(review, Role.CS_COORDINATOR)


def submissions_visible(*, user: Any, review: Review) -> list[ParallelSubmission]:
    submissions = review.parallel_submissions.select_related(
        "organisation", "submitted_by"
    ).prefetch_related("assessments__article__instrument")
    return [s for s in submissions if permissions.can_read_parallel(user, s)]


def submission_list(*, user: Any, review: Review) -> list[ParallelSubmission]:
    """Civil society's submissions to the review, for those who open its side (403 for others)."""
    require(permissions.can_open_civil_society(user, review))
    return submissions_visible(user=user, review=review)


def own_submission(*, user: Any, review: Review) -> ParallelSubmission | None:
    if not is_active_user(user) or user.organisation_id is None:
        return None
    return (
        review.parallel_submissions.filter(organisation_id=user.organisation_id)
        .prefetch_related("assessments")
        .first()
    )


@dataclass
class ConsolidationRow:
    article: Any
    distribution: dict[str, int]
    contributions: list[tuple[str, ParallelAssessment]]
    consolidated: ConsolidatedAssessment | None


def consolidation_rows(review: Review) -> list[ConsolidationRow]:
    """Per article: how submitted organisations assessed it, what they said, the consolidation."""
    submitted = review.parallel_submissions.filter(status=ParallelSubmission.Status.SUBMITTED)
    assessments = ParallelAssessment.objects.filter(submission__in=submitted).select_related(
        "submission__organisation"
    )
    by_article: dict[int, list[ParallelAssessment]] = {}
    for assessment in assessments:
        by_article.setdefault(assessment.article_id, []).append(assessment)
    consolidated = {c.article_id: c for c in review.consolidations.all()}
    rows = []
    for answer in review.answers.select_related("article__instrument"):
        items = by_article.get(answer.article_id, [])
        distribution = dict.fromkeys(Assessment.values, 0)
        for item in items:
            distribution[item.assessment] += 1
        rows.append(
            ConsolidationRow(
                answer.article,
                distribution,
                [(str(item.submission.organisation), item) for item in items],
                consolidated.get(answer.article_id),
            )
        )
    return rows


# How a government self-assessment lines up with civil society's assessment.
MATCHING = {"yes": "compliant", "partly": "partly", "no": "not_compliant"}


@dataclass
class SideBySideRow:
    article: Any
    answer: ArticleAnswer | None
    consolidated: ConsolidatedAssessment | None
    observations: list[Observation]

    @property
    def open_observations(self) -> int:
        return sum(1 for o in self.observations if o.status != Observation.Status.CLOSED)

    @property
    def agreement(self) -> str:
        """Say "agree" or "disagree"; empty when either side has not assessed the article."""
        government = self.answer.compliance if self.answer else ""
        civil = self.consolidated.assessment if self.consolidated else ""
        if government not in MATCHING or civil in {"", Assessment.CANNOT_SAY}:
            return ""
        return "agree" if MATCHING[government] == civil else "disagree"


def side_by_side(*, user: Any, review: Review) -> list[SideBySideRow]:
    """For each article: the government's answer, civil society's assessment, the observations.

    Every article of the review has a row; the answer shows where the user may read it.
    """
    every = list(
        review.answers.select_related("article__instrument").prefetch_related("provisions__law")
    )
    answers = {a.article_id: a for a in every if permissions.can_read_answer(user, a)}
    consolidated = {c.article_id: c for c in review.consolidations.all()}
    observations: dict[int, list[Observation]] = {}
    for observation in observation_list(user=user, review=review):
        observations.setdefault(observation.article_id, []).append(observation)
    return [
        SideBySideRow(
            answer.article,
            answers.get(answer.article_id),
            consolidated.get(answer.article_id),
            observations.get(answer.article_id, []),
        )
        for answer in every
    ]


def review_history(*, user: Any, review: Review, limit: int = 30) -> list[AuditEvent]:
    """The review's latest changes, for those who manage it."""
    if not permissions.can_manage_review(user, review):
        return []
    events = AuditEvent.objects.filter(object_type="reviews.review", object_id=str(review.pk))
    return list(events[:limit])
