"""The graph page of a collection and the JSON it draws from (session auth, the entities' rule).

The page holds no entity: it loads the elements from `graph/elements.json` with the filters
chosen, expands a node with `graph/neighbours.json`, finds a path with `graph/path.json` and
exports the visible entities as FtM JSON lines with a POST to `graph/export/` (the owner's
export, as every entity-level export is).
"""

import json
import re

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.networks import permissions
from palermo.networks.analytics import AnalysisError
from palermo.networks.models import Collection
from palermo.networks.selectors import collections as collection_selectors
from palermo.networks.selectors import graph as selectors

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
BAD_DATE = _("Give dates as YYYY, YYYY-MM or YYYY-MM-DD.")


def _readable(request: HttpRequest, collection_id: int) -> Collection:
    return collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_read_entities
    )


@login_required
def graph_page(request: HttpRequest, collection_id: int) -> HttpResponse:
    collection = _readable(request, collection_id)
    options = selectors.graph_options(request.user, collection)
    return render(
        request,
        "networks/graph.html",
        {
            "collection": collection,
            "options": options,
            "can_export": permissions.can_export_entities(request.user, collection),
            "limit": selectors.DEFAULT_LIMIT,
            "max_limit": selectors.MAX_ELEMENTS,
            "strings": {
                "loading": _("Loading the network…"),
                "shown": _("{shown} entities and {links} links shown."),
                "empty": _("No entity matches these filters."),
                "notFound": _("No entity shown is called “{name}”."),
                "pathFound": _("A path of {hops} links is highlighted."),
                "chooseTwo": _("Choose two entities shown on the graph."),
                "nothingSelected": _("Select entities on the graph to list them here."),
                "failed": _("The network could not be loaded. Try again."),
            },
        },
    )


def _filters(request: HttpRequest) -> selectors.Filters | str:
    get = request.GET
    date_from, date_to = get.get("date_from", "").strip(), get.get("date_to", "").strip()
    if any(value and not DATE.match(value) for value in (date_from, date_to)):
        return str(BAD_DATE)
    try:
        community = int(get["community"]) if get.get("community", "") != "" else None
        limit = int(get.get("limit") or selectors.DEFAULT_LIMIT)
    except ValueError:
        return _("The community and the number of entities are whole numbers.")
    return selectors.Filters(
        schemata=tuple(s for s in get.getlist("schema") if s),
        topic=get.get("topic", "").strip(),
        date_from=date_from,
        date_to=date_to,
        community=community,
        limit=limit,
    )


@login_required
def graph_elements(request: HttpRequest, collection_id: int) -> JsonResponse:
    collection = _readable(request, collection_id)
    filters = _filters(request)
    if isinstance(filters, str):
        return JsonResponse({"error": filters}, status=400)
    found = selectors.graph_elements(request.user, collection, filters=filters, where="graph")
    if found["truncated"]:
        found["message"] = _(
            "Showing the %(shown)s best connected of %(total)s entities; narrow the filters "
            "to see the others."
        ) % {"shown": found["shown"], "total": found["total"]}
    return JsonResponse(found)


@login_required
def graph_neighbours(request: HttpRequest, collection_id: int) -> JsonResponse:
    collection = _readable(request, collection_id)
    key = request.GET.get("id", "")
    return JsonResponse(
        selectors.node_neighbours(request.user, collection, key, where="graph: expand")
    )


@login_required
def graph_path(request: HttpRequest, collection_id: int) -> JsonResponse:
    collection = _readable(request, collection_id)
    source, target = request.GET.get("source", ""), request.GET.get("target", "")
    if not source or not target:
        return JsonResponse({"error": _("Choose the two entities to connect.")}, status=400)
    try:
        found = selectors.graph_path(
            request.user,
            collection,
            source=source,
            target=target,
            directed=request.GET.get("directed") == "1",
            where="graph: path",
        )
    except AnalysisError as error:
        return JsonResponse({"error": str(error)}, status=400)
    if not found["path"]:
        found["message"] = _("No path links these two entities.")
    return JsonResponse(found)


@login_required
@require_POST
def graph_export(request: HttpRequest, collection_id: int) -> HttpResponse:
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_export_entities
    )
    try:
        ids = [str(key) for key in json.loads(request.POST.get("ids", "[]"))][:100_000]
    except (ValueError, TypeError):
        ids = []
    content = selectors.graph_export(request.user, collection, ids, where="graph: export")
    response = HttpResponse(content, content_type="application/x-ndjson; charset=utf-8")
    filename = f"{slugify(collection.name)}-v{collection.version}-graph.ftm.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
