from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from palermo.core.search import reindex


class Command(BaseCommand):
    help = "Rebuild the full-text search index from every app's records."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            counts = reindex()
        self.stdout.write(
            ", ".join(f"{count} {kind}s" for kind, count in counts.items()) + " indexed."
        )
