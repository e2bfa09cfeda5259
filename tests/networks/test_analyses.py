"""Stored analyses: a run keeps its parameters, version and result; pages and the API agree."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from palermo.core.models import AuditEvent
from palermo.core.roles import Role
from palermo.networks.models import AnalysisRun
from palermo.networks.selectors import analyses as selectors
from palermo.networks.services import analyses as services
from palermo.networks.services import collections as collection_services
from palermo.networks.services import imports
from palermo.networks.services import resolution as resolution_services
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
        "collection": collection,
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_run_is_stored_with_its_parameters_defaults_and_version(world) -> None:
    collection = world["collection"]

    run = services.analysis_run(
        actor=world["analyst"], collection=collection, measure="degree", parameters={}
    )

    run.refresh_from_db()
    assert run.parameters == {"direction": "total"}
    assert run.collection_version == collection.version
    assert run.result["scores"]["o-agency"] == 5
    assert run.result["network"]["nodes"] == 11
    assert run.is_current
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_type="networks.analysisrun"
    ).exists()


def test_after_an_import_the_run_is_out_of_date(world, tmp_path) -> None:
    collection = world["collection"]
    run = services.analysis_run(
        actor=world["analyst"], collection=collection, measure="pagerank", parameters={}
    )
    extra = tmp_path / "extra.ftm.json"
    extra.write_text(
        json.dumps({"id": "p-new", "schema": "Person", "properties": {"name": ["New"]}})
    )

    imports.import_file(actor=world["analyst"], collection=collection, path=extra)

    listed = selectors.analysis_list(world["analyst"], collection, where="test")
    assert [r.pk for r in listed] == [run.pk]
    assert listed[0].is_current is False


def test_merges_count_in_the_graph(world) -> None:
    collection = world["collection"]
    resolution_services.judgement_decide(
        actor=world["analyst"],
        collection=collection,
        left_id="p-rana",
        right_id="p-rana-addr",
        verdict="positive",
    )

    run = services.analysis_run(
        actor=world["analyst"], collection=collection, measure="degree", parameters={}
    )

    assert "p-rana-addr" not in run.result["scores"]
    assert run.result["scores"]["p-rana"] == 4  # directorship, associate, payment, address


def test_a_bad_parameter_is_refused_with_the_reason_and_nothing_is_stored(world) -> None:
    with pytest.raises(ValidationError, match="between 0.0 and 1.0"):
        services.analysis_run(
            actor=world["analyst"],
            collection=world["collection"],
            measure="pagerank",
            parameters={"alpha": 3},
        )
    assert AnalysisRun.objects.count() == 0


def test_exact_betweenness_is_refused_on_a_network_too_big(world, monkeypatch) -> None:
    monkeypatch.setattr(services, "EXACT_BETWEENNESS_NODES", 5)
    with pytest.raises(ValidationError, match="sampled betweenness"):
        services.analysis_run(
            actor=world["analyst"],
            collection=world["collection"],
            measure="betweenness",
            parameters={},
        )
    assert AnalysisRun.objects.count() == 0


def test_an_analyst_without_the_grant_cannot_run(world) -> None:
    with pytest.raises(PermissionDenied):
        services.analysis_run(
            actor=world["colleague"],
            collection=world["collection"],
            measure="degree",
            parameters={},
        )
    assert AnalysisRun.objects.count() == 0


def test_the_page_runs_a_measure_and_shows_its_table_and_chart(world) -> None:
    client = _client(world["analyst"])
    base = f"/en/networks/{world['collection'].pk}/analyses/"
    form = client.get(f"{base}?measure=shortest_path")
    assert "Crescent Travel Services" in form.content.decode()  # entities chosen by name
    assert 'class="form-select" required id="id_source"' in form.content.decode()

    response = client.post(base, {"measure": "degree", "direction": "out"})

    run = AnalysisRun.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/analyses/{run.pk}/")
    page = client.get(f"{base}{run.pk}/?sort=-value&top=10").content.decode()
    assert "Rana Tufail" in page
    assert "analysis-chart" in page
    assert client.get(base).content.decode().count(f"/analyses/{run.pk}/") == 1


def test_the_page_says_why_parameters_are_wrong(world) -> None:
    client = _client(world["analyst"])
    base = f"/en/networks/{world['collection'].pk}/analyses/"

    response = client.post(base, {"measure": "pagerank", "alpha": "2", "tol": "0.000001"})

    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 1.0" in response.content.decode()
    assert AnalysisRun.objects.count() == 0


def test_the_path_money_form_reads_entities_by_name(world) -> None:
    client = _client(world["analyst"])
    base = f"/en/networks/{world['collection'].pk}/analyses/"

    client.post(
        base, {"measure": "path_money", "path": "Rana Tufail\np-official", "currency": "PKR"}
    )

    run = AnalysisRun.objects.get()
    assert run.parameters["path"] == ["p-rana", "p-official"]
    assert run.result["forward"] == "250000"


def test_the_api_lists_runs_and_returns_one(world) -> None:
    collection = world["collection"]
    headers = bearer(world["analyst"])
    client = Client()
    base = f"/api/v1/collections/{collection.pk}/analyses"

    created = client.post(
        base,
        {"measure": "communities", "parameters": {"seed": 3}},
        content_type="application/json",
        headers=headers,
    )
    refused = client.post(
        base, {"measure": "nope"}, content_type="application/json", headers=headers
    )

    assert created.status_code == 201
    body = created.json()
    assert body["parameters"]["seed"] == 3
    assert body["is_current"] is True
    assert set(body["result"]["membership"]) >= {"p-rana", "o-agency"}
    assert refused.status_code == 422
    assert "There is no measure called" in refused.content.decode()
    listed = client.get(base, headers=headers).json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]
    one = client.get(f"{base}/{body['id']}", headers=headers)
    assert one.json()["result"]["sizes"] == body["result"]["sizes"]
    assert client.get(base, headers=bearer(world["colleague"])).status_code == 403
    measures = client.get("/api/v1/network-measures", headers=headers).json()
    assert {m["name"] for m in measures} >= {"degree", "pagerank", "shortest_path"}
