"""Schemas and lookups shared by the review API's topics."""

import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Schema

from palermo.core.api_types import Date, Id, PatchSchema
from palermo.reviews.models import ArticleAnswer, Question, Review
from palermo.reviews.selectors import answers as answer_selectors
from palermo.reviews.selectors import reviews as review_selectors


class ReviewIn(Schema):
    state: str = Field(description="ISO 3166 alpha-3, e.g. PAK")
    cluster: int
    year: int = Field(ge=2018, le=2100)
    start_date: Date | None = None
    cycle: int = 1


class MilestoneOut(Schema):
    kind: str
    label: str = Field(alias="get_kind_display")
    due: datetime.date | None
    done_at: datetime.datetime | None
    is_late: bool


class ReviewOut(Schema):
    id: int
    state: str = Field(alias="state.iso3")
    cluster: int = Field(alias="cluster.number")
    cycle: int
    year: int
    start_date: datetime.date
    phase: str
    version: int
    instruments: list[str]
    milestones: list[MilestoneOut] = Field(alias="milestones.all")

    @staticmethod
    def resolve_instruments(obj: Review) -> list[str]:
        return [i.code for i in obj.instruments.all()]


class QuestionOut(Schema):
    id: int
    article: str = Field(alias="article.code")
    key: str
    field_name: str
    kind: str
    text: str
    help_text: str


class QuestionPatch(PatchSchema):
    model = Question

    text: str
    help_text: str = ""


class AnswerOut(Schema):
    id: int
    article: str = Field(alias="article.code")
    status: str
    compliance: str
    responses: dict[str, str]
    provisions: list[Id]
    version: int
    assigned_body: str | None = Field(default=None, alias="assigned_body.name")
    assignee: str | None = Field(default=None, alias="assignee.username")
    shared_with_civil_society: bool
    return_comment: str
    updated_at: datetime.datetime

    @staticmethod
    def resolve_provisions(obj: ArticleAnswer) -> list[int]:
        return [p.pk for p in obj.provisions.all()]


class AnswerIn(Schema):
    version: int = Field(
        description="The version you started from; a newer one means a conflict (409)."
    )
    compliance: str = ""
    responses: dict[str, str] = {}
    provisions: list[Id] = []


class AssignIn(Schema):
    articles: list[str] = Field(description="Article codes, e.g. untoc:5")
    body: Id | None = Field(default=None, description="Organisation id")
    assignee: Id | None = Field(default=None, description="User id")


class DecisionIn(Schema):
    answers: list[Id]
    comment: str = ""


class ShareIn(Schema):
    shared: bool


class ReopenIn(Schema):
    reason: str


class DiffPieceOut(Schema):
    kind: Literal["equal", "delete", "insert"]
    text: str


class ChangeOut(Schema):
    """One field's change: runs of words kept, removed and added."""

    field: str
    pieces: list[DiffPieceOut]


class VersionOut(Schema):
    number: int
    user: str
    when: datetime.datetime
    reason: str
    status: str
    changes: list[ChangeOut]


def review_of(request: HttpRequest, review_id: int) -> Review:
    return review_selectors.review_get(user=request.user, review_id=review_id)


def answer_of(request: HttpRequest, review_id: int, answer_id: int) -> ArticleAnswer:
    return answer_selectors.answer_get(
        user=request.user, review=review_of(request, review_id), answer_id=answer_id
    )
