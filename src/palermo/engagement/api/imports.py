"""Stakeholder import (preview, then commit) and the registry export, for scripts."""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile

from palermo.core import uploads
from palermo.core.api_types import Id
from palermo.core.http import acting_user, attachment
from palermo.engagement import exporters, importers, messages

router = Router(tags=["engagement: stakeholder import"])


class ColumnOut(Schema):
    column: str
    label: str
    field: str


class RowOut(Schema):
    number: int
    organisation: str
    person: str
    organisation_action: str = Field(description="create, existing, same_as_row or none")
    match: str = Field(alias="match_label", description="The organisation this row joins")
    match_organisation_id: Id | None = None
    match_row: int | None = None
    score: int | None = None
    duplicate: bool = Field(description="A likely duplicate; merged unless listed as new")
    create_new: bool
    possible_match: bool = Field(
        description="A possible match; a new organisation unless listed in merge_rows"
    )
    merge_confirmed: bool
    match_reason: str = Field(description="Why the names were matched")
    person_action: str = Field(description="create, exists, same_as_row or none")
    person_match: str
    person_match_row: int | None = None
    phones_added: list[str] = Field(
        description="Numbers of a skipped duplicate person added to the person it matches"
    )
    folded_into: int | None = Field(
        None, description="The row a line holding only a place or a job title was read into"
    )
    actions: list[str]
    warnings: list[str] = Field(description="Readings to check; they never block the import")
    errors: list[str]

    @staticmethod
    def resolve_match_organisation_id(obj: importers.RowPlan) -> int | None:
        return obj.match_organisation.pk if obj.match_organisation is not None else None


class PlanOut(Schema):
    filename: str
    sheet: str = Field(description="The sheet read (empty for a CSV file)")
    sheets: list[str]
    header_row: int = Field(description="The row holding the header, as the spreadsheet numbers it")
    header_detected: bool = Field(description="Found by the import rather than given")
    split_names: bool
    kind_values: dict[str, str]
    unknown_kinds: list[str] = Field(description="Values of the kind column without a kind")
    mapping: dict[str, str]
    columns: list[ColumnOut]
    organisations_to_create: int
    organisations_matched: int
    people_to_create: int
    people_existing: int
    organisation_duplicates: int
    possible_matches: int
    warnings: int
    errors: int
    can_commit: bool
    rows: list[RowOut]

    @staticmethod
    def resolve_columns(obj: importers.ImportPlan) -> list[dict[str, str]]:
        return [
            {"column": column, "label": label, "field": field}
            for column, label, field in obj.column_choices
        ]


class ResultOut(Schema):
    filename: str
    organisations_created: int
    organisations_matched: int
    people_created: int
    people_skipped: int
    phones_added: int


class RowErrorsOut(Schema):
    number: int
    errors: list[str]


class ImportErrorOut(Schema):
    detail: list[str]
    rows: list[RowErrorsOut] = []


def _mapping(raw: str) -> dict[str, str] | None:
    if not raw.strip():
        return None
    try:
        mapping = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ValidationError(messages.IMPORT_MAPPING_NOT_JSON) from error
    if not isinstance(mapping, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in mapping.items()
    ):
        raise ValidationError(messages.IMPORT_MAPPING_NOT_JSON)
    return mapping


def _refusal(error: ValidationError) -> Status[Any]:
    if isinstance(error, uploads.UploadTooLargeError):
        raise error  # 413
    if isinstance(error, importers.ImportRowsError):
        rows = [
            {"number": row.number, "errors": row.errors} for row in error.plan.rows if row.errors
        ]
        return Status(400, {"detail": error.messages[:1], "rows": rows})
    return Status(400, {"detail": error.messages, "rows": []})


@router.post("/stakeholders/import/preview", response={200: PlanOut, 400: ImportErrorOut})
def preview_stakeholder_import(
    request: HttpRequest,
    file: File[UploadedFile],
    mapping: Form[str] = "",
    new_organisation_rows: Form[list[int] | None] = None,
    merge_rows: Form[list[int] | None] = None,
    header_row: Form[int | None] = None,
    sheet: Form[str] = "",
    split_names: Form[bool] = True,
    kind_values: Form[str] = "",
) -> Status[Any]:
    """What each row would do (mapping, duplicates, errors); nothing is written.

    `mapping` is a JSON object from column header to field, e.g. `{"Mobile": "phone",
    "Notes": "ignore"}`; columns left out are guessed. Fields: organisation, acronym, kind,
    sector, city, region, name, first_name, last_name, title, roles, expertise, phone, email,
    ignore. `new_organisation_rows` lists the rows of likely duplicates to create as new
    organisations instead of merging them; `merge_rows` the rows of possible matches to merge.
    `header_row` names the header's row (found among the first rows when left out); `sheet` a
    workbook's sheet (the first whose header is recognisable when left out); `split_names`
    takes acronyms in brackets and trailing places out of organisations' names; `kind_values`
    is a JSON object from a kind column's value to a kind (or "guess"), e.g. `{"Lawyers":
    "professional_body"}`, chosen once per value the import does not know (`unknown_kinds`).
    """
    user = acting_user(request)
    try:
        plan = importers.plan_import(
            actor=user,
            content=file,
            filename=file.name or "",
            mapping=_mapping(mapping),
            new_organisation_rows=new_organisation_rows or (),
            merge_rows=merge_rows or (),
            header_row=header_row,
            sheet=sheet,
            split_names=split_names,
            kind_values=_mapping(kind_values),
        )
    except ValidationError as error:
        return _refusal(error)
    return Status(200, plan)


@router.post("/stakeholders/import", response={201: ResultOut, 400: ImportErrorOut})
def import_stakeholders(
    request: HttpRequest,
    file: File[UploadedFile],
    mapping: Form[str] = "",
    new_organisation_rows: Form[list[int] | None] = None,
    merge_rows: Form[list[int] | None] = None,
    header_row: Form[int | None] = None,
    sheet: Form[str] = "",
    split_names: Form[bool] = True,
    kind_values: Form[str] = "",
) -> Status[Any]:
    """Import the whole file, or nothing (400 with each row's errors); fields as in preview."""
    user = acting_user(request)
    try:
        result = importers.commit_import(
            actor=user,
            content=file,
            filename=file.name or "",
            mapping=_mapping(mapping),
            new_organisation_rows=new_organisation_rows or (),
            merge_rows=merge_rows or (),
            header_row=header_row,
            sheet=sheet,
            split_names=split_names,
            kind_values=_mapping(kind_values),
        )
    except ValidationError as error:
        return _refusal(error)
    return Status(201, result)


@router.get("/organisations/export.xlsx", response={200: None})
def export_registry(request: HttpRequest) -> HttpResponse:
    """Organisations and people you may see, as XLSX; contacts only where you may read them."""
    workbook = exporters.registry_export(user=acting_user(request))
    return attachment(workbook.content, exporters.XLSX, "palermo-registry.xlsx")
