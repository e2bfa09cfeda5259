"""Datasets, versions, imports and records over the API: the pages' rules, the pages' audit.

Records come a page at a time (`limit` at most 500) and only to analysts granted the dataset;
each answer that carries records is one audit event, as each records page is.
"""

import datetime
import json
from typing import Annotated, Any

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from palermo.core import uploads
from palermo.core.api_types import Id, ValidationErrorOut, Year, choices_schema
from palermo.core.http import acting_user
from palermo.core.models import User
from palermo.evidence import messages, permissions
from palermo.evidence.loaders import mapping as column_mapping
from palermo.evidence.loaders.base import RowError
from palermo.evidence.models import CrimeType, Dataset, DatasetGrant, DatasetKind, Sensitivity
from palermo.evidence.selectors import datasets as dataset_selectors
from palermo.evidence.selectors import records as record_selectors
from palermo.evidence.services import datasets as dataset_services
from palermo.evidence.services import imports as import_services

router = Router()

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
        return list(dataset_selectors.versions(obj))


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
    return dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_manage_dataset
    )


@router.get("/datasets", response=list[DatasetOut])
@paginate
def dataset_list(
    request: HttpRequest, search: str = "", kind: str = "", crime_type: str = ""
) -> Any:
    return dataset_selectors.dataset_list(
        request.user, search=search, kind=kind, crime_type=crime_type
    ).order_by("name", "pk")


@router.post("/datasets", response={201: DatasetDetailOut, 422: ValidationErrorOut})
def dataset_create(request: HttpRequest, payload: DatasetIn) -> Status[Dataset]:
    data = payload.dict()
    if data["country"] is None:
        data.pop("country")
    dataset = dataset_services.dataset_create(actor=acting_user(request), **data)
    return Status(201, dataset)


@router.get("/datasets/{int:dataset_id}", response=DatasetDetailOut)
def dataset_get(request: HttpRequest, dataset_id: Id) -> Dataset:
    return dataset_selectors.dataset_get(request.user, dataset_id)


@router.patch(
    "/datasets/{int:dataset_id}", response={200: DatasetDetailOut, 422: ValidationErrorOut}
)
def dataset_update(request: HttpRequest, dataset_id: Id, payload: DatasetPatch) -> Dataset:
    dataset = _manageable(request, dataset_id)
    dataset_services.dataset_update(
        actor=acting_user(request), dataset=dataset, **payload.dict(exclude_unset=True)
    )
    return dataset_selectors.dataset_get(request.user, dataset_id)


def _refused(errors: list[RowError]) -> dict[str, Any]:
    return {
        "committed": False,
        "layout": None,
        "records": 0,
        "errors": errors,
        "error_count": len(errors),
        "notes": [],
    }


def _mapping_spec(mapping: str, values: str) -> dict[str, Any] | list[RowError]:
    """The mapping given as JSON text, or the reason it cannot be one."""
    try:
        columns = json.loads(mapping)
        value_maps = json.loads(values) if values else {}
    except ValueError:
        columns = None
    if not isinstance(columns, dict) or not isinstance(value_maps, dict):
        return [RowError(row=0, column="", message=str(messages.MAPPING_NOT_AN_OBJECT))]
    if not all(isinstance(v, dict) for v in value_maps.values()):
        return [RowError(row=0, column="", message=str(messages.MAPPING_NOT_AN_OBJECT))]
    return column_mapping.spec(columns, value_maps)


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
    mapping: Form[str] = "",
    values: Form[str] = "",
) -> Status[dict[str, Any]]:
    """Import a file as the next version (`dry_run=true` checks it and stores nothing).

    The layout is recognised from the file's columns unless named. A file in no known layout
    is read through `mapping`, a JSON object from the file's columns to fields of the victims
    table (`{"Gender": "sex", "Type of exploitation": "exploitation"}`), with optional `values`
    (`{"Gender": {"F": "female"}}`); a field the table does not have answers 422 naming the
    column. A file with any error stores nothing and answers 422 with the errors by row and
    column.
    """
    dataset = _manageable(request, dataset_id)
    user = acting_user(request)
    spec = _mapping_spec(mapping, values) if mapping else None
    if isinstance(spec, list):
        return Status(422, _refused(spec))
    with uploads.spooled_upload(
        file, max_bytes=uploads.evidence_import_max_bytes(), field="file"
    ) as path:
        check = import_services.import_check(
            actor=user,
            dataset=dataset,
            path=path,
            layout=layout or None,
            edition=edition,
            mapping=spec,
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
        import_services.discard_check(check)
        return Status(200, body)
    version = import_services.import_commit(
        actor=user,
        dataset=dataset,
        token=check.token,
        layout=check.layout.name,
        source_filename=file.name or "upload",
        notes=check.notes,
        mapping=check.mapping,
    )
    return Status(201, {**body, "committed": True, "version": version})


class DatasetRecordsQuery(Schema):
    limit: Annotated[int, Field(ge=1, le=MAX_RECORDS_PAGE)] = 100
    offset: Annotated[int, Field(ge=0, le=100_000_000)] = 0


@router.get("/datasets/{int:dataset_id}/versions/{int:number}/records", response=DatasetRecordsOut)
def version_records(
    request: HttpRequest, dataset_id: Id, number: Id, query: Query[DatasetRecordsQuery]
) -> dict[str, Any]:
    dataset = dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_read_records
    )
    version = dataset_selectors.version_get(dataset, number)
    page = record_selectors.records_page(
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
    dataset = dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_export_records
    )
    if format not in record_selectors.EXPORT_FORMATS:
        raise Http404
    version = dataset_selectors.version_get(dataset, number)
    export = record_selectors.records_export(request.user, version, fmt=format)
    return FileResponse(
        export.file, as_attachment=True, filename=export.filename, content_type=export.content_type
    )


@router.get("/datasets/{int:dataset_id}/grants", response=list[DatasetGrantOut])
def grant_list(request: HttpRequest, dataset_id: Id) -> Any:
    return list(dataset_selectors.grants(_manageable(request, dataset_id)))


@router.post(
    "/datasets/{int:dataset_id}/grants", response={201: DatasetGrantOut, 422: ValidationErrorOut}
)
def grant_create(
    request: HttpRequest, dataset_id: Id, payload: DatasetGrantIn
) -> Status[DatasetGrant]:
    dataset = _manageable(request, dataset_id)
    user = get_object_or_404(User, pk=payload.user, is_active=True)
    return Status(
        201, dataset_services.grant_create(actor=acting_user(request), dataset=dataset, user=user)
    )


@router.delete("/datasets/{int:dataset_id}/grants/{int:grant_id}", response={204: None})
def grant_delete(request: HttpRequest, dataset_id: Id, grant_id: Id) -> Status[None]:
    dataset = _manageable(request, dataset_id)
    grant = get_object_or_404(dataset_selectors.grants(dataset), pk=grant_id)
    dataset_services.grant_delete(actor=acting_user(request), grant=grant)
    return Status(204, None)
