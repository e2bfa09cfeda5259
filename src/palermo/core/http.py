from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.functional import LazyObject

from palermo.core import messages
from palermo.core.models import User


def acting_user(request: HttpRequest) -> User:
    """The signed-in user of a request that authentication already let through."""
    user = request.user
    if not isinstance(user, User) or not user.is_active:
        raise PermissionDenied(messages.NOT_ALLOWED)
    # The user object itself rather than the lazy proxy around it: the permission checks of a
    # page read its attributes thousands of times, and each read through the proxy costs.
    if isinstance(user, LazyObject):
        user = user._wrapped  # type: ignore[attr-defined]
    return user


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """A file for the browser to save under `filename` (pages and the API alike)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
