from django.conf import settings
from django.http import HttpRequest

from palermo.core.permissions import is_active_user
from palermo.instruments.models import State


def user_state(request: HttpRequest) -> State | None:
    """The State whose national records the page shows: `?state=` or the user's own."""
    requested = request.GET.get("state", "").upper()
    user = request.user
    own = user.country if is_active_user(user) else settings.PALERMO_COUNTRY  # type: ignore[union-attr]
    code = requested or own
    return State.objects.filter(iso3=code).first() if code else None
