from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from palermo.core import permissions
from palermo.core.countries import country_name
from palermo.core.navigation import navigation_for, navigation_html
from palermo.core.notifications import unread


def palermo(request: HttpRequest) -> dict[str, Any]:
    """What the page frame shows: navigation, State, roles and unread notifications.

    Every template rendered for a request gets these, fragments (htmx) included, so what only
    the frame reads is computed when a template first reads it.
    """
    user = getattr(request, "user", None)
    signed_in = permissions.is_active_user(user)
    if not signed_in or user is None:
        return {
            "palermo_demo": settings.PALERMO_DEMO,
            "palermo_navigation": [],
            "palermo_navigation_html": "",
            "palermo_country": "",
            "palermo_roles": [],
            "palermo_unread": 0,
        }
    navigation = navigation_for(user)
    return {
        "palermo_demo": settings.PALERMO_DEMO,
        "palermo_navigation": navigation,
        "palermo_navigation_html": SimpleLazyObject(
            lambda: navigation_html(navigation, request.path)
        ),
        "palermo_country": SimpleLazyObject(lambda: country_name(user.country)),
        "palermo_roles": SimpleLazyObject(lambda: sorted(permissions.role_labels(user))),
        "palermo_unread": SimpleLazyObject(lambda: unread(user).count()),
    }
