"""Read a filled template back: its hidden description and its indicator rows, nothing more."""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import ValidationError

from palermo.core import tabular, uploads
from palermo.tracking import messages
from palermo.tracking.datatemplates import rules

# The largest magnitude a measurement stores (14 digits, 2 of them decimals).
LIMIT = Decimal("999999999999.99")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class TemplateRow:
    number: int  # as the user sees it in the spreadsheet
    indicator_id: int | None
    indicator_text: str
    period_text: str
    value: object
    source: str
    note: str

    @property
    def is_blank(self) -> bool:
        return self.indicator_id is None and not self.indicator_text and self.is_empty

    @property
    def is_empty(self) -> bool:
        """Nothing entered in the editable cells."""
        return _text(self.value) == "" and not self.source and not self.note


@dataclass(frozen=True)
class TemplateFile:
    plan_id: int
    body_id: int
    month: datetime.date
    rows: list[TemplateRow]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value)
    return int(text) if text.isascii() and text.isdigit() else None


def read_number(raw: object) -> tuple[Decimal | None, str | None]:
    """The cell's number, or the reason it is none; (None, None) for an empty cell."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    text = _text(raw)
    if isinstance(raw, bool | datetime.date | datetime.time | datetime.timedelta):
        return None, str(messages.TEMPLATE_ROW_NOT_A_NUMBER % {"value": text})
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, str(messages.TEMPLATE_ROW_NOT_A_NUMBER % {"value": text})
    if not value.is_finite():
        return None, str(messages.TEMPLATE_ROW_NOT_A_NUMBER % {"value": text})
    if abs(value) > LIMIT or value != value.quantize(CENT):
        return None, str(messages.TEMPLATE_ROW_VALUE_FORMAT % {"value": text})
    return value, None


def _metadata(workbook: Any) -> dict[str, object]:
    if rules.META_SHEET not in workbook.sheetnames:
        raise ValidationError(messages.TEMPLATE_NO_METADATA)
    meta: dict[str, object] = {}
    for key, value, *_rest in workbook[rules.META_SHEET].iter_rows(
        min_col=1, max_col=2, values_only=True
    ):
        if key is not None:
            meta[str(key)] = value
    if meta.get("kind") != rules.KIND:
        raise ValidationError(messages.TEMPLATE_NO_METADATA)
    if _text(meta.get("version")) != rules.VERSION:
        raise ValidationError(
            messages.TEMPLATE_VERSION % {"version": _text(meta.get("version")) or "—"}
        )
    return meta


def _rows(sheet: Any, first_row: int) -> list[TemplateRow]:
    rows = []
    for number, cells in enumerate(
        sheet.iter_rows(min_row=first_row, max_col=rules.LAST_COL, values_only=True),
        start=first_row,
    ):
        padded = [*cells, *([None] * rules.LAST_COL)]

        def cell(column: int, padded: list[Any] = padded) -> Any:
            return padded[column - 1]

        row = TemplateRow(
            number=number,
            indicator_id=_integer(cell(rules.COL_ID)),
            indicator_text=_text(cell(rules.COL_ID)),
            period_text=_text(cell(rules.COL_PERIOD_KEY)),
            value=cell(rules.COL_VALUE),
            source=_text(cell(rules.COL_SOURCE)),
            note="" if cell(rules.COL_NOTE) is None else str(cell(rules.COL_NOTE)).strip(),
        )
        if not row.is_blank:
            rows.append(row)
    return rows


def _read(workbook: Any) -> TemplateFile:
    meta = _metadata(workbook)
    plan_id = _integer(meta.get("plan"))
    body_id = _integer(meta.get("body"))
    first_row = _integer(meta.get("first_row"))
    sheet_title = _text(meta.get("sheet"))
    try:
        month = datetime.date.fromisoformat(_text(meta.get("period")))
    except ValueError:
        month = None
    if (
        plan_id is None
        or body_id is None
        or first_row is None
        or month is None
        or month.day != 1
        or sheet_title not in workbook.sheetnames
    ):
        raise ValidationError(messages.TEMPLATE_METADATA_BROKEN)
    rows = _rows(workbook[sheet_title], first_row)
    return TemplateFile(plan_id=plan_id, body_id=body_id, month=month, rows=rows)


def read_template(content: bytes | IO[bytes]) -> TemplateFile:
    """The template's description and rows; ValidationError when it is not one of ours.

    Refused past the caps of `core.uploads`: its size, what it unpacks to, its sheets' rows.
    """
    from openpyxl import load_workbook

    uploads.check_import_size(content)
    try:
        tabular.check_workbook_rows(content)
    except uploads.UploadTooLargeError:
        raise
    except ValidationError as error:
        raise ValidationError(messages.TEMPLATE_NOT_XLSX) from error
    try:
        workbook = load_workbook(tabular.as_source(content), read_only=True, data_only=True)
    except Exception as error:
        # openpyxl fails on foreign files with many error types; all mean "not a workbook".
        raise ValidationError(messages.TEMPLATE_NOT_XLSX) from error
    try:
        return _read(workbook)
    except ValidationError:
        raise
    except Exception as error:
        raise ValidationError(messages.TEMPLATE_NOT_XLSX) from error
    finally:
        workbook.close()
