import pytest
from django.test import Client

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation
from palermo.reviews.models import AnswerStatus, Review
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_secretariat_opens_a_review_from_the_page(client: Client, secretariat: User) -> None:
    client.force_login(secretariat)

    response = client.post("/en/reviews/new/", {"cluster": 1, "year": 2021})

    review = Review.objects.get()
    assert response.headers["location"] == f"/en/reviews/{review.pk}/"
    page = client.get(f"/en/reviews/{review.pk}/").content.decode()
    assert "untoc:23" in page
    assert "Submit to reviewers" in page


def test_the_review_list_invites_the_secretariat_to_open_the_first_review(
    client: Client, secretariat: User
) -> None:
    client.force_login(secretariat)

    page = client.get("/en/reviews/").content.decode()

    assert "No review yet." in page
    assert "Open a review" in page


def test_assigning_and_approving_from_the_review_page(
    client: Client, review: Review, secretariat: User, fia: Organisation
) -> None:
    client.force_login(secretariat)
    answer = review.answers.get(article__number=6)

    client.post(
        f"/en/reviews/{review.pk}/", {"action": "assign", "answers": [answer.pk], "body": fia.pk}
    )
    client.post(
        f"/en/reviews/{review.pk}/answers/{answer.pk}/",
        {
            "action": "save",
            "version": 1,
            "compliance": "yes",
            "q_measures": "Section 3 of AMLA 2010.",
        },
    )
    client.post(f"/en/reviews/{review.pk}/", {"action": "approve", "answers": [answer.pk]})

    answer.refresh_from_db()
    assert answer.assigned_body == fia
    assert answer.responses == {"measures": "Section 3 of AMLA 2010."}
    assert answer.status == AnswerStatus.APPROVED


def test_a_stale_form_tells_the_user_who_saved_meanwhile(
    client: Client, review: Review, secretariat: User
) -> None:
    client.force_login(secretariat)
    answer = review.answers.get(article__number=6)
    url = f"/en/reviews/{review.pk}/answers/{answer.pk}/"
    client.post(url, {"action": "save", "version": 0, "compliance": "yes"})

    response = client.post(url, {"action": "save", "version": 0, "compliance": "no"}, follow=True)

    assert "saved this answer" in response.content.decode()
    answer.refresh_from_db()
    assert answer.compliance == "yes"


def test_submitting_asks_for_confirmation_and_refuses_unapproved_articles(
    client: Client, review: Review, secretariat: User
) -> None:
    client.force_login(secretariat)

    confirm = client.get(f"/en/reviews/{review.pk}/submit/").content.decode()
    refused = client.post(f"/en/reviews/{review.pk}/submit/", follow=True).content.decode()

    assert "Once submitted, answers are locked" in confirm
    assert "These articles have no approved answer yet" in refused


def test_a_focal_person_sees_the_review_but_cannot_manage_it(
    client: Client, review: Review, focal: User
) -> None:
    client.force_login(focal)

    page = client.get(f"/en/reviews/{review.pk}/").content.decode()

    assert "Submit to reviewers" not in page
    assert client.post(f"/en/reviews/{review.pk}/", {"action": "approve"}).status_code == 403
    assert client.get(f"/en/reviews/{review.pk}/submit/").status_code == 403


def test_a_user_of_another_state_cannot_see_the_review(client: Client, review: Review) -> None:
    from tests.factories import make_organisation

    client.force_login(
        make_user(
            "tongan", Role.FOCAL_PERSON, organisation=make_organisation("Tonga MoJ", country="TON")
        )
    )

    assert client.get(f"/en/reviews/{review.pk}/").status_code == 404
    assert client.get(f"/api/v1/reviews/{review.pk}").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, review: Review) -> None:
    response = client.get(f"/en/reviews/{review.pk}/")

    assert response.status_code == 302
    assert "/accounts/login/" in response.headers["location"]
