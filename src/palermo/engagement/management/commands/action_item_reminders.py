from typing import Any

from django.core.management.base import BaseCommand

from palermo.engagement.reminders import send_action_item_reminders


class Command(BaseCommand):
    help = "Remind owners of action items due within three days or missed (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_action_item_reminders()} reminders sent.")
