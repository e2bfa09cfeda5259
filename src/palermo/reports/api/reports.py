"""Reports for scripts: the kinds, requesting one (202), its status, its file, publishing."""

import datetime
from typing import Any

from django.conf import settings
from django.http import FileResponse, HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from palermo.core.http import acting_user
from palermo.reports import registry
from palermo.reports.models import GeneratedReport
from palermo.reports.registry import ReportKind
from palermo.reports.selectors import reports as report_selectors
from palermo.reports.services import generation as report_generation
from palermo.reports.services import publishing as report_publishing
from palermo.reports.services import recovery as report_recovery

router = Router(tags=["reports"])


class ParamOut(Schema):
    name: str
    label: str
    type: str


class KindOut(Schema):
    code: str
    label: str
    description: str
    formats: list[str]
    params: list[ParamOut]

    @staticmethod
    def resolve_label(obj: ReportKind) -> str:
        return str(obj.label)

    @staticmethod
    def resolve_description(obj: ReportKind) -> str:
        return str(obj.description)

    @staticmethod
    def resolve_params(obj: ReportKind) -> list[dict[str, str]]:
        return [
            {"name": p.name, "label": str(p.label), "type": p.type.__name__} for p in obj.params
        ]


class ReportIn(Schema):
    kind: str = Field(description="A kind's code from GET /reports/kinds")
    params: dict[str, int | str] = Field(
        default_factory=dict, description='The kind\'s parameters, e.g. {"review": 12}'
    )
    language: str = Field(default="en", description="A language code, e.g. en, ur, ar")
    fmt: str = Field(description="html, pdf, docx or xlsx (those the kind offers)")


class ReportOut(Schema):
    id: int
    kind: str
    params: dict[str, Any]
    language: str
    fmt: str
    status: str = Field(description="pending, running, done or failed")
    error: str = Field(description="Why it failed, a sentence for the user; empty otherwise")
    attempts: int = Field(description="How many times it was queued (2 after a lost worker)")
    checksum: str = Field(description="SHA-256 of the file, hexadecimal; empty until done")
    size: int | None
    country: str | None = Field(default=None, alias="country.iso3")
    created_by: str = Field(alias="created_by.username")
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    published: bool
    published_at: datetime.datetime | None
    status_url: str
    file_url: str | None

    @staticmethod
    def resolve_status_url(obj: GeneratedReport, context: dict[str, Any]) -> str:
        return _absolute(context, reverse("api:report_get", args=[obj.pk]))

    @staticmethod
    def resolve_file_url(obj: GeneratedReport, context: dict[str, Any]) -> str | None:
        if obj.status != GeneratedReport.Status.DONE:
            return None
        return _absolute(context, reverse("api:report_file", args=[obj.pk]))


def _absolute(context: dict[str, Any] | None, path: str) -> str:
    """The address as the caller reached us; the configured base address without a request."""
    request = (context or {}).get("request")
    if request is not None:
        return str(request.build_absolute_uri(path))
    return settings.PALERMO_BASE_URL.rstrip("/") + path


@router.get("/reports/kinds", response=list[KindOut])
def report_kinds(request: HttpRequest) -> list[ReportKind]:
    """The kinds of report, their formats and the parameters each needs."""
    acting_user(request)
    return registry.kinds()


@router.get("/reports", response=list[ReportOut])
@paginate
def report_list(request: HttpRequest, kind: str = "", fmt: str = "", status: str = "") -> Any:
    """The reports the caller may read in full, newest first."""
    return report_selectors.report_list(
        user=acting_user(request), kind=kind, fmt=fmt, status=status
    )


@router.post("/reports", response={202: ReportOut})
def report_request(request: HttpRequest, payload: ReportIn) -> Status[GeneratedReport]:
    """Queue a report; poll its `status_url` until `status` is done or failed."""
    report = report_generation.report_request(
        actor=acting_user(request),
        kind=payload.kind,
        params=payload.params,
        language=payload.language,
        fmt=payload.fmt,
    )
    report.refresh_from_db()
    return Status(202, report)


@router.get("/reports/{int:report_id}", response=ReportOut, url_name="report_get")
def report_get(request: HttpRequest, report_id: int) -> GeneratedReport:
    """One report; one whose worker was lost is queued again or failed as it is read."""
    report = report_selectors.report_get(user=acting_user(request), report_id=report_id)
    return report_recovery.report_recover_if_stale(report=report)


@router.post("/reports/{int:report_id}/retry", response={202: ReportOut})
def report_retry(request: HttpRequest, report_id: int) -> Status[GeneratedReport]:
    """Request a failed report again with the same parameters (409 unless it failed)."""
    user = acting_user(request)
    report = report_selectors.report_get(user=user, report_id=report_id)
    retried = report_generation.report_retry(actor=user, report=report)
    retried.refresh_from_db()
    return Status(202, retried)


@router.get("/reports/{int:report_id}/file", response={200: None}, url_name="report_file")
def report_file(request: HttpRequest, report_id: int) -> FileResponse:
    """The stored file (409 until the report is done); every download is audited."""
    user = acting_user(request)
    report = report_selectors.report_get(user=user, report_id=report_id)
    handle = report_publishing.report_file_open(actor=user, report=report)
    return FileResponse(handle, as_attachment=True, filename=report.download_name)


@router.post("/reports/{int:report_id}/publish", response=ReportOut)
def report_publish(request: HttpRequest, report_id: int, confirm: bool = False) -> GeneratedReport:
    """Publish a generated report (the secretariat of its State only).

    A report that holds what is not yet meant for the public (drafts, single organisations'
    submissions, observations not yet agreed) answers 409 naming it; `?confirm=true` publishes
    it anyway.
    """
    user = acting_user(request)
    report = report_selectors.report_get(user=user, report_id=report_id)
    return report_publishing.report_publish(actor=user, report=report, confirmed=confirm)


@router.delete("/reports/{int:report_id}/publish", response=ReportOut)
def report_unpublish(request: HttpRequest, report_id: int) -> GeneratedReport:
    """Withdraw a report's publication (the secretariat of its State only)."""
    user = acting_user(request)
    report = report_selectors.report_get(user=user, report_id=report_id)
    return report_publishing.report_unpublish(actor=user, report=report)
