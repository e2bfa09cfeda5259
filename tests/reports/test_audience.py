"""A report shows nobody what the pages hide from them: every kind, as every role, read by all.

Markers are planted in an unsent draft answer and in one organisation's civil-society
submission. Every role that may request a review report generates each kind; every role then
downloads each report through the API and reads it on its page. A marker may reach a reader
only when the owning app's rule lets that reader read its source.
"""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.core.services import tokens as token_services
from palermo.instruments.models import Article
from palermo.reports.models import GeneratedReport
from palermo.reports.services import generation as report_generation
from palermo.reviews.services import answers as answer_services
from palermo.reviews.services import parallel as parallel_services
from tests.factories import make_organisation, make_user
from tests.reviews.test_permissions_matrix import ROLES, World, build_world

pytestmark = pytest.mark.django_db

DRAFT_MARKER = "DRAFT-MARKER-7Q2"
SUBMISSION_MARKER = "SUBMISSION-MARKER-K9"
# Who may read the source of each marker, by the reviews app's own rules.
MAY_READ = {DRAFT_MARKER: {"secretariat", "focal"}, SUBMISSION_MARKER: {"coordinator"}}
KINDS = [
    ("self_assessment", {"audience": "government"}),
    ("self_assessment", {"audience": "reviewers"}),
    ("compliance_matrix", {}),
    ("parallel_report", {}),
]


@pytest.fixture
def world(settings: Any, tmp_path: Any) -> World:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path
    world = build_world(submitted=False)
    answer = world.answer
    answer_services.answer_save(
        actor=None,
        answer=answer,
        expected_version=answer.version,
        compliance="yes",
        responses={"measures": f"Not sent yet: {DRAFT_MARKER}."},
    )
    hrcp = make_organisation("Human Rights Commission", kind="civil_society")
    other_member = make_user("hrcp", Role.CS_MEMBER, organisation=hrcp)
    article = Article.objects.get(instrument__code="untoc", number=6)
    submission = parallel_services.parallel_save(
        actor=other_member,
        review=world.review,
        assessments={
            article: {"assessment": "partly", "evidence": f"Seen in Lahore: {SUBMISSION_MARKER}."}
        },
    )
    parallel_services.parallel_submit(actor=other_member, submission=submission)
    return world


def generate(user: User, kind: str, params: dict[str, Any], review_id: int, capture: Any) -> Any:
    try:
        with capture(execute=True):
            report = report_generation.report_request(
                actor=user,
                kind=kind,
                params={"review": review_id, **params},
                language="en",
                fmt="html",
            )
    except PermissionDenied:
        return None
    report.refresh_from_db()
    assert report.status == GeneratedReport.Status.DONE, (kind, user, report.error)
    return report


def read_through_api(world: World, role: str, report: GeneratedReport) -> str | None:
    if role == "anonymous":
        response = Client().get(f"/api/v1/reports/{report.pk}/file")
    else:
        _token, raw = token_services.token_create(actor=None, owner=world.users[role], name="r")
        response = Client().get(
            f"/api/v1/reports/{report.pk}/file", headers={"authorization": f"Bearer {raw}"}
        )
    if response.status_code != 200:
        assert response.status_code in {401, 404}, (role, response.status_code)
        return None
    return b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]


def read_page(world: World, role: str, report: GeneratedReport) -> str | None:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    response = client.get(f"/en/reports/{report.pk}/view/")
    if response.status_code != 200:
        assert response.status_code in {302, 404}, (role, response.status_code)
        return None
    return response.content.decode()


def test_no_report_shows_a_reader_what_the_rules_hide(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    leaks: list[tuple[str, str, str, str, str]] = []
    readable: set[tuple[str, str, str]] = set()
    for generator in ROLES[:-1]:
        for kind, params in KINDS:
            report = generate(
                world.users[generator],
                kind,
                params,
                world.review.pk,
                django_capture_on_commit_callbacks,
            )
            if report is None:
                continue
            edition = f"{kind}/{params.get('audience', '')}"
            for reader in ROLES:
                for surface, read in (("api", read_through_api), ("page", read_page)):
                    text = read(world, reader, report)
                    if text is None:
                        continue
                    readable.add((generator, edition, reader))
                    for marker, allowed in MAY_READ.items():
                        if marker in text and reader not in allowed:
                            leaks.append((generator, edition, reader, surface, marker))

    assert leaks == []
    # The rule is not "nobody reads anything": reports reach those who may read them.
    assert ("secretariat", "self_assessment/government", "focal") in readable
    assert ("secretariat", "self_assessment/reviewers", "reviewer") in readable
    assert ("secretariat", "self_assessment/government", "reviewer") not in readable
    assert ("coordinator", "parallel_report/", "coordinator") in readable
    assert ("coordinator", "parallel_report/", "focal") not in readable
    assert ("secretariat", "compliance_matrix/", "analyst") not in readable


def test_the_report_list_holds_only_what_the_reader_may_read(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    secretariat = world.users["secretariat"]
    full = generate(
        secretariat,
        "self_assessment",
        {"audience": "government"},
        world.review.pk,
        django_capture_on_commit_callbacks,
    )
    edition = generate(
        secretariat,
        "self_assessment",
        {"audience": "reviewers"},
        world.review.pk,
        django_capture_on_commit_callbacks,
    )
    _token, raw = token_services.token_create(actor=None, owner=world.users["analyst"], name="r")

    listed = Client().get("/api/v1/reports", headers={"authorization": f"Bearer {raw}"}).json()

    assert [item["id"] for item in listed["items"]] == [edition.pk]
    assert full.holds is not None
    assert ["draft_answer", world.answer.pk] in full.holds


def test_publishing_what_is_not_yet_public_asks_first_and_says_what(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    secretariat = world.users["secretariat"]
    report = generate(
        secretariat,
        "self_assessment",
        {"audience": "government"},
        world.review.pk,
        django_capture_on_commit_callbacks,
    )
    client = Client()
    client.force_login(secretariat)
    _token, raw = token_services.token_create(actor=None, owner=secretariat, name="r")
    bearer = {"authorization": f"Bearer {raw}"}

    page = client.post(f"/en/reports/{report.pk}/publish/", {"action": "publish"})
    api = Client().post(f"/api/v1/reports/{report.pk}/publish", headers=bearer)
    report.refresh_from_db()

    assert page.status_code == 200
    assert "answers not yet approved" in page.content.decode()
    assert api.status_code == 409
    assert "answers not yet approved" in api.json()["detail"]
    assert report.published is False

    confirmed = Client().post(f"/api/v1/reports/{report.pk}/publish?confirm=true", headers=bearer)

    assert confirmed.status_code == 200
    report.refresh_from_db()
    assert report.published is True
