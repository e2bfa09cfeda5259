"""Pages of the reports: the list, generating one, its status, its file."""

from dataclasses import dataclass

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from palermo.core.exceptions import ConflictError
from palermo.core.http import acting_user
from palermo.core.lists import Column, list_context
from palermo.core.models import AuditEvent
from palermo.reports import permissions, registry
from palermo.reports.forms import GenerateForm, ReportFilterForm
from palermo.reports.models import GeneratedReport
from palermo.reports.registry import Params, ReportKind
from palermo.reports.sanitise import report_html_body
from palermo.reports.selectors import reports as report_selectors
from palermo.reports.services import generation as report_generation
from palermo.reports.services import publishing as report_publishing
from palermo.reports.services import recovery as report_recovery

COLUMNS = [
    Column("kind", gettext_lazy("Report"), "kind"),
    Column("format", gettext_lazy("Format"), "fmt"),
    Column("status", gettext_lazy("Status"), "status"),
    Column("requested_by", gettext_lazy("Requested by"), "created_by__username"),
    Column("requested_at", gettext_lazy("Requested at"), "created_at"),
    Column("size", gettext_lazy("Size"), "size"),
    Column("checksum", gettext_lazy("SHA-256")),
    Column("actions", gettext_lazy("Actions")),
]


@dataclass(frozen=True)
class ReportRow:
    """A report with what the pages show beside it."""

    report: GeneratedReport
    kind_label: str
    params_label: str
    can_publish: bool
    can_retry: bool


def _row(request: HttpRequest, report: GeneratedReport) -> ReportRow:
    kind = registry.get(report.kind)
    if kind is None:
        kind_label, params_label = report.kind, ", ".join(map(str, report.params.values()))
    else:
        kind_label, params_label = str(kind.label), kind.params_label(report.params)
    can_retry = report.status == GeneratedReport.Status.FAILED and permissions.can_retry(
        request.user, report
    )
    return ReportRow(
        report,
        kind_label,
        params_label,
        permissions.can_publish(request.user, report),
        can_retry,
    )


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    kinds = registry.kinds()
    form = ReportFilterForm(
        request.GET or None, kinds=[(kind.code, str(kind.label)) for kind in kinds]
    )
    filters = form.cleaned_data if form.is_valid() else {}
    reports = report_selectors.report_list(
        user=request.user,
        kind=filters.get("kind", ""),
        fmt=filters.get("fmt", ""),
        status=filters.get("status", ""),
    )
    context = list_context(request, reports, COLUMNS, "-requested_at")
    context["rows"] = [_row(request, report) for report in context["object_list"]]
    context.update(form=form, kinds=kinds, filtered=any(filters.values()))
    return render(request, "reports/report_list.html", context)


def _params_from_address(report_kind: ReportKind, request: HttpRequest) -> Params | None:
    try:
        return report_kind.parse_params(request.GET)
    except ValidationError:
        return None


@login_required
def report_new(request: HttpRequest, kind: str) -> HttpResponse:
    report_kind = registry.get(kind)
    if report_kind is None:
        raise Http404(_("This kind of report does not exist."))
    user = acting_user(request)
    data = request.POST if request.method == "POST" else None
    initial = {param.name: request.GET.get(param.name) for param in report_kind.params}
    form = GenerateForm(data, initial=initial, kind=report_kind, user=user)
    about = ""
    if data is None:
        # Parameters in the address (from a review, plan or alliance page) are checked at once;
        # without them the form asks for them.
        params = _params_from_address(report_kind, request)
        if params is not None:
            if not permissions.can_generate(user, report_kind, params):
                raise PermissionDenied
            about = report_kind.params_label(params)
    elif form.is_valid():
        try:
            report = report_generation.report_request(
                actor=user,
                kind=report_kind.code,
                params=form.params(),
                language=form.cleaned_data["language"],
                fmt=form.cleaned_data["fmt"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.info(request, _("The report was requested; this page shows its progress."))
            return redirect(report)
    form.mark_errors()
    return render(
        request, "reports/report_new.html", {"form": form, "kind": report_kind, "about": about}
    )


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_selectors.report_get(user=request.user, report_id=pk)
    report = report_recovery.report_recover_if_stale(report=report)
    return render(
        request, "reports/report_detail.html", {"report": report, "row": _row(request, report)}
    )


@login_required
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status fragment the detail page polls (htmx) until the report is finished.

    A report whose worker was lost is recovered here too, so the page never waits for ever.
    """
    report = report_selectors.report_get(user=request.user, report_id=pk)
    report = report_recovery.report_recover_if_stale(report=report)
    return render(
        request, "reports/report_status.html", {"report": report, "row": _row(request, report)}
    )


@login_required
@require_POST
def report_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Try a failed report again: a new request with the same parameters."""
    report = report_selectors.report_get(user=request.user, report_id=pk)
    try:
        retried = report_generation.report_retry(actor=acting_user(request), report=report)
    except (ConflictError, ValidationError) as error:
        flash.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect(report)
    flash.info(request, _("The report was requested again; this page shows its progress."))
    return redirect(retried)


@login_required
def report_download(request: HttpRequest, pk: int) -> FileResponse:
    report = report_selectors.report_get(user=request.user, report_id=pk)
    try:
        handle = report_publishing.report_file_open(actor=acting_user(request), report=report)
    except ConflictError as error:
        raise Http404(str(error)) from error
    return FileResponse(handle, as_attachment=True, filename=report.download_name)


@login_required
def report_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An HTML report read inside the site's layout (scripts and inline styles removed)."""
    report = report_selectors.report_get(user=request.user, report_id=pk)
    if report.fmt != GeneratedReport.Format.HTML:
        return redirect("reports:report-download", pk=report.pk)
    try:
        with report_publishing.report_file_open(
            actor=acting_user(request), report=report, action=AuditEvent.Action.VIEW
        ) as handle:
            content = handle.read().decode("utf-8", errors="replace")
    except ConflictError as error:
        raise Http404(str(error)) from error
    context = {"report": report, "row": _row(request, report), "body": report_html_body(content)}
    return render(request, "reports/report_view.html", context)


@login_required
@require_POST
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_selectors.report_get(user=request.user, report_id=pk)
    user = acting_user(request)
    try:
        if request.POST.get("action") == "unpublish":
            report_publishing.report_unpublish(actor=user, report=report)
            flash.success(request, _("The report is no longer published."))
        else:
            report_publishing.report_publish(
                actor=user, report=report, confirmed=request.POST.get("confirmed") == "1"
            )
            flash.success(request, _("The report is published."))
    except report_publishing.UnpublishableContentError as unfit:
        context = {
            "report": report,
            "row": _row(request, report),
            "contents": unfit.contents,
            "next": request.POST.get("next", ""),
        }
        return render(request, "reports/publish_confirm.html", context)
    except ConflictError as error:
        flash.error(request, str(error))
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(report)
