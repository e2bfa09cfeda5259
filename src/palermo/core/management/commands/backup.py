from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from palermo.core.audit import audit_context
from palermo.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write one archive (tar.gz) of the database, uploaded files, generated reports and a "
        "manifest of checksums; the secret key only with --include-secret-key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "archive",
            nargs="?",
            help="Where to write it; default var/backups/palermo-<time>.tar.gz.",
        )
        parser.add_argument(
            "--include-secret-key",
            action="store_true",
            help="Also store SECRET_KEY (sessions and signed links survive a restore with it).",
        )
        parser.add_argument(
            "--no-native",
            action="store_true",
            help="Leave out the database's native copy (SQLite file or pg_dump); restore needs "
            "only the portable dump.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(
            options["archive"]
            or Path(settings.VAR_DIR) / "backups" / f"palermo-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        )
        try:
            with audit_context(channel="cli"):
                manifest = backup_create(
                    target=target,
                    include_secret_key=options["include_secret_key"],
                    native=not options["no_native"],
                    say=self.stderr.write,
                )
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest.row_counts.values())
        files = sum(1 for member in manifest.members if member.kind in {"media", "report"})
        self.stderr.write(
            f"{rows} rows in {len(manifest.tables)} tables and {files} files backed up"
            f"{', with the secret key' if options['include_secret_key'] else ''}."
        )
        self.stdout.write(str(target))
