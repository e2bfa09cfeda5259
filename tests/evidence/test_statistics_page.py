"""The statistics page: granted analysts only, a table with drill-down, downloads, audited."""

from collections.abc import Iterator

import pytest
from django.test import Client

from palermo.core.models import AuditEvent
from palermo.core.roles import Role
from palermo.evidence import loaders
from palermo.evidence.services import datasets as dataset_services
from palermo.evidence.services import imports as import_services
from tests.evidence.layouts import ROWS, PlainVictims, write
from tests.factories import make_organisation, make_user
from tests.isolates import without_isolates

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def plain_layout() -> Iterator[None]:
    layout = PlainVictims()
    loaders.LAYOUTS[layout.name] = layout
    yield
    del loaders.LAYOUTS[layout.name]


@pytest.fixture
def dataset(tmp_path):  # type: ignore[no-untyped-def]
    fia = make_organisation("FIA")
    analyst = make_user("analyst", Role.ANALYST, organisation=fia)
    make_user("colleague", Role.ANALYST, organisation=fia)
    dataset = dataset_services.dataset_create(
        actor=analyst, name="Cases", kind="victims", crime_type="tip", source_organisation="FIA"
    )
    import_services.import_file(
        actor=analyst, dataset=dataset, path=write(tmp_path / "c.csv", ROWS)
    )
    return dataset


def _client(username: str) -> Client:
    from palermo.core.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_victims_by_sex_with_a_drill_down_and_a_download(dataset) -> None:
    client = _client("analyst")
    url = f"/en/evidence/{dataset.pk}/statistics/"
    page = client.get(url, {"statistic": "victims_by_sex"}).content.decode()
    assert "Victims by sex" in page
    assert '<bdi dir="auto">Female</bdi>' in page
    assert "?statistic=victims_by_sex&amp;f.sex=female" in page
    drilled = client.get(url, {"statistic": "victims_by_age_band", "f.sex": "female"})
    text = drilled.content.decode()
    assert '<bdi dir="auto">18-20</bdi>' in text
    assert '<bdi dir="auto">9-17</bdi>' not in text  # the one minor is male
    download = client.get(url, {"statistic": "victims_by_sex", "format": "csv"})
    assert download.status_code == 200
    lines = download.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Sex,Victims"
    assert sorted(lines[1:]) == ["female,2", "male,1"]
    views = AuditEvent.objects.filter(object_repr__startswith="Statistic victims_by")
    assert views.count() == 3
    assert AuditEvent.objects.filter(action="export", object_type="evidence.statistic").exists()


def test_statistics_are_for_granted_analysts_only(dataset) -> None:
    url = f"/en/evidence/{dataset.pk}/statistics/"
    assert _client("colleague").get(url).status_code == 403
    assert not AuditEvent.objects.filter(object_repr__startswith="Statistic").exists()


def test_a_release_suppresses_small_counts_and_reaches_the_portal_once_published(
    dataset,
) -> None:
    from palermo.evidence.models import Release

    client = _client("analyst")
    response = client.post(
        f"/en/evidence/{dataset.pk}/releases/", {"statistic": "victims_by_sex", "version": "1"}
    )
    release = Release.objects.get()
    assert response.status_code == 302
    assert release.status == "draft"
    shown = {
        tuple(cell[d] for d, _l in release.dimensions): cell["shown"] for cell in release.cells
    }
    # 2 women and 1 man, threshold 11: every non-zero cell is suppressed, zeros stay.
    assert shown[("female",)] == "<11"
    assert shown[("male",)] == "<11"
    assert shown[("transgender",)] == "0"
    assert all(cell["value"] is None or cell["value"] == 0 for cell in release.cells)
    anonymous = Client()
    assert anonymous.get(f"/en/portal/statistics/{release.pk}/").status_code == 404
    assert "Victims by sex" not in without_isolates(
        anonymous.get("/en/portal/statistics/").content.decode()
    )
    assert _client("colleague").get(f"/en/evidence/releases/{release.pk}/").status_code == 404
    client.post(f"/en/evidence/releases/{release.pk}/", {"action": "publish"})
    release.refresh_from_db()
    assert release.status == "published"
    page = without_isolates(anonymous.get(f"/en/portal/statistics/{release.pk}/").content.decode())
    assert "&lt;11" in page
    assert "Victims by sex" in without_isolates(
        anonymous.get("/en/portal/statistics/").content.decode()
    )
    assert _client("colleague").get(f"/en/evidence/releases/{release.pk}/").status_code == 200
    client.post(f"/en/evidence/releases/{release.pk}/", {"action": "withdraw"})
    assert anonymous.get(f"/en/portal/statistics/{release.pk}/").status_code == 404
