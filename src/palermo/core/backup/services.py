"""`backup_create` writes one archive of everything Palermo keeps; `backup_restore` reads it back.

An archive holds the database (a portable dump, and the native copy for the database's own
tools), the uploaded files under MEDIA_ROOT (generated reports live there, under reports/),
the secret key only when asked, and a manifest with each member's checksum.

A restore goes into an empty database only: it never deletes or overwrites records, so the
append-only audit trail comes back exactly as it was, and a mistyped DATABASE_URL cannot wipe
a live database. It migrates the new database to the archive's schema, loads the rows, then
migrates forward to this version's schema, so an archive from an older Palermo restores too.
"""

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from palermo.core import pagecache
from palermo.core.audit import audit_record
from palermo.core.backup import database, messages
from palermo.core.backup.archive import archive_unpack, archive_write
from palermo.core.backup.manifest import (
    BackupError,
    Manifest,
    Member,
    check_schema_known,
    file_sha256,
    member_for,
    palermo_version,
    schema_of,
)
from palermo.core.models import AuditEvent

SECRET_KEY_MEMBER = "secret_key"  # noqa: S105 - the member's name, not a key
REPORTS_FOLDER = "reports"
Say = Callable[[str], None]


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    files: int
    secret_key_written: bool


# Folders of files kept beside the database: member prefix -> setting naming the folder.
# Evidence versions are Parquet files outside the media root; staged imports are not kept.
FILE_FOLDERS = {"media": "MEDIA_ROOT", "evidence": "PALERMO_EVIDENCE_ROOT"}
SKIPPED = {"evidence": ("staging/",)}


def _folder_files(prefix: str) -> dict[str, Path]:
    root = Path(getattr(settings, FILE_FOLDERS[prefix]))
    if not root.is_dir():
        return {}
    files = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if not path.is_file() or path.is_symlink() or path.name.startswith("."):
            continue
        if relative.startswith(SKIPPED.get(prefix, ())):
            continue
        files[f"{prefix}/{relative}"] = path
    return files


def _media_files() -> dict[str, Path]:
    return {name: path for prefix in FILE_FOLDERS for name, path in _folder_files(prefix).items()}


def _media_kind(name: str) -> str:
    if name.startswith("evidence/"):
        return "evidence"
    return "report" if name.startswith(f"media/{REPORTS_FOLDER}/") else "media"


