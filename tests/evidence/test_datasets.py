"""Datasets, versions and access to records through the services, pages and audit trail."""

from collections.abc import Iterator

import pyarrow.parquet as pq
import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from palermo.core.models import AuditEvent
from palermo.core.roles import Role
from palermo.evidence import loaders, permissions, storage
from palermo.evidence.models import Dataset, DatasetVersion, ImmutableError
from palermo.evidence.services import datasets as dataset_services
from palermo.evidence.services import imports as import_services
from tests.evidence.layouts import ROWS, PlainVictims, write
from tests.factories import make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def plain_layout() -> Iterator[PlainVictims]:
    layout = PlainVictims()
    loaders.LAYOUTS[layout.name] = layout
    yield layout
    del loaders.LAYOUTS[layout.name]


@pytest.fixture
def fia() -> object:
    return make_organisation("Federal Investigation Agency")


@pytest.fixture
def analyst(fia: object) -> object:
    return make_user("analyst", Role.ANALYST, organisation=fia)


def _dataset(actor: object) -> Dataset:
    return dataset_services.dataset_create(
        actor=actor,  # type: ignore[arg-type]
        name="National TIP cases",
        kind="victims",
        crime_type="tip",
        source_organisation="FIA",
    )


def test_an_analyst_creates_a_dataset_for_their_organisation_and_reads_it(analyst, fia) -> None:
    dataset = _dataset(analyst)
    assert dataset.owner == fia
    assert dataset.country == "PAK"
    assert permissions.can_read_records(analyst, dataset)
    assert AuditEvent.objects.filter(object_type="evidence.dataset", action="create").exists()


def test_others_may_not_create_datasets(fia) -> None:
    secretariat = make_user("sec", Role.SECRETARIAT, organisation=fia)
    with pytest.raises(PermissionDenied):
        _dataset(secretariat)


def test_an_import_stores_an_immutable_version_with_its_checksum(analyst, tmp_path) -> None:
    dataset = _dataset(analyst)
    path = write(tmp_path / "cases.csv", ROWS)
    check, version = import_services.import_file(
        actor=analyst, dataset=dataset, path=path, source_filename="cases.csv"
    )
    assert check.ok
    assert version is not None
    assert (version.number, version.row_count, version.layout) == (1, 3, "test_plain_victims")
    stored = storage.absolute(version.path)
    assert storage.sha256_of(stored) == version.sha256
    table = pq.read_table(stored)
    assert table.column("citizenship").to_pylist() == ["PAK", "AFG", "PAK"]
    assert table.schema.names[0] == "record_id"  # conformed to the whole VICTIMS schema
    with pytest.raises(ImmutableError):
        version.save()
    with pytest.raises(ImmutableError):
        version.delete()
    _check, second = import_services.import_file(actor=analyst, dataset=dataset, path=path)
    assert second is not None
    assert second.number == 2
    assert second.path != version.path


def test_a_file_with_one_bad_row_writes_nothing(analyst, tmp_path, evidence_root) -> None:
    dataset = _dataset(analyst)
    path = write(tmp_path / "bad.csv", [*ROWS, ["c4", "twenty", "male", "", "PAK", ""]])
    check, version = import_services.import_file(actor=analyst, dataset=dataset, path=path)
    assert version is None
    assert not check.ok
    assert [(e.row, e.column) for e in check.errors] == [(5, "year")]
    assert not DatasetVersion.objects.exists()
    assert not list(evidence_root.glob("*/*.parquet"))


def test_a_layout_of_another_kind_is_refused(analyst, tmp_path) -> None:
    dataset = dataset_services.dataset_create(
        actor=analyst,
        name="GLOTIP",
        kind="aggregates",
        crime_type="tip",
        source_organisation="UNODC",
    )
    path = write(tmp_path / "cases.csv", ROWS)
    check, version = import_services.import_file(
        actor=analyst, dataset=dataset, path=path, layout="test_plain_victims"
    )
    assert version is None
    assert "dataset holds" in check.errors[0].message


