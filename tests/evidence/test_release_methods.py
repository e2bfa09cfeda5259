"""Releases protected by k-anonymity or by differentially private counts, and the budget."""

import random
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from palermo.core.roles import Role
from palermo.evidence import analysis, loaders, messages, protection, releases, storage
from palermo.evidence.models import Release
from palermo.evidence.services import datasets as dataset_services
from palermo.evidence.services import imports as import_services
from tests.evidence.layouts import PlainVictims, write
from tests.factories import make_organisation, make_user

pytestmark = pytest.mark.django_db

QIS = ("year", "sex", "age_band", "citizenship")


def victim_rows(count: int = 400, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)  # noqa: S311 - invented data
    bands = ["9-17", "18-20", "21-23", "24-26", "30-38", "48+"]
    return [
        [
            f"v{number}",
            str(rng.randint(2016, 2024)),
            rng.choice(["female", "female", "male", ""]),
            rng.choice(bands),
            rng.choice(["PAK", "PAK", "PAK", "AFG", "IND", "BGD", "NPL"]),
            rng.choice(["1", ""]),
        ]
        for number in range(count)
    ]


@pytest.fixture(autouse=True)
def plain_layout() -> Iterator[None]:
    layout = PlainVictims()
    loaders.LAYOUTS[layout.name] = layout
    yield
    del loaders.LAYOUTS[layout.name]


@pytest.fixture
def version(tmp_path: Path):  # type: ignore[no-untyped-def]
    fia = make_organisation("FIA")
    analyst = make_user("analyst", Role.ANALYST, organisation=fia)
    dataset = dataset_services.dataset_create(
        actor=analyst, name="Cases", kind="victims", crime_type="tip", source_organisation="FIA"
    )
    _check, version = import_services.import_file(
        actor=analyst, dataset=dataset, path=write(tmp_path / "c.csv", victim_rows())
    )
    return version


def _statistic(name: str):  # type: ignore[no-untyped-def]
    return releases.releasable_statistics("victims")[name]


def test_k_anonymity_reaches_the_k_asked_and_counts_the_records_kept(version) -> None:
    analyst = version.imported_by
    release = releases.release_prepare(
        actor=analyst,
        version=version,
        statistic=_statistic("victims_by_age_band"),
        method=releases.Method(Release.Method.K_ANONYMITY, k=10, quasi_identifiers=QIS),
    )
    assert release.method == "k_anonymity"
    details = release.protection
    assert details["k"] == 10
    assert details["k_reached"] >= 10
    assert details["records"] == 400
    assert details["quasi_identifiers"] == list(QIS)
    assert 0 <= details["records_suppressed"] <= 20  # at most 5 % of the records
    total = next(cell for cell in release.cells if cell["age_band"] == "Total")
    assert total["value"] == 400 - details["records_suppressed"]
    assert release.epsilon is None


def test_k_anonymity_computed_on_its_own_agrees_with_kanon(version) -> None:
    records = protection.filtered_records(storage.absolute(version.path), "victims", None)
    protected = protection.k_anonymous(
        _statistic("victims_by_sex"), records, k=25, quasi_identifiers=("sex", "age_band")
    )
    from palermo.evidence.privacy import k_anonymity

    assert protected.details["k_reached"] >= 25
    counted = protected.table.column("victims").to_pylist()
    assert sum(counted) == 400 - protected.details["records_suppressed"]
    assert k_anonymity(pa.table({"sex": ["a"] * 3}), ["sex"]) == 3


def test_an_unknown_quasi_identifier_is_refused(version) -> None:
    with pytest.raises(ValidationError, match="k-anonymity cannot be reached"):
        releases.release_prepare(
            actor=version.imported_by,
            version=version,
            statistic=_statistic("victims_by_sex"),
            method=releases.Method(Release.Method.K_ANONYMITY, k=5, quasi_identifiers=("name",)),
        )
    assert not Release.objects.exists()


def _dp(version, epsilon: float) -> Release:  # type: ignore[no-untyped-def]
    return releases.release_prepare(
        actor=version.imported_by,
        version=version,
        statistic=_statistic("victims_by_sex"),
        method=releases.Method(Release.Method.DP, epsilon=epsilon),
    )


def test_dp_releases_spend_the_budget_until_it_refuses(version) -> None:
    first = _dp(version, 0.4)
    second = _dp(version, 0.5)
    assert (first.epsilon, second.epsilon) == (0.4, 0.5)
    assert second.protection["budget"] == 1.0
    assert second.protection["budget_left"] == pytest.approx(0.1)
    assert releases.budget_of(version.dataset).spent == pytest.approx(0.9)
    with pytest.raises(ValidationError) as refused:
        _dp(version, 0.2)
    assert refused.value.messages == [str(messages.BUDGET_EXCEEDED % {"left": "0.10"})]
    assert Release.objects.count() == 2
    # Withdrawing a release gives nothing back: its noisy counts were seen.
    releases.release_withdraw(actor=version.imported_by, release=first)
    with pytest.raises(ValidationError):
        _dp(version, 0.2)
    assert _dp(version, 0.1).epsilon == 0.1


