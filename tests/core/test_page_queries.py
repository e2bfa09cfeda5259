import pytest

from tests.page_queries import count_queries, grow, signed_in

pytestmark = pytest.mark.django_db


# 34: the panels, plus the inbox summary (about five reads, one or two per app, issue 14).
@pytest.mark.parametrize(("username", "most"), [("secretariat", 34), ("focal", 34)])
def test_the_dashboard_reads_a_bounded_number_of_queries_whatever_the_rows(
    demo_loaded: None, username: str, most: int
) -> None:
    client = signed_in(username)
    demo = count_queries(client, "/en/")

    grow()

    assert demo <= most
    assert count_queries(client, "/en/") == demo
