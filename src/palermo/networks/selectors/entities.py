"""Reads of entities, for analysts granted the collection; every read is audited.

Entities are read only through these functions, which check the grant and write the audit
event: who looked at which people of a network is in the log, whichever surface asked.
"""

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from followthemoney import model

from palermo.core.audit import audit_record, export_record
from palermo.core.models import AuditEvent
from palermo.core.permissions import require
from palermo.networks import ftm_io, permissions
from palermo.networks.models import Collection, Entity, EntityReference

EXPORT_FORMATS = {
    "ftm": ("ftm.json", "application/x-ndjson; charset=utf-8"),
    "gexf": ("gexf", "application/gexf+xml"),
    "graphml": ("graphml", "application/graphml+xml"),
}


def _filtered(
    collection: Collection, *, schema: str = "", search: str = "", links: bool = False
) -> QuerySet[Entity]:
    entities = collection.entities.filter(is_edge=links)
    if schema:
        entities = entities.filter(schema=schema)
    if search:
        entities = entities.filter(Q(caption__icontains=search) | Q(entity_id__icontains=search))
    return entities.order_by("caption", "entity_id")


@dataclass(frozen=True)
class EntitiesPage:
    entities: list[Entity]
    offset: int
    total: int

    @property
    def first(self) -> int:
        return self.offset + 1 if self.entities else 0

    @property
    def last(self) -> int:
        return self.offset + len(self.entities)


def entities_page(
    user: Any,
    collection: Collection,
    *,
    where: str,
    schema: str = "",
    search: str = "",
    links: bool = False,
    offset: int = 0,
    limit: int = 50,
) -> EntitiesPage:
    require(permissions.can_read_entities(user, collection))
    found = _filtered(collection, schema=schema, search=search, links=links)
    offset, limit = max(offset, 0), max(min(limit, 500), 0)
    page = EntitiesPage(list(found[offset : offset + limit]), offset, found.count())
    audit_record(
        actor=user,
        action=AuditEvent.Action.VIEW,
        obj=collection,
        object_repr=f"Entities {page.first}–{page.last} of {collection} ({where})",
    )
    return page


MENTIONS_SHOWN = 100


@dataclass(frozen=True)
class EntityView:
    entity: Entity
    outgoing: list[Entity]  # links from this entity (it is their source)
    incoming: list[Entity]  # links to it
    mentions: list[Entity]  # other entities naming it in a property (an address, ...)
    names: dict[str, str]  # entity id -> caption, for every id these show
    mentions_total: int = 0  # how many name it, when more than `mentions` shows


def _mentions(collection: Collection, entity: Entity) -> tuple[list[Entity], int]:
    """Entities naming this one, from the reference index (exact ids), links left out.

    A link whose end is this entity is shown among the links already; one naming it in
    another property (a payment's contract, a proof) is listed here.
    """
    naming = EntityReference.objects.filter(
        collection=collection, target_id=entity.entity_id
    ).values("source_id")
    found = (
        collection.entities.filter(pk__in=naming)
        .exclude(pk=entity.pk)
        .exclude(Q(source_id=entity.entity_id) | Q(target_id=entity.entity_id), is_edge=True)
        .order_by("caption", "entity_id")
    )
    shown = list(found[:MENTIONS_SHOWN])
    return shown, (found.count() if len(shown) == MENTIONS_SHOWN else len(shown))


def entity_get(user: Any, collection: Collection, entity_id: str, *, where: str) -> EntityView:
    require(permissions.can_read_entities(user, collection))
    entity = collection.entities.filter(entity_id=entity_id).first()
    if entity is None:
        raise Http404
    outgoing = list(collection.entities.filter(is_edge=True, source_id=entity_id))
    incoming = list(collection.entities.filter(is_edge=True, target_id=entity_id))
    ids = {entity_id} | {e.target_id for e in outgoing} | {e.source_id for e in incoming}
    ids |= {target for _prop, target in ftm_io.references(entity.schema, entity.properties)}
    names = dict(collection.entities.filter(entity_id__in=ids).values_list("entity_id", "caption"))
    mentions, total = _mentions(collection, entity)
    audit_record(
        actor=user,
        action=AuditEvent.Action.VIEW,
        obj=entity,
        object_repr=f"Entity {entity.entity_id} of {collection} ({where})",
    )
    return EntityView(entity, outgoing, incoming, mentions, names, total)


