"""The signed-in user's API tokens."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from palermo.core.http import acting_user
from palermo.core.models import ApiToken
from palermo.core.selectors import tokens as token_selectors
from palermo.core.services import tokens as token_services

router = Router()


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    days: int | None = None


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    is_active: bool


class TokenCreatedOut(TokenOut):
    token: str


class ErrorOut(Schema):
    detail: str


@router.get("/tokens", response=list[TokenOut])
@paginate
def list_tokens(request: HttpRequest) -> Any:
    return token_selectors.token_list(user=request.user)


@router.post("/tokens", response={201: TokenCreatedOut})
def create_token(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    token, raw = token_services.token_create(
        actor=acting_user(request), owner=acting_user(request), name=payload.name, days=payload.days
    )
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@router.post("/tokens/{token_id}/revoke", response={200: TokenOut, 404: ErrorOut})
def revoke_token(request: HttpRequest, token_id: int) -> ApiToken:
    token = get_object_or_404(token_selectors.token_list(user=request.user), pk=token_id)
    return token_services.token_revoke(actor=acting_user(request), token=token)
