"""Search, limited to the records the reader may find."""

from typing import Any

from django.conf import settings

from palermo.core import permissions
from palermo.core.scope import states_read
from palermo.core.search import Hit, public_kinds, search


def search_hits(*, user: Any, query: str, kinds: list[str] | None = None) -> list[Hit]:
    """Search reference records and the national records of the user's State.

    Visitors without an account find public texts only (the instruments and the laws of the
    State the deployment serves), never the registry of organisations, people or events.
    """
    states: list[str] | None
    if not permissions.is_active_user(user):
        public = public_kinds()
        kinds = sorted(public if kinds is None else public.intersection(kinds))
        if not kinds:
            return []
        states = [settings.PALERMO_COUNTRY] if settings.PALERMO_COUNTRY else []
    else:
        states = states_read(user)
    return search(query, states=states, kinds=kinds)
