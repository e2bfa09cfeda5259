"""Running a measure on a collection and keeping its result with what it was computed from.

A run reads the merged view (`selectors.resolution.resolved_proxies`, so merges count and the
read is audited), builds the graph, runs the registry's measure with checked parameters and
stores an `AnalysisRun`: the parameters with their defaults filled in, the result, the time it
took and the collection version it read. A later import or merge raises the version, and the
run is then shown as out of date.

Runs are bounded: a network above `MAX_NODES` entities or `MAX_LINKS` links is refused, and
exact betweenness (which grows with entities times links) above `EXACT_BETWEENNESS_NODES`,
with a message that says so and points at the sampled measure.
"""

import time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from palermo.core.audit import audit_record
from palermo.core.models import AuditEvent, User
from palermo.core.permissions import require
from palermo.networks import permissions
from palermo.networks.analytics import AnalysisError, Graph, registry
from palermo.networks.models import AnalysisRun, Collection

MAX_NODES = 200_000
MAX_LINKS = 1_000_000
EXACT_BETWEENNESS_NODES = 5_000
EXACT_MEASURES = ("betweenness",)


def network_too_big(graph: Graph, measure: str) -> str | None:
    """Why this network is too big for the measure, or None if it may run."""
    if graph.node_count > MAX_NODES or graph.edge_count > MAX_LINKS:
        return _(
            "This network has %(nodes)s entities and %(links)s links; analyses here run on at "
            "most %(max_nodes)s entities and %(max_links)s links. Export it to Aleph for "
            "investigation at this scale."
        ) % {
            "nodes": graph.node_count,
            "links": graph.edge_count,
            "max_nodes": MAX_NODES,
            "max_links": MAX_LINKS,
        }
    if measure in EXACT_MEASURES and graph.node_count > EXACT_BETWEENNESS_NODES:
        return _(
            "Exact betweenness is computed for networks of at most %(limit)s entities; this one "
            "has %(nodes)s. Use sampled betweenness, which estimates it from a sample of entities."
        ) % {"limit": EXACT_BETWEENNESS_NODES, "nodes": graph.node_count}
    return None


def collection_graph(actor: User | None, collection: Collection, *, where: str) -> Graph:
    """The graph of the merged view, for those who read the entities; the read is audited."""
    from palermo.networks.selectors.resolution import resolved_proxies

    return Graph.from_proxies(resolved_proxies(actor, collection, where=where))


@transaction.atomic
def analysis_run(
    *, actor: User, collection: Collection, measure: str, parameters: dict[str, Any]
) -> AnalysisRun:
    """Compute `measure` on the collection's merged view and store it with its version."""
    require(permissions.can_read_entities(actor, collection))
    collection.refresh_from_db(fields=["version"])
    version = collection.version
    graph = collection_graph(actor, collection, where="analysis")
    too_big = network_too_big(graph, measure)
    if too_big:
        raise ValidationError(too_big)
    started = time.perf_counter()
    try:
        computed = registry.run(graph, measure, parameters)
    except AnalysisError as error:
        raise ValidationError(str(error)) from error
    duration = round((time.perf_counter() - started) * 1000)
    result = dict(computed["result"])
    result["network"] = {
        "nodes": graph.node_count,
        "links": graph.edge_count,
        "dangling": len(graph.dangling),
    }
    run = AnalysisRun(
        collection=collection,
        collection_version=version,
        measure=measure,
        parameters=computed["parameters"],
        result=result,
        duration_ms=duration,
        created_by=actor,
    )
    run.full_clean()
    run.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=run,
        object_repr=f"Analysis {measure} of {collection} (v{version})",
    )
    return run
