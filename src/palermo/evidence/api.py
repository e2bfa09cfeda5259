"""Datasets, versions, imports and records over the API: the pages' rules, the pages' audit.

Records come a page at a time (`limit` at most 500) and only to analysts granted the dataset;
each answer that carries records is one audit event, as each records page is.
"""

import datetime
from typing import Annotated, Any

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from palermo.core import uploads
from palermo.core.api_types import Id, ValidationErrorOut, Year, choices_schema
from palermo.core.http import acting_user
from palermo.core.models import User
from palermo.evidence import analysis, permissions, releases, selectors, services
from palermo.evidence.models import CrimeType, Dataset, DatasetGrant, DatasetKind, Sensitivity

router = Router(tags=["evidence"])

KindChoice = Annotated[DatasetKind, choices_schema(DatasetKind, "DatasetKind")]
CrimeChoice = Annotated[CrimeType, choices_schema(CrimeType, "CrimeType")]
SensitivityChoice = Annotated[Sensitivity, choices_schema(Sensitivity, "Sensitivity")]
MAX_RECORDS_PAGE = 500


class DatasetIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    kind: KindChoice
    crime_type: CrimeChoice
    source_organisation: str = Field(min_length=1, max_length=200)
    description: str = ""
    country: str | None = Field(None, max_length=3)
    licence: str = Field("", max_length=200)
    period_start: Year | None = None
    period_end: Year | None = None
    geography: str = Field("", max_length=200)
    sensitivity: SensitivityChoice = Sensitivity.CONFIDENTIAL
    suppression_threshold: Annotated[int, Field(ge=1, le=1000)] = 11
    is_synthetic: bool = False


class DatasetPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = None
    source_organisation: str | None = Field(None, min_length=1, max_length=200)
    licence: str | None = Field(None, max_length=200)
    period_start: Year | None = None
    period_end: Year | None = None
    geography: str | None = Field(None, max_length=200)
    sensitivity: SensitivityChoice | None = None
    suppression_threshold: Annotated[int, Field(ge=1, le=1000)] | None = None
    is_synthetic: bool | None = None


class DatasetVersionOut(Schema):
    number: int
    layout: str
    source_filename: str
    sha256: str
    row_count: int
    size_bytes: int
    columns: list[list[str]]
    notes: list[str]
    imported_by: str | None
    imported_at: datetime.datetime

    @staticmethod
    def resolve_imported_by(obj: Any) -> str | None:
        return obj.imported_by.username if obj.imported_by else None


class DatasetOut(Schema):
    id: int
    name: str
    description: str
    kind: str
    crime_type: str
    country: str
    source_organisation: str
    licence: str
    period_start: int | None
    period_end: int | None
    geography: str
    sensitivity: str
    suppression_threshold: int
    is_synthetic: bool
    owner: str = Field(alias="owner.name")
    can_read_records: bool = False
    can_manage: bool = False

    @staticmethod
    def resolve_can_read_records(obj: Dataset, context: dict[str, Any]) -> bool:
        return permissions.can_read_records(context["request"].user, obj)

    @staticmethod
    def resolve_can_manage(obj: Dataset, context: dict[str, Any]) -> bool:
        return permissions.can_manage_dataset(context["request"].user, obj)


class DatasetDetailOut(DatasetOut):
    versions: list[DatasetVersionOut]

    @staticmethod
    def resolve_versions(obj: Dataset) -> list[Any]:
        return list(selectors.versions(obj))


class DatasetRowErrorOut(Schema):
    row: int
    column: str
    message: str


class DatasetImportOut(Schema):
    committed: bool
    layout: str | None
    records: int
    errors: list[DatasetRowErrorOut]
    error_count: int
    notes: list[str]
    version: DatasetVersionOut | None = None


class DatasetRecordsOut(Schema):
    version: int
    total: int
    offset: int
    columns: list[str]
    rows: list[list[Any]]


class DatasetGrantIn(Schema):
    user: Id


class DatasetGrantOut(Schema):
    id: int
    user: str = Field(alias="user.username")
    granted_by: str | None
    granted_at: datetime.datetime

    @staticmethod
    def resolve_granted_by(obj: DatasetGrant) -> str | None:
        return obj.granted_by.username if obj.granted_by else None


