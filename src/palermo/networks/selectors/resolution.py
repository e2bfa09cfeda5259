"""Reads for entity resolution: candidates, the decision log and the merged view.

Candidates and the merged view show entities, so they are for analysts granted the
collection (`can_read_entities`), like every other read of entities; each read is audited.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from followthemoney import model
from followthemoney.proxy import EntityProxy

from palermo.core.audit import audit_record
from palermo.core.models import AuditEvent
from palermo.core.permissions import require
from palermo.networks import permissions
from palermo.networks.models import Collection, Entity, Judgement
from palermo.networks.resolution import candidates as matching
from palermo.networks.selectors.entities import as_ftm, schema_label
from palermo.networks.services.resolution import resolver_for


def _proxies(collection: Collection) -> list[EntityProxy]:
    return [
        model.get_proxy(as_ftm(entity), cleaned=False)
        for entity in collection.entities.order_by("pk").iterator(chunk_size=2000)
    ]


def resolved_proxies(user: Any, collection: Collection, *, where: str) -> list[EntityProxy]:
    """Every entity after the merges in force, for those who read the entities; audited."""
    require(permissions.can_read_entities(user, collection))
    audit_record(
        actor=user,
        action=AuditEvent.Action.VIEW,
        obj=collection,
        object_repr=f"All entities of {collection}, merged ({where})",
    )
    return resolver_for(collection).apply(_proxies(collection))


@dataclass(frozen=True)
class CandidatePair:
    candidate: matching.Candidate
    left: Entity
    right: Entity

    def rows(self) -> list[tuple[str, list[str], list[str], bool]]:
        """(property, left values, right values, whether they differ), by property label.

        Values are shown as people read them (a country's name for its code, as on an
        entity's page); whether they differ is decided on the values stored.
        """
        schema = model.get(self.left.schema)
        other = model.get(self.right.schema)
        names = sorted(set(self.left.properties) | set(self.right.properties))
        rows = []
        for name in names:
            prop = (schema.get(name) if schema else None) or (other.get(name) if other else None)
            if prop is not None and prop.type.name == "entity":
                continue
            a = self.left.properties.get(name, [])
            b = self.right.properties.get(name, [])
            rows.append(
                (
                    str(prop.label) if prop else name,
                    [str(prop.type.caption(value) or value) if prop else value for value in a],
                    [str(prop.type.caption(value) or value) if prop else value for value in b],
                    sorted(a) != sorted(b),
                )
            )
        return sorted(rows, key=lambda row: row[0])

    @property
    def left_schema(self) -> str:
        return schema_label(self.left.schema)

    @property
    def right_schema(self) -> str:
        return schema_label(self.right.schema)


def candidate_pairs(
    user: Any, collection: Collection, *, where: str, threshold: float = matching.THRESHOLD
) -> list[CandidatePair]:
    """Possible duplicates not decided yet and not merged already, best first; audited."""
    require(permissions.can_read_entities(user, collection))
    resolver = resolver_for(collection)
    decided = {
        (left, right)
        for left, right in collection.judgements.filter(undone_at__isnull=True).values_list(
            "left_id", "right_id"
        )
    }
    found = [
        candidate
        for candidate in matching.find(_proxies(collection), threshold=threshold, decided=decided)
        if resolver.canonical(candidate.left) != resolver.canonical(candidate.right)
    ]
    ids = {candidate.left for candidate in found} | {candidate.right for candidate in found}
    entities = {e.entity_id: e for e in collection.entities.filter(entity_id__in=ids)}
    audit_record(
        actor=user,
        action=AuditEvent.Action.VIEW,
        obj=collection,
        object_repr=f"Possible duplicates in {collection} ({where})",
    )
    return [CandidatePair(c, entities[c.left], entities[c.right]) for c in found]


def judgements(collection: Collection) -> QuerySet[Judgement]:
    return collection.judgements.select_related("decided_by", "undone_by").order_by(
        "-decided_at", "-pk"
    )


@dataclass(frozen=True)
class DecisionRow:
    """A decision with the names of its two entities (blank for an entity since deleted)."""

    judgement: Judgement
    left_name: str
    right_name: str


def decision_rows(
    user: Any, collection: Collection, decided: Iterable[Judgement], *, where: str
) -> list[DecisionRow]:
    """Decisions named by their entities' names, for those who read the entities; audited."""
    require(permissions.can_read_entities(user, collection))
    rows = list(decided)
    ids = {j.left_id for j in rows} | {j.right_id for j in rows}
    names = dict(collection.entities.filter(entity_id__in=ids).values_list("entity_id", "caption"))
    audit_record(
        actor=user,
        action=AuditEvent.Action.VIEW,
        obj=collection,
        object_repr=f"Decisions on duplicates in {collection} ({where})",
    )
    return [DecisionRow(j, names.get(j.left_id, ""), names.get(j.right_id, "")) for j in rows]
