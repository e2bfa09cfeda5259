"""The signed-in user, and users and their roles for those who manage them."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from palermo.core import messages, permissions
from palermo.core.api_types import Id
from palermo.core.http import acting_user
from palermo.core.models import RoleGrant, User
from palermo.core.roles import Role
from palermo.core.selectors import users as user_selectors
from palermo.core.services import users as user_services
from palermo.engagement.selectors.registry import organisation_list

router = Router()


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


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> dict[str, Any]:
    return user_out(acting_user(request))


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
    return user_selectors.user_list(user=request.user)


@router.post("/users", response={201: UserOut})
def create_user(request: HttpRequest, payload: UserIn) -> Status[User]:
    organisation = (
        get_object_or_404(organisation_list(user=request.user), pk=payload.organisation_id)
        if payload.organisation_id
        else None
    )
    user = user_services.user_create(
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
    user = get_object_or_404(user_selectors.user_list(user=request.user), pk=user_id)
    grant = user_services.role_grant(
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
    get_object_or_404(user_selectors.user_list(user=request.user), pk=user_id)
    user_services.role_revoke(actor=acting_user(request), grant=grant)
    return Status(204, None)
