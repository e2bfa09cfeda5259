"""API tokens: created, revoked, and checked on each request."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from palermo.core import messages, permissions
from palermo.core.audit import audit_created, audit_record, diff, snapshot
from palermo.core.exceptions import ConflictError
from palermo.core.models import ApiToken, AuditEvent, User
from palermo.core.permissions import require

TOKEN_PREFIX = "plm_"  # noqa: S105 - a marker, not a secret
# How precisely a token's last use is kept: "used in the last minute" is all anyone needs.
TOKEN_USE_RESOLUTION = timedelta(minutes=1)


def token_digest(raw: str) -> str:
    # Tokens are 256-bit random strings, so a plain SHA-256 is enough to store them safely.
    return hashlib.sha256(raw.encode()).hexdigest()


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