def as_ftm(entity: Entity) -> dict[str, Any]:
    """An entity as FtM writes it: ids, schema and properties as stored."""
    data: dict[str, Any] = {
        "id": entity.entity_id,
        "schema": entity.schema,
        "properties": entity.properties,
    }
    if entity.datasets:
        data["datasets"] = entity.datasets
    if entity.referents:
        data["referents"] = entity.referents
    return data


def entity_dicts(user: Any, collection: Collection, *, where: str) -> Iterator[dict[str, Any]]:
    """Every entity as FtM data, for those who read them (graphs, analyses); audited."""
    require(permissions.can_read_entities(user, collection))
    audit_record(
        actor=user,
        action=AuditEvent.Action.VIEW,
        obj=collection,
        object_repr=f"All entities of {collection} ({where})",
    )
    for entity in collection.entities.order_by("pk").iterator(chunk_size=2000):
        yield as_ftm(entity)


@dataclass(frozen=True)
class EntitiesExport:
    content: bytes
    filename: str
    content_type: str
    count: int


def entities_export(user: Any, collection: Collection, *, fmt: str) -> EntitiesExport:
    """Every entity in FtM JSON lines, GEXF or GraphML, for the owner; stamped and audited."""
    require(permissions.can_export_entities(user, collection))
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}")
    entities = [as_ftm(e) for e in collection.entities.order_by("pk").iterator(chunk_size=2000)]
    if fmt == "ftm":
        text = io.StringIO()
        ftm_io.write_jsonl(entities, text)
        content = text.getvalue().encode("utf-8")
    elif fmt == "gexf":
        content = ftm_io.gexf(entities)
    else:
        content = ftm_io.graphml(entities)
    now = timezone.now()
    suffix, content_type = EXPORT_FORMATS[fmt]
    stamp = f"exported-by-{slugify(user.get_username())}-{now:%Y%m%dT%H%M%SZ}"
    filename = f"{slugify(collection.name)}-v{collection.version}-{stamp}.{suffix}"
    export_record(
        actor=user, what=f"Entities of {collection}", fmt=fmt, count=len(entities), obj=collection
    )
    return EntitiesExport(content, filename, content_type, len(entities))


def is_link(name: str) -> bool:
    schema = model.get(name)
    return bool(schema is not None and schema.edge)


def schema_label(name: str) -> str:
    schema = model.get(name)
    return str(schema.label) if schema is not None else name


def property_rows(entity: Entity) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(label, type, [(value, shown)]) of an entity's properties, by label.

    `shown` is the value as people read it: a country's name for its code, a number grouped.
    """
    schema = model.get(entity.schema)
    rows = []
    for name, values in entity.properties.items():
        prop = schema.get(name) if schema is not None else None
        if prop is None:
            rows.append((name, "", [(value, value) for value in values]))
            continue
        shown = [(value, str(prop.type.caption(value) or value)) for value in values]
        rows.append((str(prop.label), prop.type.name, shown))
    return sorted(rows, key=lambda row: row[0])


LINK_DETAILS = ("amount", "currency", "date", "startDate", "endDate", "role", "relationship")


@dataclass(frozen=True)
class LinkRow:
    link: Entity
    kind: str  # the link's schema, by label
    other_id: str
    other_name: str
    outgoing: bool
    details: str  # amount, dates, role, share: what the link says


def link_rows(view: "EntityView") -> list[LinkRow]:
    rows = []
    for links, outgoing in ((view.outgoing, True), (view.incoming, False)):
        for link in links:
            other = link.target_id if outgoing else link.source_id
            rows.append(
                LinkRow(
                    link,
                    schema_label(link.schema),
                    other,
                    view.names.get(other, other),
                    outgoing,
                    _details(link),
                )
            )
    return rows


def _details(link: Entity) -> str:
    schema = model.get(link.schema)
    parts = []
    for name in ("percentage", *LINK_DETAILS):
        prop = schema.get(name) if schema is not None else None
        for value in link.properties.get(name, []):
            shown = str(prop.type.caption(value) or value) if prop else value
            parts.append(f"{shown} %" if name == "percentage" else shown)
    return " · ".join(parts)
