"""Write the XLSX template for one plan, one reporting body and one month.

Only the value, source and note cells are unlocked; the sheet is protected without a
password (the protection guards against slips, not against intent: the upload checks every
row again). A very hidden sheet holds what the upload needs to check the file: the plan,
the body, the month and the template's version.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from palermo.core.models import User
from palermo.core.permissions import require
from palermo.core.spreadsheets import workbook_bytes
from palermo.engagement.models import Organisation
from palermo.tracking.datatemplates import rules
from palermo.tracking.datatemplates.reading import LIMIT
from palermo.tracking.models import ActionPlan, Indicator, Measurement, period_label

WIDTHS = {
    rules.COL_ID: 8,
    rules.COL_PERIOD_KEY: 12,
    rules.COL_MEASURE: 34,
    rules.COL_INDICATOR: 42,
    rules.COL_UNIT: 12,
    rules.COL_PERIOD: 12,
    rules.COL_LAST_VALUE: 16,
    rules.COL_LAST_PERIOD: 16,
    rules.COL_VALUE: 16,
    rules.COL_SOURCE: 32,
    rules.COL_NOTE: 42,
}
EDITABLE = (rules.COL_VALUE, rules.COL_SOURCE, rules.COL_NOTE)
BOLD = Font(bold=True)
EDITABLE_FILL = PatternFill("solid", fgColor="FFF8E1")
HEADER_FILL = PatternFill("solid", fgColor="E9ECEF")
WRAP = Alignment(wrap_text=True, vertical="top")


def template_filename(*, plan: ActionPlan, body: Organisation, month: datetime.date) -> str:
    """'plan-3-fia-2025-03.xlsx': the body's acronym when it has one, else its number."""
    body_part = slugify(body.acronym) or str(body.pk)
    return f"plan-{plan.pk}-{body_part}-{month:%Y-%m}.xlsx"


def _headers() -> dict[int, str]:
    return {
        rules.COL_ID: _("Indicator number"),
        rules.COL_PERIOD_KEY: _("Period key"),
        rules.COL_MEASURE: _("Measure"),
        rules.COL_INDICATOR: _("Indicator"),
        rules.COL_UNIT: _("Unit"),
        rules.COL_PERIOD: _("Period"),
        rules.COL_LAST_VALUE: _("Last reported value"),
        rules.COL_LAST_PERIOD: _("Last reported for"),
        rules.COL_VALUE: _("Value"),
        rules.COL_SOURCE: _("Source"),
        rules.COL_NOTE: _("Note"),
    }


def _last_values(
    rows: list[tuple[Indicator, datetime.date]],
) -> dict[int, Measurement]:
    """Each indicator's latest value up to (and including) its period in this template."""
    periods = {indicator.pk: period for indicator, period in rows}
    latest: dict[int, Measurement] = {}
    measurements = Measurement.objects.filter(indicator_id__in=periods).order_by("period")
    for measurement in measurements:
        if measurement.period <= periods[measurement.indicator_id]:
            latest[measurement.indicator_id] = measurement
    return latest


def _bounds(indicator: Indicator) -> tuple[Decimal | None, Decimal | None]:
    return indicator.plausible_min, indicator.plausible_max


def _validation(low: Decimal | None, high: Decimal | None, unit_hint: str) -> DataValidation:
    """A decimal rule for the value cells: within the plausible range when one is set."""
    if low is not None and high is not None:
        operator, first, second = "between", low, high
        prompt = _("A number from %(low)s to %(high)s.") % {"low": low, "high": high}
    elif low is not None:
        operator, first, second = "greaterThanOrEqual", low, None
        prompt = _("A number of at least %(low)s.") % {"low": low}
    elif high is not None:
        operator, first, second = "lessThanOrEqual", high, None
        prompt = _("A number of at most %(high)s.") % {"high": high}
    else:
        operator, first, second = "between", -LIMIT, LIMIT
        prompt = _("A number.")
    prompt = f"{prompt} {unit_hint}"
    return DataValidation(
        type="decimal",
        operator=operator,
        formula1=str(first),
        formula2=None if second is None else str(second),
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        promptTitle=_("Value")[:32],
        prompt=prompt[:255],
        errorTitle=_("Not accepted")[:32],
        error=(_("%(prompt)s Leave the cell empty if you have no value.") % {"prompt": prompt})[
            :255
        ],
        errorStyle="stop",
    )


