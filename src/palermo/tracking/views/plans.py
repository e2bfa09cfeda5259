"""Pages of action plans and their measures (indicators and values: views/indicators.py)."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core.http import acting_user
from palermo.core.lists import Column, list_context
from palermo.core.pagecache import cached_page
from palermo.tracking import permissions
from palermo.tracking.models import ActionPlan, Measure
from palermo.tracking.selectors import plans as selectors
from palermo.tracking.services import plans as services
from palermo.tracking.views.plan_forms import (
    MeasureForm,
    PlanForm,
    add_errors,
    measure_initial,
    plan_initial,
)

PLAN_COLUMNS = [
    Column("title", gettext_lazy("Title"), "title"),
    Column("owner", gettext_lazy("Owning body"), "owner__name"),
    Column("starts", gettext_lazy("Period"), "starts_on"),
    Column("review", gettext_lazy("Review on"), "review_on"),
    Column("measures", gettext_lazy("Measures"), "measure_count"),
    Column("indicators", gettext_lazy("Indicators"), "indicator_count"),
]


def visible_plan(request: HttpRequest, plan_id: int) -> ActionPlan:
    return get_object_or_404(
        selectors.visible_plans(user=request.user).select_related("owner"), pk=plan_id
    )


def visible_measure(request: HttpRequest, measure_id: int) -> Measure:
    return get_object_or_404(selectors.measure_list(user=request.user), pk=measure_id)


def _recommendation_links(
    links: list[selectors.LinkedRecommendation],
) -> list[tuple[selectors.LinkedRecommendation, str]]:
    """Each recommendation with its page, or no link while the recommendation pages are absent."""
    found = []
    for link in links:
        try:
            url = link.recommendation.get_absolute_url()
        except NoReverseMatch:
            url = ""
        found.append((link, url))
    return found


@login_required
@cached_page
def plan_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    context = list_context(request, selectors.plan_list(user=user), PLAN_COLUMNS, "-starts")
    context["can_create"] = permissions.can_create_plan(user)
    context["can_see_reporting"] = selectors.is_reporting_user(user)
    return render(request, "tracking/plan_list.html", context)


@login_required
@cached_page
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = acting_user(request)
    plan = visible_plan(request, plan_id)
    detail = selectors.plan_detail(plan, timezone.localdate())
    return render(
        request,
        "tracking/plan_detail.html",
        {
            "plan": plan,
            "detail": detail,
            "recommendations": _recommendation_links(detail.recommendations),
            "can_edit": permissions.can_edit_plan(user, plan),
        },
    )


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.can_create_plan(user):
        raise PermissionDenied
    form = PlanForm(request.POST or None, organisations=selectors.plan_organisations(user.country))
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=user, country=user.country, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            flash.success(request, _("“%(title)s” was created.") % {"title": plan.title})
            return redirect(plan)
    form.mark_errors()
    return render(request, "tracking/plan_form.html", {"form": form})


@login_required
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = acting_user(request)
    plan = visible_plan(request, plan_id)
    if not permissions.can_edit_plan(user, plan):
        raise PermissionDenied
    form = PlanForm(
        request.POST or None,
        initial=plan_initial(plan),
        organisations=selectors.plan_organisations(plan.country),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(actor=user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            flash.success(request, _("The changes were saved."))
            return redirect(plan)
    form.mark_errors()
    return render(request, "tracking/plan_form.html", {"form": form, "plan": plan})


@login_required
def plan_delete(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = acting_user(request)
    plan = visible_plan(request, plan_id)
    if not permissions.can_edit_plan(user, plan):
        raise PermissionDenied
    if request.method == "POST":
        services.plan_delete(actor=user, plan=plan)
        flash.success(request, _("“%(title)s” was deleted.") % {"title": plan.title})
        return redirect("tracking:plan-list")
    return render(request, "tracking/plan_delete.html", {"plan": plan})


def _measure_form(request: HttpRequest, plan: ActionPlan, measure: Measure | None) -> MeasureForm:
    return MeasureForm(
        request.POST or None,
        initial=measure_initial(measure) if measure is not None else {},
        organisations=selectors.plan_organisations(plan.country),
        recommendations=selectors.plan_recommendations(plan.country),
    )


@login_required
def measure_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = acting_user(request)
    plan = visible_plan(request, plan_id)
    if not permissions.can_edit_plan(user, plan):
        raise PermissionDenied
    form = _measure_form(request, plan, None)
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.measure_create(actor=user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            flash.success(request, _("Measure %(number)s was added.") % {"number": measure.number})
            return redirect(f"{plan.get_absolute_url()}#measure-{measure.pk}")
    form.mark_errors()
    return render(request, "tracking/measure_form.html", {"form": form, "plan": plan})


@login_required
def measure_edit(request: HttpRequest, measure_id: int) -> HttpResponse:
    user = acting_user(request)
    measure = visible_measure(request, measure_id)
    plan = measure.plan
    if not permissions.can_edit_plan(user, plan):
        raise PermissionDenied
    form = _measure_form(request, plan, measure)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if data["number"] is None:
            data["number"] = measure.number
        try:
            services.measure_update(actor=user, measure=measure, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            flash.success(request, _("The changes were saved."))
            return redirect(f"{plan.get_absolute_url()}#measure-{measure.pk}")
    form.mark_errors()
    return render(
        request, "tracking/measure_form.html", {"form": form, "plan": plan, "measure": measure}
    )


@login_required
def measure_delete(request: HttpRequest, measure_id: int) -> HttpResponse:
    user = acting_user(request)
    measure = visible_measure(request, measure_id)
    plan = measure.plan
    if not permissions.can_edit_plan(user, plan):
        raise PermissionDenied
    if request.method == "POST":
        services.measure_delete(actor=user, measure=measure)
        flash.success(request, _("Measure %(number)s was deleted.") % {"number": measure.number})
        return redirect(plan)
    return render(request, "tracking/measure_delete.html", {"plan": plan, "measure": measure})
