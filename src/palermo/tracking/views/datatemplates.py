"""Pages of the data maintenance templates: download, upload → preview → confirm → result."""

import base64
import datetime
from typing import Any

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from palermo.core import uploads
from palermo.core.audit import export_record
from palermo.core.forms import BootstrapFormMixin
from palermo.core.http import acting_user
from palermo.core.models import User
from palermo.core.permissions import require
from palermo.engagement.models import Organisation
from palermo.tracking import datatemplates, messages, permissions
from palermo.tracking.models import ActionPlan

SESSION_KEY = "datatemplate_upload"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class TemplateChoiceForm(BootstrapFormMixin, forms.Form):
    body = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Reporting body"),
        empty_label=None,
        error_messages={"invalid_choice": messages.TEMPLATE_BODY_INVALID},
    )
    period = forms.ChoiceField(
        label=_("Month"),
        help_text=_(
            "The template holds every indicator whose reporting period ends in this month: "
            "monthly indicators every month, quarterly ones in March, June, September and "
            "December, yearly ones in December."
        ),
    )

    def __init__(
        self,
        *args: Any,
        bodies: QuerySet[Organisation],
        months: list[datetime.date],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["period"].choices = [  # type: ignore[attr-defined]
            (month.isoformat(), formats.date_format(month, "YEAR_MONTH_FORMAT")) for month in months
        ]


class TemplateUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Filled template"),
        help_text=format_lazy(
            "{} {}",
            _(
                "The XLSX file downloaded from this page, with the values entered. You see a "
                "preview before anything is recorded."
            ),
            uploads.import_limit_help(),
        ),
    )


def _visible_plan(user: User, plan_id: int) -> ActionPlan:
    plan = get_object_or_404(ActionPlan.objects.select_related("owner"), pk=plan_id)
    if not permissions.can_view_plan(user, plan):
        raise Http404
    return plan


def _page(
    request: HttpRequest,
    *,
    user: User,
    plan: ActionPlan,
    choice_form: TemplateChoiceForm | None = None,
    upload_form: TemplateUploadForm | None = None,
    status: int = 200,
) -> HttpResponse:
    require(datatemplates.may_open_templates(user, plan))
    today = timezone.localdate()
    bodies = datatemplates.template_bodies(user=user, plan=plan)
    months = datatemplates.template_months(plan=plan, today=today)
    if choice_form is None:
        default = datatemplates.default_month(months, today)
        choice_form = TemplateChoiceForm(
            bodies=bodies,
            months=months,
            initial={"period": default.isoformat() if default else None},
        )
    if upload_form is None:
        upload_form = TemplateUploadForm()
    choice_form.mark_errors()
    upload_form.mark_errors()
    context = {
        "plan": plan,
        "has_bodies": bodies.exists(),
        "has_months": bool(months),
        "choice_form": choice_form,
        "upload_form": upload_form,
    }
    return render(request, "tracking/datatemplate_page.html", context, status=status)


@login_required
def datatemplate(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Choose a body and a month to download a template; upload a filled one."""
    user = acting_user(request)
    return _page(request, user=user, plan=_visible_plan(user, plan_id))


def _month(text: str) -> datetime.date | None:
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return datatemplates.month_start(day)


@login_required
def datatemplate_download(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The template for ?body=<id>&period=YYYY-MM-DD as an XLSX attachment."""
    user = acting_user(request)
    plan = _visible_plan(user, plan_id)
    body_id, period = request.GET.get("body", ""), request.GET.get("period", "")
    body = (
        Organisation.objects.filter(pk=int(body_id)).first()
        if body_id.isascii() and body_id.isdigit()
        else None
    )
    month = _month(period)
    if body is None or month is None:
        form = TemplateChoiceForm(
            request.GET,
            bodies=datatemplates.template_bodies(user=user, plan=plan),
            months=datatemplates.template_months(plan=plan, today=timezone.localdate()),
        )
        form.is_valid()
        if month is None:
            form.add_error("period", str(messages.TEMPLATE_MONTH_INVALID % {"value": period}))
        return _page(request, user=user, plan=plan, choice_form=form, status=400)
    content = datatemplates.template_build(user=user, plan=plan, body=body, period=month)
    filename = datatemplates.template_filename(plan=plan, body=body, month=month)
    export_record(
        actor=user,
        what=f"Data maintenance template of {body} for {month:%Y-%m}",
        fmt="xlsx",
        obj=plan,
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _preview(request: HttpRequest, upload: datatemplates.UploadPlan) -> HttpResponse:
    return render(
        request,
        "tracking/datatemplate_preview.html",
        {"plan": upload.plan, "upload": upload},
    )


def _confirm(request: HttpRequest, user: User, plan: ActionPlan) -> HttpResponse:
    stored = request.session.get(SESSION_KEY)
    if not stored or stored.get("user") != user.pk or stored.get("plan") != plan.pk:
        flash.error(request, messages.TEMPLATE_UPLOAD_EXPIRED)
        return redirect("tracking:datatemplate", plan_id=plan.pk)
    content = base64.b64decode(stored["content"])
    filename = stored["filename"]
    try:
        result = datatemplates.template_commit(
            user=user, plan=plan, content=content, filename=filename
        )
    except ValidationError as error:
        # The first message is the summary; the preview below shows every row's reason.
        flash.error(request, error.messages[0])
    else:
        del request.session[SESSION_KEY]
        return render(request, "tracking/datatemplate_done.html", {"plan": plan, "result": result})
    try:
        upload = datatemplates.template_plan(
            user=user, plan=plan, content=content, filename=filename
        )
    except ValidationError:
        del request.session[SESSION_KEY]
        return redirect("tracking:datatemplate", plan_id=plan.pk)
    return _preview(request, upload)


@login_required
def datatemplate_upload(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Upload a filled template → preview; `action=confirm` records it → result."""
    user = acting_user(request)
    plan = _visible_plan(user, plan_id)
    require(datatemplates.may_open_templates(user, plan))
    if request.method != "POST":
        return redirect("tracking:datatemplate", plan_id=plan.pk)
    if request.POST.get("action") == "confirm":
        return _confirm(request, user, plan)
    form = TemplateUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            content = uploads.read_upload(upload_file, max_bytes=uploads.import_max_bytes())
            upload = datatemplates.template_plan(
                user=user, plan=plan, content=content, filename=upload_file.name
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            request.session[SESSION_KEY] = {
                "user": user.pk,
                "plan": plan.pk,
                "filename": upload_file.name,
                "content": base64.b64encode(content).decode(),
            }
            return _preview(request, upload)
    return _page(request, user=user, plan=plan, upload_form=form, status=400)
