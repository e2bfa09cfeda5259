"""Bad API requests get a clear 4xx answer in JSON, never a 500, and change nothing."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation, Statement
from palermo.engagement.services import events as event_services
from palermo.tracking.models import Recommendation
from palermo.tracking.services import recommendations as recommendation_services
from tests.factories import bearer, make_event, make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def home() -> Organisation:
    return make_organisation("Federal Investigation Agency")


@pytest.fixture
def secretary(home: Organisation) -> User:
    return make_user("secretary", Role.SECRETARIAT, organisation=home)


@pytest.fixture
def headers(secretary: User) -> dict[str, str]:
    return bearer(secretary)


@pytest.fixture
def statement_with_a_recommendation(home: Organisation) -> Statement:
    statement = event_services.statement_create(
        actor=None, event=make_event(), organisation=home, title="Opening", text="Act now."
    )
    recommendation_services.recommendations_from_statement(
        actor=None, statement=statement, texts=["Train the police."]
    )
    return statement


def test_a_limit_beyond_the_maximum_is_refused_with_422(client: Client, headers: dict) -> None:
    response = client.get("/api/v1/organisations", {"limit": 10**12}, headers=headers)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "limit"]


def test_an_offset_beyond_the_maximum_is_refused_with_422(client: Client, headers: dict) -> None:
    response = client.get("/api/v1/events", {"offset": 10**12}, headers=headers)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "offset"]


def test_the_largest_limit_is_accepted(client: Client, headers: dict) -> None:
    response = client.get("/api/v1/organisations", {"limit": 500}, headers=headers)

    assert response.status_code == 200


def test_a_year_out_of_range_is_refused_with_422(client: Client, headers: dict) -> None:
    response = client.get("/api/v1/events", {"year": 99999}, headers=headers)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "year"]


def test_an_id_beyond_64_bits_is_refused_with_422(client: Client, headers: dict) -> None:
    response = client.get("/api/v1/people", {"organisation_id": 2**70}, headers=headers)

    assert response.status_code == 422


def test_deleting_a_statement_others_depend_on_is_409_naming_them(
    client: Client, headers: dict, statement_with_a_recommendation: Statement
) -> None:
    statement = statement_with_a_recommendation

    response = client.delete(f"/api/v1/statements/{statement.pk}", headers=headers)

    assert response.status_code == 409
    assert response.json() == {
        "detail": "This record cannot be deleted while other records depend on it: "
        "1 recommendation. Remove or reassign them first.",
        "dependants": [{"model": "tracking.recommendation", "name": "recommendation", "count": 1}],
    }
    assert Statement.objects.filter(pk=statement.pk).exists()
    assert Recommendation.objects.filter(statement=statement).count() == 1


def test_deleting_a_statement_others_depend_on_from_its_page_tells_why(
    client: Client, secretary: User, statement_with_a_recommendation: Statement
) -> None:
    statement = statement_with_a_recommendation
    client.force_login(secretary)
    page = reverse("engagement:statement-detail", args=[statement.pk])

    response = client.post(
        reverse("engagement:statement-delete", args=[statement.pk]),
        headers={"referer": f"http://testserver{page}"},
        follow=True,
    )

    assert response.redirect_chain == [(f"http://testserver{page}", 302)]
    assert "1 recommendation" in response.content.decode()
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_a_page_delete_without_a_safe_page_to_return_to_answers_409_with_the_reason(
    client: Client, secretary: User, statement_with_a_recommendation: Statement
) -> None:
    statement = statement_with_a_recommendation
    client.force_login(secretary)

    response = client.post(
        reverse("engagement:statement-delete", args=[statement.pk]),
        headers={"referer": "https://elsewhere.example/"},
    )

    assert response.status_code == 409
    assert "1 recommendation" in response.content.decode()
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_a_time_with_a_zone_offset_is_refused_with_422(client: Client, headers: dict) -> None:
    event = make_event()

    response = client.patch(
        f"/api/v1/events/{event.pk}",
        data=json.dumps({"end_time": "10:00:00+02:00"}),
        content_type="application/json",
        headers=headers,
    )

    assert response.status_code == 422
    event.refresh_from_db()
    assert event.end_time is None


def test_null_for_a_field_that_needs_a_value_is_refused_with_422(
    client: Client, headers: dict, home: Organisation
) -> None:
    response = client.patch(
        f"/api/v1/organisations/{home.pk}",
        data=json.dumps({"city": None}),
        content_type="application/json",
        headers=headers,
    )

    assert response.status_code == 422
    assert "city" in json.dumps(response.json())
    home.refresh_from_db()
    assert home.city == ""


def test_a_body_past_the_request_cap_is_refused_with_413_json(
    client: Client, headers: dict
) -> None:
    body = json.dumps({"name": "x" * (6 * 1024 * 1024), "kind": "government"})

    response = client.post(
        "/api/v1/organisations", data=body, content_type="application/json", headers=headers
    )

    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "detail": "The request is larger than 5 MB, the most this server accepts; "
        "upload a smaller file."
    }
    assert not Organisation.objects.filter(kind="government", name__startswith="xxx").exists()


def test_each_kind_field_offers_its_own_choices(client: Client) -> None:
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]

    assert schemas["OrganisationIn"]["properties"]["kind"]["enum"] == list(Organisation.Kind)
    assert "consultation" in schemas["EventIn"]["properties"]["kind"]["enum"]
    assert "ordinance" in schemas["LawIn"]["properties"]["kind"]["enum"]
    assert "ordinance" not in schemas["OrganisationIn"]["properties"]["kind"]["enum"]
