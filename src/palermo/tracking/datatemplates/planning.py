"""Plan an upload: what each row of a filled template would record, and why a row is wrong.

Nothing here writes. Blank value cells are skipped without further checks (nothing is
recorded for them, so nothing about them can be wrong); every filled row is checked as
`measurement_report` would check it, plus the template's own rules (its plan, body and
periods).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO

from django.core.exceptions import ValidationError
from django.utils import timezone

from palermo.core.models import User
from palermo.core.permissions import require
from palermo.engagement.models import Organisation
from palermo.tracking import messages, permissions
from palermo.tracking.datatemplates import rules
from palermo.tracking.datatemplates.reading import TemplateRow, read_number, read_template
from palermo.tracking.models import ActionPlan, Indicator, Measurement, period_label
from palermo.tracking.services.measurements import measurement_problems

CREATE = "create"
CORRECT = "correct"
EMPTY = "empty"
UNCHANGED = "unchanged"
ERROR = "error"
SOURCE_MAX = 255


def show(value: Decimal | None) -> str:
    """12.50 -> '12.5', 12.00 -> '12': values as people write them."""
    if value is None:
        return ""
    return f"{value.normalize():f}"


@dataclass
class RowPlan:
    number: int
    indicator_id: int | None
    indicator: Indicator | None = None
    period: datetime.date | None = None
    value: Decimal | None = None
    source: str = ""
    note: str = ""
    old_value: Decimal | None = None
    action: str = EMPTY
    errors: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.indicator.name if self.indicator is not None else ""

    @property
    def period_label(self) -> str:
        if self.indicator is None or self.period is None:
            return ""
        return period_label(self.period, self.indicator.frequency)

    @property
    def outcome(self) -> str:
        """What happens to this row, in a sentence (errors are listed separately)."""
        if self.errors:
            return " ".join(self.errors)
        if self.action == CREATE:
            return str(messages.TEMPLATE_ACTION_CREATE % {"value": show(self.value)})
        if self.action == CORRECT:
            return str(
                messages.TEMPLATE_ACTION_CORRECT
                % {"old": show(self.old_value), "new": show(self.value)}
            )
        if self.action == UNCHANGED:
            return str(messages.TEMPLATE_ACTION_UNCHANGED)
        return str(messages.TEMPLATE_ACTION_EMPTY)


@dataclass
class UploadPlan:
    filename: str
    plan: ActionPlan
    body: Organisation
    month: datetime.date
    rows: list[RowPlan]

    def _count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.errors)

    @property
    def to_create(self) -> int:
        return self._count(CREATE)

    @property
    def to_correct(self) -> int:
        return self._count(CORRECT)

    @property
    def to_record(self) -> int:
        return self.to_create + self.to_correct

    @property
    def left_empty(self) -> int:
        return self._count(EMPTY)

    @property
    def unchanged(self) -> int:
        return self._count(UNCHANGED)

    @property
    def errors(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def can_commit(self) -> bool:
        return self.errors == 0 and self.to_record > 0

    def error_summary(self) -> list[str]:
        """'Row 9: reason' for every reason of every wrong row."""
        return [
            str(messages.TEMPLATE_ROW_ERROR % {"row": row.number, "error": error})
            for row in self.rows
            for error in row.errors
        ]


def _identity_errors(
    row: TemplateRow,
    indicator: Indicator | None,
    *,
    plan: ActionPlan,
    body: Organisation,
    month: datetime.date,
) -> tuple[datetime.date | None, list[str]]:
    """The period the row reports, and what is wrong with the row's indicator or period."""
    if row.indicator_id is None:
        return None, [str(messages.TEMPLATE_ROW_NO_INDICATOR)]
    if indicator is None:
        return None, [str(messages.TEMPLATE_ROW_UNKNOWN_INDICATOR % {"id": row.indicator_text})]
    if indicator.measure.plan_id != plan.pk:
        return None, [str(messages.TEMPLATE_ROW_OTHER_PLAN % {"indicator": indicator.name})]
    if indicator.reporting_body_id != body.pk:
        return None, [
            str(
                messages.TEMPLATE_ROW_OTHER_BODY
                % {"indicator": indicator.name, "body": indicator.reporting_body.name}
            )
        ]
    period = rules.indicator_period(indicator, month)
    if period is None:
        return None, [str(messages.TEMPLATE_ROW_NOT_DUE % {"indicator": indicator.name})]
    if row.period_text != period.isoformat():
        expected = period_label(period, indicator.frequency)
        return None, [
            str(
                messages.TEMPLATE_ROW_WRONG_PERIOD
                % {"row": row.period_text or "—", "expected": expected}
            )
        ]
    return period, []


