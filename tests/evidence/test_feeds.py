"""An indicator fed by a dataset: values from a monthly statistic, recomputed on each version."""

import datetime
from collections.abc import Iterator
from decimal import Decimal

import pytest

from palermo.core.roles import Role
from palermo.evidence import feeds, loaders
from palermo.evidence.services import datasets as dataset_services
from palermo.evidence.services import imports as import_services
from tests.evidence.layouts import ReferralDates, write_referrals
from tests.factories import make_indicator, make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def referral_layout() -> Iterator[None]:
    layout = ReferralDates()
    loaders.LAYOUTS[layout.name] = layout
    yield
    del loaders.LAYOUTS[layout.name]


def _values(indicator) -> dict[datetime.date, tuple[Decimal, str]]:  # type: ignore[no-untyped-def]
    return {m.period: (m.value, m.source) for m in indicator.measurements.order_by("period")}


def test_an_indicator_follows_each_new_version_and_holds_back_small_counts(
    tmp_path, django_capture_on_commit_callbacks
) -> None:
    fia = make_organisation("FIA")
    analyst = make_user("analyst", Role.ANALYST, organisation=fia)
    dataset = dataset_services.dataset_create(
        actor=analyst, name="Referrals", kind="victims", crime_type="tip", source_organisation="FIA"
    )
    path = write_referrals(tmp_path / "v1.csv", {"2025-01": 12, "2025-02": 3, "2025-03": 15})
    import_services.import_file(actor=analyst, dataset=dataset, path=path)
    indicator = make_indicator(name="Victims referred to assistance")

    feed = feeds.feed_create(
        actor=analyst, indicator=indicator, dataset=dataset, statistic="victims_per_month_referred"
    )

    jan, feb, mar = (datetime.date(2025, month, 1) for month in (1, 2, 3))
    assert _values(indicator) == {
        jan: (Decimal(12), "Referrals v1"),
        mar: (Decimal(15), "Referrals v1"),
    }
    assert feed.last_result == {"recorded": 2, "held_back": 1, "outside_plan": 0}

    path = write_referrals(tmp_path / "v2.csv", {"2025-01": 13, "2025-02": 11, "2025-03": 15})
    with django_capture_on_commit_callbacks(execute=True):
        import_services.import_file(actor=analyst, dataset=dataset, path=path)

    assert _values(indicator) == {
        jan: (Decimal(13), "Referrals v2"),
        feb: (Decimal(11), "Referrals v2"),
        mar: (Decimal(15), "Referrals v2"),
    }
    feed.refresh_from_db()
    assert feed.last_version.number == 2


def test_only_the_datasets_owner_feeds_an_indicator(tmp_path) -> None:
    fia = make_organisation("FIA")
    analyst = make_user("analyst", Role.ANALYST, organisation=fia)
    other = make_user("other", Role.ANALYST, organisation=make_organisation("Other"))
    dataset = dataset_services.dataset_create(
        actor=analyst, name="Referrals", kind="victims", crime_type="tip", source_organisation="FIA"
    )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        feeds.feed_create(
            actor=other,
            indicator=make_indicator(),
            dataset=dataset,
            statistic="victims_per_month_referred",
        )


def test_the_dataset_page_feeds_an_indicator_and_stops_with_confirmation(tmp_path) -> None:
    from django.test import Client

    from palermo.evidence.models import IndicatorFeed

    fia = make_organisation("FIA")
    analyst = make_user("analyst", Role.ANALYST, organisation=fia)
    dataset = dataset_services.dataset_create(
        actor=analyst, name="Referrals", kind="victims", crime_type="tip", source_organisation="FIA"
    )
    path = write_referrals(tmp_path / "v1.csv", {"2025-01": 12})
    import_services.import_file(actor=analyst, dataset=dataset, path=path)
    indicator = make_indicator(name="Victims referred to assistance")
    client = Client()
    client.force_login(analyst)
    page = client.get(f"/en/evidence/{dataset.pk}/").content.decode()
    assert "Victims referred to assistance" in page

    response = client.post(
        f"/en/evidence/{dataset.pk}/feeds/",
        {"indicator": indicator.pk, "statistic": "victims_per_month_referred"},
        follow=True,
    )

    assert "1 recorded, 0 held back" in response.content.decode()
    feed = IndicatorFeed.objects.get()
    url = f"/en/evidence/{dataset.pk}/feeds/{feed.pk}/remove/"
    assert "values already recorded stay" in client.get(url).content.decode()
    client.post(url)
    assert not IndicatorFeed.objects.exists()
    assert indicator.measurements.count() == 1
