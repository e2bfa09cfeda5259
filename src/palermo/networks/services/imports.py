"""Entities into a collection: an FtM file or a table through a mapping, checked whole first.

`import_check` reads the file and stages its entities when no line is wrong; `import_commit`
keeps them. An entity whose id the collection already holds gathers the new values (as FtM
merges two statements of one entity); references to entities outside the file and the
collection are noted with the import, never refused. Every import raises the collection's
version, so analyses computed before it say they are out of date.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from followthemoney import model
from followthemoney.exc import InvalidData

from palermo.core.audit import audit_record
from palermo.core.models import AuditEvent, User
from palermo.core.permissions import require
from palermo.evidence.storage import sha256_of
from palermo.networks import ftm_io, ftm_mapping, permissions, storage
from palermo.networks.models import Collection, CollectionImport, Entity
from palermo.networks.services import entities as entity_services
from palermo.networks.services.collections import version_raise

FTM = "ftm"
TABLE = "table"
DANGLING_SHOWN = 20


@dataclass
class EntityCheck:
    """What a file would add: entities by schema, errors by line, references leading nowhere."""

    format: str
    reading: ftm_io.Reading
    token: str = ""
    sha256: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.token)


def _notes(reading: ftm_io.Reading) -> list[str]:
    notes = []
    if reading.dangling:
        count = len(reading.dangling)
        missing = sorted({target for _entity, _prop, target in reading.dangling})
        notes.append(
            ngettext(
                "%(count)s reference leads to an entity that is neither in the file nor in "
                "the collection: %(ids)s.",
                "%(count)s references lead to entities that are neither in the file nor in "
                "the collection: %(ids)s.",
                count,
            )
            % {
                "count": count,
                "ids": ", ".join(missing[:DANGLING_SHOWN])
                + (" …" if len(missing) > DANGLING_SHOWN else ""),
            }
        )
    return notes


def import_check(
    *,
    actor: User,
    collection: Collection,
    path: Path,
    mapping: list[dict[str, Any]] | None = None,
) -> EntityCheck:
    """Read an FtM file (or, with a mapping, a table); stage it when nothing is wrong."""
    require(permissions.can_manage_collection(actor, collection))
    known = set(collection.entities.values_list("entity_id", flat=True))
    if mapping is None:
        with path.open("rb") as handle:
            reading = ftm_io.read(handle, known_ids=known)
        kind = FTM
    else:
        try:
            reading = ftm_mapping.read_table(path, mapping, known_ids=known)
        except (ValueError, UnicodeDecodeError, OSError) as error:
            reading = ftm_io.Reading()
            reading.add_error(
                0, "", _("The file could not be read: %(reason)s") % {"reason": error}
            )
        kind = TABLE
    if not reading.error_count and not reading.proxies:
        reading.add_error(0, "", _("The file holds no entities."))
    _check_schemata(collection, reading)
    check = EntityCheck(format=kind, reading=reading, notes=_notes(reading))
    if reading.ok:
        check.token = storage.stage(reading.proxies)
        check.sha256 = sha256_of(path)
    return check


def _check_schemata(collection: Collection, reading: ftm_io.Reading) -> None:
    """An id the collection holds must keep a schema compatible with the one it has."""
    held = dict(
        collection.entities.filter(
            entity_id__in=[str(proxy.id) for proxy in reading.proxies]
        ).values_list("entity_id", "schema")
    )
    for proxy in reading.proxies:
        schema = held.get(str(proxy.id))
        if schema is None:
            continue
        try:
            model.common_schema(schema, proxy.schema)
        except InvalidData:
            reading.add_error(
                reading.lines.get(str(proxy.id), 0),
                str(proxy.id),
                _("The collection holds this id as a %(held)s; it cannot also be a %(new)s.")
                % {"held": schema, "new": proxy.schema.name},
            )


def _entity_fields(data: dict[str, Any]) -> dict[str, Any]:
    proxy = model.get_proxy(data, cleaned=False)
    source, target = ftm_io.endpoints(proxy)
    return {
        "schema": proxy.schema.name,
        "caption": (proxy.caption or "")[:500],
        "properties": proxy.to_dict()["properties"],
        "datasets": sorted(data.get("datasets") or []),
        "referents": sorted(data.get("referents") or []),
        "is_edge": bool(proxy.schema.edge),
        "source_id": source,
        "target_id": target,
    }


def _gathered(entity: Entity, data: dict[str, Any]) -> dict[str, Any]:
    """An entity already held, with the values of a new statement of it added."""
    held = model.get_proxy(
        {"id": entity.entity_id, "schema": entity.schema, "properties": entity.properties},
        cleaned=False,
    )
    held.merge(model.get_proxy(data, cleaned=False))
    merged = held.to_dict()
    merged["datasets"] = sorted(set(entity.datasets) | set(data.get("datasets") or []))
    merged["referents"] = sorted(set(entity.referents) | set(data.get("referents") or []))
    return _entity_fields(merged)


@transaction.atomic
def import_commit(
    *,
    actor: User,
    collection: Collection,
    token: str,
    source_filename: str,
    format: str = FTM,  # noqa: A002 - the name of the thing
    sha256: str = "",
    notes: list[str] | None = None,
) -> CollectionImport:
    """Keep a staged import: new entities added, known ones gathering the new values."""
    require(permissions.can_manage_collection(actor, collection))
    entities = storage.staged(token)
    if entities is None:
        raise ValidationError(_("The checked file expired; please upload it again."))
    version = version_raise(collection)
    rows = list(entities)
    held = {
        entity.entity_id: entity
        for entity in collection.entities.filter(entity_id__in=[row["id"] for row in rows])
    }
    new: list[Entity] = []
    changed: list[Entity] = []
    for data in rows:
        entity = held.get(data["id"])
        if entity is None:
            new.append(
                Entity(
                    collection=collection,
                    entity_id=data["id"],
                    imported_by=actor,
                    **_entity_fields(data),
                )
            )
            continue
        if entity.schema != data["schema"]:
            common = model.common_schema(entity.schema, data["schema"])
            data = {**data, "schema": common.name}
        for name, value in _gathered(entity, data).items():
            setattr(entity, name, value)
        changed.append(entity)
    Entity.objects.bulk_create(new, batch_size=1000)
    Entity.objects.bulk_update(
        changed,
        [
            "schema",
            "caption",
            "properties",
            "datasets",
            "referents",
            "is_edge",
            "source_id",
            "target_id",
        ],
        batch_size=1000,
    )
    if any(entity.pk is None for entity in new):  # a database that returns no ids on insert
        new = list(collection.entities.filter(entity_id__in=[e.entity_id for e in new]))
    entity_services.references_refresh(entities=[*new, *changed])
    record = CollectionImport(
        collection=collection,
        source_filename=source_filename[:255],
        format=format,
        sha256=sha256,
        created=len(new),
        updated=len(changed),
        notes=list(notes or []),
        collection_version=version,
        imported_by=actor,
    )
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.IMPORT,
        obj=record,
        object_repr=f"{collection} ({len(new)} entities added, {len(changed)} updated)",
    )
    transaction.on_commit(lambda: storage.discard(token))
    return record


def import_file(
    *,
    actor: User,
    collection: Collection,
    path: Path,
    mapping: list[dict[str, Any]] | None = None,
    source_filename: str = "",
) -> tuple[EntityCheck, CollectionImport | None]:
    """Check and keep in one step (API, demo): all or nothing."""
    check = import_check(actor=actor, collection=collection, path=path, mapping=mapping)
    if not check.ok:
        return check, None
    record = import_commit(
        actor=actor,
        collection=collection,
        token=check.token,
        source_filename=source_filename or path.name,
        format=check.format,
        sha256=check.sha256,
        notes=check.notes,
    )
    return check, record


def discard_check(check: EntityCheck) -> None:
    if check.token:
        storage.discard(check.token)
