"""Civil society's parallel assessment and the side-by-side view."""

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from palermo.core.http import acting_user
from palermo.instruments.selectors.instruments import article_get
from palermo.reviews.api.common import (
    review_of,
)
from palermo.reviews.selectors import parallel as parallel_selectors
from palermo.reviews.services import parallel as parallel_services

router = Router(tags=["reviews: civil society"])


class ParallelAssessmentOut(Schema):
    article: str = Field(alias="article.code")
    assessment: str
    evidence: str
    sources: str
    recommendations: str


class SubmissionOut(Schema):
    id: int
    organisation: str = Field(alias="organisation.name")
    status: str
    submitted_at: datetime.datetime | None
    assessments: list[ParallelAssessmentOut] = Field(alias="assessments.all")


class ParallelAssessmentIn(Schema):
    article: str
    assessment: str = ""
    evidence: str = ""
    sources: str = ""
    recommendations: str = ""


class ParallelIn(Schema):
    assessments: list[ParallelAssessmentIn]
    submit: bool = False


class ConsolidationIn(Schema):
    assessment: str
    summary: str = ""
    evidence: str = ""
    recommendations: str = ""


class ConsolidationOut(Schema):
    article: str = Field(alias="article.code")
    assessment: str
    summary: str
    evidence: str
    recommendations: str


class SideBySideOut(Schema):
    article: str
    government: str | None
    government_status: str | None
    civil_society: str | None
    open_observations: int
    observations: int
    agreement: str


@router.put("/reviews/{review_id}/parallel", response=SubmissionOut)
def save_parallel(request: HttpRequest, review_id: int, payload: ParallelIn) -> Any:
    """Save (and with `submit`, send) your organisation's parallel assessment."""
    user = acting_user(request)
    review = review_of(request, review_id)
    values = {
        article_get(item.article): item.dict(exclude={"article"}) for item in payload.assessments
    }
    submission = parallel_services.parallel_save(actor=user, review=review, assessments=values)
    if payload.submit:
        submission = parallel_services.parallel_submit(actor=user, submission=submission)
    return submission


@router.get("/reviews/{review_id}/parallel/submissions", response=list[SubmissionOut])
def list_submissions(request: HttpRequest, review_id: int) -> Any:
    return parallel_selectors.submission_list(
        user=request.user, review=review_of(request, review_id)
    )


@router.put("/reviews/{review_id}/consolidation/{article_code}", response=ConsolidationOut)
def consolidate(
    request: HttpRequest, review_id: int, article_code: str, payload: ConsolidationIn
) -> Any:
    review = review_of(request, review_id)
    return parallel_services.consolidation_save(
        actor=acting_user(request),
        review=review,
        article=article_get(article_code),
        **payload.dict(),
    )


@router.get("/reviews/{review_id}/side-by-side", response=list[SideBySideOut])
def get_side_by_side(request: HttpRequest, review_id: int) -> list[dict[str, Any]]:
    """Per article: government self-assessment, civil society's assessment, observations."""
    rows = parallel_selectors.side_by_side(user=request.user, review=review_of(request, review_id))
    return [
        {
            "article": row.article.code,
            "government": row.answer.compliance or None if row.answer else None,
            "government_status": row.answer.status if row.answer else None,
            "civil_society": row.consolidated.assessment if row.consolidated else None,
            "open_observations": row.open_observations,
            "observations": len(row.observations),
            "agreement": row.agreement,
        }
        for row in rows
    ]
