"""A statistic's table as CSV or XLSX, headed in words, formula-looking text kept as text.

Dimensions are written as people read them (country names, flag words, `Unknown`) and, with
``codes=True``, as the codes in the records instead. A value that is null because it includes
a suppressed cell stays empty beside its `suppressed` column: never 0 and never 5.
"""

import csv
import io
from typing import Any

import pyarrow as pa
from django.utils.translation import gettext as _
from openpyxl import Workbook

from palermo.core.spreadsheets import csv_text, workbook_bytes, write_cell
from palermo.evidence.statistics.definitions import Statistic
from palermo.evidence.statistics.labels import column_label, labelled_rows, title

SHEET_TITLE_LIMIT = 31  # Excel's limit on a sheet's name


def table_rows(
    statistic: Statistic, table: pa.Table, *, codes: bool = False
) -> tuple[list[str], list[list[Any]]]:
    """The headings and the rows of the table as a page or a file shows them."""
    names = table.column_names
    headings = [column_label(statistic, name) for name in names]
    rows = []
    for row in labelled_rows(statistic, table.to_pylist()):
        cells = []
        for name in names:
            value = row[name]
            # Words for codes and unknowns; a year stays a number.
            if not codes and name in statistic.dimensions and not isinstance(value, int):
                value = row[f"{name}_label"]
            if isinstance(value, bool):
                value = _("Yes") if value else _("No")
            cells.append(value)
        rows.append(cells)
    return headings, rows


def table_csv(statistic: Statistic, table: pa.Table, *, codes: bool = False) -> str:
    headings, rows = table_rows(statistic, table, codes=codes)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_text(heading) for heading in headings])
    for row in rows:
        writer.writerow(
            ["" if value is None else csv_text(value) if isinstance(value, str) else value
             for value in row]
        )  # fmt: skip
    return buffer.getvalue()


def table_xlsx(statistic: Statistic, table: pa.Table, *, codes: bool = False) -> bytes:
    headings, rows = table_rows(statistic, table, codes=codes)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Statistic")[:SHEET_TITLE_LIMIT]
    write_cell(sheet, row=1, column=1, value=title(statistic))
    for column, heading in enumerate(headings, start=1):
        write_cell(sheet, row=3, column=column, value=heading)
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            write_cell(sheet, row=4 + offset, column=column, value=value)
    sheet.freeze_panes = "A4"
    return workbook_bytes(workbook)
