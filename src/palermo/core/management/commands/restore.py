from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from palermo.core.audit import audit_context
from palermo.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `palermo backup` into an empty database (DATABASE_URL) "
        "and the media folder, after checking every checksum and the schema version."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="The .tar.gz written by `palermo backup`.")
        parser.add_argument(
            "--restore-secret-key",
            action="store_true",
            help="Write the archive's secret key to var/secret_key (SECRET_KEY, if set, wins).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["archive"])
        if not source.is_file():
            raise CommandError(f"No archive at {source}.")
        try:
            with audit_context(channel="cli"):
                result = backup_restore(
                    source=source,
                    restore_secret_key=options["restore_secret_key"],
                    say=self.stderr.write,
                )
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        rows = sum(manifest.row_counts.values())
        self.stdout.write(
            f"Restored {rows} rows in {len(manifest.tables)} tables and {result.files} files "
            f"from a {manifest.vendor} backup of {manifest.created_at} "
            f"(Palermo {manifest.palermo_version})"
            f"{', and the secret key' if result.secret_key_written else ''}."
        )
