"""One table, role × surface, from one declaration of who may read what: no leaks.

Markers are planted in an unsent draft answer, in one organisation's civil-society submission
and in a person's contact details. Each surface (pages, API, reports, exports, search) is a
function returning all the text a role receives from it; each marker must be found there
exactly when the declaration lets that role read it and the surface is one that shows it.
Every report kind is generated once by every role that may request it, and every role then
reads every report, so a report reaches nobody who may not read all it holds.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.http import HttpResponse

from palermo.core.roles import Role
from palermo.reviews.models import ArticleAnswer
from palermo.reviews.services import answers as answer_services
from tests.factories import make_organisation, make_user
from tests.read_rules_world import (
    DRAFT,
    EMAIL,
    MARKERS,
    PHONE,
    ROLES,
    SUBMISSION,
    World,
    markers_in,
    text_of,
    world_built,
)

pytestmark = pytest.mark.django_db

# The one declaration: who may read each marker, as docs/architecture.md and the apps' rules
# say. Drafts: the government of the State under review (reviews.permissions.can_read_drafts).
# A submission: its organisation and the State's civil-society coordinator (can_read_parallel).
# Contact details: the person, their organisation, the State's coordinators (can_view_contact).
# A user of another State holds every role ("foreign"); "self" is the person, with no role.
CONTACT = {"secretariat", "coordinator", "member", "self"}
MAY_READ = {
    DRAFT: {"secretariat", "focal"},
    SUBMISSION: {"coordinator", "member"},
    PHONE: CONTACT,
    EMAIL: CONTACT,
}


def _body(response: HttpResponse) -> str:
    if response.status_code != 200:
        return ""
    if getattr(response, "streaming", False):
        return text_of(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    return text_of(response.content)


def _pages(world: World, role: str, urls: list[str]) -> str:
    client = world.client(role)
    return "\n".join(_body(client.get(url)) for url in urls)


def _api(world: World, role: str, urls: list[str]) -> str:
    headers = world.headers(role)
    return "\n".join(_body(world.client("anonymous").get(url, headers=headers)) for url in urls)


def page_answer(world: World, role: str) -> str:
    review, answer = world.review.pk, world.answer.pk
    return _pages(
        world, role, [f"/en/reviews/{review}/", f"/en/reviews/{review}/answers/{answer}/"]
    )


def page_civil_society(world: World, role: str) -> str:
    review = world.review.pk
    return _pages(
        world,
        role,
        [f"/en/reviews/{review}/civil-society/", f"/en/reviews/{review}/side-by-side/"],
    )


def page_people(world: World, role: str) -> str:
    return _pages(
        world,
        role,
        [
            "/en/engagement/people/",
            f"/en/engagement/people/{world.person.pk}/",
            f"/en/engagement/organisations/{world.person.organisation_id}/",
            f"/en/engagement/alliances/{world.alliance.pk}/",
        ],
    )


def page_overview(world: World, role: str) -> str:
    return _pages(
        world,
        role,
        [
            "/en/",
            "/en/reviews/",
            f"/en/reviews/{world.review.pk}/observations/",
            "/en/notifications/",
            "/en/admin-area/audit/",
            "/en/engagement/action-items/",
            "/",
        ],
    )


def api_answers(world: World, role: str) -> str:
    base = f"/api/v1/reviews/{world.review.pk}"
    return _api(world, role, [f"{base}/answers", f"{base}/answers/{world.answer.pk}"])


def api_answer_history(world: World, role: str) -> str:
    base = f"/api/v1/reviews/{world.review.pk}"
    return _api(world, role, [f"{base}/answers/{world.answer.pk}/history"])


def api_parallel(world: World, role: str) -> str:
    base = f"/api/v1/reviews/{world.review.pk}"
    return _api(world, role, [f"{base}/parallel/submissions", f"{base}/side-by-side"])


def api_people(world: World, role: str) -> str:
    return _api(
        world,
        role,
        [
            "/api/v1/people",
            f"/api/v1/people/{world.person.pk}",
            f"/api/v1/alliances/{world.alliance.pk}/members",
        ],
    )


def reports_api(world: World, role: str) -> str:
    urls = [f"/api/v1/reports/{report.pk}/file" for _by, _kind, report in world.reports]
    return _api(world, role, urls)


def reports_page(world: World, role: str) -> str:
    urls = [
        f"/en/reports/{report.pk}/{page}/"
        for _by, _kind, report in world.reports
        for page in ("view", "download")
    ]
    return _pages(world, role, [*urls, "/en/reports/"])


def export_lists(world: World, role: str) -> str:
    lists = [
        "/en/engagement/people/",
        "/en/engagement/events/",
        "/en/engagement/action-items/",
        "/en/tracking/recommendations/",
    ]
    return _pages(world, role, [f"{url}?format={fmt}" for url in lists for fmt in ("csv", "xlsx")])


# The audit log's kinds of record that hold the markers (a draft answer, an assessment).
AUDITED = ("reviews.articleanswer", "reviews.parallelassessment", "reviews.parallelsubmission")


def audit_log(world: World, role: str) -> str:
    # The page, the API and the export list the same events: the State's own and international
    # ones. A draft's text is the secretariat's to read, an assessment's is not (private fields).
    pages = [f"/en/admin-area/audit/?object_type={kind}" for kind in AUDITED]
    api = [f"/api/v1/audit?object_type={kind}&limit=100" for kind in AUDITED]
    return "\n".join(
        [
            _pages(world, role, [*pages, "/en/admin-area/audit/?format=csv"]),
            _api(world, role, api),
        ]
    )


def export_registry(world: World, role: str) -> str:
    page = _pages(world, role, ["/en/engagement/organisations/export.xlsx"])
    return page + _api(world, role, ["/api/v1/organisations/export.xlsx"])


def export_xlsform(world: World, role: str) -> str:
    review = world.review.pk
    page = _pages(world, role, [f"/en/reviews/{review}/xlsform/"])
    return page + _api(world, role, [f"/api/v1/reviews/{review}/xlsform"])


def _search_results(page: str) -> str:
    # The page repeats the query in its search box; only the list of results counts.
    start = page.find('<ol class="list-unstyled">')
    return page[start : page.find("</ol>", start)] if start >= 0 else ""


def search(world: World, role: str) -> str:
    queries = [*MARKERS, "Ayesha Khan", "Pakistan Bar Council", "Trafficking"]
    client = world.client(role)
    pages = [_search_results(_body(client.get("/en/search/", {"q": q}))) for q in queries]
    api = [_api(world, role, [f"/api/v1/search?q={q}"]) for q in queries]
    return "\n".join([*pages, *api])


# Each surface, and the markers it is meant to show to a reader the declaration allows.
SURFACES: dict[str, tuple[Callable[[World, str], str], set[str]]] = {
    "page: review and answer": (page_answer, {DRAFT}),
    "page: civil society": (page_civil_society, {DRAFT, SUBMISSION}),
    "page: people": (page_people, {PHONE, EMAIL}),
    "page: home, lists and audit": (page_overview, set()),
    "api: answers": (api_answers, {DRAFT}),
    "api: answer history": (api_answer_history, {DRAFT}),
    "api: parallel submissions": (api_parallel, {SUBMISSION}),
    "api: people": (api_people, {PHONE, EMAIL}),
    "report: download": (reports_api, {DRAFT, SUBMISSION}),
    "report: page": (reports_page, {DRAFT, SUBMISSION}),
    "export: lists": (export_lists, {PHONE, EMAIL}),
    "audit log: page, api and export": (audit_log, {DRAFT}),
    "export: registry workbook": (export_registry, {PHONE, EMAIL}),
    "export: xlsform": (export_xlsform, set()),
    "search": (search, set()),
}


# Surfaces that only some roles open at all (the audit log is the secretariat's).
OPENED_BY = {"audit log: page, api and export": {"secretariat", "foreign"}}


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    with django_db_blocker.unblock(), world_built(tmp_path_factory.mktemp("reports")) as world:
        yield world


@pytest.mark.parametrize("surface", list(SURFACES))
@pytest.mark.parametrize("role", ROLES)
def test_each_marker_reaches_exactly_the_roles_the_declaration_allows(
    world: World, role: str, surface: str
) -> None:
    read, shows = SURFACES[surface]

    found = markers_in(read(world, role))

    opens = role in OPENED_BY.get(surface, ROLES)
    assert found == {marker for marker in shows if role in MAY_READ[marker] and opens}


def test_every_report_kind_was_generated_and_reached_its_readers(world: World) -> None:
    generated = {(by, kind) for by, kind, _report in world.reports}

    assert ("secretariat", "self_assessment/government") in generated
    assert ("focal", "self_assessment/reviewers") in generated
    assert ("coordinator", "parallel_report/") in generated
    # The parallel report prints every organisation's submission: a member, who reads only
    # their own, may not generate it (they used to, and then could not open it).
    assert ("member", "parallel_report/") not in generated
    assert ("reviewer", "compliance_matrix/") in generated
    assert ("monitor", "plan_progress/") in generated
    assert ("coordinator", "annual_report/") in generated
    assert ("analyst", "threat_assessment/") in generated
    assert ("analyst", "network_brief/") in generated
    assert not {by for by, _kind in generated} & {"foreign", "anonymous"}


@pytest.mark.parametrize("role", ROLES)
def test_the_xlsform_downloads_only_for_those_who_read_drafts(world: World, role: str) -> None:
    review = world.review.pk
    page = world.client(role).get(f"/en/reviews/{review}/xlsform/")
    api = world.client("anonymous").get(
        f"/api/v1/reviews/{review}/xlsform", headers=world.headers(role)
    )

    allowed = role in MAY_READ[DRAFT]
    assert (page.status_code == 200, api.status_code == 200) == (allowed, allowed)
    if allowed:
        assert text_of(page.content).count("select_one compliance") >= 1


def _assignments() -> list[tuple[int, int | None, int | None]]:
    return list(
        ArticleAnswer.objects.order_by("pk").values_list("pk", "assigned_body_id", "assignee_id")
    )


def test_an_answer_is_not_assigned_across_states_through_the_api(world: World) -> None:
    home_office = make_organisation("Ministry of Home Affairs", country="IND")
    stranger = make_user("stranger", Role.FOCAL_PERSON, organisation=home_office)
    before = _assignments()
    url = f"/api/v1/reviews/{world.review.pk}/assign"
    client, headers = world.client("anonymous"), world.headers("secretariat")

    body = client.post(
        url,
        data={"articles": ["untoc:6"], "body": home_office.pk},
        content_type="application/json",
        headers=headers,
    )
    person = client.post(
        url,
        data={
            "articles": ["untoc:6"],
            "body": world.answer.assigned_body_id,
            "assignee": stranger.pk,
        },
        content_type="application/json",
        headers=headers,
    )

    assert (body.status_code, person.status_code) == (422, 422)
    assert _assignments() == before


def test_an_answer_is_not_assigned_across_states_through_the_page(world: World) -> None:
    home_office = make_organisation("Ministry of Home Affairs", country="IND")
    stranger = make_user("stranger", Role.FOCAL_PERSON, organisation=home_office)
    before = _assignments()
    client = world.client("secretariat")
    url = f"/en/reviews/{world.review.pk}/"

    body = client.post(
        url,
        {"action": "assign", "answers": [world.answer.pk], "body": home_office.pk},
        follow=True,
    )
    person = client.post(
        url,
        {
            "action": "assign",
            "answers": [world.answer.pk],
            "body": world.answer.assigned_body_id,
            "assignee": stranger.pk,
        },
        follow=True,
    )

    for response in (body, person):
        assert "Choose the government body to assign the articles to." in response.content.decode()
    assert _assignments() == before


def test_another_states_secretariat_reads_no_draft_the_system_saved(world: World) -> None:
    answer = ArticleAnswer.objects.get(pk=world.answer.pk)
    answer_services.answer_save(
        actor=None,
        answer=answer,
        expected_version=answer.version,
        compliance="yes",
        responses={"measures": f"Imported: {DRAFT}."},
    )

    assert DRAFT not in audit_log(world, "foreign")
    assert DRAFT in audit_log(world, "secretariat")
