"""Generating reports in the background: request → task → stored file, pages, API, publishing."""

import datetime
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from palermo.core.models import AuditEvent, Notification, User
from palermo.reports import messages, registry, renderers
from palermo.reports.document import Document, Paragraph
from palermo.reports.models import GeneratedReport
from palermo.reports.registry import Param, Params, ReportError, ReportKind
from palermo.reports.services import generation as report_generation
from palermo.reports.services import publishing as report_publishing
from tests.factories import bearer, make_organisation, make_plan, make_secretariat, make_user
from tests.isolates import without_isolates

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
HTML = (
    "<!doctype html><html><head><style>h1 {color: red}</style></head><body><h1>Sample 7</h1>"
    '<p style="color: red">One paragraph.</p><script>alert(1)</script></body></html>'
)
failure: dict[str, Exception] = {}
# What the sample prints besides its paragraph, as (rule, primary key).
printed: list[tuple[str, int]] = []


def build_sample(params: Params, language: str, user: User) -> Document:
    if "error" in failure:
        raise failure["error"]
    document = Document(title=f"Sample {params['number']}", language=language)
    for rule, pk in printed:
        document.hold(rule, pk)
    return document.add(Paragraph.of("One paragraph."))


def stub_render(document: Document, fmt: str) -> bytes:
    if fmt == "html":
        return HTML.encode()
    return f"%PDF-1.7 stub {document.title} {document.language}".encode()


SAMPLE = ReportKind(
    code="sample",
    label="Sample report",
    formats=("html", "pdf"),
    params=(Param("number", "Number"),),
    build=build_sample,
    can_generate=lambda user, params: user.country == "PAK",
    describe=lambda params: f"number {params['number']}",
)


