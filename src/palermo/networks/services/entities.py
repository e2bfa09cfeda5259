"""Writes on entities: where a place sits on a route, which case an entity belongs to.

Also the index of which entities each one names, rebuilt with every write of properties.
"""

from collections.abc import Sequence

from django.db import transaction

from palermo.core.audit import audited_update
from palermo.core.models import User
from palermo.core.permissions import require
from palermo.networks import ftm_io, permissions
from palermo.networks.models import Entity, EntityReference
from palermo.networks.services.collections import version_raise

BATCH = 1000
MAX_ID = 255  # no entity id is longer, so a longer reference can never be found


def references_refresh(*, entities: Sequence[Entity]) -> int:
    """Rebuild the reference index of saved entities from their properties; rows written.

    Called by every write of entities' properties, inside its transaction (not a service of
    its own: the caller has checked the permission and writes the audit record).
    """
    written = 0
    for start in range(0, len(entities), BATCH):
        batch = entities[start : start + BATCH]
        EntityReference.objects.filter(source__in=[entity.pk for entity in batch]).delete()
        rows = [
            EntityReference(
                collection_id=entity.collection_id, source=entity, prop=prop, target_id=target
            )
            for entity in batch
            for prop, target in ftm_io.references(entity.schema, entity.properties)
            if len(target) <= MAX_ID
        ]
        EntityReference.objects.bulk_create(rows, batch_size=BATCH)
        written += len(rows)
    return written


@transaction.atomic
def entity_annotate(
    *,
    actor: User | None,
    entity: Entity,
    route_stage: str | None = None,
    case_ref: str | None = None,
) -> Entity:
    """Link an entity to the evidence: a place's route stage, a case identifier."""
    if actor is not None:
        require(permissions.can_manage_collection(actor, entity.collection))
    fields = {
        name: value
        for name, value in (("route_stage", route_stage), ("case_ref", case_ref))
        if value is not None
    }
    if audited_update(actor=actor, obj=entity, fields=fields):
        version_raise(entity.collection)
    return entity
