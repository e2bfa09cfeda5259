"""The reviews' items in each person's inbox: drafting, returned, approvals, observations."""

import pytest
from django.test import Client
from django.utils.html import escape

from palermo.core.inbox import inbox_for
from palermo.core.models import User
from palermo.engagement.models import Organisation
from palermo.instruments.models import Article
from palermo.reviews import messages
from palermo.reviews.models import Review
from palermo.reviews.services import answers as answer_services
from palermo.reviews.services import observations as observation_services
from tests.factories import make_organisation
from tests.reviews.test_answers import answer_on

pytestmark = pytest.mark.django_db


def _kinds(user: User) -> dict[str, list[str]]:
    return {group.kind: [item.title for item in group.items] for group in inbox_for(user)}


def test_an_assigned_answer_waits_in_the_drafters_inbox_with_its_link(
    review: Review, focal: User, fia: Organisation, secretariat: User
) -> None:
    answer = answer_on(review, "untoc:6")
    answer_services.answer_assign(actor=secretariat, answers=[answer], body=fia)

    groups = inbox_for(focal)

    assert [group.kind for group in groups] == ["answers"]
    (item,) = groups[0].items
    assert item.link == f"/en/reviews/{review.pk}/answers/{answer.pk}/"
    assert item.title.startswith("untoc:6")
    assert "not started" in str(item.why)


def test_a_sent_answer_leaves_the_drafter_and_waits_for_the_secretariat(
    review: Review, focal: User, fia: Organisation, secretariat: User
) -> None:
    answer = answer_on(review, "untoc:6")
    answer_services.answer_assign(actor=secretariat, answers=[answer], body=fia)
    answer.refresh_from_db()
    answer_services.answer_save(
        actor=focal,
        answer=answer,
        expected_version=answer.version,
        responses={"measures": "Text."},
        send=True,
    )

    assert _kinds(focal) == {}
    assert _kinds(secretariat)["approvals"] == [
        answer_on(review, "untoc:6").article.code + " " + answer.article.title
    ]


def test_a_returned_answer_says_why_in_the_inbox(
    review: Review, focal: User, fia: Organisation, secretariat: User
) -> None:
    answer = answer_on(review, "untoc:6")
    answer_services.answer_assign(actor=secretariat, answers=[answer], body=fia)
    answer.refresh_from_db()
    answer_services.answer_save(
        actor=focal,
        answer=answer,
        expected_version=answer.version,
        responses={"measures": "Text."},
        send=True,
    )
    answer_services.answer_return(
        actor=secretariat, answers=[answer], comment="Cite the section of the law."
    )

    (item,) = inbox_for(focal)[0].items
    assert str(item.why) == "Returned by the secretariat: Cite the section of the law."


def test_someone_elses_answer_is_not_in_the_inbox(
    review: Review, focal: User, secretariat: User
) -> None:
    other = make_organisation("Ministry of Interior")
    answer_services.answer_assign(
        actor=secretariat, answers=[answer_on(review, "untoc:6")], body=other
    )

    assert _kinds(focal) == {}


def test_an_open_observation_waits_for_the_state_until_it_replies(
    submitted_review: Review, focal: User, fia: Organisation, tongan_reviewer: User
) -> None:
    article = Article.objects.get(instrument__code="untoc", number=6)
    observation = observation_services.observation_create(
        actor=tongan_reviewer,
        review=submitted_review,
        article=article,
        kind="question",
        text="How many convictions?",
    )

    assert len(_kinds(focal)["observations"]) == 1
    assert _kinds(tongan_reviewer) == {}

    observation_services.observation_reply(actor=focal, observation=observation, text="Twelve.")

    assert "observations" not in _kinds(focal)


def test_an_answer_of_a_submitted_review_says_who_can_unlock_it(
    submitted_review: Review, secretariat: User
) -> None:
    client = Client()
    client.force_login(secretariat)
    answer = answer_on(submitted_review, "untoc:6")

    page = client.get(f"/en/reviews/{submitted_review.pk}/answers/{answer.pk}/").content.decode()

    assert escape(str(messages.REVIEW_LOCKED)) in page
