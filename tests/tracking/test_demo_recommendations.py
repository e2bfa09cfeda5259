"""The demo recommendations: the alliance's agenda and the statements' points, with progress."""

import datetime

import pytest

from palermo.tracking.demo import recommendations as demo
from palermo.tracking.models import Recommendation, RecommendationUpdate, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo_loaded: None) -> None:
    """The demo, loaded once for the module (see tests/conftest.py)."""


def test_the_agenda_and_the_three_statements_give_21_recommendations(loaded: None) -> None:
    agenda = Recommendation.objects.filter(source="report")
    by_statement = {
        title: Recommendation.objects.filter(source="statement", statement__title=title)
        for title in (
            "Written statement on Trafficking in Persons",
            "Written statement on Smuggling of Migrants",
            "Written statement on Firearms",
        )
    }

    assert Recommendation.objects.filter(country="PAK").count() == 21
    assert agenda.count() == 6
    assert set(agenda.values_list("source_title", flat=True)) == {
        "Civil Society Alliance: 6-point agenda"
    }
    assert set(agenda.values_list("issued_on", flat=True)) == {datetime.date(2022, 9, 15)}
    assert [qs.count() for qs in by_statement.values()] == [6, 3, 6]
    tip = by_statement["Written statement on Trafficking in Persons"].order_by("reference")
    assert [r.reference for r in tip] == [f"TIP-{n}" for n in range(1, 7)]
    assert {r.issued_on for r in tip} == {datetime.date(2024, 7, 10)}


def test_statuses_come_from_the_latest_updates_and_cover_every_status(loaded: None) -> None:
    recommendations = Recommendation.objects.all()

    for recommendation in recommendations:
        latest = recommendation.updates.order_by("-reported_on", "-pk").first()
        expected = latest.status if latest else Status.NOT_STARTED
        assert recommendation.status == expected, recommendation.reference
    assert set(recommendations.values_list("status", flat=True)) == set(Status.values)
    years = {u.reported_on.year for u in RecommendationUpdate.objects.all()}
    assert years == {2023, 2024, 2025}


def test_recommendations_are_tied_to_themes_articles_bodies_and_targets(loaded: None) -> None:
    database = Recommendation.objects.get(reference="TIP-1")
    marking = Recommendation.objects.get(reference="FA-1")

    assert [a.code for a in marking.articles.all()] == ["firearms:8"]
    assert [b.name for b in database.responsible_bodies.all()] == ["Federal Investigation Agency"]
    assert sorted(t.code for t in database.sdg_targets.all()) == ["16.2", "5.2"]
    assert not Recommendation.objects.filter(themes__isnull=True).exists()
    assert not Recommendation.objects.filter(responsible_bodies__isnull=True).exists()


def test_loading_again_writes_nothing(loaded: None) -> None:
    before = (Recommendation.objects.count(), RecommendationUpdate.objects.count())

    assert demo.load() == {"recommendations": 0, "progress updates": 0}
    assert (Recommendation.objects.count(), RecommendationUpdate.objects.count()) == before
