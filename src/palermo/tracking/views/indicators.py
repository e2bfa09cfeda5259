"""Pages of indicators and their values: report, correct, verify, return, history."""

import datetime

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core.http import acting_user
from palermo.tracking import messages, permissions
from palermo.tracking.models import Indicator, Measurement, period_label
from palermo.tracking.selectors import plans as selectors
from palermo.tracking.selectors import standing
from palermo.tracking.services import measurements as measurement_services
from palermo.tracking.services import plans as services
from palermo.tracking.views.plan_forms import (
    IndicatorForm,
    MeasurementForm,
    ReturnForm,
    add_errors,
    indicator_initial,
)
from palermo.tracking.views.plans import visible_measure


def visible_indicator(request: HttpRequest, indicator_id: int) -> Indicator:
    return get_object_or_404(selectors.indicator_list(user=request.user), pk=indicator_id)


def visible_measurement(request: HttpRequest, measurement_id: int) -> Measurement:
    return get_object_or_404(selectors.measurement_list(user=request.user), pk=measurement_id)


@login_required
def indicator_create(request: HttpRequest, measure_id: int) -> HttpResponse:
    user = acting_user(request)
    measure = visible_measure(request, measure_id)
    plan = measure.plan
    if not permissions.can_edit_plan(user, plan):
        raise PermissionDenied
    form = IndicatorForm(
        request.POST or None,
        initial={
            "baseline_date": plan.starts_on - datetime.timedelta(days=1),
            "target_date": plan.ends_on,
            "frequency": Indicator.Frequency.MONTHLY,
            "reporting_body": measure.lead_id,
        },
        organisations=selectors.plan_organisations(plan.country),
    )
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(actor=user, measure=measure, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            flash.success(request, _("“%(name)s” was added.") % {"name": indicator.name})
            return redirect(indicator)
    form.mark_errors()
    return render(
        request, "tracking/indicator_form.html", {"form": form, "plan": plan, "measure": measure}
    )


def _measurement_form(
    request: HttpRequest, indicator: Indicator, today: datetime.date
) -> MeasurementForm:
    periods = selectors.reportable_periods(indicator, today)
    initial = {}
    requested = request.GET.get("period", "")
    if requested in {period.isoformat() for period in periods}:
        initial["period"] = requested
    return MeasurementForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        indicator=indicator,
        periods=periods,
    )


@login_required
def indicator_detail(request: HttpRequest, indicator_id: int) -> HttpResponse:
    user = acting_user(request)
    indicator = visible_indicator(request, indicator_id)
    today = timezone.localdate()
    plan = indicator.measure.plan
    series = selectors.indicator_series(indicator, today)
    reported = [point.measurement for point in series if point.measurement is not None]
    form = None
    if permissions.can_report(user, indicator):
        form = _measurement_form(request, indicator, today)
    return render(
        request,
        "tracking/indicator_detail.html",
        {
            "indicator": indicator,
            "measure": indicator.measure,
            "plan": plan,
            "status": standing.indicator_standing(indicator, today, reported),
            "series": series,
            "form": form,
            "read_only_reason": ""
            if form
            else messages.INDICATOR_REPORT_READ_ONLY % {"body": indicator.reporting_body.name},
            "can_edit": permissions.can_edit_plan(user, plan),
            # Verifying is the owner's: the same answer for every value of this plan.
            "can_verify": permissions.is_plan_owner(user, plan),
        },
    )


