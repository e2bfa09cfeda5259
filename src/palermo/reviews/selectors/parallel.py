"""Civil society's parallel submissions, their consolidation and the side-by-side view."""

from dataclasses import dataclass
from typing import Any

from palermo.core.permissions import is_active_user, require
from palermo.reviews import permissions
from palermo.reviews.models import (
    ArticleAnswer,
    Assessment,
    ConsolidatedAssessment,
    Observation,
    ParallelAssessment,
    ParallelSubmission,
    Review,
)
from palermo.reviews.selectors.observations import observation_list


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
