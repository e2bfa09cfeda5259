"""Writing a backup archive (tar.gz) and reading one back only after checking every member.

A restore unpacks into a scratch folder, refusing names that would land outside it and any
entry that is not a plain file, then compares each file with the manifest: every listed member
must be there with its size and SHA-256, and nothing unlisted may be. The checksums catch a
damaged or altered archive; they are not a signature (whoever can rewrite the archive can
rewrite its manifest too), so keep backups where only administrators can write.
"""

import os
import tarfile
import zlib
from pathlib import Path, PurePosixPath

from palermo.core.backup import messages
from palermo.core.backup.manifest import MANIFEST_NAME, BackupError, Manifest, file_sha256


def archive_write(target: Path, manifest: Manifest, files: dict[str, Path]) -> None:
    """Write the manifest first, then each member, to a gzip-compressed tar archive."""
    partial = target.with_name(target.name + ".partial")
    # Readable by its owner only: it holds every record, victims' data included.
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with (
        os.fdopen(descriptor, "wb") as output,
        tarfile.open(fileobj=output, mode="w:gz") as archive,
    ):
        manifest_path = partial.with_name(partial.name + ".manifest")
        manifest_path.write_text(manifest.to_json(), encoding="utf-8")
        try:
            archive.add(manifest_path, arcname=MANIFEST_NAME, recursive=False)
        finally:
            manifest_path.unlink()
        for member in manifest.members:
            archive.add(files[member.name], arcname=member.name, recursive=False)
    partial.replace(target)


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name


def archive_unpack(source: Path, folder: Path) -> Manifest:
    """Unpack an archive into `folder` and return its manifest once every member checks out."""
    try:
        with tarfile.open(source, "r:gz") as archive:
            for entry in archive:
                if not entry.isfile() or not _safe_name(entry.name):
                    raise BackupError(messages.MEMBER_UNSAFE % {"member": entry.name})
                stream = archive.extractfile(entry)
                if stream is None:
                    raise BackupError(messages.MEMBER_UNSAFE % {"member": entry.name})
                target = folder / entry.name
                target.parent.mkdir(parents=True, exist_ok=True)
                with stream, target.open("wb") as output:
                    while chunk := stream.read(1024 * 1024):
                        output.write(chunk)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise BackupError(messages.ARCHIVE_UNREADABLE) from error
    manifest_path = folder / MANIFEST_NAME
    if not manifest_path.is_file():
        raise BackupError(messages.MANIFEST_MISSING)
    manifest = Manifest.from_json(manifest_path.read_text(encoding="utf-8"))
    archive_verify(folder, manifest)
    return manifest


def archive_verify(folder: Path, manifest: Manifest) -> None:
    listed = {member.name for member in manifest.members}
    present = {
        path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()
    } - {MANIFEST_NAME}
    for name in sorted(present - listed):
        raise BackupError(messages.MEMBER_UNLISTED % {"member": name})
    for member in manifest.members:
        path = folder / member.name
        if member.name not in present:
            raise BackupError(messages.MEMBER_MISSING % {"member": member.name})
        if path.stat().st_size != member.size or file_sha256(path) != member.sha256:
            raise BackupError(messages.CHECKSUM_MISMATCH % {"member": member.name})
    tables = {table.member for table in manifest.tables}
    for name in sorted(tables - listed):
        raise BackupError(messages.MEMBER_MISSING % {"member": name})
