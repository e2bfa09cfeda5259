import io
from unittest.mock import patch

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from palermo.core.demo import DEMO_ACCOUNTS
from palermo.core.models import AuditEvent, User
from palermo.engagement.models import Organisation
from tests.factories import make_organisation, make_user

pytestmark = pytest.mark.django_db


def run(*args: str, stdin: str = "") -> str:
    out = io.StringIO()
    with patch("sys.stdin", io.StringIO(stdin)):
        call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_token_create_prints_the_token_alone_on_the_last_line(client: Client) -> None:
    make_user("focal")

    output = run("token", "create", "focal", "--name", "ci")

    token = output.strip().splitlines()[-1]
    assert token.startswith("plm_")
    assert " " not in token
    assert client.get("/api/v1/me", headers={"authorization": f"Bearer {token}"}).status_code == 200
    event = AuditEvent.objects.get(object_type="core.apitoken", action="create")
    assert event.channel == "cli"
    assert token not in str(event.changes)


def test_token_list_and_revoke() -> None:
    make_user("focal")
    run("token", "create", "focal", "--name", "one")
    token_id = run("token", "list", "focal").split("\t")[0]

    run("token", "revoke", token_id)

    assert "\trevoked\t" in run("token", "list", "focal")


def test_token_create_for_an_unknown_user_fails_clearly() -> None:
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        run("token", "create", "ghost")


def test_user_create_provisions_an_account_with_role_and_organisation() -> None:
    make_organisation("Financial Monitoring Unit")

    output = run(
        "user",
        "create",
        "fmu",
        "--role",
        "focal_person",
        "--organisation",
        "financial monitoring unit",
        "--password-stdin",
        stdin="a sufficiently long passphrase\n",
    )

    user = User.objects.get(username="fmu")
    assert output.strip() == "Created fmu (focal_person)."
    assert user.organisation is not None
    assert user.organisation.name == "Financial Monitoring Unit"
    assert user.check_password("a sufficiently long passphrase")
    assert list(user.role_grants.values_list("role", flat=True)) == ["focal_person"]


def test_user_create_rejects_a_weak_password() -> None:
    with pytest.raises(CommandError, match="too short"):
        run("user", "create", "weak", "--password-stdin", stdin="abc\n")

    assert not User.objects.filter(username="weak").exists()


def test_demo_refuses_without_demo_mode(settings: object) -> None:
    settings.PALERMO_DEMO = False  # type: ignore[attr-defined]

    with pytest.raises(CommandError, match="PALERMO_DEMO=1"):
        run("demo")

    assert not User.objects.exists()


def test_demo_creates_one_account_per_role_and_a_second_run_changes_nothing(
    settings: object,
) -> None:
    settings.PALERMO_DEMO = True  # type: ignore[attr-defined]

    first = run("demo")
    counts = (User.objects.count(), Organisation.objects.count(), AuditEvent.objects.count())
    second = run("demo")

    assert "Demo data (core): 10 organisations, 7 users created." in first
    assert "Demo data (instruments): 8 laws created." in first
    assert "Demo data (core): 0 organisations, 0 users created." in second
    assert (
        User.objects.count(),
        Organisation.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
    assert sorted(User.objects.values_list("username", flat=True)) == sorted(
        account.username for account in DEMO_ACCOUNTS
    )
    assert all(
        user.is_demo and user.role_grants.filter(scope_type="").count() == 1
        for user in User.objects.all()
    )
    assert "Demo data (reviews): 1 reviews created." in first
