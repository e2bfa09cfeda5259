from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from palermo.core import permissions
from palermo.core.models import ApiToken, AuditEvent, User
from palermo.core.scope import scope_filter, states_read
from palermo.core.search import Hit, public_kinds, search


def token_list(*, user: Any) -> QuerySet[ApiToken]:
    """A user's own tokens, newest first."""
    if not permissions.is_active_user(user):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)


def user_list(*, user: Any, search: str = "") -> QuerySet[User]:
    """Accounts the secretariat manages: those of its State and those with no organisation."""
    if not permissions.can_manage_users(user):
        return User.objects.none()
    users = User.objects.select_related("organisation").prefetch_related("role_grants")
    if not user.is_superuser:
        users = users.filter(
            Q(organisation__isnull=True) | Q(organisation__country__in=[user.country, ""])
        )
    if search:
        users = users.filter(
            Q(username__icontains=search)
            | Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(email__icontains=search)
        )
    return users


def audit_event_list(
    *,
    user: Any,
    action: str = "",
    actor: str = "",
    object_type: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[AuditEvent]:
    """The audit events the user may read: those of their own State and international ones.

    An event's State is its record's, else its actor's (`core.audit`); what the system did to
    one State's records is that State's, never another's.
    """
    if not permissions.can_view_audit_log(user):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.filter(scope_filter(user))
    if action:
        events = events.filter(action=action)
    if actor:
        events = events.filter(actor_name__icontains=actor)
    if object_type:
        events = events.filter(object_type=object_type)
    if since:
        events = events.filter(at__gte=since)
    if until:
        events = events.filter(at__lte=until)
    return events


def audit_object_types() -> list[str]:
    return list(
        AuditEvent.objects.exclude(object_type="")
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )


def recent_activity(*, user: Any, limit: int = 8) -> list[AuditEvent]:
    """The user's own latest actions, for the dashboard."""
    if not permissions.is_active_user(user):
        return []
    return list(AuditEvent.objects.filter(actor=user)[:limit])


def search_hits(*, user: Any, query: str, kinds: list[str] | None = None) -> list[Hit]:
    """Search reference records and the national records of the user's State.

    Visitors without an account find public texts only (the instruments and the laws of the
    State the deployment serves), never the registry of organisations, people or events.
    """
    states: list[str] | None
    if not permissions.is_active_user(user):
        public = public_kinds()
        kinds = sorted(public if kinds is None else public.intersection(kinds))
        if not kinds:
            return []
        states = [settings.PALERMO_COUNTRY] if settings.PALERMO_COUNTRY else []
    else:
        states = states_read(user)
    return search(query, states=states, kinds=kinds)
