"""Imports of a dataset's versions.

An import is checked whole before anything is kept: the loader reads the file onto the
dataset's kind, and a file with any error writes nothing. A checked file is staged until the
user confirms it (the page's preview) or committed at once (API, command line, demo). The
version row and its Parquet file are written together: if the row cannot be saved the file
is taken back.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow as pa
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from palermo.core.audit import audit_record
from palermo.core.models import AuditEvent, User
from palermo.core.permissions import require
from palermo.evidence import messages, permissions, storage
from palermo.evidence.loaders import LAYOUTS, detect, generic
from palermo.evidence.loaders import mapping as column_mapping
from palermo.evidence.loaders.base import Layout, Loaded, RowError, conform
from palermo.evidence.models import Dataset, DatasetVersion
from palermo.evidence.schema import SCHEMAS, Kind

# The layout choice "map the columns myself" (a file read through the user's mapping).
MAP_COLUMNS = column_mapping.NAME

# Called with each version once its transaction commits (indicators fed by a dataset, ...).
version_listeners: list[Callable[[DatasetVersion], None]] = []


@dataclass
class ImportCheck:
    """What a file would become: the layout read, the records, errors and notes."""

    layout: Layout | None
    loaded: Loaded | None
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    token: str = ""  # the staged records, when the file passed
    mapping: dict[str, Any] = field(default_factory=dict)  # how a file in no layout was read
    needs_mapping: bool = False  # no layout recognised it: the user may map its columns

    @property
    def ok(self) -> bool:
        return bool(self.token)

    @property
    def row_count(self) -> int:
        return self.loaded.table.num_rows if self.loaded else 0

    @property
    def notes(self) -> list[str]:
        return self.loaded.notes if self.loaded else []

    def preview(self, rows: int = 20) -> pa.Table:
        if self.loaded is None:
            return pa.table({})
        return self.loaded.table.slice(0, rows)


def layout_choices(kind: str) -> list[Layout]:
    return [layout for layout in LAYOUTS.values() if layout.kind == kind]


def _whole_file_error(message: str) -> RowError:
    return RowError(row=0, column="", message=message)


def can_map(dataset: Dataset) -> bool:
    """A column mapping reads victim records (`generic.MappedLayout`)."""
    return dataset.kind == Kind.VICTIMS


def last_mapping(dataset: Dataset) -> dict[str, Any]:
    """The mapping the dataset's latest mapped version was read with (the next default)."""
    version = dataset.versions.exclude(mapping={}).order_by("-number").first()
    return dict(version.mapping) if version else {}


def _mapped_layout(dataset: Dataset, spec: Any) -> tuple[Layout | None, list[RowError]]:
    """The layout a mapping makes, or the errors per column that keep it from working."""
    if not can_map(dataset):
        return None, [_whole_file_error(str(messages.MAPPING_ONLY_VICTIMS))]
    columns = spec.get("columns") if isinstance(spec, dict) else None
    if not isinstance(columns, dict):
        return None, [_whole_file_error(str(messages.MAPPING_NOT_AN_OBJECT))]
    problems = column_mapping.problems(columns)
    if problems:
        return None, [
            RowError(
                row=0,
                column=column,
                message=str(messages.UNKNOWN_FIELD % {"field": columns[column]})
                if column in columns and columns[column] not in generic.TARGETS
                else message,
            )
            for column, message in problems.items()
        ]
    try:
        return generic.MappedLayout.from_dict(spec), []
    except (generic.MappingError, TypeError, AttributeError) as error:
        return None, [_whole_file_error(str(error))]


def import_check(
    *,
    actor: User,
    dataset: Dataset,
    path: Path,
    layout: Layout | str | None = None,
    edition: int | None = None,
    mapping: dict[str, Any] | None = None,
) -> ImportCheck:
    """Read a file onto the dataset's kind; stage it when it has no error. Writes nothing else.

    With a `mapping` (`{"columns": {source: field}, "values": ..., "header_row": 1}`) the
    file is read through it, whatever its header; a mapping naming no field of the victims
    table is refused column by column before any row is read.
    """
    require(permissions.can_manage_dataset(actor, dataset))
    if mapping is not None:
        mapped, errors = _mapped_layout(dataset, mapping)
        if mapped is None:
            return ImportCheck(None, None, errors, len(errors), mapping=mapping)
        layout = mapped
    if isinstance(layout, str):
        if layout == MAP_COLUMNS and can_map(dataset):
            return ImportCheck(None, None, needs_mapping=True)
        layout = LAYOUTS.get(layout)
        if layout is None:
            raise ValidationError({"layout": _("Unknown layout.")})
    if layout is None:
        layout = detect(path)
        if layout is None:
            message = _(
                "The file's columns match none of the layouts known here; choose the layout."
            )
            if can_map(dataset):
                message = _(
                    "The file's columns match none of the layouts known here: say which field "
                    "each column fills."
                )
            check = ImportCheck(None, None, [_whole_file_error(message)], 1)
            check.needs_mapping = can_map(dataset)
            return check
    if layout.kind != dataset.kind:
        message = _("This layout holds %(layout)s, but the dataset holds %(dataset)s.") % {
            "layout": layout.kind,
            "dataset": dataset.get_kind_display(),
        }
        return ImportCheck(layout, None, [_whole_file_error(message)], 1)
    try:
        # An index edition the file does not say (OC Index files name it by their year).
        loaded = (
            layout.load(path, edition=edition)  # type: ignore[call-arg]
            if edition is not None and dataset.kind == Kind.INDEX_SCORES
            else layout.load(path)
        )
    except (ValueError, UnicodeDecodeError, OSError) as error:
        message = _("The file could not be read: %(reason)s") % {"reason": error}
        return ImportCheck(layout, None, [_whole_file_error(message)], 1, mapping=mapping or {})
    if not loaded.ok:
        return ImportCheck(
            layout, loaded, loaded.errors, max(loaded.error_count, 1), mapping=mapping or {}
        )
    table = conform(loaded.table, Kind(dataset.kind))
    loaded.table = table
    if mapping:
        loaded.notes = [mapping_note(mapping), *loaded.notes]
    return ImportCheck(layout, loaded, token=storage.stage(table), mapping=mapping or {})


