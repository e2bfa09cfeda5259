"""Entities over the API: imports (FtM or a table with a mapping), reads and exports.

Entities come a page at a time (`limit` at most 500) and only to analysts granted the
collection; each answer that carries entities is one audit event, as each page is.
"""

import datetime
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile

from palermo.core import uploads
from palermo.core.api_types import Id, ValidationErrorOut
from palermo.core.http import acting_user
from palermo.networks import ftm_mapping, permissions
from palermo.networks.api.collections import manageable
from palermo.networks.models import RouteStage
from palermo.networks.selectors import collections as collection_selectors
from palermo.networks.selectors import entities as selectors
from palermo.networks.services import entities as entities_services
from palermo.networks.services import imports

router = Router(tags=["networks"])
MAX_ENTITIES_PAGE = 500


class NetworkLineErrorOut(Schema):
    line: int
    entity_id: str
    message: str


class NetworkImportRecordOut(Schema):
    id: int
    source_filename: str
    format: str
    created: int
    updated: int
    notes: list[str]
    collection_version: int
    imported_at: datetime.datetime


class NetworkImportOut(Schema):
    committed: bool
    format: str
    entities: int
    by_schema: dict[str, int]
    errors: list[NetworkLineErrorOut]
    error_count: int
    dangling: int
    notes: list[str]
    result: NetworkImportRecordOut | None = None


class NetworkEntityOut(Schema):
    id: str = Field(alias="entity_id")
    schema_name: str = Field(alias="schema")
    caption: str
    route_stage: str
    case_ref: str
    properties: dict[str, list[str]]
    datasets: list[str]
    referents: list[str]
    source_id: str
    target_id: str


class NetworkEntitiesOut(Schema):
    total: int
    offset: int
    entities: list[NetworkEntityOut]


class NetworkEntitiesQuery(Schema):
    limit: Annotated[int, Field(ge=1, le=MAX_ENTITIES_PAGE)] = 100
    offset: Annotated[int, Field(ge=0, le=100_000_000)] = 0
    schema_name: str = Field("", alias="schema", max_length=64)
    search: str = Field("", max_length=200)
    links: bool = False


class NetworkEntityDetailOut(NetworkEntityOut):
    outgoing: list[NetworkEntityOut]
    incoming: list[NetworkEntityOut]
    named_by: list[NetworkEntityOut]
    named_by_total: int


@router.post(
    "/collections/{int:collection_id}/imports",
    response={
        200: NetworkImportOut,
        201: NetworkImportOut,
        422: NetworkImportOut | ValidationErrorOut,
    },
)
def entities_import(
    request: HttpRequest,
    collection_id: Id,
    file: File[UploadedFile],
    mapping: Form[str] = "",
    dry_run: bool = False,
) -> Status[dict[str, Any]]:
    """Import FtM JSON lines, or a CSV/XLSX with `mapping` (an `ftm map` YAML or JSON).

    Nothing is stored when any line is wrong (422 with the errors by line); references to
    entities outside the file and the collection are counted and named in `notes`.
    """
    collection = manageable(request, collection_id)
    user = acting_user(request)
    queries = None
    if mapping.strip():
        try:
            queries = ftm_mapping.parse_mapping(mapping)
        except ftm_mapping.MappingError as error:
            return Status(422, {"detail": [{"loc": ["form", "mapping"], "msg": str(error)}]})
    with uploads.spooled_upload(
        file, max_bytes=uploads.evidence_import_max_bytes(), field="file"
    ) as path:
        check = imports.import_check(actor=user, collection=collection, path=path, mapping=queries)
    body: dict[str, Any] = {
        "committed": False,
        "format": check.format,
        "entities": len(check.reading.proxies),
        "by_schema": check.reading.counts_by_schema(),
        "errors": check.reading.errors,
        "error_count": check.reading.error_count,
        "dangling": len(check.reading.dangling),
        "notes": check.notes,
    }
    if not check.ok:
        return Status(422, body)
    if dry_run:
        imports.discard_check(check)
        return Status(200, body)
    record = imports.import_commit(
        actor=user,
        collection=collection,
        token=check.token,
        source_filename=file.name or "upload",
        format=check.format,
        sha256=check.sha256,
        notes=check.notes,
    )
    return Status(201, {**body, "committed": True, "result": record})


@router.get("/collections/{int:collection_id}/entities", response=NetworkEntitiesOut)
def entity_list(
    request: HttpRequest, collection_id: Id, query: Query[NetworkEntitiesQuery]
) -> dict[str, Any]:
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_read_entities
    )
    page = selectors.entities_page(
        request.user,
        collection,
        where="API",
        schema=query.schema_name,
        search=query.search,
        links=query.links,
        offset=query.offset,
        limit=query.limit,
    )
    return {"total": page.total, "offset": page.offset, "entities": page.entities}


@router.get(
    "/collections/{int:collection_id}/entities/{entity_id}", response=NetworkEntityDetailOut
)
def entity_get(request: HttpRequest, collection_id: Id, entity_id: str) -> dict[str, Any]:
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_read_entities
    )
    view = selectors.entity_get(request.user, collection, entity_id, where="API")
    return {
        **NetworkEntityOut.from_orm(view.entity).dict(by_alias=True),
        "outgoing": view.outgoing,
        "incoming": view.incoming,
        "named_by": view.mentions,
        "named_by_total": view.mentions_total,
    }


class NetworkEntityEvidenceIn(Schema):
    route_stage: RouteStage | Literal[""] | None = None
    case_ref: str | None = Field(None, max_length=100)


@router.patch(
    "/collections/{int:collection_id}/entities/{entity_id}",
    response={200: NetworkEntityOut, 422: ValidationErrorOut},
)
def entity_link_evidence(
    request: HttpRequest, collection_id: Id, entity_id: str, payload: NetworkEntityEvidenceIn
) -> Any:
    """Say where a place sits on a route, or which evidence case an entity belongs to."""
    collection = manageable(request, collection_id)
    entity = get_object_or_404(collection.entities, entity_id=entity_id)
    return entities_services.entity_annotate(
        actor=acting_user(request),
        entity=entity,
        route_stage=payload.route_stage,
        case_ref=payload.case_ref,
    )


@router.get("/collections/{int:collection_id}/export", response={200: None})
def entities_export(
    request: HttpRequest,
    collection_id: Id,
    format: str = "ftm",  # noqa: A002
) -> HttpResponse:
    """Every entity, for the collection's owner: `format` ftm (JSON lines), gexf or graphml."""
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_export_entities
    )
    if format not in selectors.EXPORT_FORMATS:
        raise Http404
    export = selectors.entities_export(request.user, collection, fmt=format)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