@pytest.fixture(autouse=True)
def sample_kind(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(renderers, "render", stub_render, raising=False)
    registry.register(SAMPLE)
    failure.clear()
    printed.clear()
    yield
    registry.unregister(SAMPLE.code)
    failure.clear()
    printed.clear()


@pytest.fixture
def analyst(db: None) -> User:
    return make_user("analyst", organisation=make_organisation("Ministry of Interior"))


@pytest.fixture
def foreigner(db: None) -> User:
    return make_user("foreigner", organisation=make_organisation("Home Office", country="IND"))


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Run what waits for the commit (the task, with the immediate backend) at the block's end."""

    def capture() -> Any:
        return django_capture_on_commit_callbacks(execute=True)

    return capture


def request_sample(user: User, fmt: str = "pdf", number: int = 7) -> GeneratedReport:
    return report_generation.report_request(
        actor=user, kind="sample", params={"number": number}, language="en", fmt=fmt
    )


def generated(run_tasks: Callable[..., Any], user: User, fmt: str = "pdf") -> GeneratedReport:
    with run_tasks():
        report = request_sample(user, fmt)
    report.refresh_from_db()
    return report


def test_a_requested_report_is_generated_stored_and_its_requester_notified(
    analyst: User, run_tasks: Callable[..., Any]
) -> None:
    report = generated(run_tasks, analyst)

    content = report.file.read()
    assert report.status == GeneratedReport.Status.DONE
    assert content == b"%PDF-1.7 stub Sample 7 en"
    assert report.checksum == hashlib.sha256(content).hexdigest()
    assert report.size == len(content) == 25
    assert report.file.name == f"reports/{report.created_at:%Y/%m}/sample-{report.pk}.pdf"
    assert report.params == {"number": 7}
    assert report.country is not None
    assert report.country.iso3 == "PAK"
    assert report.task_id != ""
    assert report.started_at is not None
    assert report.finished_at is not None
    assert report.error == ""
    notification = Notification.objects.get(user=analyst)
    assert notification.text == "Your report “Sample report” (number 7) is ready."
    assert notification.path == f"/reports/{report.pk}/"
    actions = list(
        AuditEvent.objects.filter(object_type="reports.generatedreport", object_id=str(report.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "update"]


def test_the_document_is_built_in_the_requested_language(
    analyst: User, run_tasks: Callable[..., Any]
) -> None:
    with run_tasks():
        report = report_generation.report_request(
            actor=analyst, kind="sample", params={"number": "3"}, language="ur", fmt="pdf"
        )
    report.refresh_from_db()

    assert report.file.read() == b"%PDF-1.7 stub Sample 3 ur"


def test_a_builder_refusal_is_recorded_as_failed_with_its_message(
    analyst: User, run_tasks: Callable[..., Any]
) -> None:
    failure["error"] = ReportError("The review has no answers yet.")

    report = generated(run_tasks, analyst)

    assert report.status == GeneratedReport.Status.FAILED
    assert report.error == "The review has no answers yet."
    assert not report.file
    assert report.checksum == ""
    assert report.size is None
    notification = Notification.objects.get(user=analyst)
    assert notification.text == "Your report “Sample report” (number 7) could not be generated."


def test_a_report_its_requester_could_not_open_is_not_made_and_says_why(
    analyst: User, run_tasks: Callable[..., Any]
) -> None:
    """A builder that printed another State's plan: its requester may not read that plan, so
    the report would answer them 404; it fails instead, naming what they may not read."""
    foreign = make_plan(owner=make_organisation("Home Office", country="IND"))
    printed.append(("plan", foreign.pk))

    report = generated(run_tasks, analyst)

    assert report.status == GeneratedReport.Status.FAILED
    assert "may not read (the action plan)" in report.error
    assert not report.file
    assert Notification.objects.get(user=analyst).text.endswith("could not be generated.")


def test_an_unexpected_error_is_recorded_without_its_traceback(
    analyst: User, run_tasks: Callable[..., Any]
) -> None:
    failure["error"] = RuntimeError("division by zero in line 12")

    report = generated(run_tasks, analyst)

    assert report.status == GeneratedReport.Status.FAILED
    assert report.error == str(messages.GENERATION_FAILED)
    assert "Traceback" not in report.error
    assert "line 12" not in report.error


def test_a_format_the_kind_does_not_offer_is_refused_and_nothing_is_stored(
    analyst: User,
) -> None:
    with pytest.raises(ValidationError) as refused:
        request_sample(analyst, fmt="docx")

    assert refused.value.message_dict == {"fmt": [str(messages.FORMAT_NOT_OFFERED)]}
    assert GeneratedReport.objects.count() == 0


def test_missing_parameters_and_unknown_kinds_are_refused(analyst: User) -> None:
    with pytest.raises(ValidationError) as missing:
        report_generation.report_request(
            actor=analyst, kind="sample", params={}, language="en", fmt="pdf"
        )
    with pytest.raises(ValidationError) as unknown:
        report_generation.report_request(
            actor=analyst, kind="nope", params={}, language="en", fmt="pdf"
        )

    assert missing.value.message_dict == {"number": ["Number is required."]}
    assert unknown.value.message_dict == {"kind": [str(messages.UNKNOWN_KIND)]}
    assert GeneratedReport.objects.count() == 0


def test_a_user_the_kind_refuses_cannot_request_it(foreigner: User) -> None:
    with pytest.raises(PermissionDenied):
        request_sample(foreigner)

    assert GeneratedReport.objects.count() == 0


def test_a_user_of_another_state_can_neither_see_nor_download_a_report(
    analyst: User, foreigner: User, run_tasks: Callable[..., Any]
) -> None:
    report = generated(run_tasks, analyst)
    client = Client()
    client.force_login(foreigner)

    listed = client.get("/en/reports/")
    pages = [
        client.get(f"/en/reports/{report.pk}/{suffix}")
        for suffix in ("", "status/", "download/", "view/")
    ]
    api = Client().get(f"/api/v1/reports/{report.pk}/file", headers=bearer(foreigner))

    assert listed.status_code == 200
    assert listed.context["count"] == 0
    assert [page.status_code for page in pages] == [404, 404, 404, 404]
    assert api.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.DOWNLOAD).exists()


def test_a_colleague_of_the_same_state_sees_and_downloads_it_and_the_download_is_audited(
    analyst: User, run_tasks: Callable[..., Any]
) -> None:
    report = generated(run_tasks, analyst)
    colleague = make_user("colleague", organisation=make_organisation("Ministry of Law"))
    client = Client()
    client.force_login(colleague)

    response = client.get(f"/en/reports/{report.pk}/download/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 stub Sample 7 en"  # type: ignore[attr-defined]
    assert response["Content-Disposition"] == 'attachment; filename="sample-number-7.pdf"'
    event = AuditEvent.objects.get(action=AuditEvent.Action.DOWNLOAD)
    assert event.actor == colleague
    assert event.object_type == "reports.generatedreport"
    assert event.object_id == str(report.pk)


def test_only_the_secretariat_publishes_and_unpublishes(
    analyst: User, run_tasks: Callable[..., Any]
) -> None:
    report = generated(run_tasks, analyst)
    secretariat = make_secretariat()
    refused = Client()
    refused.force_login(analyst)
    allowed = Client()
    allowed.force_login(secretariat)

    denied = refused.post(f"/en/reports/{report.pk}/publish/", {"action": "publish"})
    report.refresh_from_db()
    assert denied.status_code == 403
    assert report.published is False

    published = allowed.post(f"/en/reports/{report.pk}/publish/", {"action": "publish"})
    report.refresh_from_db()
    assert published.status_code == 302
    assert published["Location"] == f"/en/reports/{report.pk}/"
    assert report.published is True
    assert report.published_by == secretariat
    assert report.published_at is not None

    allowed.post(
        f"/en/reports/{report.pk}/publish/", {"action": "unpublish", "next": "/en/reports/"}
    )
    report.refresh_from_db()
    assert report.published is False
    assert report.published_by is None
    publications = AuditEvent.objects.filter(
        actor=secretariat, action=AuditEvent.Action.UPDATE, object_id=str(report.pk)
    )
    assert [event.changes["published"] for event in publications.order_by("id")] == [
        [False, True],
        [True, False],
    ]


def test_a_report_that_is_not_done_cannot_be_published(analyst: User) -> None:
    report = request_sample(analyst)  # the task waits for the commit, which never comes here
    client = Client()
    client.force_login(make_secretariat())

    response = client.post(f"/en/reports/{report.pk}/publish/", {"action": "publish"}, follow=True)

    report.refresh_from_db()
    assert report.published is False
    assert str(messages.PUBLISH_ONLY_DONE) in without_isolates(response.content.decode())


def test_the_status_fragment_polls_until_the_report_is_done(analyst: User) -> None:
    report = request_sample(analyst)
    client = Client()
    client.force_login(analyst)

    waiting = without_isolates(client.get(f"/en/reports/{report.pk}/status/").content.decode())
    GeneratedReport.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - datetime.timedelta(seconds=11)
    )
    later = client.get(f"/en/reports/{report.pk}/status/").content.decode()
    report_generation.report_generate(report_id=report.pk)
    done = without_isolates(client.get(f"/en/reports/{report.pk}/status/").content.decode())

    # Young, it polls four times a second (most reports take under one); later once a second.
    assert 'hx-trigger="every 250ms"' in waiting
    assert 'hx-trigger="every 1s"' in later
    assert f'hx-get="/en/reports/{report.pk}/status/"' in waiting
    assert "Waiting" in waiting
    assert "hx-trigger" not in done
    assert f'href="/en/reports/{report.pk}/download/"' in done
    assert "Download the PDF file" in done


def test_the_status_fragment_shows_the_error_of_a_failed_report(analyst: User) -> None:
    failure["error"] = ReportError("The review has no answers yet.")
    report = request_sample(analyst)
    report_generation.report_generate(report_id=report.pk)
    client = Client()
    client.force_login(analyst)

    fragment = without_isolates(client.get(f"/en/reports/{report.pk}/status/").content.decode())

    assert "hx-trigger" not in fragment
    assert "The review has no answers yet." in fragment
    assert "download/" not in fragment


def test_the_generate_page_queues_the_report_and_redirects_to_its_status_page(
    analyst: User, run_tasks: Callable[..., Any]
) -> None:
    client = Client()
    client.force_login(analyst)

    form = client.get("/en/reports/new/sample/?number=7")
    with run_tasks():
        submitted = client.post(
            "/en/reports/new/sample/", {"number": "7", "language": "en", "fmt": "pdf"}
        )
    report = GeneratedReport.objects.get()
    detail = client.get(submitted["Location"])

    assert form.status_code == 200
    assert "Sample report — number 7" in without_isolates(form.content.decode())
    assert submitted.status_code == 302
    assert submitted["Location"] == f"/en/reports/{report.pk}/"
    assert report.created_by == analyst
    assert report.status == GeneratedReport.Status.DONE
    assert 'id="report-status"' in without_isolates(detail.content.decode())
    assert "Download the PDF file" in without_isolates(detail.content.decode())


def test_the_generate_page_refuses_a_format_the_kind_does_not_offer(analyst: User) -> None:
    client = Client()
    client.force_login(analyst)

    response = client.post(
        "/en/reports/new/sample/", {"number": "7", "language": "en", "fmt": "xlsx"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["fmt"] == [
        "Select a valid choice. xlsx is not one of the available choices."
    ]
    assert GeneratedReport.objects.count() == 0


def test_the_generate_page_of_an_unknown_kind_or_a_refused_user(foreigner: User) -> None:
    client = Client()
    client.force_login(foreigner)

    assert client.get("/en/reports/new/nope/").status_code == 404
    assert client.get("/en/reports/new/sample/?number=7").status_code == 403


def test_an_html_report_opens_inside_the_site_layout_without_scripts_or_inline_styles(
    analyst: User, run_tasks: Callable[..., Any]
) -> None:
    report = generated(run_tasks, analyst, fmt="html")
    client = Client()
    client.force_login(analyst)

    page = without_isolates(client.get(f"/en/reports/{report.pk}/view/").content.decode())

    assert "<h1>Sample 7</h1>" in page
    assert "<p>One paragraph.</p>" in page
    assert "alert(1)" not in page
    assert "color: red" not in page
    assert 'href="/en/reports/"' in page  # the breadcrumb of the site's layout
    assert AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, object_id=str(report.pk))


def test_the_list_filters_sorts_and_shows_each_report(
    analyst: User, run_tasks: Callable[..., Any]
) -> None:
    done = generated(run_tasks, analyst)
    failure["error"] = ReportError("No answers.")
    failed = generated(run_tasks, analyst, fmt="html")
    client = Client()
    client.force_login(analyst)

    everything = client.get("/en/reports/?sort=requested_at")
    only_failed = client.get("/en/reports/?status=failed")
    page = without_isolates(everything.content.decode())

    assert [row.report for row in everything.context["rows"]] == [done, failed]
    assert [row.report for row in only_failed.context["rows"]] == [failed]
    assert done.short_checksum in page
    assert f'href="/en/reports/{done.pk}/download/"' in page
    assert "number 7" in page
    assert "Publish" not in page  # the analyst is not the secretariat


def test_the_api_lists_kinds_queues_a_report_and_serves_its_file(
    analyst: User, client: Client, run_tasks: Callable[..., Any]
) -> None:
    headers = bearer(analyst)

    kinds = client.get("/api/v1/reports/kinds", headers=headers).json()
    with run_tasks():
        queued = client.post(
            "/api/v1/reports",
            {"kind": "sample", "params": {"number": 7}, "language": "en", "fmt": "pdf"},
            content_type="application/json",
            headers=headers,
        )
    report_id = queued.json()["id"]
    status = client.get(f"/api/v1/reports/{report_id}", headers=headers).json()
    file = client.get(f"/api/v1/reports/{report_id}/file", headers=headers)

    assert {
        "code": "sample",
        "label": "Sample report",
        "description": "",
        "formats": ["html", "pdf"],
        "params": [{"name": "number", "label": "Number", "type": "int"}],
    } in kinds
    assert queued.status_code == 202
    # The addresses are as the caller reached the server (the test client's host).
    assert queued.json()["status_url"] == f"http://testserver/api/v1/reports/{report_id}"
    assert status["status"] == "done"
    assert status["file_url"].endswith(f"/api/v1/reports/{report_id}/file")
    assert status["checksum"] == hashlib.sha256(b"%PDF-1.7 stub Sample 7 en").hexdigest()
    assert status["size"] == 25
    assert status["country"] == "PAK"
    assert status["created_by"] == "analyst"
    assert file.status_code == 200
    assert b"".join(file.streaming_content) == b"%PDF-1.7 stub Sample 7 en"  # type: ignore[attr-defined]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DOWNLOAD).count() == 1


def test_the_api_refuses_bad_requests_and_a_file_that_is_not_ready(
    analyst: User, foreigner: User, client: Client
) -> None:
    headers = bearer(analyst)

    bad_format = client.post(
        "/api/v1/reports",
        {"kind": "sample", "params": {"number": 7}, "fmt": "docx"},
        content_type="application/json",
        headers=headers,
    )
    refused = client.post(
        "/api/v1/reports",
        {"kind": "sample", "params": {"number": 7}, "fmt": "pdf"},
        content_type="application/json",
        headers=bearer(foreigner),
    )
    pending = request_sample(analyst)
    not_ready = client.get(f"/api/v1/reports/{pending.pk}/file", headers=headers)

    assert bad_format.status_code == 422
    assert bad_format.json()["detail"][0]["loc"] == ["body", "fmt"]
    assert refused.status_code == 403
    assert not_ready.status_code == 409
    assert not_ready.json() == {"detail": str(messages.NOT_READY)}


def test_the_api_publishes_for_the_secretariat_only(
    analyst: User, client: Client, run_tasks: Callable[..., Any]
) -> None:
    report = generated(run_tasks, analyst)

    refused = client.post(f"/api/v1/reports/{report.pk}/publish", headers=bearer(analyst))
    secretariat = bearer(make_secretariat())
    published = client.post(f"/api/v1/reports/{report.pk}/publish", headers=secretariat)
    again = client.post(f"/api/v1/reports/{report.pk}/publish", headers=secretariat)
    withdrawn = client.delete(f"/api/v1/reports/{report.pk}/publish", headers=secretariat)

    assert refused.status_code == 403
    assert published.status_code == 200
    assert published.json()["published"] is True
    assert again.status_code == 409
    assert withdrawn.json()["published"] is False


def test_a_published_report_is_found_by_visitors_and_leaves_the_index_when_withdrawn(
    run_tasks: Callable[..., Any], secretariat: User, settings: Any
) -> None:
    settings.PALERMO_COUNTRY = "PAK"
    report = generated(run_tasks, secretariat)
    visitor = Client()

    before = visitor.get("/api/v1/search", {"q": "sample"}).json()
    report_publishing.report_publish(actor=secretariat, report=report)
    published = visitor.get("/api/v1/search", {"q": "sample"}).json()
    page = without_isolates(visitor.get("/en/search/?q=sample").content.decode())
    report_publishing.report_unpublish(actor=secretariat, report=report)
    withdrawn = visitor.get("/api/v1/search", {"q": "sample"}).json()

    assert before == []
    assert [(hit["kind"], hit["path"]) for hit in published] == [
        ("report", f"/portal/reports/{report.pk}/")
    ]
    assert "Published report" in page
    assert withdrawn == []


def test_the_plan_progress_form_picks_the_plan_by_name_and_the_month_with_a_picker(
    analyst: User,
) -> None:
    plan = make_plan(title="National action plan 2025")
    make_plan(title="Plan of another State", owner=make_organisation("Other", country="IND"))
    client = Client()
    client.force_login(analyst)

    page = client.get("/en/reports/new/plan_progress/").content.decode()
    refused = client.post(
        "/en/reports/new/plan_progress/",
        {"plan": str(plan.pk), "period": "March 2025", "language": "en", "fmt": "pdf"},
    )

    assert f'<option value="{plan.pk}">National action plan 2025</option>' in page
    assert "Plan of another State" not in page
    assert 'type="month"' in page
    assert 'name="period"' in page
    assert refused.status_code == 200
    assert refused.context["form"].errors["period"] == ["Choose a month, for example March 2025."]
    assert GeneratedReport.objects.count() == 0
