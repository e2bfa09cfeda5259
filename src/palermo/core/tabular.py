"""Reading uploaded tables (CSV or XLSX) into rows keyed by normalised column names."""

import contextlib
import csv
import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ROWS = 20_000


@dataclass(frozen=True)
class Row:
    number: int  # as the user sees it in the spreadsheet (the header is row 1)
    values: dict[str, str]

    @property
    def is_blank(self) -> bool:
        return not any(value.strip() for value in self.values.values())


def normalise(header: str) -> str:
    """'Short title ' -> 'short_title', so columns match whatever their case or spacing."""
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(content: bytes, filename: str, aliases: dict[str, str] | None = None) -> list[Row]:
    """Rows of the first sheet of an XLSX file or of a CSV file, header row first."""
    aliases = aliases or {}
    name = filename.lower()
    records: list[list[object]]
    if name.endswith(".xlsx"):
        records = _xlsx_records(content)
    elif name.endswith(".csv"):
        records = _csv_records(content)
    else:
        raise ValidationError(_("Upload a .csv or .xlsx file."))
    if not records:
        raise ValidationError(_("The file is empty."))
    headers = [aliases.get(normalise(_cell(h)), normalise(_cell(h))) for h in records[0]]
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if number > MAX_ROWS:
            raise ValidationError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
        values = {
            header: _cell(record[i] if i < len(record) else "")
            for i, header in enumerate(headers)
            if header
        }
        rows.append(Row(number, values))
    return [row for row in rows if not row.is_blank]


def _csv_records(content: bytes) -> list[list[object]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The CSV file is not UTF-8 text.")) from error
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    return [list(record) for record in csv.reader(io.StringIO(text), dialect)]


def _xlsx_records(content: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(_("The file is not a readable XLSX workbook.")) from error
    sheet = workbook.worksheets[0]
    records = [list(record) for record in sheet.iter_rows(values_only=True)]
    workbook.close()
    return records
