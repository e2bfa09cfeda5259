from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from palermo.core.audit import audit_context
from palermo.core.demo import DEMO_ACCOUNTS, DemoModeOffError


class Command(BaseCommand):
    help = "Load the demo data set of every app (accounts, legislation, ...). Needs PALERMO_DEMO=1."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.PALERMO_DEMO:
            raise CommandError("Set PALERMO_DEMO=1 to load the demo data.")
        try:
            # The demo's notifications stay in the app: its accounts have no real mailboxes.
            quiet_mail = override_settings(
                EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
            )
            with quiet_mail, transaction.atomic(), audit_context(channel="demo"):
                for config in apps.get_app_configs():
                    if not config.name.startswith("palermo."):
                        continue
                    try:
                        module = import_module(f"{config.name}.demo")
                    except ModuleNotFoundError:
                        continue
                    created = module.demo_load()
                    summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
                    self.stdout.write(f"Demo data ({config.label}): {summary} created.")
        except DemoModeOffError as error:
            raise CommandError(str(error)) from error
        usernames = ", ".join(account.username for account in DEMO_ACCOUNTS)
        self.stdout.write(
            f"Demo accounts: {usernames} — password: {settings.PALERMO_DEMO_PASSWORD}"
        )
