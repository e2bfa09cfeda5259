import re

import pytest
from django.core import mail
from django.test import Client

from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_the_root_redirects_to_the_visitors_language(client: Client) -> None:
    assert client.get("/").headers["location"] == "/en/"
    assert client.get("/", headers={"accept-language": "ur"}).headers["location"] == "/ur/"


def test_the_dashboard_asks_anonymous_visitors_to_sign_in(client: Client) -> None:
    response = client.get("/en/")

    assert response.status_code == 302
    assert response.headers["location"].startswith("/en/accounts/login/")


def test_urdu_pages_render_right_to_left(client: Client) -> None:
    page = client.get("/ur/accounts/login/").content.decode()

    assert '<html lang="ur" dir="rtl">' in page
    assert "bootstrap.rtl.min.css" in page


def test_english_pages_render_left_to_right(client: Client) -> None:
    page = client.get("/en/accounts/login/").content.decode()

    assert '<html lang="en" dir="ltr">' in page


def test_the_urdu_catalogue_translates_the_navigation(secretariat_client: Client) -> None:
    page = secretariat_client.get("/ur/").content.decode()

    assert "ڈیش بورڈ" in page  # Dashboard
    assert "آڈٹ لاگ" in page  # Audit log


def test_the_secretariat_dashboard_offers_team_set_up(secretariat_client: Client) -> None:
    page = secretariat_client.get("/en/").content.decode()

    assert "Create an account" in page
    assert "Audit log" in page
    assert "Users and roles" in page


def test_a_user_without_role_is_told_what_to_do_first(client: Client) -> None:
    client.force_login(make_user("newcomer"))

    page = client.get("/en/").content.decode()

    assert "Your account has no role yet" in page
    assert "Audit log" not in page


def test_a_focal_person_sees_what_will_need_them(client: Client) -> None:
    client.force_login(make_user("focal", Role.FOCAL_PERSON))

    page = client.get("/en/").content.decode()

    assert "When the secretariat assigns you articles of a review" in page
    assert "Users and roles" not in page


def test_the_audit_log_page_is_for_the_secretariat_only(client: Client) -> None:
    client.force_login(make_user("member", Role.CS_MEMBER))

    assert client.get("/en/admin-area/audit/").status_code == 403


def test_the_audit_log_page_filters_sorts_and_counts(secretariat_client: Client) -> None:
    make_user("focal")

    response = secretariat_client.get(
        "/en/admin-area/audit/?action=create&object_type=core.user&sort=at"
    )

    page = response.content.decode()
    assert response.status_code == 200
    created = AuditEvent.objects.filter(action="create", object_type="core.user").count()
    assert f"{created} events" in page
    assert 'aria-sort="ascending"' in page


def test_the_audit_log_exports_csv_and_audits_the_export(secretariat_client: Client) -> None:
    response = secretariat_client.get("/en/admin-area/audit/?format=csv&action=create")

    rows = response.content.decode().strip().splitlines()
    assert response.headers["content-type"].startswith("text/csv")
    assert rows[0].startswith("time,actor,action")
    assert len(rows) == 1 + AuditEvent.objects.filter(action="create").count()
    assert AuditEvent.objects.filter(action="export", object_type="core.auditevent").exists()


def test_the_secretariat_creates_an_account_with_roles(secretariat_client: Client) -> None:
    response = secretariat_client.post(
        "/en/admin-area/users/new/",
        {"username": "fmu.focal", "email": "focal@example.org", "roles": ["focal_person"]},
    )

    user = User.objects.get(username="fmu.focal")
    assert response.headers["location"] == f"/en/admin-area/users/{user.pk}/"
    assert list(user.role_grants.values_list("role", flat=True)) == ["focal_person"]


def test_the_account_form_shows_errors_beside_the_field(secretariat_client: Client) -> None:
    response = secretariat_client.post("/en/admin-area/users/new/", {"username": "has space"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Please correct the errors below." in page
    assert 'aria-invalid="true"' in page


def test_removing_a_role_asks_for_confirmation_first(secretariat_client: Client) -> None:
    user = make_user("analyst", Role.ANALYST)
    grant = user.role_grants.get()
    url = f"/en/admin-area/users/{user.pk}/roles/{grant.pk}/revoke/"

    confirmation = secretariat_client.get(url)
    assert "Remove the role" in confirmation.content.decode()
    assert user.role_grants.count() == 1

    secretariat_client.post(url)
    assert user.role_grants.count() == 0


def test_tokens_page_shows_a_new_token_once(client: Client) -> None:
    client.force_login(make_user("focal"))

    created = client.post(
        "/en/account/tokens/", {"name": "kpi upload", "days": 30}
    ).content.decode()
    listed = client.get("/en/account/tokens/").content.decode()

    token = re.search(r'value="(plm_[^"]+)"', created)
    assert token is not None
    assert token.group(1) not in listed
    assert "kpi upload" in listed


def test_password_change_is_audited(client: Client) -> None:
    user = make_user("focal")
    client.force_login(user)

    response = client.post(
        "/en/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another long phrase 42",
            "new_password2": "another long phrase 42",
        },
    )

    assert response.status_code == 302
    assert AuditEvent.objects.filter(object_id=str(user.pk), changes__has_key="password").exists()


def test_password_reset_sends_a_link_by_email(client: Client) -> None:
    make_user("focal", email="focal@example.org")

    client.post("/en/accounts/password/reset/", {"email": "focal@example.org"})

    assert len(mail.outbox) == 1
    assert "/en/accounts/password/reset/" in mail.outbox[0].body


def test_pages_send_security_headers_and_a_same_origin_csp(client: Client) -> None:
    response = client.get("/en/accounts/login/")

    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


def test_a_missing_page_renders_in_the_layout(secretariat_client: Client) -> None:
    response = secretariat_client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