def mapping_note(spec: dict[str, Any]) -> str:
    """How a mapped file was read, as the version's notes say it."""
    columns = "; ".join(f"{source} → {field}" for source, field in spec["columns"].items())
    values = "; ".join(
        f"{source}: {column_mapping.describe_values(mapped)}"
        for source, mapped in spec.get("values", {}).items()
        if mapped
    )
    note = _("Read through a column mapping: %(columns)s.") % {"columns": columns}
    return f"{note} {_('Values read as: %(values)s.') % {'values': values}}" if values else note


@transaction.atomic
def import_commit(
    *,
    actor: User,
    dataset: Dataset,
    token: str,
    layout: str,
    source_filename: str,
    notes: list[str] | None = None,
    mapping: dict[str, Any] | None = None,
) -> DatasetVersion:
    """Keep a staged import as the dataset's next version (with the mapping it was read by)."""
    require(permissions.can_manage_dataset(actor, dataset))
    table = storage.read_staged(token)
    if table is None:
        raise ValidationError(_("The checked file expired; please upload it again."))
    version = _store(
        actor=actor,
        dataset=dataset,
        table=table,
        layout=layout,
        source_filename=source_filename,
        notes=list(notes or []),
        mapping=dict(mapping or {}),
    )
    transaction.on_commit(lambda: storage.discard_staged(token))
    return version


def _store(
    *,
    actor: User,
    dataset: Dataset,
    table: pa.Table,
    layout: str,
    source_filename: str,
    notes: list[str],
    mapping: dict[str, Any] | None = None,
) -> DatasetVersion:
    if table.schema != SCHEMAS[Kind(dataset.kind)]:
        table = conform(table, Kind(dataset.kind))
    # One import at a time per dataset: the row lock orders version numbers.
    Dataset.objects.select_for_update().filter(pk=dataset.pk).first()
    number = (dataset.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    stored = storage.store_version(table, dataset_id=dataset.pk, number=number)
    try:
        version = DatasetVersion(
            dataset=dataset,
            number=number,
            layout=layout,
            source_filename=source_filename[:255],
            path=stored.path,
            sha256=stored.sha256,
            row_count=table.num_rows,
            size_bytes=stored.size_bytes,
            columns=[[f.name, str(f.type)] for f in table.schema],
            notes=notes,
            mapping=mapping or {},
            imported_by=actor,
        )
        version.full_clean()
        version.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.IMPORT,
            obj=version,
            object_repr=f"{version} ({table.num_rows} records from {source_filename})",
        )
    except BaseException:
        # A file whose transaction rolls back later stays as an orphan (no version names
        # it); `storage.orphans()` finds those.
        storage.remove(stored.path)
        raise
    for listener in version_listeners:
        transaction.on_commit(partial(listener, version))
    return version


def import_file(
    *,
    actor: User,
    dataset: Dataset,
    path: Path,
    layout: Layout | str | None = None,
    source_filename: str = "",
    edition: int | None = None,
    mapping: dict[str, Any] | None = None,
) -> tuple[ImportCheck, DatasetVersion | None]:
    """Check and keep in one step (API, command line, demo): all or nothing."""
    check = import_check(
        actor=actor, dataset=dataset, path=path, layout=layout, edition=edition, mapping=mapping
    )
    if not check.ok or check.layout is None:
        return check, None
    version = import_commit(
        actor=actor,
        dataset=dataset,
        token=check.token,
        layout=check.layout.name,
        source_filename=source_filename or path.name,
        notes=check.notes,
        mapping=check.mapping,
    )
    return check, version


def import_source_keep(path: Path) -> str:
    """Keep an uploaded file while its user maps its columns (an hour at most)."""
    return storage.stage_source(path)


def import_source_path(token: str) -> Path | None:
    return storage.staged_source(token)


def import_source_discard(token: str) -> None:
    storage.discard_source(token)


def discard_check(check: ImportCheck) -> None:
    """Forget a checked file that will not be kept (a dry run)."""
    if check.token:
        storage.discard_staged(check.token)
