"""Public recommendations and the published plans' progress."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from palermo.core.pagecache import cached_page
from palermo.portal.selectors import tracking as public
from palermo.portal.views.common import served_country
from palermo.tracking import charts
from palermo.tracking.models import Status

RECOMMENDATIONS_PER_PAGE = 20


@login_not_required
@cached_page
def portal_recommendations(request: HttpRequest) -> HttpResponse:
    """Public recommendations (those the published plans answer), filtered and paginated."""
    status = request.GET.get("status", "")
    theme = request.GET.get("theme", "")
    search = request.GET.get("q", "").strip()
    found = public.public_recommendations(
        served_country(), status=status, theme=theme, search=search
    )
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
        "themes": public.public_themes(served_country()),
        "query": query.urlencode(),
    }
    return render(request, "portal/recommendations.html", context)


@login_not_required
@cached_page
def portal_recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = public.public_recommendation_get(pk, served_country())
    return render(
        request,
        "portal/recommendation.html",
        {
            "recommendation": recommendation,
            "plans": public.public_plans_of(recommendation, served_country()),
        },
    )


@login_not_required
@cached_page
def portal_plans(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/plans.html", {"plans": public.public_plans(served_country())})


@login_not_required
@cached_page
def portal_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """A public plan as its newest published progress report saw it: chart and tables."""
    found = public.public_plan_get(pk, served_country())
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
