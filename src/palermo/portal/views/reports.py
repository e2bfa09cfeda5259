"""Published reports: the list, a report read in the portal, a download."""

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from palermo.core.models import AuditEvent
from palermo.core.pagecache import cached_page
from palermo.portal.selectors import reports as report_selectors
from palermo.portal.services import reports as report_services
from palermo.portal.views.common import served_country
from palermo.reports.models import GeneratedReport
from palermo.reports.sanitise import report_html_body


@login_not_required
@cached_page
def portal_home(request: HttpRequest) -> HttpResponse:
    entries = report_selectors.published_reports(country=served_country())
    return render(request, "portal/home.html", {"entries": entries})


@login_not_required
def portal_download(request: HttpRequest, pk: int) -> FileResponse:
    report = report_selectors.published_report_get(report_id=pk, country=served_country())
    handle = report_services.published_report_open(report=report)
    return FileResponse(handle, as_attachment=True, filename=report.download_name)


@login_not_required
def portal_report(request: HttpRequest, pk: int) -> HttpResponse:
    """A published HTML report read inside the portal (scripts and inline styles removed)."""
    report = report_selectors.published_report_get(report_id=pk, country=served_country())
    if report.fmt != GeneratedReport.Format.HTML:
        return redirect(f"{reverse('portal:home')}#report-{report.pk}")
    with report_services.published_report_open(
        report=report, action=AuditEvent.Action.VIEW
    ) as handle:
        content = handle.read().decode("utf-8", errors="replace")
    title, description = report_selectors.published_report_title(report)
    context = {
        "report": report,
        "title": title,
        "description": description,
        "body": report_html_body(content),
    }
    return render(request, "portal/report.html", context)