def backup_create(
    *, target: Path, say: Say, include_secret_key: bool = False, native: bool = True
) -> Manifest:
    """Write an archive of the default database, the media files and, if asked, the secret key."""
    if target.exists():
        raise BackupError(messages.ARCHIVE_EXISTS % {"path": target})
    connection = connections[DEFAULT_DB_ALIAS]
    # Recorded before the snapshot, so the archive holds the line that says who took it.
    audit_record(
        actor=None,
        action=AuditEvent.Action.EXPORT,
        object_type="backup",
        object_repr=target.name,
        actor_name="palermo backup",
        changes={"secret_key": [None, include_secret_key]},
    )
    loader, schema = schema_of(connection)
    state_apps = loader.project_state(list(schema.items()), at_end=True).apps
    files: dict[str, Path] = {}
    members: list[Member] = []
    with tempfile.TemporaryDirectory(prefix="palermo-backup-") as scratch:
        folder = Path(scratch)
        if connection.vendor == "sqlite":
            snapshot_path = folder / "palermo.sqlite3"
            with database.sqlite_snapshot(connection, snapshot_path) as snapshot:
                tables = database.dump_rows(snapshot, state_apps, folder / "rows")
            if native:
                files["database/palermo.sqlite3"] = snapshot_path
        elif connection.vendor == "postgresql":
            fits, client, server = database.pg_dump_fits(connection)
            if native and not fits:
                say(str(messages.PG_DUMP_SKIPPED % {"client": client, "server": server}))
            with database.postgresql_snapshot(connection) as snapshot_id:
                if native and fits:
                    dump_path = folder / "palermo.pgdump"
                    database.pg_dump(connection, snapshot_id, dump_path)
                    files["database/palermo.pgdump"] = dump_path
                tables = database.dump_rows(connection, state_apps, folder / "rows")
        else:
            tables = database.dump_rows(connection, state_apps, folder / "rows")
        for name, path in files.items():
            members.append(member_for(path, name=name, kind="database"))
        for table, path in tables:
            files[table.member] = path
            members.append(member_for(path, name=table.member, kind="rows"))
        for name, path in _media_files().items():
            files[name] = path
            members.append(member_for(path, name=name, kind=_media_kind(name)))
        if include_secret_key:
            key_path = folder / SECRET_KEY_MEMBER
            key_path.write_text(settings.SECRET_KEY, encoding="utf-8")
            files[SECRET_KEY_MEMBER] = key_path
            members.append(member_for(key_path, name=SECRET_KEY_MEMBER, kind="secret_key"))
        manifest = Manifest(
            palermo_version=palermo_version(),
            vendor=connection.vendor,
            created_at=timezone.now().isoformat(),
            schema=schema,
            tables=[table for table, _path in tables],
            members=members,
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        archive_write(target, manifest, files)
    return manifest


def _check_media(manifest: Manifest, folder: Path) -> list[tuple[Path, Path]]:
    """Pairs (unpacked, destination) to copy; refuse a different file already in place."""
    copies: list[tuple[Path, Path]] = []
    for member in manifest.members:
        if member.kind not in {"media", "report", "evidence"}:
            continue
        prefix, _slash, relative = member.name.partition("/")
        destination = Path(getattr(settings, FILE_FOLDERS[prefix])) / relative
        if destination.exists():
            if not destination.is_file() or file_sha256(destination) != member.sha256:
                raise BackupError(messages.MEDIA_CONFLICT % {"path": destination})
            continue
        copies.append((folder / member.name, destination))
    return copies


def secret_key_path() -> Path:
    return Path(settings.VAR_DIR) / "secret_key"


def _restore_database(
    connection: BaseDatabaseWrapper, executor: MigrationExecutor, manifest: Manifest, folder: Path
) -> None:
    """Migrate to the archive's schema, load its rows, then migrate forward to this version's."""
    targets = sorted(manifest.schema.items())
    executor.migrate(targets)
    state_apps = executor.loader.project_state(targets, at_end=True).apps
    try:
        database.load_rows(connection, state_apps, manifest.tables, folder / "database/rows")
    except (DatabaseError, ValueError, TypeError, ValidationError) as error:
        raise BackupError(messages.LOAD_FAILED % {"error": error}) from error
    call_command("migrate", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        database.search_vectors_refresh()
    pagecache.invalidate_everything()


def _write_secret_key(key: str) -> None:
    path = secret_key_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(key)
    path.chmod(0o600)


def backup_restore(*, source: Path, say: Say, restore_secret_key: bool = False) -> RestoreResult:
    """Restore an archive into the empty default database and the media folder."""
    connection = connections[DEFAULT_DB_ALIAS]
    with tempfile.TemporaryDirectory(prefix="palermo-restore-") as scratch:
        folder = Path(scratch)
        manifest = archive_unpack(source, folder)
        executor = MigrationExecutor(connection)
        check_schema_known(executor.loader, manifest.schema)
        has_key = any(member.name == SECRET_KEY_MEMBER for member in manifest.members)
        if restore_secret_key and not has_key:
            raise BackupError(messages.SECRET_KEY_ABSENT)
        if not database.is_empty(connection):
            raise BackupError(messages.DATABASE_NOT_EMPTY)
        copies = _check_media(manifest, folder)

        _restore_database(connection, executor, manifest, folder)
        for unpacked, destination in copies:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(unpacked, destination)
        written = has_key and restore_secret_key
        if written:
            _write_secret_key((folder / SECRET_KEY_MEMBER).read_text(encoding="utf-8"))
        elif has_key:
            say(str(messages.SECRET_KEY_KEPT % {"path": secret_key_path()}))
    audit_record(
        actor=None,
        action=AuditEvent.Action.IMPORT,
        object_type="backup",
        object_repr=source.name,
        actor_name="palermo restore",
        changes={"created_at": [None, manifest.created_at], "vendor": [None, manifest.vendor]},
    )
    return RestoreResult(manifest=manifest, files=len(copies), secret_key_written=written)
