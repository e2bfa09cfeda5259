import json
from unittest.mock import patch

import pytest
from django.test import Client

from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from palermo.core.services import tokens as token_services
from tests.factories import bearer, make_organisation, make_user

pytestmark = pytest.mark.django_db


def test_health_answers_ok_without_authentication(client: Client) -> None:
    response = client.get("/api/v1/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_the_openapi_document_is_valid_json_listing_our_paths(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")

    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert {"/api/v1/health", "/api/v1/me", "/api/v1/tokens", "/api/v1/audit"} <= set(
        document["paths"]
    )


def test_the_api_docs_page_loads_without_a_cdn(client: Client) -> None:
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert b"cdn." not in response.content


def test_me_is_401_json_when_anonymous(client: Client) -> None:
    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_me_with_a_bearer_token_gives_organisation_and_roles(client: Client) -> None:
    organisation = make_organisation("Federal Investigation Agency")
    user = make_user("focal", Role.FOCAL_PERSON, organisation=organisation)

    response = client.get("/api/v1/me", headers=bearer(user))

    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "focal"
    assert body["country"] == "PAK"
    assert body["organisation"] == {
        "id": organisation.pk,
        "name": "Federal Investigation Agency",
        "kind": "government",
        "country": "PAK",
    }
    assert [(r["role"], r["label"]) for r in body["roles"]] == [
        ("focal_person", "Government focal person")
    ]


def test_a_revoked_token_is_refused(client: Client) -> None:
    user = make_user("focal")
    token, raw = token_services.token_create(actor=None, owner=user, name="script")
    token_services.token_revoke(actor=None, token=token)

    response = client.get("/api/v1/me", headers={"authorization": f"Bearer {raw}"})

    assert response.status_code == 401


def test_an_unknown_api_path_is_404_json(client: Client) -> None:
    response = client.get("/api/v1/no-such-thing")

    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"detail": "Not Found"}


def test_a_forbidden_call_is_403_json(client: Client) -> None:
    user = make_user("member", Role.CS_MEMBER)

    response = client.get("/api/v1/audit", headers=bearer(user))

    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to do this."}


def test_an_invalid_body_is_422_with_field_errors(client: Client) -> None:
    user = make_user("focal")

    response = client.post(
        "/api/v1/tokens", data={"name": ""}, content_type="application/json", headers=bearer(user)
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "name"]


def test_a_service_validation_error_is_422_with_the_field(client: Client) -> None:
    user = make_user("focal")

    response = client.post(
        "/api/v1/tokens",
        data={"name": "script", "days": 999},
        content_type="application/json",
        headers=bearer(user),
    )

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body", "days"],
            "msg": "A token must expire after 1 to 365 days.",
            "type": "value_error",
        }
    ]


def test_tokens_can_be_created_listed_and_revoked_through_the_api(client: Client) -> None:
    user = make_user("focal")
    headers = bearer(user)

    created = client.post(
        "/api/v1/tokens",
        data={"name": "upload", "days": 30},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201
    raw = created.json()["token"]
    assert raw.startswith("plm_")
    assert client.get("/api/v1/me", headers={"authorization": f"Bearer {raw}"}).status_code == 200

    listed = client.get("/api/v1/tokens", headers=headers).json()["items"]
    assert [t["name"] for t in listed] == ["upload", "test"]
    assert all("token" not in t and "digest" not in t for t in listed)

    revoked = client.post(f"/api/v1/tokens/{created.json()['id']}/revoke", headers=headers)
    assert revoked.status_code == 200
    assert revoked.json()["is_active"] is False
    assert client.get("/api/v1/me", headers={"authorization": f"Bearer {raw}"}).status_code == 401


def test_one_cannot_revoke_another_users_token(client: Client) -> None:
    owner = make_user("owner")
    token, _raw = token_services.token_create(actor=None, owner=owner, name="mine")
    other = make_user("other")

    response = client.post(f"/api/v1/tokens/{token.pk}/revoke", headers=bearer(other))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_audit_endpoint_lists_paginated_events_for_the_secretariat(
    client: Client, secretariat: User
) -> None:
    response = client.get("/api/v1/audit?action=create&limit=2", headers=bearer(secretariat))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == AuditEvent.objects.filter(action="create").count()
    assert len(body["items"]) == 2


def test_the_api_offers_no_way_to_change_or_delete_audit_events(
    client: Client, secretariat: User
) -> None:
    event = AuditEvent.objects.first()
    assert event is not None
    headers = bearer(secretariat)

    for method in (client.put, client.patch, client.delete):
        response = method(f"/api/v1/audit/{event.pk}", headers=headers)
        assert response.status_code in {404, 405}
    assert client.delete("/api/v1/audit", headers=headers).status_code == 405


def test_users_and_roles_through_the_api_are_audited(client: Client, secretariat: User) -> None:
    headers = bearer(secretariat)

    created = client.post(
        "/api/v1/users",
        data={"username": "nab.focal", "roles": ["focal_person"]},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201
    user_id = created.json()["id"]
    granted = client.post(
        f"/api/v1/users/{user_id}/roles",
        data={"role": "analyst"},
        content_type="application/json",
        headers=headers,
    )
    assert granted.status_code == 201
    revoked = client.delete(
        f"/api/v1/users/{user_id}/roles/{granted.json()['id']}", headers=headers
    )
    assert revoked.status_code == 204

    events = AuditEvent.objects.filter(actor=secretariat, channel="api").values_list(
        "object_type", "action"
    )
    assert sorted(events) == [
        ("core.rolegrant", "create"),
        ("core.rolegrant", "create"),
        ("core.rolegrant", "delete"),
        ("core.user", "create"),
    ]
    duplicate = client.post(
        "/api/v1/users",
        data={"username": "NAB.focal"},
        content_type="application/json",
        headers=headers,
    )
    assert duplicate.status_code == 409


def test_an_unexpected_error_is_500_json_without_a_stack_trace(client: Client) -> None:
    user = make_user("focal")

    with patch("palermo.core.api.users.user_out", side_effect=RuntimeError("boom")):
        response = client.get("/api/v1/me", headers=bearer(user))

    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error."}


def test_a_wrong_method_is_405_json(client: Client) -> None:
    response = client.delete("/api/v1/health")

    assert response.status_code == 405
    assert response.json() == {"detail": "Method Not Allowed"}


def test_a_session_post_without_csrf_token_is_refused_as_json(secretariat: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat)

    response = client.post("/api/v1/tokens", data={"name": "x"}, content_type="application/json")

    assert response.status_code in {401, 403}
    assert "detail" in response.json()
