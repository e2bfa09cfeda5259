"""Reviews: opening one, its questionnaire, its phases and deadlines."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from palermo.core.api_types import Date
from palermo.core.http import acting_user
from palermo.instruments.models import Cluster, State
from palermo.reviews.api.common import (
    MilestoneOut,
    QuestionOut,
    QuestionPatch,
    ReopenIn,
    ReviewIn,
    ReviewOut,
    review_of,
)
from palermo.reviews.models import Question, Review
from palermo.reviews.selectors import reviews as review_selectors
from palermo.reviews.services import opening as opening_services
from palermo.reviews.services import phases as phase_services

router = Router(tags=["reviews"])


@router.post("/reviews", response={201: ReviewOut})
def openreview_of(request: HttpRequest, payload: ReviewIn) -> Status[Review]:
    review = opening_services.review_open(
        actor=acting_user(request),
        state=get_object_or_404(State, iso3=payload.state.upper()),
        cluster=get_object_or_404(Cluster, number=payload.cluster),
        year=payload.year,
        start_date=payload.start_date,
        cycle=payload.cycle,
    )
    return Status(201, review)


@router.get("/reviews", response=list[ReviewOut])
@paginate
def list_reviews(request: HttpRequest) -> Any:
    # The answer counts review_list adds are not in the schema; they would join every answer.
    reviews = review_selectors.visible_reviews(user=request.user)
    return reviews.prefetch_related("instruments", "milestones")


@router.get("/reviews/{review_id}", response=ReviewOut)
def getreview_of(request: HttpRequest, review_id: int) -> Review:
    return review_of(request, review_id)


@router.get("/reviews/{review_id}/questionnaire", response=list[QuestionOut])
def get_questionnaire(request: HttpRequest, review_id: int) -> Any:
    return review_of(request, review_id).questions.select_related("article__instrument")


@router.patch("/reviews/{review_id}/questions/{question_id}", response=QuestionOut)
def update_question(
    request: HttpRequest, review_id: int, question_id: int, payload: QuestionPatch
) -> Question:
    question = get_object_or_404(review_of(request, review_id).questions, pk=question_id)
    return opening_services.question_save(
        actor=acting_user(request), question=question, **payload.dict()
    )


@router.post("/reviews/{review_id}/submit", response=ReviewOut)
def submitreview_of(request: HttpRequest, review_id: int) -> Review:
    phase_services.review_submit(actor=acting_user(request), review=review_of(request, review_id))
    return review_of(request, review_id)


@router.post("/reviews/{review_id}/advance", response=ReviewOut)
def advancereview_of(request: HttpRequest, review_id: int) -> Review:
    phase_services.review_advance(actor=acting_user(request), review=review_of(request, review_id))
    return review_of(request, review_id)


@router.post("/reviews/{review_id}/reopen", response=ReviewOut)
def reopenreview_of(request: HttpRequest, review_id: int, payload: ReopenIn) -> Review:
    phase_services.review_reopen(
        actor=acting_user(request), review=review_of(request, review_id), reason=payload.reason
    )
    return review_of(request, review_id)


class MilestoneIn(Schema):
    due: Date | None


@router.patch("/reviews/{review_id}/milestones/{kind}", response=MilestoneOut)
def set_milestone(request: HttpRequest, review_id: int, kind: str, payload: MilestoneIn) -> Any:
    milestone = get_object_or_404(review_of(request, review_id).milestones, kind=kind)
    return phase_services.milestone_set(
        actor=acting_user(request), milestone=milestone, due=payload.due
    )
