"""An Organized Crime Index file without an Edition column: its year from the name or the form."""

import pytest
from django.test import Client

from palermo.core.roles import Role
from palermo.evidence.generators import ocindex
from palermo.evidence.models import DatasetVersion
from palermo.evidence.services import datasets as dataset_services
from tests.factories import make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset_and_client():  # type: ignore[no-untyped-def]
    analyst = make_user("analyst", Role.ANALYST, organisation=make_organisation("Research"))
    dataset = dataset_services.dataset_create(
        actor=analyst,
        name="OC Index",
        kind="index_scores",
        crime_type="other",
        source_organisation="GI-TOC",
    )
    client = Client()
    client.force_login(analyst)
    return dataset, client


def test_the_edition_comes_from_the_uploaded_files_name(dataset_and_client, tmp_path) -> None:
    dataset, client = dataset_and_client
    path = ocindex.write(tmp_path / "ocindex-2021.csv", 20, 3, edition=2021, edition_column=False)
    with path.open("rb") as upload:
        page = client.post(f"/en/evidence/{dataset.pk}/import/", {"file": upload})
    assert "read without error" in page.content.decode()
    client.post(f"/en/evidence/{dataset.pk}/import/", {"confirm": "1"})
    assert DatasetVersion.objects.get().row_count > 0


def test_the_edition_can_be_given_on_the_form(dataset_and_client, tmp_path) -> None:
    dataset, client = dataset_and_client
    path = ocindex.write(tmp_path / "scores.csv", 20, 3, edition=2023, edition_column=False)
    with path.open("rb") as upload:
        refused = client.post(f"/en/evidence/{dataset.pk}/import/", {"file": upload})
    assert "The edition is not in the file" in refused.content.decode()
    with path.open("rb") as upload:
        page = client.post(
            f"/en/evidence/{dataset.pk}/import/", {"file": upload, "edition": "2023"}
        )
    assert "read without error" in page.content.decode()
