from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, FilterSchema, Query, Router, Schema, Status
from ninja.pagination import paginate

from palermo.core import messages, permissions, selectors, services
from palermo.core.api_types import Id
from palermo.core.http import acting_user
from palermo.core.models import ApiToken, RoleGrant, User
from palermo.core.roles import Role
from palermo.engagement.selectors import organisation_list

router = Router(tags=["core"])


class HealthOut(Schema):
    status: str
    database: str


class OrganisationRef(Schema):
    id: int
    name: str
    kind: str
    country: str


class RoleOut(Schema):
    id: int
    role: str
    label: str = Field(alias="get_role_display")
    scope_type: str
    scope_id: str


class MeOut(Schema):
    id: int
    username: str
    name: str
    email: str
    country: str
    organisation: OrganisationRef | None
    roles: list[RoleOut]


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


class AuditEventOut(Schema):
    id: int
    at: datetime
    actor: str = Field(alias="actor_name")
    action: str
    object_type: str
    object_id: str
    object_repr: str
    changes: dict[str, Any]
    channel: str
    ip_address: str | None
    country: str = Field(
        description="The State the event belongs to (ISO alpha-3); blank: international."
    )


class AuditFilter(FilterSchema):
    action: str | None = None
    actor: str | None = None
    object_type: str | None = None
    since: datetime | None = None
    until: datetime | None = None


class ErrorOut(Schema):
    detail: str


def user_out(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "username": user.username,
        "name": user.get_full_name(),
        "email": user.email,
        "country": user.country,
        "organisation": user.organisation,
        "roles": list(user.role_grants.all()),
    }


@router.get("/health", auth=None, response={200: HealthOut, 503: HealthOut})
def health(request: HttpRequest) -> Status[dict[str, str]]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not ok"
        return Status(503, {"status": "error", "database": "error"})
    return Status(200, {"status": "ok", "database": "ok"})


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> dict[str, Any]:
    return user_out(acting_user(request))


@router.get("/tokens", response=list[TokenOut])
@paginate
def list_tokens(request: HttpRequest) -> Any:
    return selectors.token_list(user=request.user)


@router.post("/tokens", response={201: TokenCreatedOut})
def create_token(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    token, raw = services.token_create(
        actor=acting_user(request), owner=acting_user(request), name=payload.name, days=payload.days
    )
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@router.post("/tokens/{token_id}/revoke", response={200: TokenOut, 404: ErrorOut})
def revoke_token(request: HttpRequest, token_id: int) -> ApiToken:
    token = get_object_or_404(selectors.token_list(user=request.user), pk=token_id)
    return services.token_revoke(actor=acting_user(request), token=token)


@router.get("/audit", response=list[AuditEventOut])
@paginate
def list_audit_events(request: HttpRequest, filters: Query[AuditFilter]) -> Any:
    if not permissions.can_view_audit_log(request.user):
        raise PermissionDenied(messages.NOT_ALLOWED)
    return selectors.audit_event_list(
        user=request.user,
        action=filters.action or "",
        actor=filters.actor or "",
        object_type=filters.object_type or "",
        since=filters.since,
        until=filters.until,
    )


class UserOut(Schema):
    id: int
    username: str
    name: str = Field(alias="get_full_name")
    email: str
    is_active: bool
    organisation: OrganisationRef | None
    roles: list[RoleOut] = Field(alias="role_grants.all")


class UserIn(Schema):
    username: str = Field(min_length=1, max_length=150)
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    organisation_id: Id | None = None
    roles: list[Role] = []


class RoleIn(Schema):
    role: Role
    scope_type: str = ""
    scope_id: str = ""


@router.get("/users", response=list[UserOut])
@paginate
def list_users(request: HttpRequest) -> Any:
    if not permissions.can_manage_users(request.user):
        raise PermissionDenied(messages.NOT_ALLOWED)
    return selectors.user_list(user=request.user)


@router.post("/users", response={201: UserOut})
def create_user(request: HttpRequest, payload: UserIn) -> Status[User]:
    organisation = (
        get_object_or_404(organisation_list(user=request.user), pk=payload.organisation_id)
        if payload.organisation_id
        else None
    )
    user = services.user_create(
        actor=acting_user(request),
        username=payload.username,
        email=payload.email,
        first_name=payload.first_name,
        last_name=payload.last_name,
        organisation=organisation,
        roles=tuple(payload.roles),
    )
    return Status(201, user)


@router.post("/users/{user_id}/roles", response={201: RoleOut})
def grant_role(request: HttpRequest, user_id: int, payload: RoleIn) -> Status[RoleGrant]:
    if not permissions.can_manage_users(request.user):
        raise PermissionDenied(messages.NOT_ALLOWED)
    user = get_object_or_404(selectors.user_list(user=request.user), pk=user_id)
    grant = services.role_grant(
        actor=acting_user(request),
        user=user,
        role=payload.role,
        scope_type=payload.scope_type,
        scope_id=payload.scope_id,
    )
    return Status(201, grant)


@router.delete("/users/{user_id}/roles/{grant_id}", response={204: None})
def revoke_role(request: HttpRequest, user_id: int, grant_id: int) -> Status[None]:
    if not permissions.can_manage_users(request.user):
        raise PermissionDenied(messages.NOT_ALLOWED)
    grant = get_object_or_404(RoleGrant, pk=grant_id, user_id=user_id)
    get_object_or_404(selectors.user_list(user=request.user), pk=user_id)
    services.role_revoke(actor=acting_user(request), grant=grant)
    return Status(204, None)


class SearchHitOut(Schema):
    kind: str
    id: str = Field(alias="object_id")
    state: str
    path: str
    title: str
    snippet: str
    score: float


@router.get("/search", response=list[SearchHitOut], auth=None)
def search(request: HttpRequest, q: str, kind: str = "") -> Any:
    """Ranked full-text search; title and snippet mark matches with <mark>…</mark>."""
    return selectors.search_hits(user=request.user, query=q, kinds=[kind] if kind else None)
