"""Pages of the evidence base: the catalogue, a dataset, its import, its records."""

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from palermo.core import uploads
from palermo.core.exports import export_urls, requested_format, table_response
from palermo.core.http import acting_user
from palermo.core.lists import Column, list_context, query_with
from palermo.evidence import (
    analysis,
    feeds,
    permissions,
    privacy,
    releases,
    selectors,
    services,
    statistics,
)
from palermo.evidence.forms import DatasetForm, FeedForm, GrantForm, ImportForm
from palermo.evidence.models import CrimeType, Dataset, DatasetKind, Release
from palermo.evidence.schema import Kind
from palermo.evidence.statistics.dimensions import Form
from palermo.evidence.statistics.labels import labelled_rows, value_label

IMPORT_SESSION_KEY = "evidence_import"
RECORDS_PER_PAGE = 50

COLUMNS = [
    Column("name", gettext_lazy("Name"), "name"),
    Column("kind", gettext_lazy("Kind of records"), "kind"),
    Column("crime_type", gettext_lazy("Crime type"), "crime_type"),
    Column("sensitivity", gettext_lazy("Sensitivity"), "sensitivity"),
    Column("latest", gettext_lazy("Latest version"), "latest_at"),
    Column("rows", gettext_lazy("Records"), "latest_rows"),
]


@login_required
def dataset_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    crime_type = request.GET.get("crime_type", "")
    datasets = selectors.dataset_list(request.user, search=search, kind=kind, crime_type=crime_type)
    context = list_context(request, datasets, COLUMNS, "name")
    context.update(
        search=search,
        kind=kind,
        crime_type=crime_type,
        kinds=DatasetKind.choices,
        crime_types=CrimeType.choices,
        can_create=permissions.can_create_dataset(request.user),
    )
    return render(request, "evidence/dataset_list.html", context)


