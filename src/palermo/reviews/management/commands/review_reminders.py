from typing import Any

from django.core.management.base import BaseCommand

from palermo.reviews.reminders import send_reminders


class Command(BaseCommand):
    help = "Notify government users of review deadlines due within a week or missed (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_reminders()} reminders sent.")
