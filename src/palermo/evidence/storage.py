"""Where versions' records live: one Parquet file each, written once, read by path.

Files sit under `PALERMO_EVIDENCE_ROOT`, named by dataset and checksum, never under the
media root (nothing serves them directly). A file is written to a temporary name and renamed
into place, so a crash leaves no half-written version; imports waiting for confirmation are
kept as staged files for an hour, and so are uploaded files whose columns are being mapped.
"""

import hashlib
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings

STAGING = "staging"
STAGING_HOURS = 1
_TOKEN_CHARS = frozenset("0123456789abcdef")


def root() -> Path:
    return Path(settings.PALERMO_EVIDENCE_ROOT)


def absolute(relative: str) -> Path:
    """The file a version names; refuses names that leave the evidence root."""
    path = (root() / relative).resolve()
    if root().resolve() not in path.parents:
        raise ValueError(f"{relative!r} is outside the evidence root")
    return path


def _write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    try:
        pq.write_table(table, partial, compression="zstd")
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class Stored:
    path: str  # relative to the evidence root
    sha256: str
    size_bytes: int


def store_version(table: pa.Table, *, dataset_id: int, number: int) -> Stored:
    """Write a version's records for good and say where they are and their checksum."""
    staged = root() / STAGING / f"v-{secrets.token_hex(8)}.parquet"
    _write(table, staged)
    digest = sha256_of(staged)
    relative = f"{dataset_id}/v{number}-{digest[:12]}.parquet"
    final = absolute(relative)
    final.parent.mkdir(parents=True, exist_ok=True)
    staged.replace(final)
    return Stored(path=relative, sha256=digest, size_bytes=final.stat().st_size)


def remove(relative: str) -> None:
    """Take back a file whose version row was never written (a failed transaction)."""
    absolute(relative).unlink(missing_ok=True)


def stage(table: pa.Table) -> str:
    """Keep a checked import until it is confirmed; answer its token."""
    purge_stale()
    token = secrets.token_hex(16)
    _write(table, root() / STAGING / f"{token}.parquet")
    return token


def staged_path(token: str) -> Path | None:
    if len(token) != 32 or not set(token) <= _TOKEN_CHARS:
        return None
    path = root() / STAGING / f"{token}.parquet"
    return path if path.exists() else None


def read_staged(token: str) -> pa.Table | None:
    path = staged_path(token)
    return None if path is None else pq.read_table(path)


def discard_staged(token: str) -> None:
    path = staged_path(token)
    if path is not None:
        path.unlink(missing_ok=True)


SOURCE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".txt", ".tsv")


def stage_source(path: Path) -> str:
    """Keep an uploaded file while its user maps its columns; answer its token."""
    purge_stale()
    token = secrets.token_hex(16)
    suffix = path.suffix.lower() if path.suffix.lower() in SOURCE_SUFFIXES else ".csv"
    target = root() / STAGING / f"{token}.source{suffix}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(path.read_bytes())
    return token


def staged_source(token: str) -> Path | None:
    """The uploaded file kept under this token, if it is still there."""
    if len(token) != 32 or not set(token) <= _TOKEN_CHARS:
        return None
    for suffix in SOURCE_SUFFIXES:
        path = root() / STAGING / f"{token}.source{suffix}"
        if path.exists():
            return path
    return None


def discard_source(token: str) -> None:
    path = staged_source(token)
    if path is not None:
        path.unlink(missing_ok=True)


def purge_stale() -> int:
    """Forget staged imports older than STAGING_HOURS; answer how many."""
    folder = root() / STAGING
    if not folder.exists():
        return 0
    limit = time.time() - STAGING_HOURS * 3600
    removed = 0
    # Staged tables, kept uploads and network imports' checked entities (JSON lines).
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def read_version(relative: str) -> pa.Table:
    return pq.read_table(absolute(relative))


def orphans(known: set[str]) -> list[Path]:
    """Version files no version row names (left by a transaction that rolled back)."""
    base = root()
    if not base.exists():
        return []
    return [
        path for path in base.glob("*/v*.parquet") if path.relative_to(base).as_posix() not in known
    ]
