"""Who may see and change the registry, alliances, events, minutes and action items.

"Coordinators" are the review secretariat and civil-society coordinators of the State: they
run the registry and the alliance, so they read everyone's contact details. Everyone else
reads the contact details of their own organisation's people only.
"""

from typing import Any

from palermo.core.permissions import has_role, is_active_user, is_secretariat
from palermo.core.roles import Role
from palermo.core.scope import in_scope
from palermo.engagement.models import (
    ActionItem,
    Alliance,
    Event,
    Organisation,
    Person,
    Statement,
)


def is_registry_coordinator(user: Any) -> bool:
    """The secretariat and civil-society coordinators: they run the registry and alliances."""
    return is_secretariat(user) or has_role(user, Role.CS_COORDINATOR)


def can_view_organisation(user: Any, organisation: Organisation) -> bool:
    """Organisations of the user's own State, and international ones, are visible to members."""
    return in_scope(user, organisation.country)


def can_create_organisation(user: Any) -> bool:
    return is_registry_coordinator(user)


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    return is_registry_coordinator(user) and can_view_organisation(user, organisation)


def can_view_person(user: Any, person: Person) -> bool:
    return in_scope(user, person.country)


def can_view_contact(user: Any, person: Person) -> bool:
    """E-mail and phone: the person, their organisation, and the State's coordinators."""
    if not can_view_person(user, person):
        return False
    if user.is_superuser or person.user_id == user.pk:
        return True
    if person.organisation_id is not None and person.organisation_id == user.organisation_id:
        return True
    return is_registry_coordinator(user)


def can_create_person(user: Any, organisation: Organisation | None) -> bool:
    if is_registry_coordinator(user):
        return True
    return (
        is_active_user(user)
        and organisation is not None
        and organisation.pk == user.organisation_id
    )


def can_edit_person(user: Any, person: Person) -> bool:
    if not can_view_person(user, person):
        return False
    return is_registry_coordinator(user) or (
        person.organisation_id is not None and person.organisation_id == user.organisation_id
    )


def can_view_alliance(user: Any, alliance: Alliance) -> bool:
    return in_scope(user, alliance.country)


def can_manage_alliance(user: Any, alliance: Alliance | None = None) -> bool:
    if alliance is not None and not can_view_alliance(user, alliance):
        return False
    return is_registry_coordinator(user)


def can_record_membership_figures(user: Any, alliance: Alliance) -> bool:
    """An alliance's own member counts are kept by whoever manages the alliance."""
    return can_manage_alliance(user, alliance)


def can_view_event(user: Any, event: Event) -> bool:
    return in_scope(user, event.country)


def can_create_event(user: Any) -> bool:
    return is_registry_coordinator(user)


def can_edit_event(user: Any, event: Event) -> bool:
    if not can_view_event(user, event):
        return False
    return is_registry_coordinator(user) or (
        event.created_by_id is not None and event.created_by_id == user.pk
    )


def can_add_statement(user: Any, event: Event, organisation: Organisation | None = None) -> bool:
    """Coordinators record anyone's statement; a member records their own organisation's."""
    if not can_view_event(user, event):
        return False
    if is_registry_coordinator(user):
        return True
    return organisation is not None and organisation.pk == user.organisation_id


def can_edit_statement(user: Any, statement: Statement) -> bool:
    return can_add_statement(user, statement.event, statement.organisation)


def can_record_minutes(user: Any, event: Event) -> bool:
    return can_view_event(user, event) and is_registry_coordinator(user)


def can_view_action_item(user: Any, item: ActionItem) -> bool:
    return can_view_event(user, item.decision.minutes.event)


def is_action_item_owner(user: Any, item: ActionItem) -> bool:
    if not is_active_user(user):
        return False
    if item.owner_person_id is not None and item.owner_person.user_id == user.pk:  # type: ignore[union-attr]
        return True
    return (
        item.owner_organisation_id is not None
        and item.owner_organisation_id == user.organisation_id
    )


def can_update_action_item(user: Any, item: ActionItem) -> bool:
    """Owners report progress; coordinators keep every item up to date."""
    if not can_view_action_item(user, item):
        return False
    return is_registry_coordinator(user) or is_action_item_owner(user, item)


def can_reset_calendar_feed(user: Any, feed: Any) -> bool:
    """A personal feed by its owner; an alliance's feed by who manages the alliance."""
    if feed.user_id is not None:
        return is_active_user(user) and feed.user_id == user.pk
    return feed.alliance is not None and can_manage_alliance(user, feed.alliance)
