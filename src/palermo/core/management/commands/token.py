from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from palermo.core.audit import audit_context
from palermo.core.models import ApiToken, User
from palermo.core.services import tokens as token_services


class Command(BaseCommand):
    help = "Create, list or revoke personal access tokens for the API."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser(
            "create", help="Create a token; prints it alone on the last line."
        )
        create.add_argument("username")
        create.add_argument("--name", default="command line")
        create.add_argument("--days", type=int, default=None, help="Days until it expires.")
        listing = actions.add_parser("list", help="List a user's tokens.")
        listing.add_argument("username")
        revoke = actions.add_parser("revoke", help="Revoke a token by its id.")
        revoke.add_argument("token_id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        with audit_context(channel="cli"):
            getattr(self, f"handle_{options['action']}")(**options)

    def _user(self, username: str) -> User:
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error

    def handle_create(self, **options: Any) -> None:
        user = self._user(options["username"])
        try:
            token, raw = token_services.token_create(
                actor=None, owner=user, name=options["name"], days=options["days"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stderr.write(
            f"Token {token.prefix}… for {user.username}, expires {token.expires_at:%Y-%m-%d}:"
        )
        self.stdout.write(raw)

    def handle_list(self, **options: Any) -> None:
        user = self._user(options["username"])
        for token in user.api_tokens.all():
            state = "revoked" if token.revoked_at else ("active" if token.is_active else "expired")
            expires = f"expires {token.expires_at:%Y-%m-%d}"
            self.stdout.write(f"{token.pk}\t{token.prefix}…\t{token.name}\t{state}\t{expires}")

    def handle_revoke(self, **options: Any) -> None:
        try:
            token = ApiToken.objects.get(pk=options["token_id"])
        except ApiToken.DoesNotExist as error:
            raise CommandError(f"No token with id {options['token_id']}.") from error
        token_services.token_revoke(actor=None, token=token)
        self.stdout.write(f"Revoked token {token.pk} ({token.prefix}…).")
