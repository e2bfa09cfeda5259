"""Dumping the database to portable JSON lines and loading it back, on SQLite or PostgreSQL.

The portable dump is what a restore reads: one file per table, one JSON array per row, in the
column order the manifest records, read through the models of the database's own migration
state. It loads into SQLite or PostgreSQL alike. Next to it the archive keeps the database's
native copy for its own tools: an SQLite file taken with the online backup API, or a
`pg_dump` custom-format file when a fitting `pg_dump` is installed.
"""

import base64
import datetime
import decimal
import json
import os
import re
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.apps.registry import Apps
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.management.color import no_style
from django.db import connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.duration import duration_iso_string

from palermo.core import pagecache
from palermo.core.backup import messages
from palermo.core.backup.manifest import BackupError, Table
from palermo.core.models import SearchDocument
from palermo.core.search import CONFIG

SNAPSHOT_ALIAS = "palermo_backup_snapshot"
BATCH = 1000


def dumped_models(state_apps: Apps) -> list[type[models.Model]]:
    """The models whose rows a backup holds: every managed, concrete table of the state.

    Not the page cache's table versions: they describe pages kept by running servers, and a
    restore gives every table a new version anyway.
    """
    found = [
        model
        for model in state_apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.db_table != pagecache.VERSION_TABLE
    ]
    return sorted(found, key=lambda model: model._meta.db_table)


def _derived(field: models.Field[Any, Any]) -> bool:
    # PostgreSQL's search vectors are rebuilt from title and body after a restore.
    return isinstance(field, SearchVectorField)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(type(value).__name__)


def dump_rows(
    connection: BaseDatabaseWrapper, state_apps: Apps, folder: Path
) -> list[tuple[Table, Path]]:
    """Write each table's rows to `folder/<table>.jsonl`; call inside one consistent snapshot."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[tuple[Table, Path]] = []
    for model in dumped_models(state_apps):
        fields = list(model._meta.concrete_fields)
        columns = [field.attname for field in fields]
        derived = [index for index, field in enumerate(fields) if _derived(field)]
        path = folder / f"{model._meta.db_table}.jsonl"
        rows = 0
        queryset = model._base_manager.using(connection.alias).order_by("pk")
        with path.open("w", encoding="utf-8") as stream:
            for values in queryset.values_list(*columns).iterator(chunk_size=BATCH):
                row = list(values)
                for index in derived:
                    row[index] = None
                stream.write(json.dumps(row, default=_plain, ensure_ascii=False) + "\n")
                rows += 1
        table = Table(
            model=model._meta.label_lower,
            table=model._meta.db_table,
            columns=columns,
            rows=rows,
            member=f"database/rows/{path.name}",
            last_id=_last_id(connection, model),
        )
        written.append((table, path))
    return written


@contextmanager
def sqlite_snapshot(connection: BaseDatabaseWrapper, target: Path) -> Iterator[BaseDatabaseWrapper]:
    """Copy a live SQLite database with the online backup API; yield a connection to the copy."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        # One self-contained file, whatever journal mode the live database uses.
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
    connections.settings[SNAPSHOT_ALIAS] = {
        **connections.settings[connection.alias],
        "NAME": str(target),
        "OPTIONS": {},
    }
    try:
        yield connections[SNAPSHOT_ALIAS]
    finally:
        connections[SNAPSHOT_ALIAS].close()
        del connections[SNAPSHOT_ALIAS]
        del connections.settings[SNAPSHOT_ALIAS]


