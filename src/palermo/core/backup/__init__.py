"""Backing up and restoring a whole Palermo: database, uploaded files, reports, manifest."""

from palermo.core.backup.manifest import BackupError, Manifest
from palermo.core.backup.services import RestoreResult, backup_create, backup_restore

__all__ = ["BackupError", "Manifest", "RestoreResult", "backup_create", "backup_restore"]
