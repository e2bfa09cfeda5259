"""Collections on pages and the API: the same rules and statuses, imports checked then kept."""

import json

import pytest
from django.test import Client

from palermo.core.models import AuditEvent
from palermo.core.roles import Role
from palermo.networks.models import Collection, Entity
from palermo.networks.services import collections as collection_services
from palermo.networks.services import imports
from tests.factories import bearer, make_organisation, make_user
from tests.networks.conftest import FIXTURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict:
    fia = make_organisation("Federal Investigation Agency")
    analyst = make_user("analyst", Role.ANALYST, organisation=fia)
    collection = collection_services.collection_create(actor=analyst, name="Route network")
    imports.import_file(actor=analyst, collection=collection, path=FIXTURES / "route.ftm.json")
    return {
        "analyst": analyst,
        "colleague": make_user("colleague", Role.ANALYST, organisation=fia),
        "member": make_user("member", Role.CS_MEMBER, organisation=make_organisation("NGO")),
        "collection": collection,
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_granted_analyst_reads_pages_of_entities_and_links(world) -> None:
    client = _client(world["analyst"])
    collection = world["collection"]
    detail = client.get(f"/en/networks/{collection.pk}/")
    assert detail.status_code == 200
    assert "Payment" in detail.content.decode() or "Payments" in detail.content.decode()
    page = client.get(f"/en/networks/{collection.pk}/entities/?schema=Person")
    assert page.status_code == 200
    assert "Rana Tufail" in page.content.decode()
    links = client.get(f"/en/networks/{collection.pk}/entities/?links=1")
    assert "own-3" in links.content.decode()
    entity = client.get(f"/en/networks/{collection.pk}/entities/p-rana/")
    text = entity.content.decode()
    assert entity.status_code == 200
    assert "Crescent Travel Services" in text
    assert "Imtiaz Qureshi" in text
    assert AuditEvent.objects.filter(
        actor=world["analyst"], action=AuditEvent.Action.VIEW, object_repr__contains="p-rana"
    ).exists()


def test_an_analyst_without_the_grant_sees_the_entry_but_no_entity(world) -> None:
    collection = world["collection"]
    client = _client(world["colleague"])
    detail = client.get(f"/en/networks/{collection.pk}/")
    assert detail.status_code == 200
    assert "Rana Tufail" not in detail.content.decode()
    for path in ("entities/", "entities/p-rana/", "export/?format=ftm"):
        assert client.get(f"/en/networks/{collection.pk}/{path}").status_code == 403
    headers = bearer(world["colleague"])
    api = Client()
    assert (
        api.get(f"/api/v1/collections/{collection.pk}/entities", headers=headers).status_code == 403
    )
    assert (
        api.get(f"/api/v1/collections/{collection.pk}/entities/p-rana", headers=headers).status_code
        == 403
    )


def test_import_on_the_page_checks_then_keeps(world, tmp_path) -> None:
    client = _client(world["analyst"])
    collection = Collection.objects.create(name="Second", owner=world["analyst"].organisation)
    collection_services.grant_create(
        actor=world["analyst"], collection=collection, user=world["analyst"]
    )
    with (FIXTURES / "route.ftm.json").open("rb") as handle:
        check = client.post(f"/en/networks/{collection.pk}/import/", {"file": handle})
    assert check.status_code == 200
    assert "22 entities read without error" in check.content.decode()
    assert "2 references lead to entities" in check.content.decode()
    assert Entity.objects.filter(collection=collection).count() == 0
    done = client.post(f"/en/networks/{collection.pk}/import/", {"confirm": "1"})
    assert done.status_code == 302
    assert Entity.objects.filter(collection=collection).count() == 22


def test_a_table_imports_through_a_simple_mapping(world, tmp_path) -> None:
    client = _client(world["analyst"])
    collection = world["collection"]
    table = tmp_path / "suspects.csv"
    table.write_text(
        "Full name,Born,Country\nNaveed Sabir,1985-02-01,pk\nNaveed Sabir,,pk\n"
        "Farah Jamil,1990-07-15,af\n,,\n"
    )
    with table.open("rb") as handle:
        check = client.post(
            f"/en/networks/{collection.pk}/import/",
            {
                "file": handle,
                "schema": "Person",
                "key_columns": "Full name",
                "columns": "Full name = name\nBorn = birthDate\nCountry = nationality",
            },
        )
    assert "2 entities read without error" in check.content.decode()
    client.post(f"/en/networks/{collection.pk}/import/", {"confirm": "1"})
    naveed = Entity.objects.get(collection=collection, caption="Naveed Sabir")
    assert naveed.properties["birthDate"] == ["1985-02-01"]


def test_a_table_with_an_ftm_map_file_over_the_api(world, tmp_path) -> None:
    collection = world["collection"]
    table = tmp_path / "payments.csv"
    table.write_text(
        "payer,payee,amount,on\nSadia Noor,Kamran Ilyas,5000,2024-05-01\n"
        "Sadia Noor,Tariq Mehmood,7500,2024-05-09\n"
    )
    mapping = {
        "payments": {
            "queries": [
                {
                    "entities": {
                        "payer": {
                            "schema": "Person",
                            "keys": ["payer"],
                            "properties": {"name": {"column": "payer"}},
                        },
                        "payee": {
                            "schema": "Person",
                            "keys": ["payee"],
                            "properties": {"name": {"column": "payee"}},
                        },
                        "payment": {
                            "schema": "Payment",
                            "keys": ["payer", "payee", "on"],
                            "properties": {
                                "payer": {"entity": "payer"},
                                "beneficiary": {"entity": "payee"},
                                "amount": {"column": "amount"},
                                "date": {"column": "on"},
                            },
                        },
                    }
                }
            ]
        }
    }
    with table.open("rb") as handle:
        response = Client().post(
            f"/api/v1/collections/{collection.pk}/imports",
            {"file": handle, "mapping": json.dumps(mapping)},
            headers=bearer(world["analyst"]),
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["by_schema"] == {"Payment": 2, "Person": 3}
    payments = Entity.objects.filter(collection=collection, schema="Payment")
    assert payments.count() == 3 + 2
    sadia = Entity.objects.get(collection=collection, caption="Sadia Noor")
    assert sorted(payments.filter(source_id=sadia.entity_id).values_list("is_edge", flat=True)) == [
        True,
        True,
    ]


def test_the_api_reports_a_bad_file_by_line_and_stores_nothing(world, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x1", "schema": "Person", "properties": {"name": ["A"]}}\n{"id": ""}\n')
    collection = world["collection"]
    before = Entity.objects.count()
    with bad.open("rb") as handle:
        response = Client().post(
            f"/api/v1/collections/{collection.pk}/imports?dry_run=true",
            {"file": handle},
            headers=bearer(world["analyst"]),
        )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"line": 2, "entity_id": "", "message": "The entity has no id."}
    ]
    assert Entity.objects.count() == before


def test_the_api_lists_entities_a_page_at_a_time_and_exports_for_the_owner(world) -> None:
    collection = world["collection"]
    headers = bearer(world["analyst"])
    page = Client().get(
        f"/api/v1/collections/{collection.pk}/entities?schema=Person&limit=2", headers=headers
    )
    assert page.status_code == 200
    assert page.json()["total"] == 5
    assert len(page.json()["entities"]) == 2
    assert (
        Client()
        .get(f"/api/v1/collections/{collection.pk}/entities?limit=501", headers=headers)
        .status_code
        == 422
    )
    export = Client().get(f"/api/v1/collections/{collection.pk}/export?format=ftm", headers=headers)
    assert export.status_code == 200
    assert len(export.content.decode().splitlines()) == 22
    member = bearer(world["member"])
    assert Client().get(f"/api/v1/collections/{collection.pk}", headers=member).status_code == 200
    assert (
        Client().get(f"/api/v1/collections/{collection.pk}/export", headers=member).status_code
        == 403
    )


def test_a_collection_links_to_recommendations_and_articles_its_maker_may_see(world) -> None:
    import datetime

    from django.core.exceptions import ValidationError

    from palermo.instruments.models import Article, Instrument
    from palermo.tracking.models import Recommendation

    def recommendation(title: str, country: str) -> Recommendation:
        return Recommendation.objects.create(
            title=title,
            text="Do better.",
            country=country,
            source=Recommendation.Source.OTHER,
            issued_on=datetime.date(2025, 3, 1),
        )

    instrument = Instrument.objects.create(
        code="test-protocol", title="A protocol", short_title="A protocol"
    )
    article = Article.objects.create(instrument=instrument, number=6, title="Criminalization")
    mine = recommendation("Strengthen the national database", "PAK")
    foreign = recommendation("Elsewhere", "IND")
    collection = world["collection"]
    collection_services.collection_update(
        actor=world["analyst"], collection=collection, recommendations=[mine], articles=[article]
    )
    page = _client(world["analyst"]).get(f"/en/networks/{collection.pk}/").content.decode()
    assert "Strengthen the national database" in page
    assert "Criminalization" in page
    with pytest.raises(ValidationError):
        collection_services.collection_update(
            actor=world["analyst"], collection=collection, recommendations=[foreign]
        )
    assert list(collection.recommendations.all()) == [mine]


def test_the_owner_links_a_place_to_its_route_stage_and_a_case(world) -> None:
    collection = world["collection"]
    url = f"/en/networks/{collection.pk}/entities/a-quetta/"
    page = _client(world["analyst"]).post(
        url, {"route_stage": "transit", "case_ref": "FIA-2024-17"}
    )
    assert page.status_code == 302
    quetta = Entity.objects.get(collection=collection, entity_id="a-quetta")
    assert (quetta.route_stage, quetta.case_ref) == ("transit", "FIA-2024-17")
    reader = make_user("police", Role.ANALYST, organisation=make_organisation("Police"))
    collection_services.grant_create(actor=world["analyst"], collection=collection, user=reader)
    assert _client(reader).get(url).status_code == 200
    assert _client(reader).post(url, {"route_stage": ""}).status_code == 403
    api = Client().patch(
        f"/api/v1/collections/{collection.pk}/entities/a-athens",
        {"route_stage": "exploitation"},
        content_type="application/json",
        headers=bearer(world["analyst"]),
    )
    assert api.status_code == 200
    assert api.json()["route_stage"] == "exploitation"
    refused = Client().patch(
        f"/api/v1/collections/{collection.pk}/entities/a-athens",
        {"route_stage": "harbour"},
        content_type="application/json",
        headers=bearer(world["analyst"]),
    )
    assert refused.status_code == 422