def _manageable(request: HttpRequest, dataset_id: int) -> Dataset:
    return selectors.dataset_allowed(request.user, dataset_id, permissions.can_manage_dataset)


@router.get("/datasets", response=list[DatasetOut])
@paginate
def dataset_list(
    request: HttpRequest, search: str = "", kind: str = "", crime_type: str = ""
) -> Any:
    return selectors.dataset_list(
        request.user, search=search, kind=kind, crime_type=crime_type
    ).order_by("name", "pk")


@router.post("/datasets", response={201: DatasetDetailOut, 422: ValidationErrorOut})
def dataset_create(request: HttpRequest, payload: DatasetIn) -> Status[Dataset]:
    data = payload.dict()
    if data["country"] is None:
        data.pop("country")
    dataset = services.dataset_create(actor=acting_user(request), **data)
    return Status(201, dataset)


@router.get("/datasets/{int:dataset_id}", response=DatasetDetailOut)
def dataset_get(request: HttpRequest, dataset_id: Id) -> Dataset:
    return selectors.dataset_get(request.user, dataset_id)


@router.patch(
    "/datasets/{int:dataset_id}", response={200: DatasetDetailOut, 422: ValidationErrorOut}
)
def dataset_update(request: HttpRequest, dataset_id: Id, payload: DatasetPatch) -> Dataset:
    dataset = _manageable(request, dataset_id)
    services.dataset_update(
        actor=acting_user(request), dataset=dataset, **payload.dict(exclude_unset=True)
    )
    return selectors.dataset_get(request.user, dataset_id)


@router.post(
    "/datasets/{int:dataset_id}/versions",
    response={
        200: DatasetImportOut,
        201: DatasetImportOut,
        422: DatasetImportOut | ValidationErrorOut,
    },
)
def version_import(
    request: HttpRequest,
    dataset_id: Id,
    file: File[UploadedFile],
    layout: str = "",
    dry_run: bool = False,
    edition: Year | None = None,
) -> Status[dict[str, Any]]:
    """Import a file as the next version (`dry_run=true` checks it and stores nothing).

    The layout is recognised from the file's columns unless named. A file with any error
    stores nothing and answers 422 with the errors by row and column.
    """
    dataset = _manageable(request, dataset_id)
    user = acting_user(request)
    with uploads.spooled_upload(
        file, max_bytes=uploads.evidence_import_max_bytes(), field="file"
    ) as path:
        check = services.import_check(
            actor=user, dataset=dataset, path=path, layout=layout or None, edition=edition
        )
    body: dict[str, Any] = {
        "committed": False,
        "layout": check.layout.name if check.layout else None,
        "records": check.row_count,
        "errors": check.errors,
        "error_count": check.error_count,
        "notes": check.notes,
    }
    if not check.ok or check.layout is None:
        return Status(422, body)
    if dry_run:
        services.discard_check(check)
        return Status(200, body)
    version = services.import_commit(
        actor=user,
        dataset=dataset,
        token=check.token,
        layout=check.layout.name,
        source_filename=file.name or "upload",
        notes=check.notes,
    )
    return Status(201, {**body, "committed": True, "version": version})


class DatasetRecordsQuery(Schema):
    limit: Annotated[int, Field(ge=1, le=MAX_RECORDS_PAGE)] = 100
    offset: Annotated[int, Field(ge=0, le=100_000_000)] = 0


@router.get("/datasets/{int:dataset_id}/versions/{int:number}/records", response=DatasetRecordsOut)
def version_records(
    request: HttpRequest, dataset_id: Id, number: Id, query: Query[DatasetRecordsQuery]
) -> dict[str, Any]:
    dataset = selectors.dataset_allowed(request.user, dataset_id, permissions.can_read_records)
    version = selectors.version_get(dataset, number)
    page = selectors.records_page(
        request.user, version, offset=query.offset, limit=query.limit, where="API"
    )
    return {
        "version": version.number,
        "total": page.total,
        "offset": page.offset,
        "columns": page.columns,
        "rows": [list(row) for row in page.rows],
    }


