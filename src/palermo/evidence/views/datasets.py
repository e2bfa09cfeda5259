"""The catalogue of datasets, a dataset's page, its editing and who reads its records."""

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from palermo.core.http import acting_user
from palermo.core.lists import Column, list_context
from palermo.evidence import feeds, permissions, releases
from palermo.evidence.forms import DatasetForm, FeedForm, GrantForm
from palermo.evidence.models import CrimeType, DatasetKind
from palermo.evidence.selectors import datasets as dataset_selectors
from palermo.evidence.services import datasets as dataset_services

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
    datasets = dataset_selectors.dataset_list(
        request.user, search=search, kind=kind, crime_type=crime_type
    )
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
            dataset = dataset_services.dataset_create(
                actor=acting_user(request), **_form_data(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("The dataset was created. Import its first version."))
            return redirect("evidence:dataset-import", dataset.pk)
    form.mark_errors()
    return render(request, "evidence/dataset_form.html", {"form": form, "dataset": None})


@login_required
def dataset_edit(request: HttpRequest, dataset_id: int) -> HttpResponse:
    dataset = dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_manage_dataset
    )
    initial = {name: getattr(dataset, name) for name in dataset_services.DATASET_FIELDS}
    form = DatasetForm(request.POST or None, initial=initial)
    if dataset.versions.exists():
        form.fields["kind"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            dataset_services.dataset_update(
                actor=acting_user(request), dataset=dataset, **_form_data(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("The dataset was saved."))
            return redirect(dataset)
    form.mark_errors()
    return render(request, "evidence/dataset_form.html", {"form": form, "dataset": dataset})


@login_required
def dataset_detail(request: HttpRequest, dataset_id: int) -> HttpResponse:
    dataset = dataset_selectors.dataset_get(request.user, dataset_id)
    can_manage = permissions.can_manage_dataset(request.user, dataset)
    context: dict[str, Any] = {
        "dataset": dataset,
        "versions": dataset_selectors.versions(dataset),
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
        context["grants"] = dataset_selectors.grants(dataset)
        context["grant_form"] = GrantForm(candidates=dataset_selectors.grant_candidates(dataset))
    return render(request, "evidence/dataset_detail.html", context)


@login_required
@require_POST
def grant_create(request: HttpRequest, dataset_id: int) -> HttpResponse:
    dataset = dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_manage_dataset
    )
    form = GrantForm(request.POST, candidates=dataset_selectors.grant_candidates(dataset))
    if form.is_valid():
        user = form.cleaned_data["user"]
        try:
            dataset_services.grant_create(actor=acting_user(request), dataset=dataset, user=user)
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
    dataset = dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_manage_dataset
    )
    grant = get_object_or_404(dataset_selectors.grants(dataset), pk=grant_id)
    if request.method == "POST":
        dataset_services.grant_delete(actor=acting_user(request), grant=grant)
        flash.success(
            request,
            _("%(name)s no longer reads the records.")
            % {"name": grant.user.get_full_name() or grant.user},
        )
        return redirect(f"{dataset.get_absolute_url()}#access")
    return render(request, "evidence/grant_delete.html", {"dataset": dataset, "grant": grant})
