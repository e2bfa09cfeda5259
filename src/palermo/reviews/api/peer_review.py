"""Peer review: reviewers, participants, observations and replies."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from palermo.core.http import acting_user
from palermo.core.models import User
from palermo.core.roles import Role
from palermo.instruments.models import Instrument, State
from palermo.instruments.selectors.instruments import article_get
from palermo.reviews.api.common import (
    review_of,
)
from palermo.reviews.selectors import observations as observation_selectors
from palermo.reviews.services import observations as observation_services
from palermo.reviews.services import reviewers as reviewer_services

router = Router(tags=["reviews: peer review"])


class ReviewerOut(Schema):
    instrument: str = Field(alias="instrument.code")
    state: str = Field(alias="state.iso3")
    state_name: str = Field(alias="state.display_name")
    group: str
    by_lot: bool
    is_additional: bool


class DrawIn(Schema):
    seed: str | None = Field(default=None, description="Give the recorded seed to re-run a draw.")


class DrawOut(Schema):
    seed: str
    reviewers: list[ReviewerOut]


class ReviewerIn(Schema):
    instrument: str
    state: str
    group: str = Field(pattern="^(same|other)$")


class ParticipantIn(Schema):
    user: int
    role: str = Field(pattern="^(peer_reviewer|observer)$")


class ReplyOut(Schema):
    id: int
    author: str = Field(alias="author.username")
    text: str
    from_state_under_review: bool
    created_at: datetime.datetime


class ObservationOut(Schema):
    id: int
    article: str = Field(alias="article.code")
    reviewing_state: str | None = Field(default=None, alias="reviewing_state.iso3")
    author: str = Field(alias="author.username")
    kind: str
    category: str
    text: str
    status: str
    created_at: datetime.datetime
    replies: list[ReplyOut] = Field(alias="replies.all")


class ObservationIn(Schema):
    article: str
    kind: str = Field(pattern="^(question|information_request|finding)$")
    category: str = ""
    text: str


class TextIn(Schema):
    text: str


class StatusIn(Schema):
    status: str = Field(pattern="^(open|answered|closed)$")


@router.post("/reviews/{review_id}/draw-reviewers", response=DrawOut)
def draw(request: HttpRequest, review_id: int, payload: DrawIn) -> dict[str, Any]:
    """Draw the reviewing States by lot; the seed is recorded and returned."""
    review = review_of(request, review_id)
    records = reviewer_services.reviewers_draw(
        actor=acting_user(request), review=review, seed=payload.seed
    )
    review.refresh_from_db()
    return {"seed": review.draw_seed, "reviewers": records}


@router.get("/reviews/{review_id}/reviewers", response=list[ReviewerOut])
def list_reviewers(request: HttpRequest, review_id: int) -> Any:
    return review_of(request, review_id).reviewers.select_related("instrument", "state")


@router.put("/reviews/{review_id}/reviewers", response=list[ReviewerOut])
def set_reviewers(request: HttpRequest, review_id: int, payload: list[ReviewerIn]) -> Any:
    review = review_of(request, review_id)
    choices = [
        (
            get_object_or_404(Instrument, code=c.instrument),
            get_object_or_404(State, iso3=c.state.upper()),
            c.group,
        )
        for c in payload
    ]
    return reviewer_services.reviewers_set(
        actor=acting_user(request), review=review, choices=choices
    )


@router.post("/reviews/{review_id}/participants", response={201: dict[str, Any]})
def add_participant(
    request: HttpRequest, review_id: int, payload: ParticipantIn
) -> Status[dict[str, Any]]:
    review = review_of(request, review_id)
    grant = reviewer_services.participant_add(
        actor=acting_user(request),
        review=review,
        user=get_object_or_404(User, pk=payload.user),
        role=Role(payload.role),
    )
    return Status(201, {"user": grant.user.username, "role": grant.role})


@router.get("/reviews/{review_id}/observations", response=list[ObservationOut])
def list_observations(request: HttpRequest, review_id: int) -> Any:
    return observation_selectors.observation_list(
        user=request.user, review=review_of(request, review_id)
    )


@router.post("/reviews/{review_id}/observations", response={201: ObservationOut})
def create_observation(request: HttpRequest, review_id: int, payload: ObservationIn) -> Status[Any]:
    review = review_of(request, review_id)
    observation = observation_services.observation_create(
        actor=acting_user(request),
        review=review,
        article=article_get(payload.article),
        kind=payload.kind,
        category=payload.category,
        text=payload.text,
    )
    return Status(201, observation)


def _observation(request: HttpRequest, review_id: int, observation_id: int) -> Any:
    review = review_of(request, review_id)
    return observation_selectors.observation_get(
        user=request.user, review=review, observation_id=observation_id
    )


@router.post("/reviews/{review_id}/observations/{observation_id}/replies", response={201: ReplyOut})
def reply(
    request: HttpRequest, review_id: int, observation_id: int, payload: TextIn
) -> Status[Any]:
    observation = _observation(request, review_id, observation_id)
    return Status(
        201,
        observation_services.observation_reply(
            actor=acting_user(request), observation=observation, text=payload.text
        ),
    )


@router.post("/reviews/{review_id}/observations/{observation_id}/status", response=ObservationOut)
def set_observation_status(
    request: HttpRequest, review_id: int, observation_id: int, payload: StatusIn
) -> Any:
    observation = _observation(request, review_id, observation_id)
    observation_services.observation_set_status(
        actor=acting_user(request), observation=observation, status=payload.status
    )
    return _observation(request, review_id, observation_id)
