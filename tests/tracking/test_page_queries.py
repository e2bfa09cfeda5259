import pytest

from palermo.tracking.models import ActionPlan
from tests.page_queries import count_queries, grow, load_demo, signed_in

pytestmark = pytest.mark.django_db

# The most queries each page may take on the demo data, read by the secretariat.
MOST = {
    "recommendations": 18,
    "plan dashboard": 9,
    "recommendations (API)": 10,
    "plans (API)": 4,
}


def test_the_tracking_pages_read_as_many_queries_whatever_the_rows(settings: object) -> None:
    load_demo(settings)
    plan = ActionPlan.objects.get()
    urls = {
        "recommendations": "/en/tracking/recommendations/",
        "plan dashboard": f"/en/tracking/plans/{plan.pk}/dashboard/",
        "recommendations (API)": "/api/v1/recommendations",
        "plans (API)": "/api/v1/plans",
    }
    client = signed_in("secretariat")
    demo = {page: count_queries(client, url) for page, url in urls.items()}

    grow()

    assert {page: demo[page] for page, most in MOST.items() if demo[page] > most} == {}
    assert {page: count_queries(client, url) for page, url in urls.items()} == demo
