"""Pages of the network collections: the catalogue, a collection, its access."""

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
from palermo.evidence import permissions as evidence_permissions
from palermo.networks import permissions
from palermo.networks.forms import CollectionForm, GrantForm
from palermo.networks.selectors import collections as selectors
from palermo.networks.selectors.entities import is_link, schema_label
from palermo.networks.services import collections as services

COLUMNS = [
    Column("name", gettext_lazy("Name"), "name"),
    Column("sensitivity", gettext_lazy("Sensitivity"), "sensitivity"),
    Column("entities", gettext_lazy("Entities"), "entity_count"),
    Column("version", gettext_lazy("Version"), "version"),
]


@login_required
def collection_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    collections = selectors.collection_list(request.user, search=search)
    context = list_context(request, collections, COLUMNS, "name")
    context.update(search=search, can_create=permissions.can_create_collection(request.user))
    return render(request, "networks/collection_list.html", context)


def _form(request: HttpRequest, initial: dict[str, Any] | None = None) -> CollectionForm:
    return CollectionForm(
        request.POST or None,
        initial=initial,
        **services.linkable(request.user),
    )


def _form_data(form: CollectionForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data["description"] = data.get("description") or ""
    for name in services.LINK_FIELDS:
        data[name] = list(data.get(name) or [])
    return data


@login_required
def collection_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_collection(request.user):
        raise PermissionDenied
    owner = acting_user(request).organisation
    form = _form(request, {"country": owner.country if owner else ""})
    if request.method == "POST" and form.is_valid():
        try:
            collection = services.collection_create(actor=acting_user(request), **_form_data(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("The collection was created. Import its entities."))
            return redirect("networks:collection-import", collection.pk)
    form.mark_errors()
    return render(request, "networks/collection_form.html", {"form": form, "collection": None})


@login_required
def collection_edit(request: HttpRequest, collection_id: int) -> HttpResponse:
    collection = selectors.collection_allowed(
        request.user, collection_id, permissions.can_manage_collection
    )
    initial: dict[str, Any] = {
        name: getattr(collection, name) for name in services.COLLECTION_FIELDS
    }
    for name in services.LINK_FIELDS:
        initial[name] = list(getattr(collection, name).all())
    form = _form(request, initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.collection_update(
                actor=acting_user(request), collection=collection, **_form_data(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("The collection was saved."))
            return redirect(collection)
    form.mark_errors()
    return render(
        request, "networks/collection_form.html", {"form": form, "collection": collection}
    )


@login_required
def collection_detail(request: HttpRequest, collection_id: int) -> HttpResponse:
    collection = selectors.collection_get(request.user, collection_id)
    can_manage = permissions.can_manage_collection(request.user, collection)
    context: dict[str, Any] = {
        "collection": collection,
        "counts": [
            (name, schema_label(name), count, is_link(name))
            for name, count in selectors.counts_by_schema(collection)
        ],
        "imports": selectors.imports(collection)[:20],
        "datasets": [
            dataset
            for dataset in collection.datasets.all()
            if evidence_permissions.can_view_dataset(request.user, dataset)
        ],
        "recommendations": collection.recommendations.filter(
            pk__in=services.linkable(request.user)["recommendations"]
        ),
        "articles": collection.articles.select_related("instrument"),
        "can_manage": can_manage,
        "can_read": permissions.can_read_entities(request.user, collection),
        "can_export": permissions.can_export_entities(request.user, collection),
    }
    if can_manage:
        context["grants"] = selectors.grants(collection)
        context["grant_form"] = GrantForm(candidates=selectors.grant_candidates(collection))
    return render(request, "networks/collection_detail.html", context)


@login_required
def collection_delete(request: HttpRequest, collection_id: int) -> HttpResponse:
    collection = selectors.collection_allowed(
        request.user, collection_id, permissions.can_manage_collection
    )
    if request.method == "POST":
        name = collection.name
        services.collection_delete(actor=acting_user(request), collection=collection)
        flash.success(request, _("The collection “%(name)s” was deleted.") % {"name": name})
        return redirect("networks:collection-list")
    return render(
        request,
        "networks/collection_delete.html",
        {"collection": collection, "entity_count": collection.entities.count()},
    )


@login_required
@require_POST
def grant_create(request: HttpRequest, collection_id: int) -> HttpResponse:
    collection = selectors.collection_allowed(
        request.user, collection_id, permissions.can_manage_collection
    )
    form = GrantForm(request.POST, candidates=selectors.grant_candidates(collection))
    if form.is_valid():
        try:
            grant = services.grant_create(
                actor=acting_user(request), collection=collection, user=form.cleaned_data["user"]
            )
        except ValidationError as error:
            flash.error(request, " ".join(error.messages))
        else:
            flash.success(
                request,
                _("%(name)s now reads the entities.")
                % {"name": grant.user.get_full_name() or grant.user.username},
            )
    else:
        flash.error(request, _("Choose an analyst who may see this collection."))
    return redirect(f"{collection.get_absolute_url()}#access")


@login_required
def grant_delete(request: HttpRequest, collection_id: int, grant_id: int) -> HttpResponse:
    collection = selectors.collection_allowed(
        request.user, collection_id, permissions.can_manage_collection
    )
    grant = get_object_or_404(selectors.grants(collection), pk=grant_id)
    if request.method == "POST":
        services.grant_delete(actor=acting_user(request), grant=grant)
        flash.success(request, _("Access was removed."))
        return redirect(f"{collection.get_absolute_url()}#access")
    return render(request, "networks/grant_delete.html", {"collection": collection, "grant": grant})
