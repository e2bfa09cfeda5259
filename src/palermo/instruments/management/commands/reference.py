from typing import Any

from django.core.management.base import BaseCommand

from palermo.core.audit import audit_context
from palermo.instruments.reference import reference_load


class Command(BaseCommand):
    help = "Load the reference data (instruments, articles, clusters, States, ratifications)."

    def handle(self, *args: Any, **options: Any) -> None:
        with audit_context(channel="cli"):
            created = reference_load()
        if created:
            summary = ", ".join(f"{count} {kind}" for kind, count in sorted(created.items()))
            self.stdout.write(f"Reference data: {summary} created.")
        else:
            self.stdout.write("Reference data: up to date, nothing created.")
