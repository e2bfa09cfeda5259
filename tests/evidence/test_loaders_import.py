"""Generated files in each public layout go through the import service: all rows, or nothing."""

import pytest

from palermo.core.roles import Role
from palermo.evidence.generators import BAD_ROW_WRITERS, GENERATORS
from palermo.evidence.models import DatasetVersion
from palermo.evidence.services import datasets as dataset_services
from palermo.evidence.services import imports as import_services
from tests.factories import make_organisation, make_user

pytestmark = pytest.mark.django_db

KINDS = {
    "ctdc_synthetic": "victims",
    "ctdc_k_anonymised": "victims",
    "ctdc_victim_perpetrator": "victim_perpetrator",
    "glotip": "aggregates",
}


def _analyst_and_dataset(kind: str):  # type: ignore[no-untyped-def]
    fia = make_organisation("Federal Investigation Agency")
    analyst = make_user("analyst", Role.ANALYST, organisation=fia)
    dataset = dataset_services.dataset_create(
        actor=analyst, name="Public source", kind=kind, crime_type="tip", source_organisation="X"
    )
    return analyst, dataset


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_generated_file_is_detected_and_kept_whole(name: str, tmp_path) -> None:
    analyst, dataset = _analyst_and_dataset(KINDS[name])
    path = GENERATORS[name](tmp_path / f"{name}.csv", 300, 11)

    check, version = import_services.import_file(actor=analyst, dataset=dataset, path=path)

    assert check.ok, check.errors
    assert version is not None
    assert (version.layout, version.row_count) == (name, 300)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_file_with_one_bad_row_writes_nothing(name: str, tmp_path) -> None:
    analyst, dataset = _analyst_and_dataset(KINDS[name])
    path = tmp_path / f"{name}.csv"
    bad = BAD_ROW_WRITERS[name](path, 300, 12)

    check, version = import_services.import_file(actor=analyst, dataset=dataset, path=path)

    assert version is None
    assert not DatasetVersion.objects.filter(dataset=dataset).exists()
    assert [(error.row, error.column) for error in check.errors] == [(bad.row, bad.column)]
