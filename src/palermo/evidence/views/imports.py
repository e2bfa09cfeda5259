"""Importing a version (upload, check, map the columns, confirm) and reading its records."""

from pathlib import Path
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from palermo.core import uploads
from palermo.core.http import acting_user
from palermo.evidence import permissions
from palermo.evidence.forms import ImportForm, MappingForm
from palermo.evidence.loaders import mapping as column_mapping
from palermo.evidence.models import Dataset
from palermo.evidence.selectors import datasets as dataset_selectors
from palermo.evidence.selectors import records as record_selectors
from palermo.evidence.services import imports as import_services

IMPORT_SESSION_KEY = "evidence_import"
MAP_SESSION_KEY = "evidence_import_map"  # an uploaded file whose columns are being mapped
RECORDS_PER_PAGE = 50


def _layout_choices(dataset: Dataset) -> list[tuple[str, str]]:
    choices = [
        (layout.name, str(layout.label)) for layout in import_services.layout_choices(dataset.kind)
    ]
    if import_services.can_map(dataset):
        choices.append((import_services.MAP_COLUMNS, _("Map the columns myself")))
    return choices


def _render_check(
    request: HttpRequest, dataset: Dataset, check: import_services.ImportCheck, filename: str
) -> HttpResponse:
    """The check step: errors by row, or a preview; a passed check waits for confirmation."""
    if check.ok and check.layout is not None:
        request.session[IMPORT_SESSION_KEY] = {
            "dataset": dataset.pk,
            "token": check.token,
            "layout": check.layout.name,
            "filename": filename,
            "notes": check.notes,
            "mapping": check.mapping,
        }
    preview = check.preview()
    return render(
        request,
        "evidence/dataset_import_check.html",
        {
            "dataset": dataset,
            "check": check,
            "can_map": import_services.can_map(dataset) and not check.mapping,
            "filename": filename,
            "preview_columns": preview.column_names,
            "preview_rows": [list(row.values()) for row in preview.to_pylist()],
        },
    )


def _mapping_form(dataset: Dataset, path: Path, data: Any = None) -> MappingForm:
    """The mapping form of a file, pre-filled from the dataset's last mapping, else guessed."""
    previous = import_services.last_mapping(dataset)
    columns = column_mapping.columns(path, previous=previous.get("columns"))
    initial = {
        f"values_{position}": column_mapping.describe_values(
            previous.get("values", {}).get(column.name, {})
        )
        for position, column in enumerate(columns)
    }
    return MappingForm(data, columns=columns, initial=initial)


def _render_mapping(
    request: HttpRequest,
    dataset: Dataset,
    form: MappingForm,
    filename: str,
    check: import_services.ImportCheck | None = None,
) -> HttpResponse:
    return render(
        request,
        "evidence/dataset_import_map.html",
        {"dataset": dataset, "form": form, "filename": filename, "check": check},
    )


@login_required
def dataset_import(request: HttpRequest, dataset_id: int) -> HttpResponse:
    """Upload → check (errors per row, or a preview; or map the columns) → confirm."""
    dataset = dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_manage_dataset
    )
    if request.method == "POST" and request.POST.get("confirm"):
        return _import_confirm(request, dataset)
    if request.method == "POST" and request.POST.get("map"):
        return _import_map(request, dataset)
    if request.method == "POST" and request.POST.get("map_instead"):
        return _import_map(request, dataset, start=True)
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
                check = import_services.import_check(
                    actor=acting_user(request),
                    dataset=dataset,
                    path=path,
                    layout=form.cleaned_data["layout"] or None,
                    edition=form.cleaned_data.get("edition"),
                )
                # A file no layout reads, or one read wrongly, may be mapped by hand.
                if import_services.can_map(dataset):
                    kept = import_services.import_source_keep(path)
                    request.session[MAP_SESSION_KEY] = {
                        "dataset": dataset.pk,
                        "source": kept,
                        "filename": upload.name,
                    }
                    mapping_form = _mapping_form(dataset, path)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if check.needs_mapping:
                return _render_mapping(request, dataset, mapping_form, upload.name)
            return _render_check(request, dataset, check, upload.name)
    form.mark_errors()
    return render(request, "evidence/dataset_import.html", {"dataset": dataset, "form": form})


def _import_map(request: HttpRequest, dataset: Dataset, *, start: bool = False) -> HttpResponse:
    """Read the kept file through the mapping the user gave: the check step, or the form again.

    `start`: the file failed in the layout it was recognised as; show the mapping form.
    """
    pending = request.session.get(MAP_SESSION_KEY)
    path = import_services.import_source_path(pending["source"]) if pending else None
    if not pending or pending.get("dataset") != dataset.pk or path is None:
        flash.error(request, _("The uploaded file expired; please upload it again."))
        return redirect("evidence:dataset-import", dataset.pk)
    if start:
        return _render_mapping(request, dataset, _mapping_form(dataset, path), pending["filename"])
    form = _mapping_form(dataset, path, request.POST)
    if not form.is_valid():
        return _render_mapping(request, dataset, form, pending["filename"])
    check = import_services.import_check(
        actor=acting_user(request), dataset=dataset, path=path, mapping=form.spec()
    )
    if not check.ok:
        return _render_mapping(request, dataset, form, pending["filename"], check)
    return _render_check(request, dataset, check, pending["filename"])


def _import_confirm(request: HttpRequest, dataset: Dataset) -> HttpResponse:
    pending = request.session.get(IMPORT_SESSION_KEY)
    if not pending or pending.get("dataset") != dataset.pk:
        flash.error(request, _("The checked file expired; please upload it again."))
        return redirect("evidence:dataset-import", dataset.pk)
    try:
        version = import_services.import_commit(
            actor=acting_user(request),
            dataset=dataset,
            token=pending["token"],
            layout=pending["layout"],
            source_filename=pending["filename"],
            notes=pending.get("notes", []),
            mapping=pending.get("mapping") or {},
        )
    except ValidationError as error:
        flash.error(request, " ".join(error.messages))
        return redirect("evidence:dataset-import", dataset.pk)
    del request.session[IMPORT_SESSION_KEY]
    mapped = request.session.pop(MAP_SESSION_KEY, None)
    if mapped:
        import_services.import_source_discard(mapped["source"])
    flash.success(
        request,
        _("Version %(number)s was stored: %(rows)s records.")
        % {"number": version.number, "rows": f"{version.row_count:,}"},
    )
    return redirect(dataset)


@login_required
def version_records(request: HttpRequest, dataset_id: int, number: int) -> HttpResponse:
    dataset = dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_read_records
    )
    version = dataset_selectors.version_get(dataset, number)
    try:
        page_number = max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        page_number = 1
    offset = (page_number - 1) * RECORDS_PER_PAGE
    if offset and offset >= version.row_count:
        raise Http404
    page = record_selectors.records_page(
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
    dataset = dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_export_records
    )
    version = dataset_selectors.version_get(dataset, number)
    fmt = request.GET.get("format", "csv")
    if fmt not in record_selectors.EXPORT_FORMATS:
        raise Http404
    export = record_selectors.records_export(request.user, version, fmt=fmt)
    return FileResponse(
        export.file, as_attachment=True, filename=export.filename, content_type=export.content_type
    )
