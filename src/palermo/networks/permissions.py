"""Who may see a collection, read its entities, manage it and take its entities away.

The same rules as an evidence dataset (`palermo.evidence.permissions`): the catalogue entry is
read like any national record of one's State; entities, and everything computed from them
(graphs, measures, briefs), only by analysts granted the collection; the owning organisation's
analysts manage it; entity-level export is theirs alone.
"""

from typing import Any

from palermo.core.permissions import is_active_user
from palermo.core.scope import in_scope
from palermo.evidence.permissions import is_analyst
from palermo.networks.models import Collection, CollectionGrant


def can_view_collection(user: Any, collection: Collection) -> bool:
    return in_scope(user, collection.country)


def can_create_collection(user: Any) -> bool:
    """Analysts of an organisation create collections for it (the superuser for any)."""
    if not is_active_user(user):
        return False
    return bool(user.is_superuser or (is_analyst(user) and user.organisation_id))


def can_manage_collection(user: Any, collection: Collection) -> bool:
    """The owning organisation's analysts: edit, import, resolve duplicates, give access."""
    if not can_view_collection(user, collection):
        return False
    if user.is_superuser:
        return True
    return is_analyst(user) and user.organisation_id == collection.owner_id


def is_granted(user: Any, collection: Collection) -> bool:
    if not is_active_user(user):
        return False
    cache = getattr(user, "_palermo_collection_grants", None)
    if cache is None:
        cache = set(
            CollectionGrant.objects.filter(user=user).values_list("collection_id", flat=True)
        )
        user._palermo_collection_grants = cache
    return collection.pk in cache


def forget_grants(user: Any) -> None:
    if hasattr(user, "_palermo_collection_grants"):
        del user._palermo_collection_grants


def can_read_entities(user: Any, collection: Collection) -> bool:
    """Entities, links and anything computed from them: analysts granted the collection."""
    return (
        can_view_collection(user, collection) and is_analyst(user) and is_granted(user, collection)
    )


def can_export_entities(user: Any, collection: Collection) -> bool:
    """Entity-level export: the collection's owner, among those who read its entities."""
    return can_manage_collection(user, collection) and can_read_entities(user, collection)


def can_resolve(user: Any, collection: Collection) -> bool:
    """Merging and keeping apart: the owner's analysts who read the entities."""
    return can_export_entities(user, collection)


def may_be_granted(user: Any, collection: Collection) -> bool:
    """Whom access can be given to: active analysts who may see the collection."""
    return can_view_collection(user, collection) and is_analyst(user)
