import getpass
import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from palermo.core.audit import audit_context
from palermo.core.exceptions import ConflictError
from palermo.core.roles import Role
from palermo.core.services import users as user_services
from palermo.engagement.models import Organisation


class Command(BaseCommand):
    help = "Provision accounts from the command line."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Create an account with one or more roles.")
        create.add_argument("username")
        create.add_argument("--role", action="append", default=[], choices=Role.values)
        create.add_argument("--organisation", help="Name of an existing organisation.")
        create.add_argument("--email", default="")
        create.add_argument("--first-name", default="")
        create.add_argument("--last-name", default="")
        create.add_argument("--superuser", action="store_true")
        create.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from standard input instead of asking for it.",
        )
        create.add_argument(
            "--no-password",
            action="store_true",
            help="Create the account without a password (set later by password reset).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = None
        if options["organisation"]:
            matches = Organisation.objects.filter(name__iexact=options["organisation"])
            if matches.count() != 1:
                raise CommandError(f"No single organisation named {options['organisation']!r}.")
            organisation = matches.get()
        password = self._password(options)
        try:
            with audit_context(channel="cli"):
                user = user_services.user_create(
                    actor=None,
                    username=options["username"],
                    password=password,
                    email=options["email"],
                    first_name=options["first_name"],
                    last_name=options["last_name"],
                    organisation=organisation,
                    roles=tuple(Role(role) for role in options["role"]),
                    is_superuser=options["superuser"],
                )
        except (ConflictError, ValidationError) as error:
            raise CommandError(str(error)) from error
        roles = ", ".join(options["role"]) or "no role"
        self.stdout.write(f"Created {user.username} ({roles}).")

    def _password(self, options: dict[str, Any]) -> str | None:
        if options["no_password"]:
            return None
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if getpass.getpass("Password (again): ") != password:
                raise CommandError("The two passwords differ.")
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        return password
