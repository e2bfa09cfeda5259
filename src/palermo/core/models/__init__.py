"""Users, roles and tokens, the audit trail, the search index, notifications and table versions."""

from palermo.core.models.audit import AuditEvent, AuditEventQuerySet
from palermo.core.models.notifications import Notification
from palermo.core.models.pages import TableVersion
from palermo.core.models.search import SearchDocument
from palermo.core.models.users import ApiToken, RoleGrant, User

__all__ = [
    "ApiToken",
    "AuditEvent",
    "AuditEventQuerySet",
    "Notification",
    "RoleGrant",
    "SearchDocument",
    "TableVersion",
    "User",
]
