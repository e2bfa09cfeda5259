"""The API tokens the reader may list."""

from typing import Any

from django.db.models import QuerySet

from palermo.core import permissions
from palermo.core.models import ApiToken


def token_list(*, user: Any) -> QuerySet[ApiToken]:
    """A user's own tokens, newest first."""
    if not permissions.is_active_user(user):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)
