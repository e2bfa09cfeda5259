"""The State scope: whose records a person reads. One rule for every app, page and API.

Every national record carries its State as an ISO 3166 alpha-3 code. A record without one is
international (an international organisation, a regional alliance, a person working for
one): every signed-in user reads it. A signed-in user reads the records of their own State; a
superuser reads every State's; a user without a State reads international records only.

Acting for a State is narrower (`is_own_state`): a role held by a user counts for a record
only when the record is of the user's own State. International records belong to no State, so
nobody acts for them that way, and a superuser's powers are their own rule, not a State.
"""

from typing import Any

from django.db.models import Q

from palermo.core.permissions import is_active_user

INTERNATIONAL = ""


def states_read(user: Any) -> list[str] | None:
    """The States whose records the user reads besides international ones; None for all."""
    if not is_active_user(user):
        return []
    if user.is_superuser:
        return None
    return [user.country] if user.country else []


def in_scope(user: Any, country: str) -> bool:
    """Whether a record of `country` is among those the user reads."""
    if not is_active_user(user):
        return False
    return bool(user.is_superuser or country in {INTERNATIONAL, user.country})


def scope_filter(user: Any, field: str = "country") -> Q:
    """`in_scope` as a query filter on `field` (a path to a country code)."""
    if not is_active_user(user):
        return Q(pk__in=[])
    states = states_read(user)
    if states is None:
        return Q()
    return Q(**{f"{field}__in": [INTERNATIONAL, *states]})


def is_own_state(user: Any, country: str) -> bool:
    """Whether a record is of the user's own State (never for international records)."""
    return is_active_user(user) and bool(user.country) and country == user.country


def own_state_filter(user: Any, field: str = "country") -> Q:
    """`is_own_state` as a query filter on `field`."""
    if not is_active_user(user) or not user.country:
        return Q(pk__in=[])
    return Q(**{field: user.country})
