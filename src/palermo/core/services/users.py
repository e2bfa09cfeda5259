"""Writes to users and the roles granted to them."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from palermo.core import messages, permissions
from palermo.core.audit import audit_created, audit_deleted, audit_record, diff, snapshot
from palermo.core.exceptions import ConflictError
from palermo.core.models import AuditEvent, RoleGrant, User
from palermo.core.permissions import require
from palermo.core.roles import Role

USER_EDITABLE_FIELDS = frozenset(
    {"first_name", "last_name", "email", "organisation", "is_active", "is_staff"}
)


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    organisation: Any = None,
    roles: tuple[Role, ...] = (),
    is_superuser: bool = False,
    is_demo: bool = False,
) -> User:
    """Create an account; without a password it cannot sign in until one is set or reset."""
    if actor is not None:
        require(permissions.can_manage_users(actor) and not is_superuser)
    if User.objects.filter(username__iexact=username).exists():
        raise ConflictError(messages.USERNAME_TAKEN)
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        organisation=organisation,
        is_superuser=is_superuser,
        is_staff=is_superuser,
        is_demo=is_demo,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    audit_created(actor=actor, obj=user)
    for role in roles:
        role_grant(actor=actor, user=user, role=role)
    return user


@transaction.atomic
def user_update(*, actor: User | None, user: User, **fields: Any) -> User:
    if actor is not None:
        require(permissions.can_manage_users(actor))
    unknown = set(fields) - USER_EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")
    before = snapshot(user, fields)
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean()
    user.save(update_fields=list(fields))
    changes = diff(before, snapshot(user, fields))
    if changes:
        audit_record(actor=actor, action=AuditEvent.Action.UPDATE, obj=user, changes=changes)
    return user


@transaction.atomic
def user_password_set(*, actor: User | None, user: User, password: str) -> User:
    """Set a password (own change, reset by e-mail link, or by the secretariat)."""
    if actor is not None and actor.pk != user.pk:
        require(permissions.can_manage_users(actor))
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name="" if actor is not None and actor.is_authenticated else user.username,
        action=AuditEvent.Action.UPDATE,
        obj=user,
        changes={"password": ["••••••", "••••••"]},
    )
    return user


@transaction.atomic
def role_grant(
    *, actor: User | None, user: User, role: Role | str, scope_type: str = "", scope_id: str = ""
) -> RoleGrant:
    if actor is not None:
        require(permissions.can_manage_users(actor))
    if role not in Role.values:
        raise ValidationError({"role": messages.UNKNOWN_ROLE})
    if RoleGrant.objects.filter(
        user=user, role=role, scope_type=scope_type, scope_id=scope_id
    ).exists():
        raise ConflictError(messages.ROLE_ALREADY_GRANTED)
    grant = RoleGrant(
        user=user, role=role, scope_type=scope_type, scope_id=scope_id, granted_by=actor
    )
    grant.full_clean()
    grant.save()
    permissions.forget_roles(user)
    audit_created(actor=actor, obj=grant)
    return grant


@transaction.atomic
def role_revoke(*, actor: User | None, grant: RoleGrant) -> None:
    if actor is not None:
        require(permissions.can_manage_users(actor))
    audit_deleted(actor=actor, obj=grant)
    grant.delete()
    permissions.forget_roles(grant.user)
