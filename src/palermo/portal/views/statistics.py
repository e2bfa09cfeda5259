"""Published statistics: tables that passed the privacy checks."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from palermo.core.pagecache import cached_page
from palermo.evidence import releases
from palermo.evidence.views.releases import release_table
from palermo.portal.views.common import served_country


@login_not_required
@cached_page
def portal_statistics(request: HttpRequest) -> HttpResponse:
    """Published statistics: tables that passed the privacy checks, newest first."""
    return render(
        request,
        "portal/statistics.html",
        {"releases": releases.published(country=served_country())},
    )


@login_not_required
@cached_page
def portal_release(request: HttpRequest, pk: int) -> HttpResponse:
    release = releases.published(country=served_country()).filter(pk=pk).first()
    if release is None:
        raise Http404
    return render(
        request,
        "portal/release.html",
        {"release": release, "table": release_table(release)},
    )