def test_dp_counts_are_never_negative_nor_below_the_threshold(version) -> None:
    statistic = _statistic("trend_by_sex")
    counted = analysis.statistic_table(version.imported_by, version, statistic, where="test")
    protected = protection.differentially_private(
        statistic,
        counted.table,
        epsilon=0.05,
        budget=releases.budget_of(version.dataset),
        release="t",
        categories={},
        rng=np.random.default_rng(3),
    )
    assert min(protected.table.column("victims").to_pylist()) >= 0
    release = _dp(version, 0.3)
    values = [cell["value"] for cell in release.cells if cell["value"] is not None]
    assert all(value == 0 or value >= release.threshold for value in values)


def test_an_epsilon_out_of_range_is_refused(version) -> None:
    with pytest.raises(ValidationError, match="Epsilon must be above 0"):
        _dp(version, 0)
    assert not Release.objects.exists()


def test_only_granted_analysts_prepare_and_only_the_owner_publishes(version) -> None:
    outsider = make_user("outsider", Role.ANALYST, organisation=make_organisation("NGO"))
    with pytest.raises(PermissionDenied):
        releases.release_prepare(
            actor=outsider,
            version=version,
            statistic=_statistic("victims_by_sex"),
            method=releases.Method(Release.Method.DP, epsilon=0.5),
        )
    release = _dp(version, 0.5)
    dataset_services.grant_create(actor=version.imported_by, dataset=version.dataset, user=outsider)
    with pytest.raises(PermissionDenied):
        releases.release_publish(actor=outsider, release=release)
    releases.release_publish(actor=version.imported_by, release=release)
    assert release.status == "published"


def _client(user):  # type: ignore[no-untyped-def]
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_the_page_prepares_a_dp_release_and_the_portal_says_how_it_was_protected(
    version,
) -> None:
    from django.test import Client

    client = _client(version.imported_by)
    url = f"/en/evidence/{version.dataset.pk}/releases/"
    page = client.get(f"/en/evidence/{version.dataset.pk}/statistics/?statistic=victims_by_sex")
    assert "Privacy budget left for differentially private releases: epsilon 1.00" in (
        page.content.decode()
    )
    response = client.post(
        url, {"statistic": "victims_by_sex", "version": "1", "method": "dp", "epsilon": "0.7"}
    )
    release = Release.objects.get()
    assert response.status_code == 302
    assert (release.method, release.epsilon) == ("dp", 0.7)
    detail = client.get(f"/en/evidence/releases/{release.pk}/").content.decode()
    assert "Differentially private counts" in detail
    assert "epsilon 0.30 of 1.00 left" in detail
    refused = client.post(
        url,
        {"statistic": "victims_by_sex", "version": "1", "method": "dp", "epsilon": "0.5"},
        follow=True,
    )
    assert "more privacy budget than the dataset has left" in refused.content.decode()
    assert Release.objects.count() == 1
    client.post(f"/en/evidence/releases/{release.pk}/", {"action": "publish"})
    public = Client()
    assert "protected by Differentially private counts" in (
        public.get("/en/portal/statistics/").content.decode()
    )
    shown = public.get(f"/en/portal/statistics/{release.pk}/").content.decode()
    assert "noise for epsilon 0.7" in shown


def test_the_page_prepares_a_k_anonymous_release(version) -> None:
    client = _client(version.imported_by)
    response = client.post(
        f"/en/evidence/{version.dataset.pk}/releases/",
        {
            "statistic": "victims_by_citizenship",
            "version": "1",
            "method": "k_anonymity",
            "k": "15",
            "quasi_identifiers": ["age_band", "citizenship"],
        },
    )
    release = Release.objects.get()
    assert response.status_code == 302
    assert release.protection["k_reached"] >= 15
    detail = client.get(f"/en/evidence/releases/{release.pk}/").content.decode()
    assert "k = 15 asked" in detail
    missing = client.post(
        f"/en/evidence/{version.dataset.pk}/releases/",
        {"statistic": "victims_by_sex", "version": "1", "method": "k_anonymity", "k": "5"},
        follow=True,
    )
    assert "Choose at least one column." in missing.content.decode()
    assert Release.objects.count() == 1


def test_the_api_prepares_releases_and_refuses_past_the_budget(version) -> None:
    from django.test import Client

    from tests.factories import bearer

    url = f"/api/v1/datasets/{version.dataset.pk}/releases"
    headers = bearer(version.imported_by)

    def post(body: dict) -> object:  # type: ignore[type-arg]
        return Client().post(url, body, content_type="application/json", headers=headers)

    kanon = post(
        {
            "statistic": "victims_by_sex",
            "method": "k_anonymity",
            "k": 12,
            "quasi_identifiers": ["sex", "age_band"],
        }
    )
    assert kanon.status_code == 201, kanon.content  # type: ignore[attr-defined]
    body = kanon.json()  # type: ignore[attr-defined]
    assert body["method"] == "k_anonymity"
    assert body["protection"]["k_reached"] >= 12
    dp = post({"statistic": "victims_by_sex", "method": "dp", "epsilon": 0.8})
    assert dp.json()["epsilon"] == 0.8  # type: ignore[attr-defined]
    refused = post({"statistic": "victims_by_sex", "method": "dp", "epsilon": 0.5})
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert "more privacy budget" in refused.content.decode()  # type: ignore[attr-defined]
    assert Release.objects.count() == 2
    outsider = make_user("stranger", Role.ANALYST, organisation=make_organisation("NGO"))
    denied = Client().post(
        url,
        {"statistic": "victims_by_sex"},
        content_type="application/json",
        headers=bearer(outsider),
    )
    assert denied.status_code in {403, 404}
    assert Release.objects.count() == 2
