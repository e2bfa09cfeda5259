"""Preparing a release from the statistic on screen, and a release's page."""

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core.http import acting_user
from palermo.evidence import analysis, permissions, privacy, releases, statistics
from palermo.evidence.forms import ReleaseMethodForm
from palermo.evidence.models import Release
from palermo.evidence.schema import Kind
from palermo.evidence.selectors import datasets as dataset_selectors
from palermo.evidence.statistics.labels import value_label
from palermo.evidence.views.statistics import year_of


@login_required
@require_POST
def release_prepare(request: HttpRequest, dataset_id: int) -> HttpResponse:
    """Freeze the statistic on screen, with its filters, after the privacy checks."""
    dataset = dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_read_records
    )
    offered = releases.releasable_statistics(dataset.kind)
    statistic = offered.get(request.POST.get("statistic", ""))
    if statistic is None:
        flash.error(request, _("Choose a count of victims to release."))
        return redirect("evidence:dataset-statistics", dataset.pk)
    try:
        number = int(request.POST.get("version", "0")) or None
    except ValueError:
        number = None
    version = dataset_selectors.version_get(dataset, number)
    filters = analysis.filters_from(
        dataset.kind,
        {
            key.removeprefix("f."): request.POST.getlist(key)
            for key in request.POST
            if key.startswith("f.")
        },
        year_from=year_of(request.POST.get("year_from", "")),
        year_to=year_of(request.POST.get("year_to", "")),
    )
    back = f"{reverse('evidence:dataset-statistics', args=[dataset.pk])}?statistic={statistic.name}"
    form = ReleaseMethodForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                flash.error(request, str(error))
        return redirect(back)
    chosen = form.cleaned_data
    method = releases.Method(
        name=chosen["method"],
        k=chosen.get("k"),
        quasi_identifiers=tuple(chosen.get("quasi_identifiers") or ()),
        epsilon=chosen.get("epsilon"),
    )
    try:
        release = releases.release_prepare(
            actor=acting_user(request),
            version=version,
            statistic=statistic,
            filters=filters,
            method=method,
        )
    except ValidationError as error:
        flash.error(request, " ".join(error.messages))
        return redirect(back)
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
            "budget_left": releases.budget_of(release.dataset).remaining,
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
