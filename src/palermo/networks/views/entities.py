"""Pages of a collection's entities: for analysts granted it, every page read audited."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from palermo.core.http import acting_user
from palermo.networks import permissions
from palermo.networks.forms import EntityEvidenceForm, schema_choices
from palermo.networks.selectors import collections as collection_selectors
from palermo.networks.selectors import entities as selectors
from palermo.networks.services import entities as entities_services

PER_PAGE = 50


def _page_number(request: HttpRequest) -> int:
    try:
        return max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        return 1


@login_required
def entity_list(request: HttpRequest, collection_id: int) -> HttpResponse:
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_read_entities
    )
    schema = request.GET.get("schema", "")
    search = request.GET.get("q", "").strip()[:200]
    links = request.GET.get("links") == "1"
    number = _page_number(request)
    page = selectors.entities_page(
        request.user,
        collection,
        where="page",
        schema=schema,
        search=search,
        links=links,
        offset=(number - 1) * PER_PAGE,
        limit=PER_PAGE,
    )
    pages = max((page.total + PER_PAGE - 1) // PER_PAGE, 1)
    return render(
        request,
        "networks/entity_list.html",
        {
            "collection": collection,
            "page": page,
            "number": number,
            "pages": pages,
            "schema": schema,
            "search": search,
            "links": links,
            "schemas": [
                (name, label)
                for name, label in schema_choices()
                if name in dict(collection_selectors.counts_by_schema(collection))
            ]
            if not links
            else [],
        },
    )


@login_required
def entity_detail(request: HttpRequest, collection_id: int, entity_id: str) -> HttpResponse:
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_read_entities
    )
    view = selectors.entity_get(request.user, collection, entity_id, where="page")
    entity = view.entity
    can_manage = permissions.can_manage_collection(request.user, collection)
    form = EntityEvidenceForm(
        request.POST if request.method == "POST" and can_manage else None,
        initial={"route_stage": entity.route_stage, "case_ref": entity.case_ref},
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            entities_services.entity_annotate(
                actor=acting_user(request),
                entity=entity,
                route_stage=form.cleaned_data["route_stage"],
                case_ref=form.cleaned_data["case_ref"],
            )
            flash.success(request, _("The entity's link to the evidence was saved."))
            return redirect(entity)
    label = selectors.schema_label(entity.schema)
    title = entity.caption or entity.entity_id
    if entity.is_edge:
        title = f"{label}: {view.names.get(entity.source_id, entity.source_id)} → " + (
            view.names.get(entity.target_id, entity.target_id)
        )
    return render(
        request,
        "networks/entity_detail.html",
        {
            "collection": collection,
            "view": view,
            "entity": entity,
            "title": title,
            "schema_label": label,
            "properties": selectors.property_rows(view.entity),
            "links": selectors.link_rows(view),
            "evidence_form": form if can_manage else None,
        },
    )


@login_required
def collection_export(request: HttpRequest, collection_id: int) -> HttpResponse:
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_export_entities
    )
    fmt = request.GET.get("format", "ftm")
    if fmt not in selectors.EXPORT_FORMATS:
        raise Http404
    export = selectors.entities_export(request.user, collection, fmt=fmt)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
