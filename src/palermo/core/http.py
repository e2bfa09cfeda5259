from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from palermo.core import messages
from palermo.core.models import User


def acting_user(request: HttpRequest) -> User:
    """The signed-in user of a request that authentication already let through."""
    user = request.user
    if not isinstance(user, User) or not user.is_active:
        raise PermissionDenied(messages.NOT_ALLOWED)
    return user
