from typing import Any

from palermo.core.permissions import is_active_user, is_secretariat
from palermo.engagement.models import Organisation


def can_view_organisation(user: Any, organisation: Organisation) -> bool:
    """Organisations of the user's own State, and international ones, are visible to members."""
    if not is_active_user(user):
        return False
    if user.is_superuser:
        return True
    return organisation.country in {"", user.country}


def can_create_organisation(user: Any) -> bool:
    return is_secretariat(user)


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    return is_secretariat(user) and can_view_organisation(user, organisation)
