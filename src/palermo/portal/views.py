"""The public portal: what the secretariat published, readable without signing in."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from palermo.core.models import AuditEvent
from palermo.evidence import releases
from palermo.evidence.views.releases import release_table
from palermo.portal import selectors, services
from palermo.portal.selectors import tracking as public
from palermo.reports.models import GeneratedReport
from palermo.reports.sanitise import report_html_body
from palermo.tracking import charts
from palermo.tracking.models import Status


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


RECOMMENDATIONS_PER_PAGE = 20


@login_not_required
def portal_recommendations(request: HttpRequest) -> HttpResponse:
    """Public recommendations (those the published plans answer), filtered and paginated."""
    status = request.GET.get("status", "")
    theme = request.GET.get("theme", "")
    search = request.GET.get("q", "").strip()
    found = public.public_recommendations(_country(), status=status, theme=theme, search=search)
    page = Paginator(found.prefetch_related("themes"), RECOMMENDATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "count": page.paginator.count,
        "status": status,
        "theme": theme,
        "search": search,
        "statuses": Status.choices,
        "themes": public.public_themes(_country()),
        "query": query.urlencode(),
    }
    return render(request, "portal/recommendations.html", context)


@login_not_required
def portal_recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = public.public_recommendation_get(pk, _country())
    return render(
        request,
        "portal/recommendation.html",
        {
            "recommendation": recommendation,
            "plans": public.public_plans_of(recommendation, _country()),
        },
    )


@login_not_required
def portal_plans(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/plans.html", {"plans": public.public_plans(_country())})


@login_not_required
def portal_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """A public plan as its newest published progress report saw it: chart and tables."""
    found = public.public_plan_get(pk, _country())
    rows = found.standing.measure_rows
    return render(
        request,
        "portal/plan.html",
        {
            "found": found,
            "plan": found.plan,
            "measure_rows": rows,
            "indicators": found.standing.indicators,
            "chart_spec": charts.plan_progress_chart(rows) if rows else None,
        },
    )