def test_records_are_read_only_by_granted_analysts_and_every_read_is_audited(
    analyst, fia, tmp_path
) -> None:
    dataset = _dataset(analyst)
    import_services.import_file(
        actor=analyst, dataset=dataset, path=write(tmp_path / "c.csv", ROWS)
    )
    colleague = make_user("colleague", Role.ANALYST, organisation=fia)
    secretariat = make_user("sec", Role.SECRETARIAT, Role.ANALYST, organisation=fia)
    foreign = make_user(
        "foreign", Role.ANALYST, organisation=make_organisation("Other", country="DJI")
    )
    for client_user, expected in [(analyst, 200), (colleague, 403), (foreign, 404)]:
        client = Client()
        client.force_login(client_user)
        response = client.get(f"/en/evidence/{dataset.pk}/versions/1/records/")
        assert response.status_code == expected, client_user
    reads = AuditEvent.objects.filter(action="view", object_type="evidence.datasetversion")
    assert reads.count() == 1
    assert reads.get().actor == analyst
    dataset_services.grant_create(actor=analyst, dataset=dataset, user=colleague)
    assert permissions.can_read_records(colleague, dataset)
    assert not permissions.can_export_records(colleague, Dataset.objects.get(pk=dataset.pk)) or (
        colleague.organisation_id == dataset.owner_id
    )
    with pytest.raises(Exception, match="analysts"):
        dataset_services.grant_create(actor=analyst, dataset=dataset, user=foreign)
    assert not permissions.can_read_records(secretariat, dataset)


def test_the_owner_exports_records_stamped_and_audited(analyst, tmp_path) -> None:
    dataset = _dataset(analyst)
    import_services.import_file(
        actor=analyst, dataset=dataset, path=write(tmp_path / "c.csv", ROWS)
    )
    client = Client()
    client.force_login(analyst)
    response = client.get(f"/en/evidence/{dataset.pk}/versions/1/export/?format=csv")
    assert response.status_code == 200
    assert "exported-by-analyst" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].startswith('"record_id"')
    assert len(body.splitlines()) == 4
    response = client.get(f"/en/evidence/{dataset.pk}/versions/1/export/?format=parquet")
    assert response.status_code == 200
    exported = tmp_path / "export.parquet"
    exported.write_bytes(b"".join(response.streaming_content))
    metadata = pq.read_schema(exported).metadata
    assert metadata[b"palermo.exported_by"] == b"analyst"
    assert (
        AuditEvent.objects.filter(action="export", object_type="evidence.datasetversion").count()
        == 2
    )


def test_the_import_page_checks_then_stores_on_confirmation(analyst, tmp_path) -> None:
    dataset = _dataset(analyst)
    client = Client()
    client.force_login(analyst)
    path = write(tmp_path / "cases.csv", ROWS)
    with path.open("rb") as upload:
        response = client.post(f"/en/evidence/{dataset.pk}/import/", {"file": upload})
    assert response.status_code == 200
    assert "3 records read without error" in response.content.decode()
    assert not DatasetVersion.objects.exists()
    response = client.post(f"/en/evidence/{dataset.pk}/import/", {"confirm": "1"})
    assert response.status_code == 302
    assert DatasetVersion.objects.get().row_count == 3
    page = client.get(f"/en/evidence/{dataset.pk}/").content.decode()
    assert "cases.csv" in page


def test_the_import_page_lists_errors_by_row(analyst, tmp_path) -> None:
    dataset = _dataset(analyst)
    client = Client()
    client.force_login(analyst)
    path = write(tmp_path / "bad.csv", [*ROWS, ["c4", "twenty", "male", "", "PAK", ""]])
    with path.open("rb") as upload:
        response = client.post(f"/en/evidence/{dataset.pk}/import/", {"file": upload})
    page = response.content.decode()
    assert "The file has 1 error" in page
    assert "“twenty” is not a year." in page
    assert client.post(f"/en/evidence/{dataset.pk}/import/", {"confirm": "1"}).status_code == 302
    assert not DatasetVersion.objects.exists()


def test_pages_answer_for_every_role(analyst, fia) -> None:
    dataset = _dataset(analyst)
    member = make_user("member", Role.CS_MEMBER, organisation=make_organisation("NGO"))
    for user, create_status in [(analyst, 200), (member, 403)]:
        client = Client()
        client.force_login(user)
        assert client.get("/en/evidence/").status_code == 200
        assert client.get(f"/en/evidence/{dataset.pk}/").status_code == 200
        assert client.get("/en/evidence/new/").status_code == create_status
    assert Client().get("/en/evidence/").status_code == 302


def test_the_analysts_dashboard_lists_datasets_and_what_waits(analyst) -> None:
    dataset = _dataset(analyst)
    client = Client()
    client.force_login(analyst)
    page = client.get("/en/").content.decode()
    assert "1 dataset whose records you read" in page
    assert f"/en/evidence/{dataset.pk}/import/" in page