@contextmanager
def postgresql_snapshot(connection: BaseDatabaseWrapper) -> Iterator[str]:
    """Hold one repeatable-read transaction; yield its exported snapshot for pg_dump to share."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        yield cursor.fetchone()[0]


def pg_dump_fits(connection: BaseDatabaseWrapper) -> tuple[bool, str, str]:
    """Whether the installed pg_dump can dump this server: its major version must not be older."""
    server = str(connection.pg_version // 10000)  # type: ignore[attr-defined]
    binary = shutil.which("pg_dump")
    if binary is None:
        return False, "(not installed)", server
    output = subprocess.run(  # noqa: S603 - fixed arguments
        [binary, "--version"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    client = match.group(1) if match else "0"
    return int(client) >= int(server), client, server


def pg_dump(connection: BaseDatabaseWrapper, snapshot: str, target: Path) -> None:
    """Write a custom-format pg_dump of the database as the snapshot sees it."""
    params = connection.settings_dict
    environment = {**os.environ}
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if params.get(key):
            environment[variable] = str(params[key])
    done = subprocess.run(  # noqa: S603 - arguments are ours, the password travels in the environment
        [
            shutil.which("pg_dump") or "pg_dump",
            "--format=custom",
            "--no-owner",
            f"--snapshot={snapshot}",
            f"--file={target}",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(messages.PG_DUMP_FAILED % {"error": done.stderr.strip()})


def is_empty(connection: BaseDatabaseWrapper) -> bool:
    """A database that holds no tables at all (never migrated)."""
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def load_rows(
    connection: BaseDatabaseWrapper, state_apps: Apps, tables: list[Table], folder: Path
) -> None:
    """Replace the rows of a freshly migrated database with the archive's, in one transaction.

    Data migrations seed some tables (themes, reference targets); the archive holds those rows
    as the source database had them, so the seeds go first. Only tables that hold rows are
    cleared, so the audit log, empty in a new database, sees inserts only.
    """
    by_table = {model._meta.db_table: model for model in dumped_models(state_apps)}
    with transaction.atomic(using=connection.alias):
        for model in by_table.values():
            manager = model._base_manager.using(connection.alias)
            if manager.exists():
                manager.all()._raw_delete(connection.alias)
        for table in tables:
            target = by_table.get(table.table)
            if target is None:
                raise BackupError(messages.COLUMNS_MISMATCH % {"table": table.table})
            fields = list(target._meta.concrete_fields)
            if [field.attname for field in fields] != table.columns:
                raise BackupError(messages.COLUMNS_MISMATCH % {"table": table.table})
            _load_table(connection, target, fields, folder / Path(table.member).name)
        statements = connection.ops.sequence_reset_sql(no_style(), list(by_table.values()))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        for table in tables:
            if table.last_id:
                _raise_last_id(connection, by_table[table.table], table.last_id)


def _counted(model: type[models.Model]) -> models.Field[Any, Any] | None:
    """The primary key when the database numbers it (an auto field), else None."""
    pk = model._meta.pk
    return pk if isinstance(pk, models.AutoField | models.BigAutoField) else None


def _last_id(connection: BaseDatabaseWrapper, model: type[models.Model]) -> int | None:
    pk = _counted(model)
    if pk is None:
        return None
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
            if cursor.fetchone() is None:
                return None
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk.column])
            sequence = cursor.fetchone()
            if sequence is None or sequence[0] is None:
                return None
            # PostgreSQL returns the name quoted as needed.
            cursor.execute(
                f"SELECT CASE WHEN is_called THEN last_value END FROM {sequence[0]}"  # noqa: S608
            )
        else:
            return None
        row = cursor.fetchone()
    return None if row is None or row[0] is None else int(row[0])


def _raise_last_id(
    connection: BaseDatabaseWrapper, model: type[models.Model], last_id: int
) -> None:
    pk = _counted(model)
    if pk is None:
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = %s WHERE name = %s AND seq < %s",
                [last_id, table, last_id],
            )
            cursor.execute("SELECT 1 FROM sqlite_sequence WHERE name = %s", [table])
            if cursor.fetchone() is None:
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, last_id]
                )
        elif connection.vendor == "postgresql":
            largest = (
                f"SELECT coalesce(max({connection.ops.quote_name(pk.column)}), 0) "  # noqa: S608
                f"FROM {connection.ops.quote_name(table)}"
            )
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, %s), %s) WHERE %s > ({largest})",
                [table, pk.column, last_id, last_id],
            )


def _load_table(
    connection: BaseDatabaseWrapper,
    model: type[models.Model],
    fields: list[models.Field[Any, Any]],
    path: Path,
) -> None:
    manager = model._base_manager.using(connection.alias)
    for field in fields:
        # The archive's times stand; these fields would stamp the time of the restore instead.
        if isinstance(field, models.DateField | models.TimeField):
            field.auto_now = field.auto_now_add = False
    batch: list[models.Model] = []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            values = json.loads(line)
            row = {
                field.attname: None if value is None else field.to_python(value)
                for field, value in zip(fields, values, strict=True)
            }
            batch.append(model(**row))
            if len(batch) >= BATCH:
                manager.bulk_create(batch)
                batch = []
    if batch:
        manager.bulk_create(batch)


def search_vectors_refresh() -> None:
    """Fill PostgreSQL's search vectors, which a backup leaves out, from title and body."""
    SearchDocument.objects.update(
        search_vector=SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("body", weight="B", config=CONFIG)
    )
