from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from palermo.core.demo import DEMO_ACCOUNTS, DemoModeOffError, demo_load


class Command(BaseCommand):
    help = "Load the demo data set (organisations and one account per role). Needs PALERMO_DEMO=1."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            created = demo_load()
        except DemoModeOffError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Demo data: {created['organisations']} organisations and "
            f"{created['users']} accounts created (existing ones left as they were)."
        )
        usernames = ", ".join(account.username for account in DEMO_ACCOUNTS)
        self.stdout.write(
            f"Demo accounts: {usernames} — password: {settings.PALERMO_DEMO_PASSWORD}"
        )