def _header_block(
    sheet: Any, *, plan: ActionPlan, body: Organisation, month: datetime.date
) -> None:
    label, value = rules.COL_MEASURE, rules.COL_INDICATOR
    sheet.cell(1, label, _("Data maintenance template")).font = Font(bold=True, size=14)
    body_name = f"{body.name} ({body.acronym})" if body.acronym else body.name
    facts = [
        (_("Action plan"), plan.title),
        (_("Reporting body"), body_name),
        (_("Month"), formats.date_format(month, "YEAR_MONTH_FORMAT")),
        (
            _("Generated at"),
            formats.date_format(timezone.localtime(), "DATETIME_FORMAT"),
        ),
    ]
    for row, (text, fact) in enumerate(facts, start=2):
        sheet.cell(row, label, text).font = BOLD
        sheet.cell(row, value, fact)
    instructions_row = 2 + len(facts)
    sheet.cell(instructions_row, label, _("Instructions")).font = BOLD
    sheet.cell(
        instructions_row,
        value,
        _(
            "Enter each value in the column “Value”, with its source and any note. Leave a "
            "value empty to record nothing for that indicator. Do not add, remove or reorder "
            "rows. Upload this file on the plan's page “Data maintenance templates”: a "
            "preview shows what will be recorded before anything is saved."
        ),
    ).alignment = WRAP
    sheet.merge_cells(
        start_row=instructions_row,
        start_column=value,
        end_row=instructions_row,
        end_column=rules.LAST_COL,
    )
    sheet.row_dimensions[instructions_row].height = 48


def _indicator_rows(sheet: Any, rows: list[tuple[Indicator, datetime.date]]) -> None:
    for column, text in _headers().items():
        cell = sheet.cell(rules.HEADER_ROW, column, text)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
    latest = _last_values(rows)
    validations: dict[tuple[Decimal | None, Decimal | None, str], DataValidation] = {}
    for number, (indicator, period) in enumerate(rows, start=rules.FIRST_ROW):
        measure = indicator.measure
        last = latest.get(indicator.pk)
        values: dict[int, object] = {
            rules.COL_ID: indicator.pk,
            rules.COL_PERIOD_KEY: period.isoformat(),
            rules.COL_MEASURE: f"{measure.number}. {measure.title}",
            rules.COL_INDICATOR: indicator.name,
            rules.COL_UNIT: indicator.unit,
            rules.COL_PERIOD: period_label(period, indicator.frequency),
            rules.COL_LAST_VALUE: None if last is None else last.value,
            rules.COL_LAST_PERIOD: (
                "" if last is None else period_label(last.period, indicator.frequency)
            ),
        }
        for column, content in values.items():
            sheet.cell(number, column, content).alignment = WRAP
        for column in EDITABLE:
            cell = sheet.cell(number, column)
            cell.protection = Protection(locked=False)
            cell.fill = EDITABLE_FILL
            cell.alignment = WRAP
        hint = _("Unit: %(unit)s.") % {"unit": indicator.unit}
        key = (*_bounds(indicator), hint)
        if key not in validations:
            validations[key] = _validation(*_bounds(indicator), hint)
            sheet.add_data_validation(validations[key])
        validations[key].add(sheet.cell(number, rules.COL_VALUE).coordinate)


def _metadata(
    workbook: Any,
    *,
    sheet_title: str,
    plan: ActionPlan,
    body: Organisation,
    month: datetime.date,
    rows: int,
) -> None:
    meta = workbook.create_sheet(rules.META_SHEET)
    entries = [
        ("kind", rules.KIND),
        ("version", rules.VERSION),
        ("plan", plan.pk),
        ("body", body.pk),
        ("period", month.isoformat()),
        ("sheet", sheet_title),
        ("first_row", rules.FIRST_ROW),
        ("rows", rows),
        ("generated_at", timezone.now().isoformat()),
    ]
    for row, (key, value) in enumerate(entries, start=1):
        meta.cell(row, 1, key)
        meta.cell(row, 2, value)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True


def template_build(
    *, user: User, plan: ActionPlan, body: Organisation, period: datetime.date
) -> bytes:
    """The XLSX template for the month holding `period` (see `rules` for which rows)."""
    require(rules.may_use_template(user, plan, body))
    month = rules.month_start(period)
    rows = rules.template_indicators(plan=plan, body=body, month=month)
    workbook = Workbook()
    sheet = workbook.active
    # Sheet titles may not hold []:*?/\ and are at most 31 characters.
    title = _("Values %(month)s") % {"month": f"{month:%Y-%m}"}
    for forbidden in "[]:*?/\\":
        title = title.replace(forbidden, " ")
    sheet.title = title[:31]
    sheet.sheet_view.rightToLeft = translation.get_language_bidi()
    _header_block(sheet, plan=plan, body=body, month=month)
    _indicator_rows(sheet, rows)
    if not rows:
        sheet.cell(
            rules.FIRST_ROW,
            rules.COL_MEASURE,
            _("No indicator of this body has a reporting period ending in this month."),
        )
    for column, width in WIDTHS.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    for column in (rules.COL_ID, rules.COL_PERIOD_KEY):
        sheet.column_dimensions[get_column_letter(column)].hidden = True
    sheet.freeze_panes = sheet.cell(rules.FIRST_ROW, rules.COL_MEASURE).coordinate
    sheet.protection.sheet = True
    _metadata(workbook, sheet_title=sheet.title, plan=plan, body=body, month=month, rows=len(rows))
    workbook.security = WorkbookProtection(lockStructure=True)
    return workbook_bytes(workbook)
