"""Running the real `palermo` command against scratch databases, for the backup tests."""

import contextlib
import datetime
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from palermo.core.pagecache import VERSION_TABLE

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
SECRET_KEY = "backup-test-secret-key-" + "x" * 40

AUDIT_COLUMNS = (
    "id, at, actor_id, actor_name, action, object_type, object_id, object_repr, changes, "
    "channel, ip_address"
)
SQLITE_INTERNAL = ("sqlite_", "core_searchdocument_fts")


def _audit_event(row: tuple[Any, ...]) -> dict[str, Any]:
    """One audit line in a form that compares equal across SQLite and PostgreSQL."""
    names = [name.strip() for name in AUDIT_COLUMNS.split(",")]
    event = dict(zip(names, row, strict=True))
    at = event["at"]
    if isinstance(at, str):
        at = datetime.datetime.fromisoformat(at).replace(tzinfo=datetime.UTC)
    event["at"] = at.astimezone(datetime.UTC).isoformat()
    if isinstance(event["changes"], str):
        event["changes"] = json.loads(event["changes"])
    event["ip_address"] = None if event["ip_address"] is None else str(event["ip_address"])
    return event


@dataclass(frozen=True)
class Site:
    """One Palermo installation: a database URL and a var/ folder (media, secret key)."""

    database_url: str
    var_dir: Path

    @property
    def vendor(self) -> str:
        return "sqlite" if self.database_url.startswith("sqlite") else "postgresql"

    @property
    def native(self) -> str:
        """The archive member holding the database's native copy."""
        return "database/palermo.sqlite3" if self.vendor == "sqlite" else "database/palermo.pgdump"

    def env(self) -> dict[str, str]:
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PALERMO_", "DATABASE_")) and key != "SECRET_KEY"
        }
        return {
            **environment,
            "DATABASE_URL": self.database_url,
            "PALERMO_VAR_DIR": str(self.var_dir),
            "SECRET_KEY": SECRET_KEY,
            "PALERMO_TASKS_IMMEDIATE": "1",
        }

    def run(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - our own command line
            [sys.executable, "-m", "palermo.cli", args[0], "--skip-checks", *args[1:]],
            env=self.env(),
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
            timeout=240,
        )

    def ok(self, *args: str, stdin: str = "") -> str:
        done = self.run(*args, stdin=stdin)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def inspect(self) -> dict[str, Any]:
        """Row counts per table, the audit trail and the media files' checksums.

        Not the page cache's table versions: a backup leaves them out by design (they describe
        pages kept by running servers), and a restore gives every table a new one.
        """
        if self.database_url.startswith("sqlite"):
            counts, events = self._read_sqlite()
        else:
            counts, events = self._read_postgresql()
        counts.pop(VERSION_TABLE, None)
        return {
            "counts": counts,
            "events": events,
            "media": self.files("media"),
            "evidence": self.files("evidence"),
        }

    def files(self, folder: str) -> dict[str, str]:
        """The checksums of the files under var/<folder>, by relative path."""
        root = self.var_dir / folder
        return {
            path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }

    def _read_sqlite(self) -> tuple[dict[str, int], list[dict[str, Any]]]:
        path = self.database_url.removeprefix("sqlite:///")
        with contextlib.closing(sqlite3.connect(path)) as connection:
            names = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = [name for (name,) in names if not name.startswith(SQLITE_INTERNAL)]
            counts = {
                table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
                for table in tables
            }
            rows = connection.execute(f"SELECT {AUDIT_COLUMNS} FROM core_auditevent ORDER BY id")  # noqa: S608
            return counts, [_audit_event(row) for row in rows]

    def _read_postgresql(self) -> tuple[dict[str, int], list[dict[str, Any]]]:
        with psycopg.connect(self.database_url) as connection:
            names = connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
            counts: dict[str, int] = {}
            for (table,) in names.fetchall():
                count = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()  # noqa: S608
                counts[table] = count[0] if count else 0
            rows = connection.execute(f"SELECT {AUDIT_COLUMNS} FROM core_auditevent ORDER BY id")  # noqa: S608
            return counts, [_audit_event(row) for row in rows.fetchall()]


def sqlite_site(folder: Path) -> Site:
    folder.mkdir(parents=True, exist_ok=True)
    return Site(database_url=f"sqlite:///{folder / 'palermo.sqlite3'}", var_dir=folder)


def postgresql_answers() -> bool:
    try:
        with psycopg.connect(PG_ADMIN, connect_timeout=2):
            return True
    except psycopg.Error:
        return False


@contextmanager
def postgresql_site(folder: Path) -> Iterator[Site]:
    """A scratch PostgreSQL database with a unique name, dropped afterwards."""
    name = f"palermo_backup_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    folder.mkdir(parents=True, exist_ok=True)
    try:
        yield Site(database_url=f"postgresql://postgres@127.0.0.1:5432/{name}", var_dir=folder)
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sql_execute(site: Site, statement: str) -> None:
    """Change a scratch database behind Palermo's back, to set up a case."""
    if site.database_url.startswith("sqlite"):
        path = site.database_url.removeprefix("sqlite:///")
        with contextlib.closing(sqlite3.connect(path)) as connection:
            connection.execute(statement)
            connection.commit()
    else:
        with psycopg.connect(site.database_url, autocommit=True) as connection:
            connection.execute(statement.encode())
