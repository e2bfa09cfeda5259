"""The public portal: anyone reads and downloads what the secretariat published, nothing else."""

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from palermo.core.models import AuditEvent, User
from palermo.portal.selectors import reports as report_selectors
from palermo.reports import registry, renderers
from palermo.reports.document import Document, Paragraph
from palermo.reports.models import GeneratedReport
from palermo.reports.registry import Param, Params, ReportKind
from palermo.reports.services import generation as report_generation
from palermo.reports.services import publishing as report_publishing
from tests.factories import make_organisation, make_secretariat, make_user
from tests.isolates import without_isolates

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
HTML = (
    "<!doctype html><html><head><style>h1 {color: red}</style></head><body><h1>Sample 7</h1>"
    '<p style="color: red">One paragraph.</p><script>alert(1)</script></body></html>'
)


def build_sample(params: Params, language: str, user: User) -> Document:
    document = Document(title=f"Sample {params['number']}", language=language)
    return document.add(Paragraph.of("One paragraph."))


def stub_render(document: Document, fmt: str) -> bytes:
    if fmt == "html":
        return HTML.encode()
    return f"%{fmt.upper()} stub {document.title} {document.language}".encode()


SAMPLE = ReportKind(
    code="portal-sample",
    label="Sample report",
    formats=("html", "pdf", "docx"),
    params=(Param("number", "Number"),),
    build=build_sample,
    can_generate=lambda user, params: user.country == "PAK",
    describe=lambda params: f"number {params['number']}",
)


@pytest.fixture(autouse=True)
def sample_kind(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path
    settings.PALERMO_COUNTRY = ""
    monkeypatch.setattr(renderers, "render", stub_render, raising=False)
    registry.register(SAMPLE)
    yield
    registry.unregister(SAMPLE.code)


@pytest.fixture
def analyst(db: None) -> User:
    return make_user("analyst", organisation=make_organisation("Ministry of Interior"))


@pytest.fixture
def publisher(db: None) -> User:
    return make_secretariat("jane.publisher")


@pytest.fixture
def make_report(
    analyst: User, django_capture_on_commit_callbacks: Any
) -> Callable[..., GeneratedReport]:
    def make(fmt: str = "pdf", number: int = 7, language: str = "en") -> GeneratedReport:
        with django_capture_on_commit_callbacks(execute=True):
            report = report_generation.report_request(
                actor=analyst,
                kind=SAMPLE.code,
                params={"number": number},
                language=language,
                fmt=fmt,
            )
        report.refresh_from_db()
        assert report.status == GeneratedReport.Status.DONE
        return report

    return make


def publish(report: GeneratedReport, actor: User) -> GeneratedReport:
    return report_publishing.report_publish(actor=actor, report=report)


def test_the_portal_lists_only_published_reports_and_refuses_the_others(
    make_report: Callable[..., GeneratedReport], publisher: User
) -> None:
    shown = publish(make_report(number=7), publisher)
    hidden = make_report(number=8)
    client = Client()

    page = client.get("/en/portal/")
    content = without_isolates(page.content.decode())
    hidden_download = client.get(f"/en/portal/reports/{hidden.pk}/download/")
    hidden_page = client.get(f"/en/portal/reports/{hidden.pk}/")

    assert page.status_code == 200
    assert [entry.files for entry in page.context["entries"]] == [(shown,)]
    assert "Sample report — number 7" in content
    assert "number 8" not in content
    assert "Pakistan" in content
    assert "English" in content
    assert shown.short_checksum in content
    assert f'href="/en/portal/reports/{shown.pk}/download/"' in content
    assert f"/reports/{hidden.pk}/" not in content
    assert hidden_download.status_code == 404
    assert hidden_page.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.DOWNLOAD).exists()


def test_a_report_that_is_not_done_is_not_shown_even_if_its_row_says_published(
    analyst: User,
) -> None:
    pending = report_generation.report_request(
        actor=analyst, kind=SAMPLE.code, params={"number": 9}, language="en", fmt="pdf"
    )  # the task waits for the commit, which never comes here
    GeneratedReport.objects.filter(pk=pending.pk).update(published=True)

    assert report_selectors.published_reports() == []
    assert Client().get(f"/en/portal/reports/{pending.pk}/download/").status_code == 404


def test_the_formats_of_one_report_form_one_entry(
    make_report: Callable[..., GeneratedReport], publisher: User
) -> None:
    html = publish(make_report(fmt="html"), publisher)
    pdf = publish(make_report(fmt="pdf"), publisher)
    docx = publish(make_report(fmt="docx"), publisher)
    urdu = publish(make_report(fmt="pdf", language="ur"), publisher)
    other = publish(make_report(fmt="pdf", number=8), publisher)

    entries = report_selectors.published_reports()

    assert [entry.files for entry in entries] == [(other,), (urdu,), (pdf, docx, html)]
    assert [entry.language for entry in entries] == ["en", "ur", "en"]
    assert entries[2].title == "Sample report"
    assert entries[2].description == "number 7"
    assert report_selectors.published_reports(country="IND") == []
    assert len(report_selectors.published_reports(country="PAK")) == 3