def _form_data(form: DatasetForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data["description"] = data.get("description") or ""
    return data


@login_required
def dataset_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_dataset(request.user):
        raise PermissionDenied
    owner = acting_user(request).organisation
    initial = {"country": owner.country if owner else ""}
    form = DatasetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            dataset = services.dataset_create(actor=acting_user(request), **_form_data(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("The dataset was created. Import its first version."))
            return redirect("evidence:dataset-import", dataset.pk)
    form.mark_errors()
    return render(request, "evidence/dataset_form.html", {"form": form, "dataset": None})


@login_required
def dataset_edit(request: HttpRequest, dataset_id: int) -> HttpResponse:
    dataset = selectors.dataset_allowed(request.user, dataset_id, permissions.can_manage_dataset)
    initial = {name: getattr(dataset, name) for name in services.DATASET_FIELDS}
    form = DatasetForm(request.POST or None, initial=initial)
    if dataset.versions.exists():
        form.fields["kind"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.dataset_update(actor=acting_user(request), dataset=dataset, **_form_data(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("The dataset was saved."))
            return redirect(dataset)
    form.mark_errors()
    return render(request, "evidence/dataset_form.html", {"form": form, "dataset": dataset})


@login_required
def dataset_detail(request: HttpRequest, dataset_id: int) -> HttpResponse:
    dataset = selectors.dataset_get(request.user, dataset_id)
    can_manage = permissions.can_manage_dataset(request.user, dataset)
    context: dict[str, Any] = {
        "dataset": dataset,
        "versions": selectors.versions(dataset),
        "releases": releases.releases_of(request.user, dataset.pk),
        "can_manage": can_manage,
        "can_read": permissions.can_read_records(request.user, dataset),
        "can_export": permissions.can_export_records(request.user, dataset),
    }
    context["feeds"] = dataset.feeds.select_related("indicator__measure__plan", "last_version")
    if can_manage:
        indicators = feeds.feedable_indicators(request.user)
        context["feed_form"] = (
            FeedForm(indicators=indicators) if dataset.kind == "victims" else None
        )
        context["grants"] = selectors.grants(dataset)
        context["grant_form"] = GrantForm(candidates=selectors.grant_candidates(dataset))
    return render(request, "evidence/dataset_detail.html", context)


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


@login_required
@require_POST
def grant_create(request: HttpRequest, dataset_id: int) -> HttpResponse:
    dataset = selectors.dataset_allowed(request.user, dataset_id, permissions.can_manage_dataset)
    form = GrantForm(request.POST, candidates=selectors.grant_candidates(dataset))
    if form.is_valid():
        user = form.cleaned_data["user"]
        try:
            services.grant_create(actor=acting_user(request), dataset=dataset, user=user)
        except ValidationError as error:
            flash.error(request, " ".join(error.messages))
        else:
            flash.success(
                request,
                _("%(name)s may now read the records.") % {"name": user.get_full_name() or user},
            )
    else:
        flash.error(request, _("Choose an analyst from the list."))
    return redirect(f"{dataset.get_absolute_url()}#access")


@login_required
def grant_delete(request: HttpRequest, dataset_id: int, grant_id: int) -> HttpResponse:
    dataset = selectors.dataset_allowed(request.user, dataset_id, permissions.can_manage_dataset)
    grant = get_object_or_404(selectors.grants(dataset), pk=grant_id)
    if request.method == "POST":
        services.grant_delete(actor=acting_user(request), grant=grant)
        flash.success(
            request,
            _("%(name)s no longer reads the records.")
            % {"name": grant.user.get_full_name() or grant.user},
        )
        return redirect(f"{dataset.get_absolute_url()}#access")
    return render(request, "evidence/grant_delete.html", {"dataset": dataset, "grant": grant})


def _year(value: str) -> int | None:
    try:
        year = int(value)
    except ValueError:
        return None
    return year if 1900 <= year <= 2100 else None


def _filter_values(request: HttpRequest) -> dict[str, list[str]]:
    """`f.<dimension>=value` parameters, repeated for several values."""
    return {
        key.removeprefix("f."): request.GET.getlist(key)
        for key in request.GET
        if key.startswith("f.")
    }


@login_required
def dataset_statistics(request: HttpRequest, dataset_id: int) -> HttpResponse:
    """A statistic of a version: chart, table under it, drill-down, CSV/XLSX; audited."""
    dataset = selectors.dataset_allowed(request.user, dataset_id, permissions.can_read_records)
    offered = analysis.statistics_for(dataset.kind)
    context: dict[str, Any] = {
        "dataset": dataset,
        "offered": [(name, analysis.title(candidate)) for name, candidate in offered.items()],
    }
    if not offered or not dataset.versions.exists():
        return render(request, "evidence/dataset_statistics.html", context)
    try:
        number = int(request.GET.get("version", "0")) or None
    except ValueError:
        number = None
    version = selectors.version_get(dataset, number)
    name = request.GET.get("statistic", "")
    statistic = offered.get(name) or next(iter(offered.values()))
    year_from = _year(request.GET.get("year_from", ""))
    year_to = _year(request.GET.get("year_to", ""))
    filters = analysis.filters_from(
        dataset.kind, _filter_values(request), year_from=year_from, year_to=year_to
    )
    fmt = requested_format(request)
    result = analysis.statistic_table(
        request.user, version, statistic, filters, where="statistics download" if fmt else "page"
    )
    columns = [*statistic.dimensions, *(m.name for m in statistic.measures)]
    labels = [analysis.dimension_label(statistic, column) for column in columns]
    title = analysis.title(statistic)
    if fmt:
        return table_response(
            actor=acting_user(request),
            what=f"{title} — {version}",
            object_type="evidence.statistic",
            filename=slugify(f"{dataset.name}-v{version.number}-{statistic.name}"),
            headers=labels,
            rows=[[row[column] for column in columns] for row in result.rows],
            fmt=fmt,
        )
    first = statistic.dimensions[0] if statistic.dimensions else ""
    shown = labelled_rows(statistic, result.rows)
    rows = [
        {
            "cells": [
                row.get(f"{column}_label", row[column])
                if column in statistic.dimensions
                else row[column]
                for column in columns
            ],
            "drill": query_with(request, **{f"f.{first}": "" if row[first] is None else row[first]})
            if first and first not in filters.values and len(statistic.dimensions) == 1
            else "",
        }
        for row in shown
    ]
    context.update(
        version=version,
        versions=selectors.versions(dataset),
        statistic=statistic,
        title=title,
        labels=labels,
        chart_spec=analysis.chart(result) if result.rows else None,
        rows=rows,
        filters=[
            {
                "label": analysis.dimension_label(statistic, name)
                if name in statistic.dimensions
                else name,
                "values": values,
                "remove": query_with(request, **{f"f.{name}": None}),
            }
            for name, values in filters.values.items()
        ],
        year_from=year_from,
        year_to=year_to,
        releasable=statistic.name in releases.releasable_statistics(dataset.kind),
        counts_flags=any(d.form is Form.FLAGS for d in statistic.dimension_objects()),
        total=sum(row.get(statistic.measures[0].name) or 0 for row in result.rows)
        if statistic.measures
        and statistic.measures[0].name == "victims"
        and not any(d.form is Form.FLAGS for d in statistic.dimension_objects())
        else None,
        **export_urls(request),
    )
    return render(request, "evidence/dataset_statistics.html", context)


@login_required
@require_POST
def release_prepare(request: HttpRequest, dataset_id: int) -> HttpResponse:
    """Freeze the statistic on screen, with its filters, after the privacy checks."""
    dataset = selectors.dataset_allowed(request.user, dataset_id, permissions.can_read_records)
    offered = releases.releasable_statistics(dataset.kind)
    statistic = offered.get(request.POST.get("statistic", ""))
    if statistic is None:
        flash.error(request, _("Choose a count of victims to release."))
        return redirect("evidence:dataset-statistics", dataset.pk)
    try:
        number = int(request.POST.get("version", "0")) or None
    except ValueError:
        number = None
    version = selectors.version_get(dataset, number)
    filters = analysis.filters_from(
        dataset.kind,
        {
            key.removeprefix("f."): request.POST.getlist(key)
            for key in request.POST
            if key.startswith("f.")
        },
        year_from=_year(request.POST.get("year_from", "")),
        year_to=_year(request.POST.get("year_to", "")),
    )
    release = releases.release_prepare(
        actor=acting_user(request), version=version, statistic=statistic, filters=filters
    )
    flash.success(request, _("The release was prepared. Check it before publishing it."))
    return redirect(release)


@login_required
def release_detail(request: HttpRequest, release_id: int) -> HttpResponse:
    release = releases.release_get(request.user, release_id)
    action = request.POST.get("action") if request.method == "POST" else None
    if action in {"publish", "withdraw"}:
        if not permissions.can_publish_release(request.user, release):
            raise PermissionDenied
        if action == "publish":
            releases.release_publish(actor=acting_user(request), release=release)
            flash.success(request, _("The release is published on the portal."))
        else:
            releases.release_withdraw(actor=acting_user(request), release=release)
            flash.success(request, _("The release was withdrawn from the portal."))
        return redirect(release)
    return render(
        request,
        "evidence/release_detail.html",
        {
            "release": release,
            "table": release_table(release),
            "can_publish": permissions.can_publish_release(request.user, release),
        },
    )


def release_table(release: Release) -> dict[str, Any]:
    """A release's cells as a table: one column per dimension, then the published count.

    Cells keep the codes they were counted by; they are named in the reader's language here.
    """
    names = [name for name, _label in release.dimensions]
    known = statistics.DIMENSIONS.get(Kind(release.dataset.kind), {})

    def named(name: str, value: Any) -> str:
        dimension = known.get(name)
        if dimension is None or value == privacy.TOTAL:
            return _("Total") if value == privacy.TOTAL else str(value)
        code = None if value == "unknown" else value
        return value_label(dimension, code, kind=Kind(release.dataset.kind))

    return {
        "headers": [_(known[n].label) if n in known else label for n, label in release.dimensions],
        "rows": [
            {"cells": [named(name, cell[name]) for name in names], "shown": cell["shown"]}
            for cell in release.cells
        ],
    }


@login_required
@require_POST
def feed_create(request: HttpRequest, dataset_id: int) -> HttpResponse:
    dataset = selectors.dataset_allowed(request.user, dataset_id, permissions.can_manage_dataset)
    form = FeedForm(request.POST, indicators=feeds.feedable_indicators(request.user))
    if not form.is_valid():
        flash.error(request, _("Choose an indicator and where its values come from."))
        return redirect(f"{dataset.get_absolute_url()}#feeds")
    try:
        feed = feeds.feed_create(
            actor=acting_user(request),
            indicator=form.cleaned_data["indicator"],
            dataset=dataset,
            statistic=form.cleaned_data["statistic"],
        )
    except ValidationError as error:
        flash.error(request, " ".join(error.messages))
    else:
        result = feed.last_result or {"recorded": 0, "held_back": 0}
        flash.success(
            request,
            _(
                "The indicator now takes its values from this dataset: %(recorded)s recorded, "
                "%(held_back)s held back below the threshold."
            )
            % result,
        )
    return redirect(f"{dataset.get_absolute_url()}#feeds")


@login_required
def feed_delete(request: HttpRequest, dataset_id: int, feed_id: int) -> HttpResponse:
    dataset = selectors.dataset_allowed(request.user, dataset_id, permissions.can_manage_dataset)
    feed = get_object_or_404(dataset.feeds.select_related("indicator"), pk=feed_id)
    if request.method == "POST":
        feeds.feed_delete(actor=acting_user(request), feed=feed)
        flash.success(request, _("The indicator no longer takes its values from this dataset."))
        return redirect(f"{dataset.get_absolute_url()}#feeds")
    return render(request, "evidence/feed_delete.html", {"dataset": dataset, "feed": feed})
