"""Writes on single entities: where a place sits on a route, which case an entity belongs to."""

from django.db import transaction

from palermo.core.audit import audited_update
from palermo.core.models import User
from palermo.core.permissions import require
from palermo.networks import permissions
from palermo.networks.models import Entity
from palermo.networks.services.collections import version_raise


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
