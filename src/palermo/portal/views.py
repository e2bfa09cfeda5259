"""The public portal: what the secretariat published, readable without signing in."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from palermo.core.models import AuditEvent
from palermo.evidence import releases
from palermo.evidence.views.releases import release_table
from palermo.portal import selectors, services
from palermo.reports.models import GeneratedReport
from palermo.reports.sanitise import report_html_body


def _country() -> str | None:
    """The State this deployment serves (its reports only), or None for every State."""
    return settings.PALERMO_COUNTRY or None


@login_not_required
def portal_home(request: HttpRequest) -> HttpResponse:
    entries = selectors.published_reports(country=_country())
    return render(request, "portal/home.html", {"entries": entries})


@login_not_required
def portal_download(request: HttpRequest, pk: int) -> FileResponse:
    report = selectors.published_report_get(report_id=pk, country=_country())
    handle = services.published_report_open(report=report)
    return FileResponse(handle, as_attachment=True, filename=report.download_name)


@login_not_required
def portal_report(request: HttpRequest, pk: int) -> HttpResponse:
    """A published HTML report read inside the portal (scripts and inline styles removed)."""
    report = selectors.published_report_get(report_id=pk, country=_country())
    if report.fmt != GeneratedReport.Format.HTML:
        return redirect(f"{reverse('portal:home')}#report-{report.pk}")
    with services.published_report_open(report=report, action=AuditEvent.Action.VIEW) as handle:
        content = handle.read().decode("utf-8", errors="replace")
    title, description = selectors.published_report_title(report)
    context = {
        "report": report,
        "title": title,
        "description": description,
        "body": report_html_body(content),
    }
    return render(request, "portal/report.html", context)


@login_not_required
def portal_statistics(request: HttpRequest) -> HttpResponse:
    """Published statistics: tables that passed the privacy checks, newest first."""
    return render(
        request, "portal/statistics.html", {"releases": releases.published(country=_country())}
    )


@login_not_required
def portal_release(request: HttpRequest, pk: int) -> HttpResponse:
    release = releases.published(country=_country()).filter(pk=pk).first()
    if release is None:
        raise Http404
    return render(
        request,
        "portal/release.html",
        {"release": release, "table": release_table(release)},
    )
