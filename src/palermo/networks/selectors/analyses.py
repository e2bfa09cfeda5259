"""Reads of stored analyses: for analysts granted the collection, each read audited.

A run names the entities it found (scores by entity id, paths, communities), so runs are read
under the same rule as the entities (`can_read_entities`). A run computed on an older version
of the collection than the current one is flagged out of date (`AnalysisRun.is_current`).
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from palermo.core.audit import audit_record
from palermo.core.models import AuditEvent
from palermo.core.permissions import require
from palermo.networks import permissions
from palermo.networks.models import AnalysisRun, Collection

COMMUNITY_MEASURES = ("communities", "community_money")


def _runs(collection: Collection) -> QuerySet[AnalysisRun]:
    return collection.analyses.select_related("created_by", "collection").order_by(
        "-created_at", "-pk"
    )


def analysis_list(
    user: Any, collection: Collection, *, where: str, limit: int = 200
) -> list[AnalysisRun]:
    """The collection's runs, newest first (at most `limit`); audited."""
    require(permissions.can_read_entities(user, collection))
    runs = list(_runs(collection)[:limit])
    audit_record(
        actor=user,
        action=AuditEvent.Action.VIEW,
        obj=collection,
        object_repr=f"Analyses of {collection} ({where})",
    )
    return runs


def analysis_get(user: Any, collection: Collection, run_id: int, *, where: str) -> AnalysisRun:
    """One run of the collection (404 if it is another's); audited."""
    require(permissions.can_read_entities(user, collection))
    run = _runs(collection).filter(pk=run_id).first()
    if run is None:
        raise Http404
    audit_record(
        actor=user,
        action=AuditEvent.Action.VIEW,
        obj=run,
        object_repr=f"Analysis {run.measure} of {collection} (v{run.collection_version}, {where})",
    )
    return run


def latest_communities(user: Any, collection: Collection) -> AnalysisRun | None:
    """The newest communities run computed on the current version, if any."""
    require(permissions.can_read_entities(user, collection))
    return (
        _runs(collection)
        .filter(measure__in=COMMUNITY_MEASURES, collection_version=collection.version)
        .first()
    )


def entity_names(collection: Collection, ids: Iterable[Any]) -> dict[str, str]:
    """Entity id -> name for the ids a run names (callers have checked the read rule)."""
    wanted = {str(key) for key in ids}
    return dict(
        collection.entities.filter(entity_id__in=wanted).values_list("entity_id", "caption")
    )
