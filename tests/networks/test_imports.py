"""FtM files in and out: ids and properties kept, dangling references noted, bad lines refused."""

import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from palermo.networks.models import Collection, CollectionImport, Entity
from palermo.networks.selectors import entities as selectors
from palermo.networks.services import collections as collection_services
from palermo.networks.services import imports
from tests.factories import make_organisation, make_user
from tests.networks.conftest import FIXTURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst() -> User:
    return make_user("analyst", Role.ANALYST, organisation=make_organisation("FIA"))


@pytest.fixture
def collection(analyst: User) -> Collection:
    return collection_services.collection_create(actor=analyst, name="Route network")


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _normal(data: dict) -> dict:
    """An FtM entity as a comparable value: id, schema, properties with sorted values."""
    return {
        "id": data["id"],
        "schema": data["schema"],
        "properties": {key: sorted(values) for key, values in data["properties"].items()},
    }


@pytest.mark.parametrize("name", ["eu_authorities.ftm.json", "route.ftm.json"])
def test_import_then_export_gives_the_same_entities(analyst, collection, name) -> None:
    path = FIXTURES / name
    check, record = imports.import_file(actor=analyst, collection=collection, path=path)
    assert check.reading.error_count == 0
    assert record is not None
    exported = selectors.entities_export(analyst, collection, fmt="ftm")
    back = [json.loads(line) for line in exported.content.decode().splitlines()]
    original = _lines(path)
    assert exported.count == len(original)
    assert sorted(json.dumps(_normal(data), sort_keys=True) for data in back) == sorted(
        json.dumps(_normal(data), sort_keys=True) for data in original
    )
    assert f"exported-by-{analyst.username}" in exported.filename
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, actor=analyst).count() == 1


def test_the_real_file_keeps_its_datasets_and_every_property(analyst, collection) -> None:
    imports.import_file(
        actor=analyst, collection=collection, path=FIXTURES / "eu_authorities.ftm.json"
    )
    assert collection.entities.count() == 151
    assert set(collection.entities.values_list("schema", flat=True)) == {"PublicBody"}
    body = collection.entities.get(entity_id="eu-authorities-a29wp")
    assert body.caption == "Article 29 Working Party"
    assert body.datasets == ["eu_authorities"]
    assert body.properties["weakAlias"] == ["A29WP"]


def test_links_get_their_ends_and_dangling_references_are_noted(analyst, collection) -> None:
    check, record = imports.import_file(
        actor=analyst, collection=collection, path=FIXTURES / "route.ftm.json"
    )
    assert record is not None
    assert sorted(target for _e, _p, target in check.reading.dangling) == [
        "o-outside",
        "p-outside",
    ]
    assert record.created == 22
    assert record.updated == 0
    assert "2 references lead to entities" in record.notes[0]
    payment = Entity.objects.get(collection=collection, entity_id="pay-1")
    assert (payment.is_edge, payment.source_id, payment.target_id) == (True, "p-rana", "p-official")
    cycle = Entity.objects.get(collection=collection, entity_id="own-3")
    assert (cycle.source_id, cycle.target_id) == ("o-agency", "o-shell")
    collection.refresh_from_db()
    assert collection.version == 1
    assert record.collection_version == 1


def test_an_invalid_entity_names_its_line_and_nothing_is_written(analyst, collection, tmp_path):
    lines = _lines(FIXTURES / "route.ftm.json")
    lines[4]["properties"]["birthDate"] = ["1980-13-45"]
    lines[4]["properties"]["percentage"] = ["60"]
    lines[0]["properties"]["birthDate"] = ["1980-13-45"]
    lines[9]["schema"] = "Smuggler"
    path = tmp_path / "bad.ftm.json"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n{not json\n")
    check, record = imports.import_file(actor=analyst, collection=collection, path=path)
    assert record is None
    messages = [(error.line, error.message) for error in check.reading.errors]
    assert messages[0] == (1, "“1980-13-45” is not a valid Date for “Birth date”.")
    assert (5, "A Company has no property “birthDate”.") in messages
    assert (5, "A Company has no property “percentage”.") in messages
    assert (10, "“Smuggler” is not a FollowTheMoney schema.") in messages
    assert messages[-1][0] == 23
    assert messages[-1][1].startswith("This line is not JSON")
    assert Entity.objects.count() == 0
    assert CollectionImport.objects.count() == 0


def test_reimporting_an_entity_gathers_its_values(analyst, collection, tmp_path) -> None:
    imports.import_file(actor=analyst, collection=collection, path=FIXTURES / "route.ftm.json")
    path = tmp_path / "more.ftm.json"
    path.write_text(
        json.dumps(
            {
                "id": "p-rana",
                "schema": "Person",
                "properties": {"alias": ["Rana Sahib"], "nationality": ["pk"]},
            }
        )
    )
    _check, record = imports.import_file(actor=analyst, collection=collection, path=path)
    assert (record.created, record.updated) == (0, 1)
    rana = Entity.objects.get(collection=collection, entity_id="p-rana")
    assert rana.properties["alias"] == ["Rana Sahib"]
    assert rana.properties["name"] == ["Rana Tufail"]
    assert rana.properties["nationality"] == ["pk"]


def test_an_id_cannot_change_to_an_incompatible_schema(analyst, collection, tmp_path) -> None:
    imports.import_file(actor=analyst, collection=collection, path=FIXTURES / "route.ftm.json")
    path = tmp_path / "clash.ftm.json"
    path.write_text(json.dumps({"id": "p-rana", "schema": "Company", "properties": {}}))
    check, record = imports.import_file(actor=analyst, collection=collection, path=path)
    assert record is None
    assert "holds this id as a Person" in check.reading.errors[0].message


def test_a_json_array_is_read_too(analyst, collection, tmp_path) -> None:
    path = tmp_path / "array.json"
    path.write_text(json.dumps(_lines(FIXTURES / "route.ftm.json")[:3]))
    _check, record = imports.import_file(actor=analyst, collection=collection, path=path)
    assert record.created == 3


def test_only_the_owners_analysts_import(analyst, collection) -> None:
    other = make_user("other", Role.ANALYST, organisation=make_organisation("Police"))
    with pytest.raises(PermissionDenied):
        imports.import_file(actor=other, collection=collection, path=FIXTURES / "route.ftm.json")
    assert Entity.objects.count() == 0


def test_graph_formats_hold_nodes_and_links_with_both_ends(analyst, collection) -> None:
    imports.import_file(actor=analyst, collection=collection, path=FIXTURES / "route.ftm.json")
    gexf = selectors.entities_export(analyst, collection, fmt="gexf").content.decode()
    graphml = selectors.entities_export(analyst, collection, fmt="graphml").content.decode()
    for text in (gexf, graphml):
        assert 'id="own-3"' in text
        assert 'source="o-agency"' in text
        # A payment to someone outside the file has no second end here.
        assert 'id="pay-3"' not in text
    assert io.StringIO(graphml).read().count("<node ") == 11
