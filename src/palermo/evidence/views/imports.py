"""Importing a version (upload, check, map the columns, confirm) and reading its records."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from palermo.core import uploads
from palermo.core.http import acting_user
from palermo.evidence import (
    permissions,
    selectors,
    services,
)
from palermo.evidence.forms import ImportForm
from palermo.evidence.models import Dataset

IMPORT_SESSION_KEY = "evidence_import"
RECORDS_PER_PAGE = 50


def _layout_choices(dataset: Dataset) -> list[tuple[str, str]]:
    return [(layout.name, str(layout.label)) for layout in services.layout_choices(dataset.kind)]


@login_required
def dataset_import(request: HttpRequest, dataset_id: int) -> HttpResponse:
    """Upload → check (errors per row, or a preview) → confirm → the new version."""
    dataset = selectors.dataset_allowed(request.user, dataset_id, permissions.can_manage_dataset)
    if request.method == "POST" and request.POST.get("confirm"):
        return _import_confirm(request, dataset)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        layouts=_layout_choices(dataset),
        editions=dataset.kind == "index_scores",
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            with uploads.spooled_upload(
                upload, max_bytes=uploads.evidence_import_max_bytes(), field="file"
            ) as path:
                check = services.import_check(
                    actor=acting_user(request),
                    dataset=dataset,
                    path=path,
                    layout=form.cleaned_data["layout"] or None,
                    edition=form.cleaned_data.get("edition"),
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if check.ok and check.layout is not None:
                request.session[IMPORT_SESSION_KEY] = {
                    "dataset": dataset.pk,
                    "token": check.token,
                    "layout": check.layout.name,
                    "filename": upload.name,
                    "notes": check.notes,
                }
            preview = check.preview()
            return render(
                request,
                "evidence/dataset_import_check.html",
                {
                    "dataset": dataset,
                    "check": check,
                    "filename": upload.name,
                    "preview_columns": preview.column_names,
                    "preview_rows": [list(row.values()) for row in preview.to_pylist()],
                },
            )
    form.mark_errors()
    return render(request, "evidence/dataset_import.html", {"dataset": dataset, "form": form})


def _import_confirm(request: HttpRequest, dataset: Dataset) -> HttpResponse:
    pending = request.session.get(IMPORT_SESSION_KEY)
    if not pending or pending.get("dataset") != dataset.pk:
        flash.error(request, _("The checked file expired; please upload it again."))
        return redirect("evidence:dataset-import", dataset.pk)
    try:
        version = services.import_commit(
            actor=acting_user(request),
            dataset=dataset,
            token=pending["token"],
            layout=pending["layout"],
            source_filename=pending["filename"],
            notes=pending.get("notes", []),
        )
    except ValidationError as error:
        flash.error(request, " ".join(error.messages))
        return redirect("evidence:dataset-import", dataset.pk)
    del request.session[IMPORT_SESSION_KEY]
    flash.success(
        request,
        _("Version %(number)s was stored: %(rows)s records.")
        % {"number": version.number, "rows": f"{version.row_count:,}"},
    )
    return redirect(dataset)


@login_required
def version_records(request: HttpRequest, dataset_id: int, number: int) -> HttpResponse:
    dataset = selectors.dataset_allowed(request.user, dataset_id, permissions.can_read_records)
    version = selectors.version_get(dataset, number)
    try:
        page_number = max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        page_number = 1
    offset = (page_number - 1) * RECORDS_PER_PAGE
    if offset and offset >= version.row_count:
        raise Http404
    page = selectors.records_page(
        request.user, version, offset=offset, limit=RECORDS_PER_PAGE, where="records page"
    )
    last_page = max((version.row_count + RECORDS_PER_PAGE - 1) // RECORDS_PER_PAGE, 1)
    return render(
        request,
        "evidence/version_records.html",
        {
            "dataset": dataset,
            "version": version,
            "page": page,
            "page_number": page_number,
            "last_page": last_page,
            "can_export": permissions.can_export_records(request.user, dataset),
        },
    )


@login_required
def version_export(request: HttpRequest, dataset_id: int, number: int) -> FileResponse:
    dataset = selectors.dataset_allowed(request.user, dataset_id, permissions.can_export_records)
    version = selectors.version_get(dataset, number)
    fmt = request.GET.get("format", "csv")
    if fmt not in selectors.EXPORT_FORMATS:
        raise Http404
    export = selectors.records_export(request.user, version, fmt=fmt)
    return FileResponse(
        export.file, as_attachment=True, filename=export.filename, content_type=export.content_type
    )
