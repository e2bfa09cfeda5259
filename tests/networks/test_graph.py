"""The graph page's JSON: the merged view as elements, filtered; neighbours; a path; export."""

import json

import pytest
from django.test import Client

from palermo.core.models import AuditEvent
from palermo.core.roles import Role
from palermo.networks.services import analyses as analysis_services
from palermo.networks.services import collections as collection_services
from palermo.networks.services import imports
from tests.factories import make_organisation, make_user
from tests.networks.conftest import FIXTURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tmp_path) -> dict:
    fia = make_organisation("Federal Investigation Agency")
    analyst = make_user("analyst", Role.ANALYST, organisation=fia)
    collection = collection_services.collection_create(actor=analyst, name="Route network")
    lines = []
    for line in (FIXTURES / "route.ftm.json").read_text().splitlines():
        entity = json.loads(line)
        if entity["id"] == "p-official":
            entity["properties"]["topics"] = ["role.pep"]
        lines.append(json.dumps(entity))
    path = tmp_path / "route.ftm.json"
    path.write_text("\n".join(lines))
    imports.import_file(actor=analyst, collection=collection, path=path)
    client = Client()
    client.force_login(analyst)
    return {"analyst": analyst, "collection": collection, "client": client}


def _get(world, name: str, **query) -> dict:
    url = f"/en/networks/{world['collection'].pk}/graph/{name}"
    response = world["client"].get(url, query)
    assert response.status_code == 200, response.content
    return response.json()


def _ids(body: dict, group: str = "nodes") -> set[str]:
    return {element["data"]["id"] for element in body["elements"][group]}


def test_the_page_offers_the_filters_and_links_from_the_collection(world) -> None:
    client, pk = world["client"], world["collection"].pk
    page = client.get(f"/en/networks/{pk}/graph/").content.decode()
    assert 'value="Person"' in page
    assert "role.pep" in page
    assert f"/en/networks/{pk}/graph/" in client.get(f"/en/networks/{pk}/").content.decode()


def test_all_elements_with_payment_amounts_and_an_audited_read(world) -> None:
    body = _get(world, "elements.json")

    assert len(body["elements"]["nodes"]) == 11
    payment = next(e["data"] for e in body["elements"]["edges"] if e["data"]["id"] == "pay-1")
    assert payment["amount"] == "250000"
    assert payment["label"] == "250,000 PKR"
    rana = next(e["data"] for e in body["elements"]["nodes"] if e["data"]["id"] == "p-rana")
    assert rana["label"] == "Rana Tufail"
    assert rana["schema"] == "Person"
    assert AuditEvent.objects.filter(object_repr__contains="(graph)").count() == 1


def test_filter_by_schema_keeps_links_among_those_kept(world) -> None:
    body = _get(world, "elements.json", schema=["Company"])

    assert _ids(body) == {"o-agency", "o-holding", "o-shell"}
    assert _ids(body, "edges") == {"own-1", "own-2", "own-3"}


def test_filter_by_topic(world) -> None:
    assert _ids(_get(world, "elements.json", topic="role.pep")) == {"p-official"}


def test_filter_by_date_keeps_links_in_the_range_and_their_ends(world) -> None:
    body = _get(world, "elements.json", date_from="2024-03-11", date_to="2024-03-31")

    assert _ids(body, "edges") == {"pay-2"}
    assert _ids(body) == {"o-agency", "p-zaheer"}


def test_a_bad_date_is_refused_with_the_reason(world) -> None:
    url = f"/en/networks/{world['collection'].pk}/graph/elements.json"
    response = world["client"].get(url, {"date_from": "10/03/2024"})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["error"]


def test_filter_by_community_from_the_latest_current_run(world) -> None:
    run = analysis_services.analysis_run(
        actor=world["analyst"], collection=world["collection"], measure="communities", parameters={}
    )
    membership = run.result["membership"]

    body = _get(world, "elements.json", community=membership["o-shell"])

    expected = {key for key, c in membership.items() if c == membership["o-shell"]}
    assert _ids(body) == expected
    assert all(e["data"]["community"] == membership["o-shell"] for e in body["elements"]["nodes"])


def test_a_limit_keeps_the_best_connected_and_says_so(world) -> None:
    body = _get(world, "elements.json", limit=2)

    assert body["truncated"] is True
    assert body["shown"] == 2
    assert "o-agency" in _ids(body)
    assert "best connected" in body["message"]


def test_neighbours_of_a_node(world) -> None:
    body = _get(world, "neighbours.json", id="p-gul")

    assert _ids(body) == {"p-gul", "p-zaheer"}
    assert _ids(body, "edges") == {"fam-1"}


def test_a_path_between_two_entities(world) -> None:
    body = _get(world, "path.json", source="p-official", target="p-gul")

    assert body["path"] == ["p-official", "p-rana", "o-agency", "p-zaheer", "p-gul"]
    assert {"assoc-1", "dir-1", "fam-1"} <= _ids(body, "edges")


def test_a_path_to_an_unknown_entity_says_so(world) -> None:
    url = f"/en/networks/{world['collection'].pk}/graph/path.json"
    response = world["client"].get(url, {"source": "p-rana", "target": "nobody"})
    assert response.status_code == 400
    assert "not in this network" in response.json()["error"]


def test_the_owner_exports_the_visible_entities_as_ftm_lines(world) -> None:
    url = f"/en/networks/{world['collection'].pk}/graph/export/"

    response = world["client"].post(url, {"ids": json.dumps(["p-rana", "pay-1", "nobody"])})

    lines = [json.loads(line) for line in response.content.decode().splitlines()]
    assert {line["id"] for line in lines} == {"p-rana", "pay-1"}
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count() == 1
