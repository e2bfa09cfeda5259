"""The manifest of a backup archive: what it holds, each member's checksum, and its schema.

The schema version is the latest applied migration of each app. A restore refuses an archive
that names a migration the running code does not know (it comes from a newer Palermo), and
loads the rows at the archive's own schema before migrating them forward.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from palermo.core.backup import messages

FORMAT = "palermo-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore refused or failed; the message says why, for the user."""


@dataclass(frozen=True)
class Member:
    name: str
    kind: str  # "database", "rows", "media", "report", "evidence" or "secret_key"
    size: int
    sha256: str


@dataclass(frozen=True)
class Table:
    model: str  # app_label.model_name, as in the migration state
    table: str
    columns: list[str]
    rows: int
    member: str
    # The highest id the table's counter handed out, above the largest id left when records
    # were deleted: a restore sets the counter back to it, so no id is ever given twice.
    last_id: int | None = None


@dataclass
class Manifest:
    palermo_version: str
    vendor: str
    created_at: str
    schema: dict[str, str]
    tables: list[Table] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    @property
    def row_counts(self) -> dict[str, int]:
        return {table.table: table.rows for table in self.tables}

    def to_json(self) -> str:
        data = asdict(self)
        data["row_counts"] = self.row_counts
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        try:
            data: dict[str, Any] = json.loads(text)
        except ValueError as error:
            raise BackupError(messages.MANIFEST_MISSING) from error
        if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
            raise BackupError(messages.FORMAT_UNKNOWN)
        try:
            return cls(
                palermo_version=data["palermo_version"],
                vendor=data["vendor"],
                created_at=data["created_at"],
                schema=dict(data["schema"]),
                tables=[Table(**table) for table in data["tables"]],
                members=[Member(**member) for member in data["members"]],
            )
        except (KeyError, TypeError) as error:
            raise BackupError(messages.MANIFEST_MISSING) from error


def palermo_version() -> str:
    try:
        return version("palermo")
    except PackageNotFoundError:
        return "unknown"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def member_for(path: Path, *, name: str, kind: str) -> Member:
    return Member(name=name, kind=kind, size=path.stat().st_size, sha256=file_sha256(path))


def latest_migrations(
    loader: MigrationLoader, applied: Iterable[tuple[str, str]]
) -> dict[str, str]:
    """The latest of each app's applied migrations, in the order of the migration graph."""
    by_app: dict[str, set[tuple[str, str]]] = {}
    for node in applied:
        if node not in loader.graph.nodes:
            raise BackupError(messages.SCHEMA_UNKNOWN_ON_BACKUP % {"migration": ".".join(node)})
        by_app.setdefault(node[0], set()).add(node)
    latest: dict[str, str] = {}
    for app, nodes in sorted(by_app.items()):
        for node in nodes:
            ancestors = set(loader.graph.forwards_plan(node))
            if nodes <= ancestors:
                latest[app] = node[1]
                break
    return latest


def schema_of(connection: BaseDatabaseWrapper) -> tuple[MigrationLoader, dict[str, str]]:
    """The migration loader and the latest applied migration per app of a database."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    applied = MigrationRecorder(connection).applied_migrations()
    return loader, latest_migrations(loader, applied)


def check_schema_known(loader: MigrationLoader, schema: dict[str, str]) -> None:
    """Refuse an archive that names a migration (or an app) this code does not have."""
    for app, name in sorted(schema.items()):
        if (app, name) not in loader.graph.nodes:
            raise BackupError(messages.SCHEMA_NEWER % {"migration": f"{app}.{name}"})
