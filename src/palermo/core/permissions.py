"""Who may do what, shared by services, pages and the API. Everything not granted is denied."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied

from palermo.core import messages
from palermo.core.models import ApiToken, User
from palermo.core.roles import Role


def require(allowed: bool) -> None:
    """Raise PermissionDenied (with the standard message) unless the check allowed it."""
    if not allowed:
        raise PermissionDenied(messages.NOT_ALLOWED)


def is_active_user(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def role_names(user: Any) -> set[str]:
    """The roles a user holds without a scope, cached on the user for this request."""
    if not is_active_user(user):
        return set()
    cached: set[str] | None = getattr(user, "_palermo_roles", None)
    if cached is None:
        grants = user.role_grants.filter(scope_type="").order_by()
        cached = set(grants.values_list("role", flat=True))
        user._palermo_roles = cached
    return cached


def _scoped_grants(user: Any) -> set[tuple[str, str, str]]:
    """The user's grants on single records as (role, scope type, scope id), read once.

    Cached on the user object, which lives for one request: a page that checks each of its rows
    against the user's review roles asks the database once.
    """
    cached: set[tuple[str, str, str]] | None = getattr(user, "_palermo_scoped_roles", None)
    if cached is None:
        grants = (
            user.role_grants.exclude(scope_type="")
            .order_by()
            .values_list("role", "scope_type", "scope_id")
        )
        cached = set(grants)
        user._palermo_scoped_roles = cached
    return cached


def forget_roles(user: Any) -> None:
    """Drop the roles cached on this user object, after a grant or a revocation."""
    for name in ("_palermo_roles", "_palermo_scoped_roles"):
        if hasattr(user, name):
            delattr(user, name)


def has_role(user: Any, role: Role, *, scope_type: str = "", scope_id: str = "") -> bool:
    """True when the user holds the role everywhere, or for the one record named."""
    if not is_active_user(user):
        return False
    if role in role_names(user):
        return True
    if not scope_type:
        return False
    return (role, scope_type, scope_id) in _scoped_grants(user)


def has_scoped_role(user: Any, role: Role, *, scope_type: str, scope_id: str) -> bool:
    """True only for a grant on that very record (an unscoped grant does not count)."""
    if not is_active_user(user):
        return False
    return (role, scope_type, scope_id) in _scoped_grants(user)


def scoped_record_ids(user: Any, roles: Iterable[str], *, scope_type: str) -> set[str]:
    """The ids of the records of `scope_type` on which the user holds one of `roles`."""
    if not is_active_user(user):
        return set()
    wanted = set(roles)
    return {
        scope_id
        for role, type_, scope_id in _scoped_grants(user)
        if type_ == scope_type and role in wanted
    }


def is_secretariat(user: Any) -> bool:
    return is_active_user(user) and (user.is_superuser or has_role(user, Role.SECRETARIAT))


def can_view_audit_log(user: Any) -> bool:
    return is_secretariat(user)


def can_manage_users(user: Any) -> bool:
    return is_secretariat(user)


def can_manage_organisations(user: Any) -> bool:
    return is_secretariat(user)


def can_create_token(actor: Any, owner: User) -> bool:
    return is_active_user(actor) and (actor.pk == owner.pk or can_manage_users(actor))


def can_revoke_token(actor: Any, token: ApiToken) -> bool:
    return is_active_user(actor) and (actor.pk == token.user_id or can_manage_users(actor))


def role_labels(user: Any) -> list[str]:
    return [str(Role(role).label) for role in role_names(user)]
