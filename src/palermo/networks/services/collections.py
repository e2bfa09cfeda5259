"""Writes of collections themselves: create, edit, delete, and who may read the entities."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from palermo.core.audit import audit_created, audit_deleted, audited_update
from palermo.core.models import User
from palermo.core.permissions import require
from palermo.evidence.permissions import is_analyst
from palermo.evidence.selectors import datasets as dataset_selectors
from palermo.instruments.selectors import instruments as instrument_selectors
from palermo.networks import permissions, search
from palermo.networks.models import Collection, CollectionGrant
from palermo.tracking.selectors import recommendations as recommendation_selectors

COLLECTION_FIELDS = (
    "name",
    "description",
    "country",
    "source",
    "licence",
    "sensitivity",
    "is_synthetic",
)
LINK_FIELDS = ("datasets", "recommendations", "articles")


def linkable(user: Any) -> dict[str, Any]:
    """What a collection may be linked to by this user: what they may see of each."""
    return {
        "datasets": dataset_selectors.dataset_list(user).order_by("name"),
        "recommendations": recommendation_selectors.visible_recommendations(user).order_by("pk"),
        "articles": instrument_selectors.article_list().select_related("instrument"),
    }


def _check_links(actor: User, links: dict[str, Any]) -> None:
    allowed = linkable(actor)
    for name, items in links.items():
        ids = {getattr(item, "pk", item) for item in items}
        if ids - set(allowed[name].filter(pk__in=ids).values_list("pk", flat=True)):
            raise ValidationError({name: _("Link only to what you may see.")})


def _split(fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    unknown = set(fields) - set(COLLECTION_FIELDS) - set(LINK_FIELDS)
    if unknown:
        raise ValueError(f"Unknown collection fields: {sorted(unknown)}")
    links = {name: fields.pop(name) for name in LINK_FIELDS if name in fields}
    return fields, links


@transaction.atomic
def collection_create(*, actor: User, owner: Any = None, **fields: Any) -> Collection:
    require(permissions.can_create_collection(actor))
    owner = owner or actor.organisation
    if owner is None:
        raise ValidationError({"owner": _("Say which organisation owns the collection.")})
    if not actor.is_superuser and owner.pk != actor.organisation_id:
        raise PermissionDenied(_("Analysts create collections for their own organisation."))
    values, links = _split(dict(fields))
    values.setdefault("country", owner.country)
    collection = Collection(owner=owner, created_by=actor, **values)
    collection.full_clean()
    _check_links(actor, links)
    collection.save()
    for name, items in links.items():
        getattr(collection, name).set(items)
    audit_created(actor=actor, obj=collection)
    search.index_collection(collection)
    if is_analyst(actor):
        _grant(actor=actor, collection=collection, user=actor)
    return collection


@transaction.atomic
def collection_update(
    *, actor: User, collection: Collection, **fields: Any
) -> dict[str, list[Any]]:
    require(permissions.can_manage_collection(actor, collection))
    values, links = _split(dict(fields))
    _check_links(actor, links)
    changes = audited_update(actor=actor, obj=collection, fields=values)
    for name, items in links.items():
        related = getattr(collection, name)
        before = sorted(related.values_list("pk", flat=True))
        related.set(items)
        after = sorted(related.values_list("pk", flat=True))
        if before != after:
            changes[name] = [before, after]
    search.index_collection(collection)
    return changes


@transaction.atomic
def collection_delete(*, actor: User, collection: Collection) -> None:
    """Delete a collection with its entities, decisions and analyses (asked to confirm first)."""
    require(permissions.can_manage_collection(actor, collection))
    audit_deleted(actor=actor, obj=collection)
    collection_id = collection.pk
    collection.delete()
    search.unindex_collection(collection_id)


def _grant(*, actor: User, collection: Collection, user: User) -> CollectionGrant:
    grant = CollectionGrant(collection=collection, user=user, granted_by=actor)
    grant.full_clean()
    grant.save()
    audit_created(actor=actor, obj=grant)
    permissions.forget_grants(user)
    return grant


@transaction.atomic
def grant_create(*, actor: User, collection: Collection, user: User) -> CollectionGrant:
    require(permissions.can_manage_collection(actor, collection))
    if not permissions.may_be_granted(user, collection):
        raise ValidationError(
            {"user": _("Only analysts who may see this collection can be given its entities.")}
        )
    return _grant(actor=actor, collection=collection, user=user)


@transaction.atomic
def grant_delete(*, actor: User, grant: CollectionGrant) -> None:
    require(permissions.can_manage_collection(actor, grant.collection))
    audit_deleted(actor=actor, obj=grant)
    grant.delete()
    permissions.forget_grants(grant.user)


def version_raise(collection: Collection) -> int:
    """Count one more change to the collection's entities or merges (row locked)."""
    locked = Collection.objects.select_for_update().get(pk=collection.pk)
    locked.version += 1
    Collection.objects.filter(pk=collection.pk).update(version=locked.version)
    collection.version = locked.version
    return locked.version