def _plan_row(
    row: TemplateRow,
    *,
    user: User,
    plan: ActionPlan,
    body: Organisation,
    month: datetime.date,
    indicators: dict[int, Indicator],
    seen: dict[int, int],
    today: datetime.date,
) -> RowPlan:
    indicator = indicators.get(row.indicator_id) if row.indicator_id is not None else None
    planned = RowPlan(
        number=row.number,
        indicator_id=row.indicator_id,
        indicator=indicator,
        source=row.source,
        note=row.note,
    )
    value, value_error = read_number(row.value)
    if value is None and value_error is None:
        # Left empty: skipped; the period is shown only as a guide.
        planned.period = rules.indicator_period(indicator, month) if indicator else None
        return planned
    planned.value = value
    period, errors = _identity_errors(row, indicator, plan=plan, body=body, month=month)
    planned.period = period
    planned.errors.extend(errors)
    if indicator is not None and not errors:
        if indicator.pk in seen:
            planned.errors.append(
                str(
                    messages.TEMPLATE_ROW_DUPLICATE
                    % {"indicator": indicator.name, "row": seen[indicator.pk]}
                )
            )
        seen.setdefault(indicator.pk, row.number)
        if not permissions.can_report(user, indicator):
            planned.errors.append(
                str(messages.TEMPLATE_ROW_NOT_ALLOWED % {"indicator": indicator.name})
            )
    if value_error is not None:
        planned.errors.append(value_error)
    if len(row.source) > SOURCE_MAX:
        planned.errors.append(str(messages.TEMPLATE_ROW_SOURCE_TOO_LONG))
    if indicator is not None and period is not None and value is not None:
        planned.errors.extend(measurement_problems(indicator, period, value, today))
    planned.action = ERROR if planned.errors else CREATE
    return planned


def _compare_with_recorded(rows: list[RowPlan]) -> None:
    """Turn new values into corrections (or no-ops) where the period already has one."""
    keys = {(row.indicator_id, row.period) for row in rows if row.action == CREATE}
    if not keys:
        return
    recorded: dict[tuple[int | None, datetime.date | None], Measurement] = {
        (measurement.indicator_id, measurement.period): measurement
        for measurement in Measurement.objects.filter(
            indicator_id__in={indicator_id for indicator_id, _period in keys},
            period__in={period for _indicator_id, period in keys},
        )
    }
    for row in rows:
        existing = recorded.get((row.indicator_id, row.period))
        if row.action != CREATE or existing is None:
            continue
        row.old_value = existing.value
        same = existing.value == row.value and existing.source == row.source
        row.action = UNCHANGED if same and not row.note else CORRECT


def template_plan(
    *,
    user: User,
    plan: ActionPlan,
    content: bytes | IO[bytes],
    filename: str,
    today: datetime.date | None = None,
) -> UploadPlan:
    """Read a filled template and say what each row would record, without writing."""
    require(rules.may_open_templates(user, plan))  # before a byte of the file is read
    template = read_template(content)
    if template.plan_id != plan.pk:
        raise ValidationError(messages.TEMPLATE_OTHER_PLAN % {"plan": template.plan_id})
    body = Organisation.objects.filter(pk=template.body_id).first()
    if body is None:
        raise ValidationError(messages.TEMPLATE_BODY_UNKNOWN)
    require(rules.may_use_template(user, plan, body))
    if not template.rows:
        raise ValidationError(messages.TEMPLATE_NO_ROWS)
    ids = {row.indicator_id for row in template.rows if row.indicator_id is not None}
    indicators = {
        indicator.pk: indicator
        for indicator in Indicator.objects.filter(pk__in=ids).select_related(
            "measure__plan", "reporting_body"
        )
    }
    seen: dict[int, int] = {}
    rows = [
        _plan_row(
            row,
            user=user,
            plan=plan,
            body=body,
            month=template.month,
            indicators=indicators,
            seen=seen,
            today=today or timezone.localdate(),
        )
        for row in template.rows
    ]
    _compare_with_recorded(rows)
    return UploadPlan(filename=filename, plan=plan, body=body, month=template.month, rows=rows)
