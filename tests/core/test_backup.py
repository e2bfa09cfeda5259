"""`palermo backup` then `palermo restore`, run as commands against scratch databases."""

import contextlib
import io
import json
import sqlite3
import tarfile
from pathlib import Path
from typing import Any

import psycopg
import pytest

from palermo.core.backup import messages
from tests.core.backup_support import (
    SECRET_KEY,
    Site,
    postgresql_answers,
    postgresql_site,
    sqlite_site,
)


def without_restore_event(state: dict[str, Any]) -> dict[str, Any]:
    """The restored state minus the one audit line the restore itself appends."""
    events = state["events"]
    assert events[-1]["actor_name"] == "palermo restore"
    assert events[-1]["action"] == "import"
    counts = dict(state["counts"])
    counts["core_auditevent"] -= 1
    return {
        "counts": counts,
        "events": events[:-1],
        "media": state["media"],
        "evidence": state["evidence"],
    }


def assert_restored(target: Site, source_state: dict[str, Any]) -> None:
    restored = without_restore_event(target.inspect())
    assert restored["counts"] == source_state["counts"]
    assert restored["events"] == source_state["events"]
    assert restored["media"] == source_state["media"]
    assert restored["evidence"] == {
        name: digest
        for name, digest in source_state["evidence"].items()
        if not name.startswith("staging/")
    }
    assert "1/v1-0123456789ab.parquet" in restored["evidence"]


def rewrite_archive(source: Path, target: Path, change: dict[str, bytes]) -> None:
    """Copy an archive, replacing the content of the named members."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for entry in old:
            stream = old.extractfile(entry)
            assert stream is not None
            data = change.get(entry.name, stream.read())
            entry.size = len(data)
            new.addfile(entry, io.BytesIO(data))


def sqlite_tables(site: Site) -> list[str]:
    path = site.var_dir / "palermo.sqlite3"
    if not path.exists():
        return []
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM sqlite_master")]


def read_member(archive: Path, name: str) -> bytes:
    with tarfile.open(archive, "r:gz") as opened:
        stream = opened.extractfile(name)
        assert stream is not None
        return stream.read()


def test_restore_into_an_empty_sqlite_database_brings_back_rows_files_and_audit_trail(
    backup_source: Site, backup_archive: Path, tmp_path: Path
) -> None:
    source_state = backup_source.inspect()
    target = sqlite_site(tmp_path / "target")

    output = target.ok("restore", str(backup_archive))

    assert output.startswith("Restored ")
    assert f"from a {backup_source.vendor} backup" in output
    assert_restored(target, source_state)
    assert source_state["media"]["reports/2026/12/review-report.pdf"]
    assert source_state["counts"]["core_user"] == 2
    with contextlib.closing(sqlite3.connect(target.var_dir / "palermo.sqlite3")) as connection:
        next_token = connection.execute(
            "SELECT seq FROM sqlite_sequence WHERE name = 'core_apitoken'"
        ).fetchone()
    assert next_token == (2,)


def test_an_archive_restores_into_postgresql_and_a_postgresql_archive_into_sqlite(
    backup_source: Site, backup_archive: Path, tmp_path: Path
) -> None:
    if not postgresql_answers():
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432.")
    source_state = backup_source.inspect()
    with postgresql_site(tmp_path / "pg") as postgres:
        postgres.ok("restore", str(backup_archive))
        assert_restored(postgres, source_state)
        with psycopg.connect(postgres.database_url) as connection:
            sequence = connection.execute("SELECT last_value FROM core_apitoken_id_seq")
            assert sequence.fetchone() == (2,)
        pg_state = postgres.inspect()
        pg_archive = tmp_path / "from-postgresql.tar.gz"

        postgres.ok("backup", str(pg_archive), "--include-secret-key")
    back = sqlite_site(tmp_path / "back")
    output = back.ok("restore", str(pg_archive), "--restore-secret-key")

    assert "from a postgresql backup" in output
    assert output.rstrip().endswith(", and the secret key.")
    assert (back.var_dir / "secret_key").read_text() == SECRET_KEY
    assert (back.var_dir / "secret_key").stat().st_mode & 0o777 == 0o600
    members = json.loads(read_member(pg_archive, "manifest.json"))["members"]
    assert "database/palermo.pgdump" in {member["name"] for member in members}
    restored = without_restore_event(back.inspect())
    # pg_state has no backup line yet; the PostgreSQL backup wrote one into its archive.
    assert restored["events"][:-1] == pg_state["events"]
    assert restored["events"][-1]["actor_name"] == "palermo backup"
    assert restored["media"] == source_state["media"]
    assert restored["evidence"] == {
        name: digest
        for name, digest in source_state["evidence"].items()
        if not name.startswith("staging/")
    }
    assert "1/v1-0123456789ab.parquet" in restored["evidence"]
    pg_state["counts"]["core_auditevent"] += 1
    assert restored["counts"] == pg_state["counts"]


def test_restore_refuses_a_database_that_is_not_empty(
    backup_source: Site, backup_archive: Path
) -> None:
    before = backup_source.inspect()

    refused = backup_source.run("restore", str(backup_archive))

    assert refused.returncode == 1
    assert str(messages.DATABASE_NOT_EMPTY) in refused.stderr
    assert backup_source.inspect() == before


def test_restore_refuses_an_archive_with_a_changed_byte(
    backup_archive: Path, tmp_path: Path
) -> None:
    name = "media/legislation/2026/anti-trafficking-act.pdf"
    data = bytearray(read_member(backup_archive, name))
    data[100] ^= 0x01
    tampered = tmp_path / "tampered.tar.gz"
    rewrite_archive(backup_archive, tampered, {name: bytes(data)})
    target = sqlite_site(tmp_path / "target")

    refused = target.run("restore", str(tampered))

    assert refused.returncode == 1
    assert str(messages.CHECKSUM_MISMATCH % {"member": name}) in refused.stderr
    assert sqlite_tables(target) == []
    assert not (target.var_dir / "media").exists()


def test_restore_refuses_an_archive_from_a_newer_schema(
    backup_archive: Path, tmp_path: Path
) -> None:
    manifest = json.loads(read_member(backup_archive, "manifest.json"))
    manifest["schema"]["core"] = "9999_from_the_future"
    newer = tmp_path / "newer.tar.gz"
    rewrite_archive(backup_archive, newer, {"manifest.json": json.dumps(manifest).encode()})
    target = sqlite_site(tmp_path / "target")

    refused = target.run("restore", str(newer))

    assert refused.returncode == 1
    expected = messages.SCHEMA_NEWER % {"migration": "core.9999_from_the_future"}
    assert str(expected) in refused.stderr
    assert sqlite_tables(target) == []
    assert not (target.var_dir / "media").exists()
