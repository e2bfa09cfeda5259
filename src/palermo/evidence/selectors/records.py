"""Reads of a dataset's records.

Records are read only through `records_page`, `records_all` and `records_for_release`, which
check the grant and write the audit event: every read of victims' data is in the log, whoever
reads it and whichever surface (page, API, export) asks.
"""

import tempfile
from dataclasses import dataclass
from typing import IO, Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from django.utils import timezone
from django.utils.text import slugify

from palermo.core.audit import audit_record, export_record
from palermo.core.models import AuditEvent
from palermo.core.permissions import require
from palermo.evidence import permissions, protection, storage
from palermo.evidence import statistics as stats
from palermo.evidence.models import DatasetVersion


@dataclass(frozen=True)
class RecordsPage:
    version: DatasetVersion
    columns: list[str]
    rows: list[tuple[Any, ...]]
    offset: int
    total: int

    @property
    def first(self) -> int:
        return self.offset + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.offset + len(self.rows)


def _query(sql: str, parameters: list[Any]) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    return connection.execute(sql, parameters)


def records_page(
    user: Any, version: DatasetVersion, *, offset: int = 0, limit: int = 50, where: str
) -> RecordsPage:
    """One page of a version's records, for a granted analyst; the read is audited."""
    require(permissions.can_read_records(user, version.dataset))
    path = str(storage.absolute(version.path))
    result = _query(
        "SELECT * FROM read_parquet(?) LIMIT ? OFFSET ?", [path, max(limit, 0), max(offset, 0)]
    )
    columns = [column[0] for column in result.description]
    rows = result.fetchall()
    page = RecordsPage(version, columns, rows, offset, version.row_count)
    audit_record(
        actor=user,
        action=AuditEvent.Action.VIEW,
        obj=version,
        object_repr=f"Records {page.first}–{page.last} of {version} ({where})",
    )
    return page


def records_for_release(
    user: Any, version: DatasetVersion, filters: stats.Filters | None
) -> pa.Table:
    """The records a k-anonymous release is counted from, for a granted analyst; audited."""
    require(permissions.can_read_records(user, version.dataset))
    records = protection.filtered_records(
        storage.absolute(version.path), version.dataset.kind, filters
    )
    audit_record(
        actor=user,
        action=AuditEvent.Action.VIEW,
        obj=version,
        object_repr=f"{records.num_rows} records of {version} (k-anonymous release)",
    )
    return records


EXPORT_FORMATS = ("csv", "parquet")


@dataclass(frozen=True)
class RecordsExport:
    file: IO[bytes]  # an open, already unlinked temporary file: it goes when it is closed
    filename: str
    content_type: str


def records_export(user: Any, version: DatasetVersion, *, fmt: str) -> RecordsExport:
    """Every record of a version, for its owner, stamped with who took it and when; audited.

    The stamp is in the file's name (both formats) and in the Parquet file's metadata.
    """
    require(permissions.can_export_records(user, version.dataset))
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}")
    now = timezone.now()
    stamp = f"exported-by-{slugify(user.get_username())}-{now:%Y%m%dT%H%M%SZ}"
    filename = f"{slugify(version.dataset.name)}-v{version.number}-records-{stamp}.{fmt}"
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response, which closes it
    if fmt == "csv":
        source = pq.ParquetFile(storage.absolute(version.path))
        with pacsv.CSVWriter(handle, source.schema_arrow) as writer:
            for batch in source.iter_batches(batch_size=65_536):
                writer.write_batch(batch)
        content_type = "text/csv; charset=utf-8"
    else:
        table = storage.read_version(version.path)
        metadata = {
            **(table.schema.metadata or {}),
            b"palermo.exported_by": user.get_username().encode(),
            b"palermo.exported_at": now.isoformat().encode(),
            b"palermo.dataset": str(version).encode(),
            b"palermo.sha256": version.sha256.encode(),
        }
        pq.write_table(table.replace_schema_metadata(metadata), handle, compression="zstd")
        content_type = "application/vnd.apache.parquet"
    handle.seek(0)
    export_record(
        actor=user, what=f"Records of {version}", fmt=fmt, count=version.row_count, obj=version
    )
    return RecordsExport(handle, filename, content_type)
