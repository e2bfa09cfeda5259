"""The recommendations API: list with filters, CRUD, progress updates, counts, extraction."""

import datetime
from typing import Any

import pytest
from django.test import Client

from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation, Statement
from palermo.engagement.services import events as event_services
from palermo.tracking.models import Recommendation, RecommendationUpdate, Theme
from palermo.tracking.services import recommendations as services
from tests.factories import bearer, make_event, make_organisation, make_user

pytestmark = pytest.mark.django_db
BASE = "/api/v1/recommendations"


@pytest.fixture
def fia() -> Organisation:
    return make_organisation("Federal Investigation Agency")


@pytest.fixture
def coordinator() -> User:
    alliance = make_organisation("Alliance", kind=Organisation.Kind.CIVIL_SOCIETY)
    return make_user("coordinator", Role.CS_COORDINATOR, organisation=alliance)


@pytest.fixture
def auth(coordinator: User) -> dict[str, str]:
    return bearer(coordinator)


@pytest.fixture
def statement() -> Statement:
    return event_services.statement_create(
        actor=None,
        event=make_event(),
        organisation=make_organisation(kind=Organisation.Kind.CIVIL_SOCIETY),
        title="Written statement on Smuggling of Migrants",
        delivered_on=datetime.date(2024, 7, 15),
        language="en",
        text="Three points.",
    )


def recommend(text: str, theme: str = "", country: str = "PAK", **fields: Any) -> Recommendation:
    return services.recommendation_create(
        actor=None,
        text=text,
        source=Recommendation.Source.REPORT,
        source_title="Civil Society Alliance: 6-point agenda",
        issued_on=datetime.date(2022, 9, 15),
        country=country,
        themes=Theme.objects.filter(code=theme),
        **fields,
    )


def test_the_list_is_paginated_and_filtered_by_every_field(
    api_client: Client, auth: dict[str, str], fia: Organisation
) -> None:
    marking = recommend("Mark every firearm.", "firearms", responsible_bodies=[fia])
    recommend("Protect victims.", "victims-and-witnesses")
    recommend("Elsewhere.", "firearms", country="IND")

    everything = api_client.get(BASE, headers=auth).json()
    by_theme = api_client.get(BASE, {"theme": "firearms"}, headers=auth).json()
    by_body = api_client.get(BASE, {"body": fia.pk}, headers=auth).json()
    by_year = api_client.get(BASE, {"year": 2023}, headers=auth).json()
    by_search = api_client.get(BASE, {"search": "victims"}, headers=auth).json()

    assert everything["count"] == 2
    assert [item["id"] for item in by_theme["items"]] == [marking.pk]
    assert [item["id"] for item in by_body["items"]] == [marking.pk]
    assert by_year["count"] == 0
    assert [item["text"] for item in by_search["items"]] == ["Protect victims."]
    item = by_theme["items"][0]
    assert item["themes"] == ["firearms"]
    assert item["responsible_bodies"] == [{"id": fia.pk, "name": "Federal Investigation Agency"}]
    assert item["status_label"] == "Not started"


def test_create_patch_and_delete(
    api_client: Client, auth: dict[str, str], statement: Statement, fia: Organisation
) -> None:
    created = api_client.post(
        BASE,
        {
            "text": "Open more ways to legal employment abroad.",
            "source": "statement",
            "statement_id": statement.pk,
            "reference": "SOM-1",
            "issued_on": "2024-07-15",
            "themes": ["smuggling-of-migrants"],
            "articles": ["som:15"],
            "responsible_body_ids": [fia.pk],
            "sdg_targets": ["10.7"],
            "priority": "high",
        },
        content_type="application/json",
        headers=auth,
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["country"], body["statement_id"], body["articles"]) == (
        "PAK",
        statement.pk,
        ["som:15"],
    )
    url = f"{BASE}/{body['id']}"

    patched = api_client.patch(
        url, {"priority": "low", "themes": []}, content_type="application/json", headers=auth
    )
    assert patched.status_code == 200
    assert (patched.json()["priority"], patched.json()["themes"]) == ("low", [])
    assert api_client.get(url, headers=auth).json()["reference"] == "SOM-1"

    assert api_client.delete(url, headers=auth).status_code == 204
    assert not Recommendation.objects.exists()
    assert AuditEvent.objects.filter(object_type="tracking.recommendation").count() == 3


def test_unknown_codes_and_mismatched_sources_are_422(
    api_client: Client, auth: dict[str, str]
) -> None:
    payload = {
        "text": "Protect victims.",
        "source": "report",
        "source_title": "Agenda",
        "issued_on": "2022-09-15",
    }

    unknown = api_client.post(
        BASE, {**payload, "articles": ["tip:99"]}, content_type="application/json", headers=auth
    )
    missing_title = api_client.post(
        BASE, {**payload, "source_title": ""}, content_type="application/json", headers=auth
    )

    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"] == ["body", "articles"]
    assert missing_title.status_code == 422
    assert Recommendation.objects.count() == 0


