from typing import Any

from palermo.core.permissions import has_role, is_active_user, is_secretariat
from palermo.core.roles import Role
from palermo.core.scope import is_own_state
from palermo.instruments.models import Law, State


def can_edit_reference(user: Any) -> bool:
    """Articles' summaries, clusters, States' groups and ratifications: the secretariat."""
    return is_secretariat(user)


def can_edit_legislation(user: Any, state: State) -> bool:
    """The secretariat and government focal persons of the law's State."""
    if not is_active_user(user):
        return False
    if user.is_superuser:
        return True
    own_state = is_own_state(user, state.iso3)
    return own_state and (is_secretariat(user) or has_role(user, Role.FOCAL_PERSON))


def can_delete_law(user: Any, law: Law) -> bool:
    return is_secretariat(user) and (user.is_superuser or is_own_state(user, law.state.iso3))
