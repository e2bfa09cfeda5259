"""The statistics page: a statistic of a version, its chart and table, drill-down, downloads."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from palermo.core.exports import export_urls, requested_format, table_response
from palermo.core.http import acting_user
from palermo.core.lists import query_with
from palermo.evidence import analysis, permissions, releases
from palermo.evidence.forms import ReleaseMethodForm
from palermo.evidence.selectors import datasets as dataset_selectors
from palermo.evidence.statistics.dimensions import Form
from palermo.evidence.statistics.labels import labelled_rows


def year_of(value: str) -> int | None:
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
    dataset = dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_read_records
    )
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
    version = dataset_selectors.version_get(dataset, number)
    name = request.GET.get("statistic", "")
    statistic = offered.get(name) or next(iter(offered.values()))
    year_from = year_of(request.GET.get("year_from", ""))
    year_to = year_of(request.GET.get("year_to", ""))
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
        versions=dataset_selectors.versions(dataset),
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
        release_form=ReleaseMethodForm(
            initial={
                "k": dataset.suppression_threshold,
                "quasi_identifiers": ["year", "sex", "age_band", "citizenship"],
                "epsilon": 0.5,
            }
        ),
        budget_left=releases.budget_of(dataset).remaining,
        counts_flags=any(d.form is Form.FLAGS for d in statistic.dimension_objects()),
        total=sum(row.get(statistic.measures[0].name) or 0 for row in result.rows)
        if statistic.measures
        and statistic.measures[0].name == "victims"
        and not any(d.form is Form.FLAGS for d in statistic.dimension_objects())
        else None,
        **export_urls(request),
    )
    return render(request, "evidence/dataset_statistics.html", context)
