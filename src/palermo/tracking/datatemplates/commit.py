"""Record a planned upload: every filled row, or nothing."""

import datetime
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction

from palermo.core.audit import audit_record
from palermo.core.models import AuditEvent, User
from palermo.engagement.models import Organisation
from palermo.tracking import messages
from palermo.tracking.datatemplates.planning import CORRECT, CREATE, UploadPlan, template_plan
from palermo.tracking.models import ActionPlan
from palermo.tracking.services.measurements import measurement_report


class TemplateRowsError(ValidationError):
    """Rows of the upload are wrong; carries the plan so callers can show each row's reasons."""

    def __init__(self, upload: UploadPlan) -> None:
        summary = messages.TEMPLATE_HAS_ERRORS % {"count": upload.errors}
        super().__init__([str(summary), *upload.error_summary()])
        self.upload = upload


@dataclass(frozen=True)
class UploadResult:
    filename: str
    plan: ActionPlan
    body: Organisation
    month: datetime.date
    created: int
    corrected: int
    skipped: int


@transaction.atomic
def template_commit(
    *,
    user: User,
    plan: ActionPlan,
    content: bytes | IO[bytes],
    filename: str,
    today: datetime.date | None = None,
) -> UploadResult:
    """Plan the file again and record all its values, or nothing if any row is wrong.

    Rows left empty, and values equal to what is already recorded, are skipped. An upload
    with no value at all is refused, since it is most likely the blank template.
    """
    upload = template_plan(user=user, plan=plan, content=content, filename=filename, today=today)
    if upload.errors:
        raise TemplateRowsError(upload)
    if not upload.can_commit:
        raise ValidationError(messages.TEMPLATE_NOTHING_TO_RECORD)
    for row in upload.rows:
        indicator, period, value = row.indicator, row.period, row.value
        # A planned new value or correction always has all three.
        if row.action not in {CREATE, CORRECT} or not (indicator and period and value is not None):
            continue
        try:
            measurement_report(
                actor=user,
                indicator=indicator,
                period=period,
                value=value,
                source=row.source,
                note=row.note,
                today=today,
            )
        except ValidationError as error:
            # The plan checked every row; a refusal by the service still names its row.
            raise ValidationError(
                [
                    str(messages.TEMPLATE_ROW_ERROR % {"row": row.number, "error": message})
                    for message in error.messages
                ]
            ) from error
    audit_record(
        actor=user,
        action=AuditEvent.Action.IMPORT,
        object_type="tracking.measurement",
        object_repr=(
            f"{filename}: {upload.to_create} created, {upload.to_correct} corrected "
            f"({plan.title}, {upload.body}, {upload.month:%Y-%m})"
        )[:255],
    )
    return UploadResult(
        filename=filename,
        plan=plan,
        body=upload.body,
        month=upload.month,
        created=upload.to_create,
        corrected=upload.to_correct,
        skipped=upload.left_empty + upload.unchanged,
    )
