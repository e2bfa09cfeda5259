"""The audit trail for those who may read it."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from palermo.core import messages, permissions
from palermo.core.selectors import audit as audit_selectors

router = Router()


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


@router.get("/audit", response=list[AuditEventOut])
@paginate
def list_audit_events(request: HttpRequest, filters: Query[AuditFilter]) -> Any:
    if not permissions.can_view_audit_log(request.user):
        raise PermissionDenied(messages.NOT_ALLOWED)
    return audit_selectors.audit_event_list(
        user=request.user,
        action=filters.action or "",
        actor=filters.actor or "",
        object_type=filters.object_type or "",
        since=filters.since,
        until=filters.until,
    )
