import pytest
from django.test import Client

from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from palermo.reviews.models import ArticleAnswer, Milestone, Question, Review
from tests.factories import bearer, make_user

pytestmark = pytest.mark.django_db
CONVENTION_CLUSTER_ONE = [f"untoc:{n}" for n in (2, 5, 6, 8, 9, 10, 15, 23)]


def open_review(client: Client, user: User, **payload: object) -> object:
    return client.post(
        "/api/v1/reviews",
        data={"state": "PAK", "cluster": 1, **payload},
        content_type="application/json",
        headers=bearer(user),
    )


def questionnaire_articles(client: Client, user: User, review_id: int) -> list[str]:
    questions = client.get(
        f"/api/v1/reviews/{review_id}/questionnaire", headers=bearer(user)
    ).json()
    return list(dict.fromkeys(q["article"] for q in questions))


def test_a_2021_review_of_pakistan_asks_about_the_convention_only(
    client: Client, secretariat: User
) -> None:
    response = open_review(client, secretariat, year=2021)

    assert response.status_code == 201
    body = response.json()
    assert body["instruments"] == ["untoc"]
    assert body["start_date"] == "2021-01-01"
    assert questionnaire_articles(client, secretariat, body["id"]) == CONVENTION_CLUSTER_ONE


def test_a_2023_review_adds_the_trafficking_protocol_articles_only(
    client: Client, secretariat: User
) -> None:
    response = open_review(client, secretariat, year=2023)

    body = response.json()
    assert body["instruments"] == ["untoc", "tip"]
    assert questionnaire_articles(client, secretariat, body["id"]) == [
        *CONVENTION_CLUSTER_ONE,
        "tip:3",
        "tip:5",
    ]


def test_each_article_gets_the_five_default_questions(client: Client, secretariat: User) -> None:
    review_id = open_review(client, secretariat, year=2021).json()["id"]

    questions = client.get(
        f"/api/v1/reviews/{review_id}/questionnaire", headers=bearer(secretariat)
    ).json()

    assert len(questions) == 8 * 5
    first = [q for q in questions if q["article"] == "untoc:5"]
    assert [q["key"] for q in first] == [
        "compliance",
        "measures",
        "provisions",
        "examples",
        "assistance",
    ]
    assert first[1]["field_name"] == "untoc_5_measures"


def test_opening_the_same_review_twice_is_409(client: Client, secretariat: User) -> None:
    open_review(client, secretariat, year=2021)

    again = open_review(client, secretariat, year=2022)

    assert again.status_code == 409
    assert again.json() == {
        "detail": "This State is already reviewed under this cluster in this cycle."
    }
    assert Review.objects.count() == 1


def test_a_next_cycle_may_review_the_same_cluster_again(client: Client, secretariat: User) -> None:
    open_review(client, secretariat, year=2021)

    assert open_review(client, secretariat, year=2031, cycle=2).status_code == 201


def test_only_the_secretariat_of_the_state_opens_its_review(client: Client) -> None:
    focal = make_user("focal", Role.FOCAL_PERSON)

    assert open_review(client, focal, year=2021).status_code == 403
    assert not Review.objects.exists()


def test_opening_sets_the_mechanisms_deadlines_and_is_audited(
    client: Client, secretariat: User
) -> None:
    review_id = open_review(client, secretariat, year=2021).json()["id"]

    due = dict(Milestone.objects.filter(review_id=review_id).values_list("kind", "due"))
    assert str(due["focal_point"]) == "2021-01-15"
    assert str(due["experts"]) == "2021-01-29"
    assert str(due["self_assessment"]) == "2021-07-01"
    assert due["reviewer_feedback"] is None
    assert ArticleAnswer.objects.filter(review_id=review_id).count() == 8
    assert Question.objects.filter(review_id=review_id).count() == 40
    event = AuditEvent.objects.filter(
        object_type="reviews.review", object_id=str(review_id), changes__has_key="articles"
    ).first()
    assert event is not None
    assert event.changes["articles"] == [None, CONVENTION_CLUSTER_ONE]
