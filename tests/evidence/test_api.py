"""The evidence API: the pages' rules and audit, JSON errors by row, records a page at a time."""

from collections.abc import Iterator

import pytest
from django.test import Client

from palermo.core.models import AuditEvent
from palermo.core.roles import Role
from palermo.evidence import loaders
from palermo.evidence.models import DatasetVersion
from tests.evidence.layouts import ROWS, PlainVictims, write
from tests.factories import bearer, make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def plain_layout() -> Iterator[None]:
    layout = PlainVictims()
    loaders.LAYOUTS[layout.name] = layout
    yield
    del loaders.LAYOUTS[layout.name]


@pytest.fixture
def world() -> dict[str, object]:
    fia = make_organisation("Federal Investigation Agency")
    return {
        "analyst": make_user("analyst", Role.ANALYST, organisation=fia),
        "colleague": make_user("colleague", Role.ANALYST, organisation=fia),
        "member": make_user("member", Role.CS_MEMBER, organisation=make_organisation("NGO")),
    }


def _create(headers: dict[str, str]) -> dict[str, object]:
    response = Client().post(
        "/api/v1/datasets",
        {"name": "TIP cases", "kind": "victims", "crime_type": "tip", "source_organisation": "FIA"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    return response.json()


def _upload(headers: dict[str, str], dataset_id: object, path, **params: str):  # type: ignore[no-untyped-def]
    query = "&".join(f"{key}={value}" for key, value in params.items())
    with path.open("rb") as handle:
        return Client().post(
            f"/api/v1/datasets/{dataset_id}/versions?{query}", {"file": handle}, headers=headers
        )


def test_create_import_and_read_records(world, tmp_path) -> None:
    headers = bearer(world["analyst"])
    dataset = _create(headers)
    assert dataset["can_read_records"] is True
    path = write(tmp_path / "cases.csv", ROWS)
    dry = _upload(headers, dataset["id"], path, dry_run="true")
    assert dry.status_code == 200
    assert dry.json()["committed"] is False
    assert not DatasetVersion.objects.exists()
    done = _upload(headers, dataset["id"], path)
    assert done.status_code == 201
    assert done.json()["version"]["row_count"] == 3
    records = Client().get(
        f"/api/v1/datasets/{dataset['id']}/versions/1/records?limit=2&offset=1", headers=headers
    )
    assert records.status_code == 200
    body = records.json()
    assert body["total"] == 3
    assert [row[0] for row in body["rows"]] == ["c2", "c3"]
    assert AuditEvent.objects.filter(action="view", object_repr__contains="(API)").count() == 1


def test_a_bad_file_answers_422_with_rows_and_stores_nothing(world, tmp_path) -> None:
    headers = bearer(world["analyst"])
    dataset = _create(headers)
    path = write(tmp_path / "bad.csv", [*ROWS, ["c4", "x", "", "", "", ""]])
    response = _upload(headers, dataset["id"], path)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"row": 5, "column": "year", "message": "“x” is not a year."}
    ]
    assert not DatasetVersion.objects.exists()


def test_records_answer_403_without_a_grant_and_limits_are_bounded(world, tmp_path) -> None:
    headers = bearer(world["analyst"])
    dataset = _create(headers)
    _upload(headers, dataset["id"], write(tmp_path / "c.csv", ROWS))
    url = f"/api/v1/datasets/{dataset['id']}/versions/1/records"
    assert Client().get(url, headers=bearer(world["colleague"])).status_code == 403
    assert Client().get(url, headers=bearer(world["member"])).status_code == 403
    assert Client().get(f"{url}?limit=501", headers=headers).status_code == 422
    assert Client().get(url).status_code == 401
    export = f"/api/v1/datasets/{dataset['id']}/versions/1/export?format=csv"
    assert Client().get(export, headers=bearer(world["colleague"])).status_code == 403
    assert Client().get(export, headers=headers).status_code == 200


def test_grants_through_the_api(world) -> None:
    headers = bearer(world["analyst"])
    dataset = _create(headers)
    url = f"/api/v1/datasets/{dataset['id']}/grants"
    response = Client().post(
        url, {"user": world["colleague"].pk}, content_type="application/json", headers=headers
    )
    assert response.status_code == 201
    refused = Client().post(
        url, {"user": world["member"].pk}, content_type="application/json", headers=headers
    )
    assert refused.status_code == 422
    grant_id = response.json()["id"]
    assert Client().delete(f"{url}/{grant_id}", headers=headers).status_code == 204
    assert Client().get(url, headers=bearer(world["member"])).status_code == 403


def test_statistics_for_granted_analysts_and_releases_for_everyone(world, tmp_path) -> None:
    from palermo.evidence import releases
    from palermo.evidence import statistics as stats
    from palermo.evidence.models import Dataset

    headers = bearer(world["analyst"])
    dataset = _create(headers)
    _upload(headers, dataset["id"], write(tmp_path / "c.csv", ROWS))
    base = f"/api/v1/datasets/{dataset['id']}/statistics"
    names = [item["name"] for item in Client().get(base, headers=headers).json()]
    assert "victims_by_sex" in names
    response = Client().get(f"{base}/victims_by_sex?f.citizenship=PAK", headers=headers)
    assert response.status_code == 200
    assert response.json()["rows"] == [{"sex": "female", "victims": 2}]
    assert (
        Client().get(f"{base}/victims_by_sex", headers=bearer(world["colleague"])).status_code
        == 403
    )
    assert Client().get(f"{base}/nothing", headers=headers).status_code == 404

    version = Dataset.objects.get(pk=dataset["id"]).versions.get()
    release = releases.release_prepare(
        actor=world["analyst"], version=version, statistic=stats.victims_by("sex")
    )
    assert Client().get("/api/v1/releases").json()["items"] == []
    releases.release_publish(actor=world["analyst"], release=release)
    items = Client().get("/api/v1/releases").json()["items"]
    assert [item["title"] for item in items] == ["Victims by sex"]
    assert {cell["shown"] for cell in items[0]["cells"]} <= {"<11", "0", "x"}
