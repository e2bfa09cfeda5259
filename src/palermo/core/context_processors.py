from typing import Any

from django.conf import settings
from django.http import HttpRequest

from palermo.core import permissions
from palermo.core.countries import country_name
from palermo.core.navigation import navigation_for
from palermo.core.notifications import unread


def palermo(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = permissions.is_active_user(user)
    return {
        "palermo_demo": settings.PALERMO_DEMO,
        "palermo_navigation": navigation_for(user) if signed_in else [],
        "palermo_country": country_name(user.country) if signed_in and user is not None else "",
        "palermo_roles": sorted(permissions.role_labels(user)) if signed_in else [],
        "palermo_unread": unread(user).count() if signed_in else 0,  # type: ignore[arg-type]
    }
