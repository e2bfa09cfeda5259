import pytest
from django.test import Client

from palermo.core.models import AuditEvent
from tests.factories import PASSWORD, make_organisation, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/en/accounts/login/"


def test_signing_in_and_out_is_audited(client: Client) -> None:
    user = make_user("focal")

    response = client.post(LOGIN, {"username": "focal", "password": PASSWORD})
    assert response.status_code == 302
    client.post("/en/accounts/logout/")

    actions = list(
        AuditEvent.objects.filter(actor=user).order_by("id").values_list("action", flat=True)
    )
    assert actions[-2:] == ["login", "logout"]


def test_a_failed_sign_in_is_audited_with_the_username_tried(client: Client) -> None:
    make_user("focal")

    response = client.post(LOGIN, {"username": "focal", "password": "wrong"})

    assert response.status_code == 200
    event = AuditEvent.objects.get(action="login_failed")
    assert event.actor_name == "focal"
    assert event.actor is None
    assert event.ip_address == "127.0.0.1"
    assert event.channel == "web"


def test_five_wrong_passwords_lock_the_account_with_a_clear_message(client: Client) -> None:
    make_user("focal")

    for _attempt in range(5):
        client.post(LOGIN, {"username": "focal", "password": "wrong"})
    locked = client.post(LOGIN, {"username": "focal", "password": PASSWORD})

    assert locked.status_code == 429
    assert "Too many failed sign-in attempts for this account. It is locked for 15 minutes" in (
        locked.content.decode()
    )
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="locked_out", actor_name="focal").exists()


def test_four_wrong_passwords_do_not_lock(client: Client) -> None:
    make_user("focal")

    for _attempt in range(4):
        client.post(LOGIN, {"username": "focal", "password": "wrong"})
    response = client.post(LOGIN, {"username": "focal", "password": PASSWORD})

    assert response.status_code == 302


def test_the_lock_is_per_account(client: Client) -> None:
    make_user("focal")
    make_user("member")

    for _attempt in range(5):
        client.post(LOGIN, {"username": "focal", "password": "wrong"})
    response = client.post(LOGIN, {"username": "member", "password": PASSWORD})

    assert response.status_code == 302


def test_demo_accounts_cannot_sign_in_outside_demo_mode(client: Client, settings: object) -> None:
    settings.PALERMO_DEMO = False  # type: ignore[attr-defined]
    make_user("secretariat", is_demo=True)

    response = client.post(LOGIN, {"username": "secretariat", "password": PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_login_page_shows_demo_accounts_only_in_demo_mode(
    client: Client, settings: object
) -> None:
    settings.PALERMO_DEMO = True  # type: ignore[attr-defined]
    assert "palermo-demo-2024" in client.get(LOGIN).content.decode()

    settings.PALERMO_DEMO = False  # type: ignore[attr-defined]
    page = client.get(LOGIN).content.decode()
    assert "palermo-demo-2024" not in page
    assert "Demo accounts" not in page


def test_a_signed_in_user_who_is_deactivated_is_signed_out(client: Client) -> None:
    user = make_user("analyst")
    client.force_login(user)
    assert client.get("/en/").status_code == 200

    user.is_active = False
    user.save(update_fields=["is_active"])

    response = client.get("/en/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_a_demo_session_ends_when_demo_mode_is_off(client: Client, settings: object) -> None:
    settings.PALERMO_DEMO = True  # type: ignore[attr-defined]
    client.force_login(make_user("secretariat", is_demo=True))
    assert client.get("/en/").status_code == 200

    settings.PALERMO_DEMO = False  # type: ignore[attr-defined]
    assert client.get("/en/").status_code == 302


def test_the_signed_in_user_comes_with_their_organisation(client: Client) -> None:
    user = make_user("analyst", organisation=make_organisation("Legal Aid Society"))
    client.force_login(user)

    response = client.get("/en/")
    assert response.wsgi_request.user.organisation.name == "Legal Aid Society"
