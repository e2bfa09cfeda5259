"""Every write to users, roles and tokens: permission check, validation, audit, one transaction.

`actor=None` means the system itself (the command line, the demo loader); pages and the API
always pass the signed-in user, whose permissions are checked.
"""

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from palermo.core import messages, permissions
from palermo.core.audit import audit_created, audit_deleted, audit_record, diff, snapshot
from palermo.core.exceptions import ConflictError
from palermo.core.models import ApiToken, AuditEvent, RoleGrant, User
from palermo.core.permissions import require
from palermo.core.roles import Role

TOKEN_PREFIX = "plm_"  # noqa: S105 - a marker, not a secret
# How precisely a token's last use is kept: "used in the last minute" is all anyone needs.
TOKEN_USE_RESOLUTION = timedelta(minutes=1)
USER_EDITABLE_FIELDS = frozenset(
    {"first_name", "last_name", "email", "organisation", "is_active", "is_staff"}
)


def token_digest(raw: str) -> str:
    # Tokens are 256-bit random strings, so a plain SHA-256 is enough to store them safely.
    return hashlib.sha256(raw.encode()).hexdigest()


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


@transaction.atomic
def token_create(
    *, actor: User | None, owner: User, name: str, days: int | None = None
) -> tuple[ApiToken, str]:
    """Create a personal access token; the raw value is returned once and never stored."""
    if actor is not None:
        require(permissions.can_create_token(actor, owner))
    days = settings.PALERMO_TOKEN_DAYS if days is None else days
    if not 1 <= days <= 365:
        raise ValidationError({"days": messages.TOKEN_DAYS_RANGE})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=owner,
        name=name,
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        digest=token_digest(raw),
        expires_at=timezone.now() + timedelta(days=days),
    )
    token.full_clean()
    token.save()
    audit_created(actor=actor, obj=token)
    return token, raw


@transaction.atomic
def token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    if actor is not None:
        require(permissions.can_revoke_token(actor, token))
    if token.revoked_at is not None:
        raise ConflictError(messages.TOKEN_ALREADY_REVOKED)
    before = snapshot(token, ["revoked_at"])
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=token,
        changes=diff(before, snapshot(token, ["revoked_at"])),
    )
    return token


def token_authenticate(raw: str) -> User | None:
    """The active user owning this active token, noting when the token was last used."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user__organisation")
        .filter(digest=token_digest(raw), revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.user.is_demo and not settings.PALERMO_DEMO:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_USE_RESOLUTION:
        # Bookkeeping, not a change anyone made: kept out of the audit trail on purpose, and
        # written at most once a minute so that reading through the API does not queue for
        # the database's write lock on every call. The filter makes concurrent calls write once.
        ApiToken.objects.filter(pk=token.pk, last_used_at=token.last_used_at).update(
            last_used_at=now
        )
    return token.user
