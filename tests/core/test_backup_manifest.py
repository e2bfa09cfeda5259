"""What a backup archive holds and what its manifest says about it."""

import contextlib
import datetime
import hashlib
import io
import json
import shutil
import sqlite3
import subprocess
import tarfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from django.db.migrations.loader import MigrationLoader

from palermo.core.backup import BackupError, Manifest, messages
from palermo.core.backup.archive import archive_unpack
from tests.core.backup_support import SECRET_KEY, Site


def unpack_all(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as opened:
        members = {}
        for entry in opened:
            stream = opened.extractfile(entry)
            assert stream is not None
            members[entry.name] = stream.read()
        return members


def manifest_of(members: dict[str, bytes]) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(members["manifest.json"])
    return manifest


def write_archive(path: Path, members: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            entry = tarfile.TarInfo(name)
            entry.size = len(data)
            archive.addfile(entry, io.BytesIO(data))


def test_the_manifest_lists_every_member_with_its_checksum_and_size(
    backup_archive: Path,
) -> None:
    members = unpack_all(backup_archive)
    manifest = manifest_of(members)

    assert backup_archive.stat().st_mode & 0o777 == 0o600
    listed = {member["name"]: member for member in manifest["members"]}
    assert set(listed) == set(members) - {"manifest.json"}
    for name, data in members.items():
        if name != "manifest.json":
            assert listed[name]["size"] == len(data)
            assert listed[name]["sha256"] == hashlib.sha256(data).hexdigest()


def test_the_manifest_records_schema_version_vendor_time_and_row_counts(
    backup_source: Site, backup_archive: Path
) -> None:
    members = unpack_all(backup_archive)
    manifest = manifest_of(members)

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    assert manifest["schema"] == dict(graph.leaf_nodes())
    assert manifest["vendor"] == backup_source.vendor
    assert manifest["palermo_version"] == version("palermo")
    assert manifest["format"] == "palermo-backup"
    created = datetime.datetime.fromisoformat(manifest["created_at"])
    assert created.tzinfo is not None
    for table in manifest["tables"]:
        lines = members[table["member"]].decode().splitlines()
        assert manifest["row_counts"][table["table"]] == table["rows"] == len(lines)
    assert manifest["row_counts"]["core_user"] == 2
    assert manifest["row_counts"]["core_apitoken"] == 1


def test_uploads_and_generated_reports_are_members_with_their_kind(
    backup_source: Site, backup_archive: Path
) -> None:
    manifest = manifest_of(unpack_all(backup_archive))

    kinds = {member["name"]: member["kind"] for member in manifest["members"]}
    assert kinds["media/reports/2026/12/review-report.pdf"] == "report"
    assert kinds["media/legislation/2026/anti-trafficking-act.pdf"] == "media"
    assert kinds[backup_source.native] == "database"


def test_the_native_copy_is_a_whole_database_holding_the_backup_audit_line(
    backup_source: Site, backup_archive: Path, tmp_path: Path
) -> None:
    if backup_source.vendor == "postgresql":
        dump = tmp_path / "copy.pgdump"
        dump.write_bytes(unpack_all(backup_archive)[backup_source.native])
        listing = subprocess.run(  # noqa: S603 - our own file
            [shutil.which("pg_restore") or "pg_restore", "--list", str(dump)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "TABLE DATA public core_auditevent" in listing
        return
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(unpack_all(backup_archive)["database/palermo.sqlite3"])

    with contextlib.closing(sqlite3.connect(copy)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM core_user").fetchone() == (2,)
        last = connection.execute(
            "SELECT actor_name, action, object_type, channel FROM core_auditevent "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert last == ("palermo backup", "export", "backup", "cli")


def test_the_secret_key_is_left_out_unless_asked(
    backup_source: Site, backup_archive: Path, tmp_path: Path
) -> None:
    plain = unpack_all(backup_archive)
    assert "secret_key" not in plain
    assert not any(SECRET_KEY.encode() in data for data in plain.values())

    with_key = tmp_path / "with-key.tar.gz"
    backup_source.ok("backup", str(with_key), "--include-secret-key", "--no-native")
    members = unpack_all(with_key)

    assert members["secret_key"] == SECRET_KEY.encode()
    kinds = {member["name"]: member["kind"] for member in manifest_of(members)["members"]}
    assert kinds["secret_key"] == "secret_key"
    assert "database" not in kinds.values()


def test_restoring_the_secret_key_from_an_archive_without_one_is_refused(
    backup_source: Site, backup_archive: Path
) -> None:
    refused = backup_source.run("restore", str(backup_archive), "--restore-secret-key")

    assert refused.returncode == 1
    assert str(messages.SECRET_KEY_ABSENT) in refused.stderr


def test_a_manifest_of_another_format_is_refused() -> None:
    with pytest.raises(BackupError, match="backup format this version does not read"):
        Manifest.from_json(json.dumps({"format": "palermo-backup", "format_version": 99}))


def test_unpacking_refuses_a_member_named_outside_the_folder(tmp_path: Path) -> None:
    archive = tmp_path / "evil.tar.gz"
    write_archive(archive, {"manifest.json": b"{}", "../outside.txt": b"x"})

    with pytest.raises(BackupError) as refused:
        archive_unpack(archive, tmp_path / "unpacked")

    assert str(refused.value) == messages.MEMBER_UNSAFE % {"member": "../outside.txt"}
    assert not (tmp_path / "outside.txt").exists()


def test_unpacking_refuses_a_member_the_manifest_does_not_list(
    backup_archive: Path, tmp_path: Path
) -> None:
    members = unpack_all(backup_archive)
    members["media/extra.txt"] = b"slipped in"
    archive = tmp_path / "extra.tar.gz"
    write_archive(archive, members)

    with pytest.raises(BackupError) as refused:
        archive_unpack(archive, tmp_path / "unpacked")

    assert str(refused.value) == messages.MEMBER_UNLISTED % {"member": "media/extra.txt"}


def test_unpacking_refuses_changed_compressed_bytes_and_non_archives(
    backup_archive: Path, tmp_path: Path
) -> None:
    data = bytearray(backup_archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(bytes(data))
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not even gzip")

    for path in (damaged, bogus):
        with pytest.raises(BackupError) as refused:
            archive_unpack(path, tmp_path / path.stem)
        assert str(refused.value) in {
            str(messages.ARCHIVE_UNREADABLE),
            *(str(messages.CHECKSUM_MISMATCH % {"member": m}) for m in unpack_all(backup_archive)),
        }
