import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from palermo.core.search import search
from palermo.instruments.demo import demo_load
from palermo.instruments.models import Cluster, State
from palermo.instruments.selectors import coverage as coverage_selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_legislation() -> None:
    demo_load()


def cluster_one_status() -> dict[str, str]:
    matrix = coverage_selectors.coverage_matrix(
        State.objects.get(iso3="PAK"), cluster=Cluster.objects.get(number=1)
    )
    return {
        row.article.code: ("covered" if row.provisions else "gap" if row.is_gap else "not party")
        for group in matrix.groups
        for row in group.rows
    }


def test_the_coverage_matrix_shows_covered_articles_and_gaps(demo_legislation: None) -> None:
    assert cluster_one_status() == {
        "untoc:2": "gap",
        "untoc:5": "gap",
        "untoc:6": "covered",
        "untoc:8": "covered",
        "untoc:9": "covered",
        "untoc:10": "gap",
        "untoc:15": "gap",
        "untoc:23": "gap",
        "tip:3": "covered",
        "tip:5": "covered",
        "som:3": "covered",
        "som:5": "not party",
        "som:6": "covered",
    }


def test_the_matrix_counts_per_cluster(demo_legislation: None) -> None:
    matrix = coverage_selectors.coverage_matrix(State.objects.get(iso3="PAK"))

    totals = {
        cluster.number if cluster else None: rest for cluster, *rest in matrix.cluster_totals()
    }
    assert totals[1] == [13, 7, 5]


def test_the_gap_count_equals_the_matrix_gaps_within_clusters(demo_legislation: None) -> None:
    state = State.objects.get(iso3="PAK")
    matrix = coverage_selectors.coverage_matrix(state)
    in_clusters = sum(group.gaps for group in matrix.groups if group.cluster is not None)

    assert coverage_selectors.coverage_gap_count(state) == in_clusters
    assert in_clusters == 5


def test_the_coverage_xlsx_holds_the_same_cells_as_the_page(
    client: Client, demo_legislation: None
) -> None:
    response = client.get("/en/instruments/coverage/?state=PAK&cluster=1&format=xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = {row[2]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    expected = cluster_one_status()
    assert set(rows) == set(expected)
    labels = {"covered": "Covered", "gap": "Gap", "not party": "Not party"}
    assert {code: row[5] for code, row in rows.items()} == {
        c: labels[s] for c, s in expected.items()
    }
    assert "AMLA 2010, s. 3" in rows["untoc:6"][6]
    page = client.get("/en/instruments/coverage/?state=PAK&cluster=1").content.decode()
    assert page.count(">Gap</span>") == 5


def test_searching_money_laundering_finds_article_6_and_the_act(demo_legislation: None) -> None:
    hits = search("money laundering", states=["PAK"])

    found = {(hit.kind, hit.title.replace("<mark>", "").replace("</mark>", "")) for hit in hits}
    assert (
        "article",
        "Organized Crime Convention, article 6: "
        "Criminalization of the laundering of proceeds of crime",
    ) in found
    assert ("law", "Anti-Money Laundering Act, 2010 (AMLA 2010)") in found
    assert any("<mark>" in hit.title for hit in hits)


def test_search_ranks_title_matches_first(demo_legislation: None) -> None:
    hits = search("obstruction of justice", states=["PAK"])

    assert hits[0].path == "/instruments/untoc/23/"


def test_search_hides_other_states_laws(demo_legislation: None) -> None:
    assert not [hit for hit in search("money laundering", states=["TON"]) if hit.kind == "law"]


def test_search_escapes_what_it_highlights(secretariat: object) -> None:
    from palermo.instruments.services import legislation as legislation_services

    law = legislation_services.law_create(
        actor=None, state=State.objects.get(iso3="PAK"), title="<script>x</script> Laundering Act"
    )

    hits = search("laundering", states=["PAK"])

    title = next(hit.title for hit in hits if hit.object_id == str(law.pk))
    assert "<script>" not in title
    assert "&lt;script&gt;" in title


def test_the_search_api_is_public_and_marks_matches(client: Client, demo_legislation: None) -> None:
    body = client.get("/api/v1/search?q=trafficking").json()

    assert body
    assert "<mark>" in body[0]["title"] + body[0]["snippet"]


def test_the_search_page_links_results_in_the_readers_language(
    client: Client, demo_legislation: None
) -> None:
    page = client.get("/ur/search/?q=laundering").content.decode()

    assert 'href="/ur/instruments/untoc/6/"' in page