def test_anyone_downloads_a_published_file_and_the_download_is_audited(
    make_report: Callable[..., GeneratedReport], publisher: User
) -> None:
    report = publish(make_report(), publisher)

    response = Client().get(f"/en/portal/reports/{report.pk}/download/")

    assert response.status_code == 200
    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    with report.file.open("rb") as stored:
        assert content == stored.read() == b"%PDF stub Sample 7 en"
    # Named for what it holds, not for where it is stored.
    assert response["Content-Disposition"] == 'attachment; filename="portal-sample-number-7.pdf"'
    event = AuditEvent.objects.get(action=AuditEvent.Action.DOWNLOAD)
    assert event.actor is None
    assert event.object_type == "reports.generatedreport"
    assert event.object_id == str(report.pk)
    assert event.channel == "web"


def test_a_published_web_page_is_read_inside_the_portal_without_scripts_or_styles(
    make_report: Callable[..., GeneratedReport], publisher: User
) -> None:
    report = publish(make_report(fmt="html"), publisher)
    pdf = publish(make_report(fmt="pdf"), publisher)
    client = Client()

    page = client.get(f"/en/portal/reports/{report.pk}/")
    content = without_isolates(page.content.decode())
    redirected = client.get(f"/en/portal/reports/{pdf.pk}/")

    assert page.status_code == 200
    assert "<h1>Sample 7</h1>" in content
    assert "<p>One paragraph.</p>" in content
    assert "alert(1)" not in content
    assert "color: red" not in content
    assert report.checksum in content
    assert redirected.status_code == 302
    assert redirected["Location"] == f"/en/portal/#report-{pdf.pk}"
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW)
    assert event.actor is None
    assert event.object_id == str(report.pk)


def test_unpublishing_removes_the_report_from_the_portal(
    make_report: Callable[..., GeneratedReport], publisher: User
) -> None:
    report = publish(make_report(), publisher)
    client = Client()
    assert f"/en/portal/reports/{report.pk}/download/" in without_isolates(
        client.get("/en/portal/").content.decode()
    )

    report_publishing.report_unpublish(actor=publisher, report=report)
    page = client.get("/en/portal/")

    assert page.context["entries"] == []
    assert "Nothing has been published yet." in without_isolates(page.content.decode())
    assert client.get(f"/en/portal/reports/{report.pk}/download/").status_code == 404


def test_a_deployment_for_one_state_shows_only_that_states_reports(
    make_report: Callable[..., GeneratedReport], publisher: User, settings: Any
) -> None:
    report = publish(make_report(), publisher)
    settings.PALERMO_COUNTRY = "IND"
    client = Client()

    assert client.get("/en/portal/").context["entries"] == []
    assert client.get(f"/en/portal/reports/{report.pk}/download/").status_code == 404


def test_the_portal_reads_right_to_left_in_urdu(
    make_report: Callable[..., GeneratedReport], publisher: User
) -> None:
    publish(make_report(), publisher)

    page = Client().get("/ur/portal/")
    content = without_isolates(page.content.decode())

    assert page.status_code == 200
    assert '<html lang="ur" dir="rtl">' in content
    assert "bootstrap.rtl.min.css" in content
    assert "/ur/portal/reports/" in content


def test_the_public_page_links_to_nothing_internal(
    make_report: Callable[..., GeneratedReport], publisher: User
) -> None:
    report = publish(make_report(fmt="html"), publisher)

    pages = [
        without_isolates(Client().get(path).content.decode())
        for path in ("/en/portal/", f"/en/portal/reports/{report.pk}/")
    ]

    for content in pages:
        links = {link.split("?")[0] for link in re.findall(r'(?:href|action)="([^"#]*)', content)}
        internal = {
            link
            for link in links
            if link.startswith("/")
            and not link.startswith(("/en/portal/", "/static/", "/i18n/setlang/"))
        }
        assert internal == {"/en/accounts/login/"}
        assert 'aria-label="Main navigation"' not in content
        assert "Sign in" in content
        assert "analyst" not in content  # who requested it too
        assert "jane.publisher" not in content  # who published is internal


def test_the_report_page_of_the_site_links_to_the_portal_once_published(
    make_report: Callable[..., GeneratedReport], publisher: User
) -> None:
    report = make_report()
    client = Client()
    client.force_login(publisher)

    before = without_isolates(client.get(f"/en/reports/{report.pk}/").content.decode())
    publish(report, publisher)
    after = without_isolates(client.get(f"/en/reports/{report.pk}/").content.decode())

    assert "Published on the portal" not in before
    assert "Published on the portal" in after
    assert f'href="/en/portal/reports/{report.pk}/"' in after
