"""Pages to import a stakeholder list and to export the registry to Excel."""

import base64
from typing import Any

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from palermo.core import uploads
from palermo.core.forms import BootstrapFormMixin
from palermo.core.http import acting_user, attachment
from palermo.core.models import User
from palermo.engagement import exporters, importers, messages, permissions
from palermo.engagement.models import Organisation

IMPORT_SESSION_KEY = "stakeholder_import"


HEADER_ROW_HELP = _(
    "Leave empty to have it found: the first rows are compared with the column names this "
    "import knows, and the preview says which row was taken."
)


class StakeholderUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Stakeholder list"),
        help_text=format_lazy(
            "{} {}",
            _(
                "CSV or XLSX, one row per person or organisation, under a header row (titles and "
                "blank rows above it are fine). You choose which column holds what on the next "
                "page."
            ),
            uploads.import_limit_help(importers.MAX_ROWS),
        ),
    )
    header_row = forms.IntegerField(
        label=_("Header row"), required=False, min_value=1, help_text=HEADER_ROW_HELP
    )


def _requested_mapping(request: HttpRequest, columns: list[str]) -> dict[str, str]:
    return {column: request.POST.get(f"map-{column}", importers.IGNORE) for column in columns}


def _row_numbers(request: HttpRequest, name: str) -> list[int]:
    values = request.POST.getlist(name)
    return [int(value) for value in values if value.isascii() and value.isdigit()]


def _header_row(request: HttpRequest) -> int | None:
    value = request.POST.get("header_row", "").strip()
    return int(value) if value.isascii() and value.isdigit() and int(value) > 0 else None


def _choices(request: HttpRequest, stored: dict[str, Any]) -> dict[str, Any]:
    """What the preview form asks for: the header row, sheet, merges and name splitting.

    Another header row or sheet means other columns, so the mapping is guessed afresh.
    """
    header_row = _header_row(request) if "header_row" in request.POST else stored["header_row"]
    sheet = request.POST.get("sheet", stored.get("sheet", ""))
    # An unticked box sends nothing: the form says it showed the box.
    split_names = (
        request.POST.get("split_names") == "on"
        if "split_names_shown" in request.POST
        else stored.get("split_names", True)
    )
    moved = header_row != stored.get("header_row") or sheet != stored.get("sheet", "")
    return {
        "header_row": header_row,
        "sheet": sheet,
        "mapping": None if moved else _requested_mapping(request, list(stored["mapping"])),
        "new_organisation_rows": _row_numbers(request, "new_organisation_rows"),
        "merge_rows": _row_numbers(request, "merge_rows"),
        "split_names": split_names,
        "kind_values": _kind_values(request)
        if "kind_value_from" in request.POST
        else stored.get("kind_values", {}),
    }


def _kind_values(request: HttpRequest) -> dict[str, str]:
    """The kinds chosen for a kind column's unknown values, once per distinct value."""
    values = request.POST.getlist("kind_value_from")
    kinds = request.POST.getlist("kind_value_to")
    return {value: kind for value, kind in zip(values, kinds, strict=False) if kind}


def _preview(request: HttpRequest, plan: importers.ImportPlan) -> HttpResponse:
    return render(
        request,
        "engagement/stakeholder_import_preview.html",
        {
            "plan": plan,
            "fields": list(importers.FIELDS.items()),
            "kinds": Organisation.Kind.choices,
            "guess_kind": importers.GUESS_KIND,
        },
    )


def _stored_choices(plan: importers.ImportPlan) -> dict[str, Any]:
    return {
        "mapping": plan.mapping,
        "header_row": plan.header_row,
        "sheet": plan.sheet,
        "split_names": plan.split_names,
        "kind_values": plan.kind_values,
    }


def _replan_or_commit(request: HttpRequest, user: User, stored: dict[str, Any]) -> HttpResponse:
    content = base64.b64decode(stored["content"])
    choices = _choices(request, stored)
    confirmed = request.POST.get("action") == "confirm"
    unchanged = all(
        choices[key] == stored.get(key)
        for key in ("mapping", "header_row", "sheet", "split_names", "kind_values")
    )
    if confirmed and unchanged:
        try:
            result = importers.commit_import(
                actor=user, content=content, filename=stored["filename"], **choices
            )
        except ValidationError as error:
            # The first message of a refusal is its summary; the preview below lists each row.
            flash.error(request, error.messages[0])
        else:
            del request.session[IMPORT_SESSION_KEY]
            return render(request, "engagement/stakeholder_import_done.html", {"result": result})
    elif confirmed:
        flash.warning(request, messages.IMPORT_MAPPING_CHANGED)
    try:
        plan = importers.plan_import(
            actor=user, content=content, filename=stored["filename"], **choices
        )
    except ValidationError as error:
        flash.error(request, " ".join(error.messages))
        previous = {key: stored.get(key) for key in ("mapping", "header_row", "sheet")}
        plan = importers.plan_import(
            actor=user,
            content=content,
            filename=stored["filename"],
            **{**choices, **previous, "sheet": previous["sheet"] or ""},
        )
    request.session[IMPORT_SESSION_KEY] = {**stored, **_stored_choices(plan)}
    return _preview(request, plan)


@login_required
def stakeholder_import(request: HttpRequest) -> HttpResponse:
    """Upload → preview (mapping, duplicates, errors per row) → confirm → result."""
    user = acting_user(request)
    if not permissions.can_create_organisation(user):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("action") in {"preview", "confirm"}:
        stored = request.session.get(IMPORT_SESSION_KEY)
        if not stored or stored.get("user") != user.pk:
            flash.error(request, messages.IMPORT_UPLOAD_EXPIRED)
            return redirect(request.path)
        return _replan_or_commit(request, user, stored)
    form = StakeholderUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            content = uploads.read_upload(upload, max_bytes=uploads.import_max_bytes())
            plan = importers.plan_import(
                actor=user,
                content=content,
                filename=upload.name,
                header_row=form.cleaned_data["header_row"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            request.session[IMPORT_SESSION_KEY] = {
                "user": user.pk,
                "filename": upload.name,
                "content": base64.b64encode(content).decode(),
                **_stored_choices(plan),
            }
            return _preview(request, plan)
    form.mark_errors()
    return render(request, "engagement/stakeholder_import.html", {"form": form})


@login_required
def registry_export(request: HttpRequest) -> HttpResponse:
    """The organisations and people the user may see, as an XLSX download."""
    workbook = exporters.registry_export(user=acting_user(request))
    return attachment(workbook.content, exporters.XLSX, "palermo-registry.xlsx")
