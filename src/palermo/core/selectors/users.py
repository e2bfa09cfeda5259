"""The users the reader may list."""

from typing import Any

from django.db.models import Q, QuerySet

from palermo.core import permissions
from palermo.core.models import User


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
