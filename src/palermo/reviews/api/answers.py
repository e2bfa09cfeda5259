"""The State's answers: drafting, history, assignment, approval."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from palermo.core.http import acting_user
from palermo.core.models import User
from palermo.engagement.models import Organisation
from palermo.instruments.models import Provision
from palermo.reviews.api.common import (
    AnswerIn,
    AnswerOut,
    AssignIn,
    DecisionIn,
    ShareIn,
    VersionOut,
    answer_of,
    review_of,
)
from palermo.reviews.models import ArticleAnswer
from palermo.reviews.selectors import answers as answer_selectors
from palermo.reviews.services import answers as answer_services

router = Router(tags=["reviews: answers"])


@router.get("/reviews/{review_id}/answers", response=list[AnswerOut])
def list_answers(request: HttpRequest, review_id: int) -> Any:
    return answer_selectors.answer_list(user=request.user, review=review_of(request, review_id))


@router.get("/reviews/{review_id}/answers/{answer_id}", response=AnswerOut)
def getanswer_of(request: HttpRequest, review_id: int, answer_id: int) -> ArticleAnswer:
    return answer_of(request, review_id, answer_id)


@router.put("/reviews/{review_id}/answers/{answer_id}", response=AnswerOut)
def save_answer(
    request: HttpRequest, review_id: int, answer_id: int, payload: AnswerIn
) -> ArticleAnswer:
    answer = answer_of(request, review_id, answer_id)
    provisions = list(Provision.objects.select_related("law").filter(pk__in=payload.provisions))
    return answer_services.answer_save(
        actor=acting_user(request),
        answer=answer,
        expected_version=payload.version,
        compliance=payload.compliance,
        responses=payload.responses,
        provisions=provisions,
    )


@router.get("/reviews/{review_id}/answers/{answer_id}/history", response=list[VersionOut])
def answer_history(request: HttpRequest, review_id: int, answer_id: int) -> Any:
    return answer_selectors.answer_history(
        user=request.user, answer=answer_of(request, review_id, answer_id)
    )


@router.post("/reviews/{review_id}/answers/{answer_id}/send", response=AnswerOut)
def sendanswer_of(request: HttpRequest, review_id: int, answer_id: int) -> ArticleAnswer:
    return answer_services.answer_send_for_approval(
        actor=acting_user(request), answer=answer_of(request, review_id, answer_id)
    )


@router.post("/reviews/{review_id}/answers/{answer_id}/share", response=AnswerOut)
def share_answer(
    request: HttpRequest, review_id: int, answer_id: int, payload: ShareIn
) -> ArticleAnswer:
    return answer_services.answer_share(
        actor=acting_user(request),
        answer=answer_of(request, review_id, answer_id),
        shared=payload.shared,
    )


@router.post("/reviews/{review_id}/assign", response=list[AnswerOut])
def assign_answers(request: HttpRequest, review_id: int, payload: AssignIn) -> Any:
    review = review_of(request, review_id)
    answers = [
        a
        for a in review.answers.select_related("article__instrument")
        if a.article.code in payload.articles
    ]
    body = get_object_or_404(Organisation, pk=payload.body) if payload.body else None
    assignee = get_object_or_404(User, pk=payload.assignee) if payload.assignee else None
    return answer_services.answer_assign(
        actor=acting_user(request), answers=answers, body=body, assignee=assignee
    )


@router.post("/reviews/{review_id}/approve", response=list[AnswerOut])
def approve_answers(request: HttpRequest, review_id: int, payload: DecisionIn) -> Any:
    review = review_of(request, review_id)
    answers = list(
        review.answers.select_related("article__instrument").filter(pk__in=payload.answers)
    )
    return answer_services.answer_approve(actor=acting_user(request), answers=answers)


@router.post("/reviews/{review_id}/return", response=list[AnswerOut])
def return_answers(request: HttpRequest, review_id: int, payload: DecisionIn) -> Any:
    review = review_of(request, review_id)
    answers = list(
        review.answers.select_related("article__instrument").filter(pk__in=payload.answers)
    )
    return answer_services.answer_return(
        actor=acting_user(request), answers=answers, comment=payload.comment
    )