@router.get("/datasets/{int:dataset_id}/versions/{int:number}/export", response={200: None})
def version_export(
    request: HttpRequest,
    dataset_id: Id,
    number: Id,
    format: str = "parquet",  # noqa: A002
) -> FileResponse:
    """Every record of a version, for the dataset's owner: `format` csv or parquet."""
    dataset = selectors.dataset_allowed(request.user, dataset_id, permissions.can_export_records)
    if format not in selectors.EXPORT_FORMATS:
        raise Http404
    version = selectors.version_get(dataset, number)
    export = selectors.records_export(request.user, version, fmt=format)
    return FileResponse(
        export.file, as_attachment=True, filename=export.filename, content_type=export.content_type
    )


@router.get("/datasets/{int:dataset_id}/grants", response=list[DatasetGrantOut])
def grant_list(request: HttpRequest, dataset_id: Id) -> Any:
    return list(selectors.grants(_manageable(request, dataset_id)))


@router.post(
    "/datasets/{int:dataset_id}/grants", response={201: DatasetGrantOut, 422: ValidationErrorOut}
)
def grant_create(
    request: HttpRequest, dataset_id: Id, payload: DatasetGrantIn
) -> Status[DatasetGrant]:
    dataset = _manageable(request, dataset_id)
    user = get_object_or_404(User, pk=payload.user, is_active=True)
    return Status(
        201, services.grant_create(actor=acting_user(request), dataset=dataset, user=user)
    )


@router.delete("/datasets/{int:dataset_id}/grants/{int:grant_id}", response={204: None})
def grant_delete(request: HttpRequest, dataset_id: Id, grant_id: Id) -> Status[None]:
    dataset = _manageable(request, dataset_id)
    grant = get_object_or_404(selectors.grants(dataset), pk=grant_id)
    services.grant_delete(actor=acting_user(request), grant=grant)
    return Status(204, None)


class StatisticOut(Schema):
    name: str
    title: str
    version: int
    dimensions: list[str]
    measures: list[str]
    rows: list[dict[str, Any]]


@router.get("/datasets/{int:dataset_id}/statistics", response=list[dict[str, str]])
def statistic_list(request: HttpRequest, dataset_id: Id) -> list[dict[str, str]]:
    """The statistics a dataset offers, by name and title (for granted analysts)."""
    dataset = selectors.dataset_allowed(request.user, dataset_id, permissions.can_read_records)
    offered = analysis.statistics_for(dataset.kind)
    return [{"name": name, "title": analysis.title(s)} for name, s in offered.items()]


@router.get("/datasets/{int:dataset_id}/statistics/{name}", response=StatisticOut)
def statistic_get(
    request: HttpRequest,
    dataset_id: Id,
    name: str,
    version: Id | None = None,
    year_from: Year | None = None,
    year_to: Year | None = None,
) -> dict[str, Any]:
    """One statistic of a version (the latest unless named), before privacy checks.

    For granted analysts only, and audited. Filter with `f.<dimension>=value` (repeat the
    parameter for several values).
    """
    dataset = selectors.dataset_allowed(request.user, dataset_id, permissions.can_read_records)
    statistic = analysis.statistics_for(dataset.kind).get(name)
    if statistic is None:
        raise Http404
    chosen = selectors.version_get(dataset, version)
    values = {
        key.removeprefix("f."): request.GET.getlist(key)
        for key in request.GET
        if key.startswith("f.")
    }
    filters = analysis.filters_from(dataset.kind, values, year_from=year_from, year_to=year_to)
    result = analysis.statistic_table(request.user, chosen, statistic, filters, where="API")
    return {
        "name": statistic.name,
        "title": analysis.title(statistic),
        "version": chosen.number,
        "dimensions": list(statistic.dimensions),
        "measures": [measure.name for measure in statistic.measures],
        "rows": result.rows,
    }


class ReleaseOut(Schema):
    id: int
    title: str
    dataset: str = Field(alias="dataset.name")
    source: str = Field(alias="dataset.source_organisation")
    synthetic: bool = Field(alias="dataset.is_synthetic")
    threshold: int
    published_at: datetime.datetime | None
    dimensions: list[list[str]]
    cells: list[dict[str, Any]]


@router.get("/releases", response=list[ReleaseOut], auth=None)
@paginate
def release_list(request: HttpRequest) -> Any:
    """Published statistics, as the portal shows them: every cell already privacy-checked."""
    from django.conf import settings

    return releases.published(country=settings.PALERMO_COUNTRY or None)


# -- statistics linked to recommendations, indicators and articles
router.add_router("/", "palermo.evidence.api_links.router")
