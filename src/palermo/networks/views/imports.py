"""Importing entities: upload → check (errors by line, counts, dangling references) → confirm."""

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from palermo.core import uploads
from palermo.core.http import acting_user
from palermo.networks import ftm_mapping, permissions
from palermo.networks.forms import ImportForm
from palermo.networks.models import Collection
from palermo.networks.selectors import collections as selectors
from palermo.networks.selectors.entities import schema_label
from palermo.networks.services import imports

SESSION_KEY = "networks_import"


def _simple_mapping(data: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The mapping the form describes (one entity per row), or None when it describes none."""
    if not data.get("schema"):
        return None
    columns: dict[str, str] = {}
    for line in (data.get("columns") or "").splitlines():
        if "=" not in line:
            continue
        column, prop = (part.strip() for part in line.split("=", 1))
        if column and prop:
            columns[column] = prop
    keys = [key.strip() for key in (data.get("key_columns") or "").split(",") if key.strip()]
    if not keys:
        raise ftm_mapping.MappingError(_("Name the columns that identify a row."))
    return ftm_mapping.simple_mapping(schema=data["schema"], key_columns=keys, columns=columns)


def _mapping(form: ImportForm) -> list[dict[str, Any]] | None:
    upload = form.cleaned_data.get("mapping")
    if upload:
        text = uploads.read_upload(upload, max_bytes=uploads.MB, field="mapping")
        return ftm_mapping.parse_mapping(text.decode("utf-8-sig", errors="replace"))
    return _simple_mapping(form.cleaned_data)


@login_required
def collection_import(request: HttpRequest, collection_id: int) -> HttpResponse:
    collection = selectors.collection_allowed(
        request.user, collection_id, permissions.can_manage_collection
    )
    if request.method == "POST" and request.POST.get("confirm"):
        return _confirm(request, collection)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            mapping = _mapping(form)
            with uploads.spooled_upload(
                upload, max_bytes=uploads.evidence_import_max_bytes(), field="file"
            ) as path:
                check = imports.import_check(
                    actor=acting_user(request), collection=collection, path=path, mapping=mapping
                )
        except ftm_mapping.MappingError as error:
            form.add_error("mapping", str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if check.ok:
                request.session[SESSION_KEY] = {
                    "collection": collection.pk,
                    "token": check.token,
                    "format": check.format,
                    "sha256": check.sha256,
                    "filename": upload.name,
                    "notes": check.notes,
                }
            return render(
                request,
                "networks/collection_import_check.html",
                {
                    "collection": collection,
                    "check": check,
                    "filename": upload.name,
                    "by_schema": [
                        (schema_label(name), count)
                        for name, count in check.reading.counts_by_schema().items()
                    ],
                    "preview": check.reading.proxies[:20],
                },
            )
    form.mark_errors()
    return render(
        request, "networks/collection_import.html", {"collection": collection, "form": form}
    )


def _confirm(request: HttpRequest, collection: Collection) -> HttpResponse:
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("collection") != collection.pk:
        flash.error(request, _("The checked file expired; please upload it again."))
        return redirect("networks:collection-import", collection.pk)
    try:
        record = imports.import_commit(
            actor=acting_user(request),
            collection=collection,
            token=pending["token"],
            source_filename=pending["filename"],
            format=pending["format"],
            sha256=pending["sha256"],
            notes=pending["notes"],
        )
    except ValidationError as error:
        flash.error(request, " ".join(error.messages))
        return redirect("networks:collection-import", collection.pk)
    request.session.pop(SESSION_KEY, None)
    flash.success(
        request,
        _("%(created)s entities were added and %(updated)s updated.")
        % {"created": record.created, "updated": record.updated},
    )
    return redirect(collection)
