"""What a list page downloads: its filtered rows as an XLSX workbook or a CSV file.

A list view checks `requested_format(request)`; when it names a format, the view builds the
header and the rows of the whole filtered list (not one page) and returns `table_response`.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from palermo.core.audit import export_record
from palermo.core.lists import query_with
from palermo.core.models import User
from palermo.core.spreadsheets import csv_text, keep_as_text, workbook_bytes

XLSX = "xlsx"
CSV = "csv"
FORMATS = (XLSX, CSV)
CONTENT_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv; charset=utf-8",
}
MIN_WIDTH, MAX_WIDTH = 8, 60
DATE_FORMAT, DATETIME_FORMAT, TIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm", "hh:mm"
# Characters Excel refuses in a sheet's name.
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def requested_format(request: HttpRequest) -> str | None:
    """The format a list is asked for as a download (`?format=xlsx` or `csv`), else None."""
    fmt = request.GET.get("format", "")
    return fmt if fmt in FORMATS else None


def list_what(request: HttpRequest, name: str) -> str:
    """What a list download holds, for the audit trail: the list's name and its filters."""
    filters = request.GET.copy()
    for key in ("format", "page"):
        filters.pop(key, None)
    query = filters.urlencode()
    return f"{name} list [{query}]" if query else f"{name} list"


def export_urls(request: HttpRequest) -> dict[str, str]:
    """Links to download the current list, with its filters and sort, in each format."""
    return {
        "export_xlsx_url": query_with(request, format=XLSX, page=None),
        "export_csv_url": query_with(request, format=CSV, page=None),
    }


def _plain(value: object) -> object:
    """Text for lazy translations, local wall-clock time for aware datetimes, "" for None."""
    if value is None:
        return ""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _csv_cell(value: object) -> str:
    value = _plain(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return csv_text(str(value))


def _csv_bytes(headers: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_csv_cell(header) for header in headers])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    # The byte-order mark tells Excel the file is UTF-8; without it Urdu turns into mojibake.
    return buffer.getvalue().encode("utf-8-sig")


def _width(value: object) -> int:
    if isinstance(value, datetime.datetime):
        return len(DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return len(DATE_FORMAT)
    return max((len(line) for line in str(value).splitlines()), default=0)


def fill_sheet(
    sheet: Worksheet, headers: Sequence[object], rows: Iterable[Sequence[object]]
) -> None:
    """Write a bold, frozen header and the rows, as typed cells; formula-looking text stays text."""
    widths: dict[int, int] = {}
    for row_number, row in enumerate([headers, *rows], start=1):
        for column, raw in enumerate(row, start=1):
            value: Any = _plain(raw)
            cell = sheet.cell(row=row_number, column=column, value=value)
            keep_as_text(cell)
            if isinstance(value, datetime.datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, datetime.time):
                cell.number_format = TIME_FORMAT
            if row_number == 1:
                cell.font = Font(bold=True)
            widths[column] = max(widths.get(column, 0), _width(value))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(
            max(width + 2, MIN_WIDTH), MAX_WIDTH
        )
    sheet.freeze_panes = "A2"


def safe_sheet_title(title: str) -> str:
    return title.translate(SHEET_NAME_FORBIDDEN)[:31] or "Sheet"


def _xlsx_bytes(headers: Sequence[object], rows: Iterable[Sequence[object]], title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = safe_sheet_title(title)
    fill_sheet(sheet, headers, rows)
    return workbook_bytes(workbook)


def table_response(
    *,
    actor: User | None,
    what: str,
    object_type: str,
    filename: str,
    headers: Sequence[object],
    rows: Iterable[Sequence[object]],
    fmt: str,
    sheet_title: str | None = None,
) -> HttpResponse:
    """A download of one table: `filename` without its extension, `fmt` "xlsx" or "csv".

    Dates stay dates in XLSX and are ISO 8601 in CSV; text that a spreadsheet would run as a
    formula (starting with =, +, -, @) is kept as text in both formats. The download is
    recorded in the audit trail: `actor` took `what` (rows of `object_type`).
    """
    rows = list(rows)
    if fmt == XLSX:
        content = _xlsx_bytes(headers, rows, sheet_title or filename)
    elif fmt == CSV:
        content = _csv_bytes(headers, rows)
    else:
        raise ValueError(f"Unknown export format {fmt!r}; use one of {FORMATS}.")
    export_record(actor=actor, what=what, fmt=fmt, count=len(rows), object_type=object_type)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    disposition = content_disposition_header(as_attachment=True, filename=f"{filename}.{fmt}")
    response["Content-Disposition"] = disposition or "attachment"
    return response
