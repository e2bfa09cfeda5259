"""A page and the API answer the same refusal with the same status, for every role.

Walks the refusals the read-rule world can produce — a record of another State, a draft not
readable, civil society's submissions not readable, a change to a locked answer or submission —
on each page and its API counterpart, as every role, and compares the class of the answer:
done, sign in first (a page sends to the sign-in form, the API says 401), 403, 404 or 409.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.http import HttpResponse

from palermo.reviews.models import ArticleAnswer
from palermo.reviews.services import answers as answer_services
from tests.read_rules_world import ROLES, World, world_built

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    with (
        django_db_blocker.unblock(),
        world_built(tmp_path_factory.mktemp("refusals"), reports=False) as world,
    ):
        yield world


def outcome(response: HttpResponse) -> str:
    """The class of an answer: what a page and the API must agree on."""
    status = response.status_code
    if status == 401 or (status == 302 and "/login/" in response.get("location", "")):
        return "sign in"
    if status < 400:
        return "done"
    return str(status)


Request = Callable[[World, str], HttpResponse]


def _page_get(path: str) -> Request:
    def get(world: World, role: str) -> HttpResponse:
        review, answer = world.review.pk, world.answer.pk
        return world.client(role).get(path.format(review=review, answer=answer))

    return get


def _api_get(path: str) -> Request:
    def get(world: World, role: str) -> HttpResponse:
        review, answer = world.review.pk, world.answer.pk
        url = "/api/v1" + path.format(review=review, answer=answer)
        return world.client("anonymous").get(url, headers=world.headers(role))

    return get


def _answer_page_save(world: World, role: str) -> HttpResponse:
    answer = ArticleAnswer.objects.get(pk=world.answer.pk)
    return world.client(role).post(
        f"/en/reviews/{world.review.pk}/answers/{answer.pk}/",
        {"action": "save", "version": answer.version, "compliance": "no", "q_measures": "New."},
    )


def _answer_api_save(world: World, role: str) -> HttpResponse:
    answer = ArticleAnswer.objects.get(pk=world.answer.pk)
    return world.client("anonymous").put(
        f"/api/v1/reviews/{world.review.pk}/answers/{answer.pk}",
        data={"version": answer.version, "compliance": "no", "responses": {"measures": "New."}},
        content_type="application/json",
        headers=world.headers(role),
    )


def _parallel_page_save(world: World, role: str) -> HttpResponse:
    article = world.answer.article_id
    return world.client(role).post(
        f"/en/reviews/{world.review.pk}/civil-society/",
        {"action": "save", f"{article}-assessment": "compliant", f"{article}-evidence": "New."},
    )


def _parallel_api_save(world: World, role: str) -> HttpResponse:
    return world.client("anonymous").put(
        f"/api/v1/reviews/{world.review.pk}/parallel",
        data={
            "assessments": [{"article": "untoc:6", "assessment": "compliant", "evidence": "New."}]
        },
        content_type="application/json",
        headers=world.headers(role),
    )


UNREADABLE = 10**9  # an observation id nobody reads (none exists)


def _reply_page(world: World, role: str) -> HttpResponse:
    return world.client(role).post(
        f"/en/reviews/{world.review.pk}/observations/",
        {"action": "reply", "observation": UNREADABLE, "text": "Noted."},
    )


def _reply_api(world: World, role: str) -> HttpResponse:
    return world.client("anonymous").post(
        f"/api/v1/reviews/{world.review.pk}/observations/{UNREADABLE}/replies",
        data={"text": "Noted."},
        content_type="application/json",
        headers=world.headers(role),
    )


READS: dict[str, tuple[Request, Request]] = {
    "a review": (_page_get("/en/reviews/{review}/"), _api_get("/reviews/{review}")),
    "an answer": (
        _page_get("/en/reviews/{review}/answers/{answer}/"),
        _api_get("/reviews/{review}/answers/{answer}"),
    ),
    # Observations have no page of their own: the review's page shows them to their readers.
    "observations": (
        _page_get("/en/reviews/{review}/"),
        _api_get("/reviews/{review}/observations"),
    ),
    "civil society's submissions": (
        _page_get("/en/reviews/{review}/civil-society/"),
        _api_get("/reviews/{review}/parallel/submissions"),
    ),
    "the side-by-side": (
        _page_get("/en/reviews/{review}/side-by-side/"),
        _api_get("/reviews/{review}/side-by-side"),
    ),
    "the questionnaire form": (
        _page_get("/en/reviews/{review}/xlsform/"),
        _api_get("/reviews/{review}/xlsform"),
    ),
}
CHANGES: dict[str, tuple[Request, Request]] = {
    "an approved answer": (_answer_page_save, _answer_api_save),
    "a sent submission": (_parallel_page_save, _parallel_api_save),
    "an observation one may not read": (_reply_page, _reply_api),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("what", list(READS))
def test_reading_is_refused_alike_on_the_page_and_the_api(
    world: World, what: str, role: str
) -> None:
    page, api = READS[what]

    assert outcome(page(world, role)) == outcome(api(world, role))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("what", list(CHANGES))
def test_a_locked_change_is_refused_alike_on_the_page_and_the_api(
    world: World, what: str, role: str
) -> None:
    answer_services.answer_approve(actor=None, answers=[world.answer])
    page, api = CHANGES[what]

    answers = (outcome(page(world, role)), outcome(api(world, role)))

    assert answers[0] == answers[1]


def test_the_walk_meets_every_kind_of_refusal(world: World) -> None:
    answer_services.answer_approve(actor=None, answers=[world.answer])
    seen = {
        outcome(page(world, role))
        for page, _api in [*READS.values(), *CHANGES.values()]
        for role in ROLES
    }

    assert seen == {"done", "sign in", "403", "404", "409"}
