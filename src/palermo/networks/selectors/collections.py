"""Reads of collections (the catalogue), already limited to what the reader may see."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from palermo.core.models import User
from palermo.core.scope import scope_filter
from palermo.evidence.selectors.datasets import analyst_candidates
from palermo.networks import permissions
from palermo.networks.models import Collection, CollectionGrant, CollectionImport

SORTS = {
    "name": "name",
    "-name": "-name",
    "entities": "entity_count",
    "-entities": "-entity_count",
    "created": "created_at",
    "-created": "-created_at",
}


def collection_list(user: Any, *, search: str = "", sort: str = "name") -> QuerySet[Collection]:
    collections = (
        Collection.objects.filter(scope_filter(user))
        .select_related("owner")
        .annotate(entity_count=Count("entities"))
    )
    if search:
        collections = collections.filter(Q(name__icontains=search) | Q(source__icontains=search))
    return collections.order_by(SORTS.get(sort, "name"), "pk")


def collection_get(user: Any, collection_id: int) -> Collection:
    """The collection if the user may see it; 404 otherwise (its existence is not told)."""
    collection = Collection.objects.select_related("owner").filter(pk=collection_id).first()
    if collection is None or not permissions.can_view_collection(user, collection):
        raise Http404
    return collection


def collection_allowed(
    user: Any, collection_id: int, allowed: Callable[[Any, Collection], bool]
) -> Collection:
    """The collection if the user may see it (else 404) and `allowed` lets them act (else 403)."""
    collection = collection_get(user, collection_id)
    if not allowed(user, collection):
        raise PermissionDenied
    return collection


def counts_by_schema(collection: Collection) -> list[tuple[str, int]]:
    """How many entities of each schema: a figure, not an entity, so any viewer reads it."""
    rows = (
        collection.entities.values_list("schema")
        .annotate(count=Count("pk"))
        .order_by("-count", "schema")
    )
    return [(schema, count) for schema, count in rows]


def imports(collection: Collection) -> QuerySet[CollectionImport]:
    return collection.imports.select_related("imported_by")


def grants(collection: Collection) -> QuerySet[CollectionGrant]:
    return collection.grants.select_related("user", "granted_by")


def grant_candidates(collection: Collection) -> QuerySet[User]:
    """Analysts who may see the collection and have no access yet, for the grant form."""
    return analyst_candidates(
        Q(collection_grants__collection=collection),
        lambda user: permissions.can_view_collection(user, collection),
    )
