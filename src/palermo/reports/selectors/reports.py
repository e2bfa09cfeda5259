"""Reading generated reports, always through what the user may see."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from palermo.core.permissions import is_active_user
from palermo.reports import audience, permissions
from palermo.reports.models import GeneratedReport


def report_list(
    *, user: Any, kind: str = "", fmt: str = "", status: str = ""
) -> QuerySet[GeneratedReport]:
    """The reports the user may read everything of (all for a superuser)."""
    reports = GeneratedReport.objects.select_related("created_by", "country", "published_by")
    if not is_active_user(user):
        return reports.none()
    if kind:
        reports = reports.filter(kind=kind)
    if fmt:
        reports = reports.filter(fmt=fmt)
    if status:
        reports = reports.filter(status=status)
    if user.is_superuser:
        return reports
    # What each report prints decides who reads it. The State narrows the candidates first,
    # except for those attached to single reviews of other States (peer reviewers, observers).
    candidates = (
        reports
        if user.role_grants.exclude(scope_type="").exists()
        else reports.filter(Q(country__iso3=user.country) | Q(created_by=user))
    )
    cache = audience.Cache()
    readable = [r.pk for r in candidates if permissions.can_view_report(user, r, cache)]
    return reports.filter(pk__in=readable)


def report_get(*, user: Any, report_id: int) -> GeneratedReport:
    """One report the user may see; 404 otherwise, so ids of other States do not leak."""
    report = (
        GeneratedReport.objects.select_related("created_by", "country", "published_by")
        .filter(pk=report_id)
        .first()
    )
    if report is None or not permissions.can_view_report(user, report):
        raise Http404
    return report


def report_published_list() -> QuerySet[GeneratedReport]:
    """Published reports, newest first: what the public portal may list."""
    return GeneratedReport.objects.filter(
        published=True, status=GeneratedReport.Status.DONE
    ).select_related("country")
