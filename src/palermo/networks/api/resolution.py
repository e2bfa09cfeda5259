"""Entity resolution over the API: candidates, decisions and undoing them (the pages' rules)."""

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from palermo.core.api_types import Id, ValidationErrorOut
from palermo.core.http import acting_user
from palermo.networks import permissions
from palermo.networks.models import Judgement
from palermo.networks.selectors import collections as collection_selectors
from palermo.networks.selectors import resolution as selectors
from palermo.networks.services import resolution as services

router = Router(tags=["networks"])
MAX_CANDIDATES = 500


class NetworkCandidateOut(Schema):
    left: str
    right: str
    left_name: str
    right_name: str
    score: float
    reasons: list[str]


class NetworkJudgementIn(Schema):
    left: str = Field(min_length=1, max_length=255)
    right: str = Field(min_length=1, max_length=255)
    verdict: Judgement.Verdict


class NetworkJudgementFields(Schema):
    id: int
    left_id: str
    right_id: str
    verdict: str
    score: float | None
    reasons: list[str]
    decided_by: str | None
    decided_at: datetime.datetime
    undone_by: str | None
    undone_at: datetime.datetime | None


class NetworkJudgementOut(NetworkJudgementFields):
    @staticmethod
    def resolve_decided_by(obj: Judgement) -> str | None:
        return obj.decided_by.username if obj.decided_by else None

    @staticmethod
    def resolve_undone_by(obj: Judgement) -> str | None:
        return obj.undone_by.username if obj.undone_by else None


class NetworkDecisionOut(NetworkJudgementFields):
    """A decision in the log, with the names its two entities have now."""

    left_name: str
    right_name: str


@router.get("/collections/{int:collection_id}/candidates", response=list[NetworkCandidateOut])
def candidate_list(
    request: HttpRequest,
    collection_id: Id,
    limit: Annotated[int, Field(ge=1, le=MAX_CANDIDATES)] = 100,
    threshold: Annotated[float, Field(ge=0, le=1)] = 0.5,
) -> list[dict[str, Any]]:
    """Possible duplicates not decided yet, best first (for analysts granted the collection)."""
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_read_entities
    )
    pairs = selectors.candidate_pairs(request.user, collection, where="API", threshold=threshold)
    return [
        {
            "left": pair.candidate.left,
            "right": pair.candidate.right,
            "left_name": pair.left.caption,
            "right_name": pair.right.caption,
            "score": pair.candidate.score,
            "reasons": list(pair.candidate.reasons),
        }
        for pair in pairs[:limit]
    ]


@router.get("/collections/{int:collection_id}/judgements", response=list[NetworkDecisionOut])
def judgement_list(request: HttpRequest, collection_id: Id) -> list[dict[str, Any]]:
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_read_entities
    )
    rows = selectors.decision_rows(
        request.user, collection, selectors.judgements(collection)[:1000], where="API"
    )
    return [
        {
            **NetworkJudgementOut.from_orm(row.judgement).dict(),
            "left_name": row.left_name,
            "right_name": row.right_name,
        }
        for row in rows
    ]


@router.post(
    "/collections/{int:collection_id}/judgements",
    response={201: NetworkJudgementOut, 422: ValidationErrorOut},
)
def judgement_create(
    request: HttpRequest, collection_id: Id, payload: NetworkJudgementIn
) -> Status[Judgement]:
    """Decide on a pair: `positive` merges them in every view, `negative` keeps them apart."""
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_resolve
    )
    judgement = services.judgement_decide(
        actor=acting_user(request),
        collection=collection,
        left_id=payload.left,
        right_id=payload.right,
        verdict=payload.verdict,
    )
    return Status(201, judgement)


@router.post(
    "/collections/{int:collection_id}/judgements/{int:judgement_id}/undo",
    response={200: NetworkJudgementOut, 422: ValidationErrorOut},
)
def judgement_undo(request: HttpRequest, collection_id: Id, judgement_id: Id) -> Judgement:
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_resolve
    )
    judgement = get_object_or_404(collection.judgements, pk=judgement_id)
    return services.judgement_undo(actor=acting_user(request), judgement=judgement)