def test_others_get_403_and_other_states_404(api_client: Client) -> None:
    member = make_user("member", Role.CS_MEMBER, organisation=make_organisation())
    theirs = recommend("Elsewhere.", country="IND")
    mine = recommend("Protect victims.")
    auth = bearer(member)

    refused = api_client.post(
        BASE,
        {"text": "X.", "source": "report", "source_title": "A", "issued_on": "2024-01-01"},
        content_type="application/json",
        headers=auth,
    )
    patch = api_client.patch(
        f"{BASE}/{mine.pk}", {"priority": "low"}, content_type="application/json", headers=auth
    )

    assert refused.status_code == 403
    assert patch.status_code == 403
    assert api_client.get(f"{BASE}/{theirs.pk}", headers=auth).status_code == 404
    assert Recommendation.objects.count() == 2
    mine.refresh_from_db()
    assert mine.priority == "medium"


def test_progress_updates_set_the_status(api_client: Client, auth: dict[str, str]) -> None:
    recommendation = recommend("Protect victims.")
    url = f"{BASE}/{recommendation.pk}/updates"

    first = api_client.post(
        url,
        {"reported_on": "2024-05-01", "status": "in_progress", "narrative": "Begun."},
        content_type="application/json",
        headers=auth,
    )
    api_client.post(
        url,
        {
            "reported_on": "2025-01-10",
            "status": "implemented",
            "narrative": "Done.",
            "evidence_url": "https://example.org/law",
        },
        content_type="application/json",
        headers=auth,
    )
    updates = api_client.get(url, headers=auth).json()

    assert first.status_code == 201
    assert [u["status"] for u in updates] == ["implemented", "in_progress"]
    assert updates[0]["evidence_url"] == "https://example.org/law"
    assert api_client.get(f"{BASE}/{recommendation.pk}", headers=auth).json()["status"] == (
        "implemented"
    )


def test_a_future_update_is_422_and_changes_nothing(
    api_client: Client, auth: dict[str, str]
) -> None:
    recommendation = recommend("Protect victims.")

    response = api_client.post(
        f"{BASE}/{recommendation.pk}/updates",
        {"reported_on": "2999-01-01", "status": "implemented", "narrative": "Done."},
        content_type="application/json",
        headers=auth,
    )

    assert response.status_code == 422
    assert RecommendationUpdate.objects.count() == 0


def test_counts_by_theme_and_body(
    api_client: Client, auth: dict[str, str], fia: Organisation
) -> None:
    first = recommend("Mark every firearm.", "firearms", responsible_bodies=[fia])
    recommend("Keep records.", "firearms")
    services.recommendation_update_add(
        actor=None,
        recommendation=first,
        reported_on=datetime.date(2024, 1, 1),
        status="implemented",
        narrative="Done.",
    )

    themes = api_client.get(f"{BASE}/counts/themes", headers=auth).json()
    bodies = api_client.get(f"{BASE}/counts/bodies", headers=auth).json()

    assert themes == [
        {
            "key": "firearms",
            "label": "Firearms",
            "total": 2,
            "by_status": {"implemented": 1, "not_started": 1},
        }
    ]
    assert [(b["label"], b["total"]) for b in bodies] == [
        ("Federal Investigation Agency", 1),
        ("", 1),
    ]


def test_a_statement_is_extracted_into_numbered_recommendations(
    api_client: Client, auth: dict[str, str], statement: Statement
) -> None:
    response = api_client.post(
        f"/api/v1/statements/{statement.pk}/recommendations",
        {
            "texts": ["Open legal ways to work abroad.", "Protect migrants' rights."],
            "themes": ["smuggling-of-migrants"],
        },
        content_type="application/json",
        headers=auth,
    )

    assert response.status_code == 201
    assert [r["reference"] for r in response.json()] == ["SOM-1", "SOM-2"]
    assert {r["source"] for r in response.json()} == {"statement"}
    assert Recommendation.objects.filter(statement=statement).count() == 2


def test_extracting_from_a_statement_of_another_state_is_404(
    api_client: Client, auth: dict[str, str]
) -> None:
    elsewhere = event_services.statement_create(
        actor=None,
        event=make_event(country="IND"),
        organisation=make_organisation(country="IND"),
        title="Statement",
        delivered_on=datetime.date(2024, 7, 15),
        text="Text.",
    )

    response = api_client.post(
        f"/api/v1/statements/{elsewhere.pk}/recommendations",
        {"texts": ["A."]},
        content_type="application/json",
        headers=auth,
    )

    assert response.status_code == 404
    assert Recommendation.objects.count() == 0
