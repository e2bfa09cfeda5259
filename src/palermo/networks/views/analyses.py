"""The Analyses page of a collection: choose a measure, run it, read its result; earlier runs."""

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from palermo.core.http import acting_user
from palermo.networks import measures, permissions, results
from palermo.networks.analytics.registry import MEASURES
from palermo.networks.models import Collection
from palermo.networks.resolution.resolver import Resolver
from palermo.networks.selectors import analyses as selectors
from palermo.networks.selectors import collections as collection_selectors
from palermo.networks.services import analyses as services
from palermo.networks.services.resolution import resolver_for

TOPS = (10, 25, 100)


def node_choices(collection: Collection) -> list[tuple[str, str]]:
    """(id, name) of the entities a measure can start from: nodes not merged into another."""
    resolver: Resolver = resolver_for(collection)
    rows = collection.entities.filter(is_edge=False).values_list("entity_id", "caption")
    return sorted(
        ((key, caption or key) for key, caption in rows if resolver.canonical(key) == key),
        key=lambda pair: pair[1].casefold(),
    )


@login_required
def analysis_list(request: HttpRequest, collection_id: int) -> HttpResponse:
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_read_entities
    )
    measure = request.POST.get("measure") or request.GET.get("measure") or "degree"
    if measure not in MEASURES:
        measure = "degree"
    entities = node_choices(collection) if _needs_entities(measure) else []
    form = measures.measure_form(measure, entities, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.analysis_run(
                actor=acting_user(request),
                collection=collection,
                measure=measure,
                parameters=form.parameters(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("The analysis was computed and kept."))
            return redirect("networks:analysis-detail", collection.pk, run.pk)
    form.mark_errors()
    runs = selectors.analysis_list(request.user, collection, where="page")
    return render(
        request,
        "networks/analysis_list.html",
        {
            "collection": collection,
            "form": form,
            "measure": measure,
            "measure_help": measures.measure_help(measure),
            "measure_choices": measures.measure_choices(),
            "runs": [(run, measures.measure_label(run.measure)) for run in runs],
        },
    )


def _needs_entities(measure: str) -> bool:
    return any(p.kind in ("entity", "entities") for p in MEASURES[measure].params.values())


def _top(request: HttpRequest) -> int | None:
    value = request.GET.get("top", "25")
    if value == "all":
        return None
    try:
        return int(value) if int(value) in TOPS else 25
    except ValueError:
        return 25


@login_required
def analysis_detail(request: HttpRequest, collection_id: int, run_id: int) -> HttpResponse:
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_read_entities
    )
    run = selectors.analysis_get(request.user, collection, run_id, where="page")
    names = selectors.entity_names(collection, results.result_ids(run))
    table = results.result_table(run, names)
    sort = request.GET.get("sort", table.default_sort)
    top = _top(request)
    base = reverse("networks:analysis-detail", args=[collection.pk, run.pk])
    headers: list[dict[str, Any]] = []
    for key, label in table.columns:
        current = sort.lstrip("-") == key
        following = key if current and sort.startswith("-") else f"-{key}"
        headers.append(
            {
                "label": label,
                "url": f"{base}?sort={following}&top={top or 'all'}",
                "order": ("descending" if sort.startswith("-") else "ascending") if current else "",
            }
        )
    rerun = [
        (
            name,
            "\n".join(map(str, value))
            if isinstance(value, list)
            else "on"
            if value is True
            else str(value),
        )
        for name, value in run.parameters.items()
        if value is not False
    ]
    return render(
        request,
        "networks/analysis_detail.html",
        {
            "collection": collection,
            "run": run,
            "label": measures.measure_label(run.measure),
            "help": measures.measure_help(run.measure),
            "parameters": [
                (measures.PARAMETER_LABELS.get(name, name), _shown(value, names))
                for name, value in run.parameters.items()
            ],
            "headers": headers,
            "rows": table.sorted(sort, top),
            "row_count": len(table.rows),
            "top": top,
            "tops": TOPS,
            "sort": sort,
            "spec": results.result_chart(run, names),
            "network": run.result.get("network", {}),
            "rerun": rerun,
        },
    )


def _shown(value: Any, names: dict[str, str]) -> str:
    if isinstance(value, list):
        return " → ".join(names.get(str(v)) or str(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return names.get(str(value)) or str(value)
