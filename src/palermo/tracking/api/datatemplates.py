"""Data maintenance templates for scripts: download, preview an upload, record it."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile

from palermo.core import uploads
from palermo.core.api_types import Date
from palermo.core.audit import export_record
from palermo.core.http import acting_user
from palermo.core.models import User
from palermo.engagement.models import Organisation
from palermo.tracking import datatemplates, permissions
from palermo.tracking.models import ActionPlan

router = Router(tags=["tracking: data maintenance templates"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class TemplateQuery(Schema):
    body: int = Field(description="The reporting body (organisation id)")
    period: Date = Field(
        description="A day of the month the template is for, usually its first (2025-03-01)"
    )


class RowOut(Schema):
    number: int = Field(description="The row in the spreadsheet")
    indicator_id: int | None
    indicator: str = Field(alias="name")
    period: datetime.date | None
    period_label: str
    value: str | None
    old_value: str | None
    source: str
    note: str
    action: str = Field(description="create, correct, empty, unchanged or error")
    outcome: str = Field(description="What happens to the row, in a sentence")
    errors: list[str]

    @staticmethod
    def resolve_value(obj: datatemplates.RowPlan) -> str | None:
        return None if obj.value is None else str(obj.value)

    @staticmethod
    def resolve_old_value(obj: datatemplates.RowPlan) -> str | None:
        return None if obj.old_value is None else str(obj.old_value)


class UploadOut(Schema):
    filename: str
    plan: int
    body: int
    month: datetime.date
    to_create: int
    to_correct: int
    left_empty: int
    unchanged: int
    errors: int
    can_commit: bool
    rows: list[RowOut]

    @staticmethod
    def resolve_plan(obj: datatemplates.UploadPlan) -> int:
        return obj.plan.pk

    @staticmethod
    def resolve_body(obj: datatemplates.UploadPlan) -> int:
        return obj.body.pk


class ResultOut(Schema):
    filename: str
    created: int
    corrected: int
    skipped: int


class RowErrorsOut(Schema):
    number: int
    errors: list[str]


class UploadErrorOut(Schema):
    detail: list[str]
    rows: list[RowErrorsOut] = []


def _plan(user: User, plan_id: int) -> ActionPlan:
    plan = get_object_or_404(ActionPlan, pk=plan_id)
    if not permissions.can_view_plan(user, plan):
        raise Http404
    return plan


def _refusal(error: ValidationError) -> Status[Any]:
    if isinstance(error, uploads.UploadTooLargeError):
        raise error  # 413
    if isinstance(error, datatemplates.TemplateRowsError):
        rows = [
            {"number": row.number, "errors": row.errors} for row in error.upload.rows if row.errors
        ]
        return Status(400, {"detail": error.messages[:1], "rows": rows})
    return Status(400, {"detail": error.messages, "rows": []})


@router.get("/plans/{int:plan_id}/templates", response={200: None})
def download_template(
    request: HttpRequest, plan_id: int, query: Query[TemplateQuery]
) -> HttpResponse:
    """The XLSX template of one reporting body for one month (403 for another body's)."""
    user = acting_user(request)
    plan = _plan(user, plan_id)
    body = get_object_or_404(Organisation, pk=query.body)
    month = datatemplates.month_start(query.period)
    content = datatemplates.template_build(user=user, plan=plan, body=body, period=month)
    filename = datatemplates.template_filename(plan=plan, body=body, month=month)
    export_record(
        actor=user,
        what=f"Data maintenance template of {body} for {month:%Y-%m}",
        fmt="xlsx",
        obj=plan,
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@router.post(
    "/plans/{int:plan_id}/templates/preview", response={200: UploadOut, 400: UploadErrorOut}
)
def preview_template(request: HttpRequest, plan_id: int, file: File[UploadedFile]) -> Status[Any]:
    """What each row of a filled template would record; nothing is written."""
    user = acting_user(request)
    plan = _plan(user, plan_id)
    try:
        upload = datatemplates.template_plan(
            user=user, plan=plan, content=file, filename=file.name or ""
        )
    except ValidationError as error:
        return _refusal(error)
    return Status(200, upload)


@router.post("/plans/{int:plan_id}/templates", response={201: ResultOut, 400: UploadErrorOut})
def upload_template(request: HttpRequest, plan_id: int, file: File[UploadedFile]) -> Status[Any]:
    """Record every filled row of the template, or nothing (400 with each row's errors)."""
    user = acting_user(request)
    plan = _plan(user, plan_id)
    try:
        result = datatemplates.template_commit(
            user=user, plan=plan, content=file, filename=file.name or ""
        )
    except ValidationError as error:
        return _refusal(error)
    return Status(201, result)
