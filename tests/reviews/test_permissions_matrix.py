"""Every role × every action of a review, through the API and through the pages."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.core.services import tokens as token_services
from palermo.instruments.models import Article, Cluster, State
from palermo.reviews.models import ArticleAnswer, Observation, ParallelSubmission, Review
from palermo.reviews.services import answers as answer_services
from palermo.reviews.services import observations as observation_services
from palermo.reviews.services import opening as opening_services
from palermo.reviews.services import parallel as parallel_services
from palermo.reviews.services import phases as phase_services
from palermo.reviews.services import reviewers as reviewer_services
from tests.factories import make_organisation, make_user
from tests.reviews.conftest import approve_everything

pytestmark = pytest.mark.django_db
ROLES = [
    "secretariat",
    "focal",
    "reviewer",
    "observer",
    "coordinator",
    "member",
    "monitor",
    "analyst",
    "anonymous",
]
ALLOWED = {
    "read_draft": {"secretariat", "focal"},
    # After submission reviewers and observers read the answer, never its unsent versions.
    "read_history": {"secretariat", "focal"},
    "edit": {"secretariat", "focal"},
    "approve": {"secretariat"},
    "submit": {"secretariat"},
    "observe": {"reviewer"},
    "reply": {"secretariat", "focal", "reviewer"},
    "read_parallel": {"coordinator", "member"},
    "consolidate": {"coordinator"},
}


@dataclass
class World:
    review: Review
    answer: ArticleAnswer
    users: dict[str, User]
    observation: Observation | None = None


def build_world(*, submitted: bool) -> World:
    fia = make_organisation("Federal Investigation Agency")
    bar = make_organisation("Pakistan Bar Council", kind="civil_society")
    alliance = make_organisation("Alliance", kind="civil_society")
    tonga = make_organisation("Government of Tonga", country="TON")
    users = {
        "secretariat": make_user(
            "secretariat", Role.SECRETARIAT, organisation=make_organisation("NPB")
        ),
        "focal": make_user("focal", Role.FOCAL_PERSON, organisation=fia),
        "reviewer": make_user("reviewer", organisation=tonga),
        "observer": make_user(
            "observer", organisation=make_organisation("UNODC", kind="international", country="")
        ),
        "coordinator": make_user("coordinator", Role.CS_COORDINATOR, organisation=alliance),
        "member": make_user("member", Role.CS_MEMBER, organisation=bar),
        "monitor": make_user(
            "monitor", Role.PLAN_MONITOR, organisation=make_organisation("Ministry of Interior")
        ),
        "analyst": make_user(
            "analyst", Role.ANALYST, organisation=make_organisation("Research unit")
        ),
    }
    review = opening_services.review_open(
        actor=None,
        state=State.objects.get(iso3="PAK"),
        cluster=Cluster.objects.get(number=1),
        year=2021,
    )
    reviewer_services.participant_add(
        actor=None, review=review, user=users["reviewer"], role=Role.PEER_REVIEWER
    )
    reviewer_services.participant_add(
        actor=None, review=review, user=users["observer"], role=Role.OBSERVER
    )
    answer = review.answers.get(article__number=6)
    answer_services.answer_assign(actor=None, answers=[answer], body=fia)
    answer.refresh_from_db()
    answer_services.answer_save(
        actor=None, answer=answer, expected_version=answer.version, compliance="yes"
    )
    article = Article.objects.get(instrument__code="untoc", number=6)
    submission = parallel_services.parallel_save(
        actor=users["member"], review=review, assessments={article: {"assessment": "compliant"}}
    )
    parallel_services.parallel_submit(actor=users["member"], submission=submission)
    world = World(review, answer, users)
    if submitted:
        approve_everything(users["secretariat"], review)
        phase_services.review_submit(actor=None, review=review)
        phase_services.review_advance(actor=None, review=review)
        world.observation = observation_services.observation_create(
            actor=users["reviewer"],
            review=review,
            article=article,
            kind="question",
            text="How many cases?",
        )
    world.answer.refresh_from_db()
    return world


def api_client(world: World, role: str) -> tuple[Client, dict[str, str]]:
    if role == "anonymous":
        return Client(), {}
    _token, raw = token_services.token_create(actor=None, owner=world.users[role], name="t")
    return Client(), {"authorization": f"Bearer {raw}"}


def call_api(world: World, role: str, action: str) -> bool:
    """Perform the action through the API; True when it was allowed."""
    client, headers = api_client(world, role)
    review, answer = world.review, world.answer
    base = f"/api/v1/reviews/{review.pk}"
    json: dict[str, Any] = {"content_type": "application/json", "headers": headers}
    if action == "read_draft":
        response = client.get(f"{base}/answers/{answer.pk}", headers=headers)
    elif action == "read_history":
        response = client.get(f"{base}/answers/{answer.pk}/history", headers=headers)
    elif action == "edit":
        response = client.put(
            f"{base}/answers/{answer.pk}",
            data={"version": answer.version, "compliance": "partly"},
            **json,
        )
    elif action == "approve":
        response = client.post(f"{base}/approve", data={"answers": [answer.pk]}, **json)
    elif action == "submit":
        approve_everything(world.users["secretariat"], review)
        response = client.post(f"{base}/submit", **json)
    elif action == "observe":
        response = client.post(
            f"{base}/observations",
            data={"article": "untoc:6", "kind": "finding", "text": "Noted."},
            **json,
        )
    elif action == "reply":
        assert world.observation is not None
        response = client.post(
            f"{base}/observations/{world.observation.pk}/replies", data={"text": "Reply."}, **json
        )
    elif action == "read_parallel":
        response = client.get(f"{base}/parallel/submissions", headers=headers)
        return response.status_code == 200 and len(response.json()) == 1
    elif action == "consolidate":
        response = client.put(
            f"{base}/consolidation/untoc:6", data={"assessment": "compliant"}, **json
        )
    else:
        raise AssertionError(action)
    assert response.status_code in {200, 201, 401, 403, 404}, (
        role,
        action,
        response.status_code,
        response.content,
    )
    return response.status_code in {200, 201}


@pytest.mark.parametrize("action", list(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_the_api_allows_exactly_the_roles_of_the_matrix(role: str, action: str) -> None:
    world = build_world(submitted=action in {"observe", "reply", "read_history"})

    assert call_api(world, role, action) is (role in ALLOWED[action])


def call_page(world: World, role: str, action: str) -> bool:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    review, answer = world.review, world.answer
    answer_url = f"/en/reviews/{review.pk}/answers/{answer.pk}/"
    if action == "read_draft":
        return client.get(answer_url).status_code == 200
    if action == "read_history":
        page = client.get(answer_url)
        return page.status_code == 200 and 'id="history-heading"' in page.content.decode()
    if action == "edit":
        client.post(answer_url, {"action": "save", "version": answer.version, "compliance": "no"})
        return ArticleAnswer.objects.get(pk=answer.pk).compliance == "no"
    if action == "approve":
        client.post(f"/en/reviews/{review.pk}/", {"action": "approve", "answers": [answer.pk]})
        return ArticleAnswer.objects.get(pk=answer.pk).status == "approved"
    if action == "submit":
        approve_everything(world.users["secretariat"], review)
        client.post(f"/en/reviews/{review.pk}/submit/")
        return Review.objects.get(pk=review.pk).phase == "submitted"
    if action == "observe":
        client.post(
            f"/en/reviews/{review.pk}/observations/",
            {"action": "observe", "article": "untoc:6", "kind": "finding", "text": "Seen."},
        )
        return Observation.objects.filter(text="Seen.").exists()
    if action == "reply":
        assert world.observation is not None
        client.post(
            f"/en/reviews/{review.pk}/observations/",
            {"action": "reply", "observation": world.observation.pk, "text": "Answer."},
        )
        return world.observation.replies.filter(text="Answer.").exists()
    if action == "read_parallel":
        page = client.get(f"/en/reviews/{review.pk}/civil-society/")
        return page.status_code == 200 and "Pakistan Bar Council" in page.content.decode()
    if action == "consolidate":
        client.post(
            f"/en/reviews/{review.pk}/civil-society/",
            {"action": "consolidate", "article": answer.article_id, "assessment": "partly"},
        )
        return review.consolidations.filter(assessment="partly").exists()
    raise AssertionError(action)


@pytest.mark.parametrize("action", list(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_the_pages_enforce_the_same_matrix(role: str, action: str) -> None:
    world = build_world(submitted=action in {"observe", "reply", "read_history"})

    assert call_page(world, role, action) is (role in ALLOWED[action])


def test_the_member_sees_only_its_own_organisations_submission() -> None:
    world = build_world(submitted=False)
    other = make_user(
        "other", Role.CS_MEMBER, organisation=make_organisation("Another NGO", kind="civil_society")
    )

    client, headers = api_client(world, "member")
    own = client.get(
        f"/api/v1/reviews/{world.review.pk}/parallel/submissions", headers=headers
    ).json()
    _token, raw = token_services.token_create(actor=None, owner=other, name="t")
    theirs = (
        Client()
        .get(
            f"/api/v1/reviews/{world.review.pk}/parallel/submissions",
            headers={"authorization": f"Bearer {raw}"},
        )
        .json()
    )

    assert [s["organisation"] for s in own] == ["Pakistan Bar Council"]
    assert theirs == []
    assert ParallelSubmission.objects.count() == 1


def test_articles_are_assigned_only_within_the_state_under_review() -> None:
    world = build_world(submitted=False)
    client, headers = api_client(world, "secretariat")
    home_office = make_organisation("Home Office", country="IND")
    stranger = make_user("stranger", Role.FOCAL_PERSON, organisation=home_office)
    civil = make_organisation("An NGO", kind="civil_society")
    url = f"/api/v1/reviews/{world.review.pk}/assign"
    before = ArticleAnswer.objects.values_list("pk", "assigned_body_id", "assignee_id")
    before_list = list(before.order_by("pk"))

    foreign_body = client.post(
        url,
        data={"articles": ["untoc:6"], "body": home_office.pk},
        content_type="application/json",
        headers=headers,
    )
    not_government = client.post(
        url,
        data={"articles": ["untoc:6"], "body": civil.pk},
        content_type="application/json",
        headers=headers,
    )
    foreign_person = client.post(
        url,
        data={
            "articles": ["untoc:6"],
            "body": world.answer.assigned_body_id,
            "assignee": stranger.pk,
        },
        content_type="application/json",
        headers=headers,
    )

    assert [r.status_code for r in (foreign_body, not_government, foreign_person)] == [422] * 3
    assert "government body of the State under review" in foreign_body.content.decode()
    assert "active person of the State under review" in foreign_person.content.decode()
    assert list(before.order_by("pk")) == before_list
