from pathlib import Path

import pytest
import yaml
from django.test import Client

from palermo.instruments.models import Article, Instrument, Ratification, State
from palermo.instruments.reference import REFERENCE, reference_load

pytestmark = pytest.mark.django_db
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "reference"


def reference(name: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((REFERENCE / name).read_text(encoding="utf-8"))


@pytest.mark.skipif(not SHARED.exists(), reason="no shared/reference beside the repository")
@pytest.mark.parametrize("name", ["untoc.yaml", "ratifications.yaml", "review_mechanism.yaml"])
def test_the_packaged_reference_files_match_the_shared_ones(name: str) -> None:
    assert (REFERENCE / name).read_text() == (SHARED / name).read_text()


def test_the_api_lists_the_four_instruments_with_their_article_counts(client: Client) -> None:
    expected = {i["code"]: len(i["articles"]) for i in reference("untoc.yaml")["instruments"]}

    body = client.get("/api/v1/instruments").json()

    assert {i["code"]: i["article_count"] for i in body} == expected
    assert expected == {"untoc": 41, "tip": 20, "som": 25, "firearms": 21}


def test_articles_are_addressed_by_code(client: Client) -> None:
    body = client.get("/api/v1/articles/untoc:23").json()

    assert body["title"] == "Criminalization of obstruction of justice"
    assert body["article"] == "untoc:23"
    assert body["clusters"] == [1]


def test_an_unknown_article_is_404_json(client: Client) -> None:
    assert client.get("/api/v1/articles/untoc:99").status_code == 404
    assert client.get("/api/v1/articles/nonsense").json() == {"detail": "Not Found"}


def test_every_cluster_is_listed_with_its_articles_and_completeness(client: Client) -> None:
    clusters = {c["number"]: c for c in client.get("/api/v1/clusters").json()}

    assert sorted(clusters) == [1, 2, 3, 4]
    first = {c["instrument"]: c for c in clusters[1]["compositions"]}
    assert first["untoc"]["articles"] == [f"untoc:{n}" for n in (2, 5, 6, 8, 9, 10, 15, 23)]
    assert first["tip"]["articles"] == ["tip:3", "tip:5"]
    assert first["som"]["articles"] == ["som:3", "som:5", "som:6"]
    assert first["untoc"]["confirmed"] is True
    assert first["firearms"] == {"instrument": "firearms", "articles": [], "confirmed": False}
    assert clusters[1]["complete"] is False
    assert all(not c["articles"] for c in clusters[2]["compositions"])


def test_all_un_member_and_observer_states_are_loaded(client: Client) -> None:
    data = reference("ratifications.yaml")

    assert State.objects.filter(un_status="member").count() == len(data["un_member_states"]) == 193
    assert State.objects.filter(un_status="observer").count() == 2
    assert client.get("/api/v1/states?limit=1").json()["count"] == 195


def test_every_member_but_the_four_non_parties_is_party_to_the_convention() -> None:
    parties = set(
        Ratification.objects.filter(instrument__code="untoc", is_party=True).values_list(
            "state__iso3", flat=True
        )
    )

    assert len(parties) == 189
    assert {"COG", "PNG", "SLB", "TUV"}.isdisjoint(parties)


def test_pakistan_is_loaded_with_its_group_and_ratifications(client: Client) -> None:
    body = client.get("/api/v1/states/pak").json()

    assert body["name"] == "Pakistan"
    assert body["regional_group"] == "Asia-Pacific States"
    ratifications = {r["instrument"]: r for r in body["ratifications"]}
    assert set(ratifications) == {"untoc", "tip"}
    assert ratifications["untoc"]["signed"] == "2000-12"
    assert ratifications["untoc"]["ratified"] == "2010-01"
    assert ratifications["tip"]["ratified"] == "2022"


def test_loading_the_reference_twice_creates_nothing() -> None:
    before = (Instrument.objects.count(), Article.objects.count(), Ratification.objects.count())

    assert reference_load() == {}

    assert (
        Instrument.objects.count(),
        Article.objects.count(),
        Ratification.objects.count(),
    ) == before


def test_a_secretariat_edit_survives_a_reload(secretariat: object) -> None:
    from palermo.instruments.services import instruments as instrument_services

    article = Article.objects.get(instrument__code="untoc", number=5)
    instrument_services.article_update(
        actor=None, article=article, summary="Our new words.", obligation=""
    )

    reference_load()

    article.refresh_from_db()
    assert article.summary == "Our new words."


def test_the_reference_pages_render(client: Client) -> None:
    for path in (
        "/en/instruments/",
        "/en/instruments/untoc/",
        "/en/instruments/untoc/6/",
        "/en/instruments/clusters/",
        "/en/instruments/clusters/1/",
        "/en/instruments/states/?group=none",
        "/en/instruments/states/PAK/",
    ):
        assert client.get(path).status_code == 200, path


def test_the_cluster_page_says_when_its_composition_is_incomplete(client: Client) -> None:
    page = client.get("/en/instruments/clusters/1/").content.decode()

    assert "Incomplete" in page
    assert "Part of this cluster's composition is not confirmed" in page
