import pytest

from palermo.reviews.models import Review
from tests.page_queries import count_queries, grow, load_demo, signed_in

pytestmark = pytest.mark.django_db

# The most queries each page may take on the demo data, for each demo account that reads it.
MOST = {
    ("secretariat", "review"): 22,
    ("secretariat", "side-by-side"): 19,
    ("focal", "review"): 23,
    ("focal", "side-by-side"): 21,
    ("coordinator", "review"): 24,
    ("coordinator", "side-by-side"): 21,
}


def test_a_review_and_its_side_by_side_read_as_many_queries_whatever_the_rows(
    settings: object,
) -> None:
    load_demo(settings)
    review = Review.objects.get(state__iso3="PAK", cluster__number=1, cycle=1)
    urls = {
        "review": f"/en/reviews/{review.pk}/",
        "side-by-side": f"/en/reviews/{review.pk}/side-by-side/",
    }

    def counts() -> dict[tuple[str, str], int]:
        return {
            (username, page): count_queries(signed_in(username), urls[page])
            for username, page in MOST
        }

    demo = counts()
    grow()

    assert {key: demo[key] for key, most in MOST.items() if demo[key] > most} == {}
    assert counts() == demo
