"""The audit trail as the reader may read it."""

from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from palermo.core import permissions
from palermo.core.models import AuditEvent
from palermo.core.scope import scope_filter


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
