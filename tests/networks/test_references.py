"""The "named by" index: entities naming another in a property, found by the exact id.

Every write of entities' properties (an import, a re-import gathering new values) rebuilds
their rows; merges change no entity, so they change no row; deleting an entity (or its
collection) takes its rows with it. Ids that contain one another and ids written in free text
are no reference.
"""

import importlib
import json
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.networks.models import Collection, Entity, EntityReference
from palermo.networks.selectors import entities as selectors
from palermo.networks.services import collections as collection_services
from palermo.networks.services import imports, resolution
from tests.factories import bearer, make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst() -> User:
    return make_user("analyst", Role.ANALYST, organisation=make_organisation("FIA"))


@pytest.fixture
def collection(analyst: User) -> Collection:
    return collection_services.collection_create(actor=analyst, name="Route network")


def _import(analyst: User, collection: Collection, tmp_path: Path, *entities: Any) -> None:
    path = tmp_path / f"part-{len(list(tmp_path.iterdir()))}.ftm.json"
    path.write_text("\n".join(json.dumps(entity, ensure_ascii=False) for entity in entities))
    check, record = imports.import_file(actor=analyst, collection=collection, path=path)
    assert record is not None, check.reading.errors


def _address(key: str) -> dict[str, Any]:
    return {"id": key, "schema": "Address", "properties": {"full": [f"Street {key}"]}}


def _person(key: str, **properties: list[str]) -> dict[str, Any]:
    return {"id": key, "schema": "Person", "properties": {"name": [key], **properties}}


def _named_by(analyst: User, collection: Collection, entity_id: str) -> list[str]:
    view = selectors.entity_get(analyst, collection, entity_id, where="test")
    return [entity.entity_id for entity in view.mentions]


def _rows(collection: Collection) -> set[tuple[str, str, str]]:
    return set(
        EntityReference.objects.filter(collection=collection).values_list(
            "source__entity_id", "prop", "target_id"
        )
    )


def test_an_id_inside_another_id_or_in_free_text_is_no_reference(
    analyst: User, collection: Collection, tmp_path: Path
) -> None:
    _import(
        analyst,
        collection,
        tmp_path,
        _address("a-1"),
        _address("a-10"),
        _person("p-lives", addressEntity=["a-10"]),
        _person("p-notes", notes=["Seen at a-1 twice"], description=["a-1"]),
    )

    assert _named_by(analyst, collection, "a-1") == []
    assert _named_by(analyst, collection, "a-10") == ["p-lives"]
    assert _rows(collection) == {("p-lives", "addressEntity", "a-10")}


def test_the_named_are_found_among_many_texts_that_merely_contain_the_id(
    analyst: User, collection: Collection, tmp_path: Path
) -> None:
    noise = [_person(f"p-noise-{n:03}", notes=[f"a-1 mentioned {n}"]) for n in range(120)]
    _import(
        analyst,
        collection,
        tmp_path,
        _address("a-1"),
        *noise,
        _person("p-zz-lives", addressEntity=["a-1"]),
    )

    assert _named_by(analyst, collection, "a-1") == ["p-zz-lives"]


def test_a_list_longer_than_shown_says_how_many_name_it(
    analyst: User, collection: Collection, tmp_path: Path
) -> None:
    shown = selectors.MENTIONS_SHOWN
    residents = [_person(f"p-{n:03}", addressEntity=["a-1"]) for n in range(shown + 3)]
    _import(analyst, collection, tmp_path, _address("a-1"), *residents)

    view = selectors.entity_get(analyst, collection, "a-1", where="test")
    page = Client()
    page.force_login(analyst)
    text = page.get(f"/en/networks/{collection.pk}/entities/a-1/").content.decode()

    assert len(view.mentions) == shown
    assert view.mentions_total == shown + 3
    assert f"{shown} of {shown + 3} entities naming it are listed." in text


def test_a_reimport_gathering_a_new_address_keeps_both_references(
    analyst: User, collection: Collection, tmp_path: Path
) -> None:
    _import(
        analyst,
        collection,
        tmp_path,
        _address("a-1"),
        _address("a-2"),
        _person("p-x", addressEntity=["a-1"]),
    )

    _import(analyst, collection, tmp_path, _person("p-x", addressEntity=["a-2"]))

    assert _named_by(analyst, collection, "a-1") == ["p-x"]
    assert _named_by(analyst, collection, "a-2") == ["p-x"]
    assert _rows(collection) == {("p-x", "addressEntity", "a-1"), ("p-x", "addressEntity", "a-2")}


