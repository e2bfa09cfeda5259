import pytest

from tests.page_queries import count_queries, grow, signed_in

pytestmark = pytest.mark.django_db

URLS = {
    "organisations": "/en/engagement/organisations/",
    "people": "/en/engagement/people/",
    "organisations (API)": "/api/v1/organisations",
    "people (API)": "/api/v1/people",
}
# The most queries each page may take on the demo data, for the secretariat and the alliance's
# coordinator.
MOST = {"organisations": 9, "people": 7, "organisations (API)": 6, "people (API)": 6}


@pytest.mark.parametrize("username", ["secretariat", "coordinator"])
def test_the_registry_reads_as_many_queries_whatever_the_rows(
    demo_loaded: None, username: str
) -> None:
    client = signed_in(username)
    demo = {page: count_queries(client, url) for page, url in URLS.items()}

    grow()

    assert {page: demo[page] for page, most in MOST.items() if demo[page] > most} == {}
    assert {page: count_queries(client, url) for page, url in URLS.items()} == demo