@login_required
def indicator_edit(request: HttpRequest, indicator_id: int) -> HttpResponse:
    user = acting_user(request)
    indicator = visible_indicator(request, indicator_id)
    plan = indicator.measure.plan
    if not permissions.can_edit_plan(user, plan):
        raise PermissionDenied
    form = IndicatorForm(
        request.POST or None,
        initial=indicator_initial(indicator),
        organisations=selectors.plan_organisations(plan.country),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(actor=user, indicator=indicator, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            flash.success(request, _("The changes were saved."))
            return redirect(indicator)
    form.mark_errors()
    return render(
        request,
        "tracking/indicator_form.html",
        {"form": form, "plan": plan, "measure": indicator.measure, "indicator": indicator},
    )


@login_required
def indicator_delete(request: HttpRequest, indicator_id: int) -> HttpResponse:
    user = acting_user(request)
    indicator = visible_indicator(request, indicator_id)
    plan = indicator.measure.plan
    if not permissions.can_edit_plan(user, plan):
        raise PermissionDenied
    if request.method == "POST":
        services.indicator_delete(actor=user, indicator=indicator)
        flash.success(request, _("“%(name)s” was deleted.") % {"name": indicator.name})
        return redirect(plan)
    return render(request, "tracking/indicator_delete.html", {"plan": plan, "indicator": indicator})


@login_required
def measurement_report(request: HttpRequest, indicator_id: int) -> HttpResponse:
    """Report a value for a period, or correct the one reported for it."""
    user = acting_user(request)
    indicator = visible_indicator(request, indicator_id)
    if not permissions.can_report(user, indicator):
        raise PermissionDenied
    today = timezone.localdate()
    form = _measurement_form(request, indicator, today)
    if request.method == "POST" and form.is_valid():
        try:
            measurement = measurement_services.measurement_report(
                actor=user, indicator=indicator, today=today, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            label = period_label(measurement.period, indicator.frequency)
            flash.success(
                request,
                _("The value for %(period)s was recorded.") % {"period": label},
            )
            return redirect(indicator)
    form.mark_errors()
    return render(
        request,
        "tracking/measurement_form.html",
        {"form": form, "indicator": indicator, "plan": indicator.measure.plan},
    )


@login_required
@require_POST
def measurement_verify(request: HttpRequest, measurement_id: int) -> HttpResponse:
    user = acting_user(request)
    measurement = visible_measurement(request, measurement_id)
    if not permissions.can_verify(user, measurement):
        raise PermissionDenied
    try:
        measurement_services.measurement_verify(actor=user, measurement=measurement)
    except ValidationError as error:
        flash.error(request, " ".join(error.messages))
    else:
        label = period_label(measurement.period, measurement.indicator.frequency)
        flash.success(request, _("The value for %(period)s is verified.") % {"period": label})
    return redirect(measurement.indicator)


@login_required
def measurement_return(request: HttpRequest, measurement_id: int) -> HttpResponse:
    user = acting_user(request)
    measurement = visible_measurement(request, measurement_id)
    if not permissions.can_verify(user, measurement):
        raise PermissionDenied
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            measurement_services.measurement_return(
                actor=user, measurement=measurement, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            flash.success(request, _("The value was returned to the reporting body."))
            return redirect(measurement.indicator)
    form.mark_errors()
    return render(
        request,
        "tracking/measurement_return.html",
        {
            "form": form,
            "measurement": measurement,
            "indicator": measurement.indicator,
            "plan": measurement.indicator.measure.plan,
            "period": period_label(measurement.period, measurement.indicator.frequency),
        },
    )


@login_required
def measurement_history(request: HttpRequest, measurement_id: int) -> HttpResponse:
    acting_user(request)
    measurement = visible_measurement(request, measurement_id)
    indicator = measurement.indicator
    return render(
        request,
        "tracking/measurement_history.html",
        {
            "measurement": measurement,
            "indicator": indicator,
            "plan": indicator.measure.plan,
            "period": period_label(measurement.period, indicator.frequency),
            "versions": selectors.measurement_history(measurement),
        },
    )


@login_required
def my_reporting(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    rows = selectors.my_reporting(user=user, today=timezone.localdate())
    return render(
        request,
        "tracking/plan_my_reporting.html",
        {
            "rows": rows,
            "organisation": user.organisation,
            "overdue_count": sum(len(row.status.overdue) for row in rows),
        },
    )