def test_a_reference_imported_before_its_entity_is_found_when_it_arrives(
    analyst: User, collection: Collection, tmp_path: Path
) -> None:
    _import(analyst, collection, tmp_path, _person("p-early", addressEntity=["a-late"]))

    _import(analyst, collection, tmp_path, _address("a-late"))

    assert _named_by(analyst, collection, "a-late") == ["p-early"]


def test_merging_and_undoing_leave_the_references_as_they_were(
    analyst: User, collection: Collection, tmp_path: Path
) -> None:
    _import(
        analyst,
        collection,
        tmp_path,
        _address("a-1"),
        _address("a-1-copy"),
        _person("p-x", addressEntity=["a-1"]),
        _person("p-y", addressEntity=["a-1-copy"]),
    )
    before = _rows(collection)

    judgement = resolution.judgement_decide(
        actor=analyst,
        collection=collection,
        left_id="a-1",
        right_id="a-1-copy",
        verdict="positive",
    )
    merged = (_rows(collection), _named_by(analyst, collection, "a-1"))
    resolution.judgement_undo(actor=analyst, judgement=judgement)

    assert merged == (before, ["p-x"])
    assert _rows(collection) == before
    assert _named_by(analyst, collection, "a-1-copy") == ["p-y"]


def test_deleting_an_entity_or_its_collection_takes_its_references(
    analyst: User, collection: Collection, tmp_path: Path
) -> None:
    _import(
        analyst,
        collection,
        tmp_path,
        _address("a-1"),
        _person("p-x", addressEntity=["a-1"]),
        _person("p-y", addressEntity=["a-1"]),
    )

    Entity.objects.filter(collection=collection, entity_id="p-x").delete()
    after_entity = _named_by(analyst, collection, "a-1")
    collection_services.collection_delete(actor=analyst, collection=collection)

    assert after_entity == ["p-y"]
    assert not EntityReference.objects.exists()


def test_a_link_naming_it_beyond_its_two_ends_is_listed_its_ends_are_links(
    analyst: User, collection: Collection, tmp_path: Path
) -> None:
    _import(
        analyst,
        collection,
        tmp_path,
        _person("p-payer"),
        _person("p-payee"),
        {"id": "doc-1", "schema": "Document", "properties": {"title": ["Invoice"]}},
        {
            "id": "pay-1",
            "schema": "Payment",
            "properties": {"payer": ["p-payer"], "beneficiary": ["p-payee"], "proof": ["doc-1"]},
        },
    )

    assert _named_by(analyst, collection, "doc-1") == ["pay-1"]
    assert _named_by(analyst, collection, "p-payer") == []


def test_the_api_names_the_same_entities_as_the_page(
    analyst: User, collection: Collection, tmp_path: Path
) -> None:
    _import(analyst, collection, tmp_path, _address("a-1"), _person("p-x", addressEntity=["a-1"]))

    answer = Client().get(
        f"/api/v1/collections/{collection.pk}/entities/a-1", headers=bearer(analyst)
    )

    assert answer.status_code == 200
    assert [entity["id"] for entity in answer.json()["named_by"]] == ["p-x"]
    assert answer.json()["named_by_total"] == 1


def test_the_migration_fills_the_index_from_the_entities_held(
    analyst: User, collection: Collection, tmp_path: Path
) -> None:
    _import(
        analyst,
        collection,
        tmp_path,
        _address("a-1"),
        _person("p-x", addressEntity=["a-1"], notes=["a-1"]),
        {
            "id": "own-1",
            "schema": "Ownership",
            "properties": {"owner": ["p-x"], "asset": ["c-outside"]},
        },
    )
    written = _rows(collection)
    EntityReference.objects.all().delete()
    migration = importlib.import_module("palermo.networks.migrations.0002_entity_reference")

    migration.backfill(apps, None)

    assert _rows(collection) == written
    assert written == {
        ("p-x", "addressEntity", "a-1"),
        ("own-1", "owner", "p-x"),
        ("own-1", "asset", "c-outside"),
    }
