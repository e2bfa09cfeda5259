"""Writing spreadsheets so that text people typed never runs as a formula.

Every XLSX this application writes is saved through `workbook_bytes`, and every CSV cell
passes `csv_text`. A text starting with =, +, -, @, a tab or a carriage return is a formula
to Excel and LibreOffice (OWASP "CSV injection"): in XLSX such a cell is stored as text with
the quote prefix Excel itself gives text typed after an apostrophe, so it stays text even when
someone edits it; in CSV the text gets a leading apostrophe. The application writes no
formulas of its own.
"""

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def keep_as_text(cell: Cell) -> None:
    """A cell whose text looks like a formula is stored and shown as that text."""
    if isinstance(cell.value, str) and is_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def write_cell(sheet: Worksheet, *, row: int, column: int, value: Any) -> Cell:
    """Set one cell; formula-looking text stays text."""
    cell = sheet.cell(row=row, column=column, value=value)
    keep_as_text(cell)
    return cell


def workbook_bytes(workbook: Workbook) -> bytes:
    """The workbook as XLSX bytes, every formula-looking text kept as text first."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell, Cell):
                    keep_as_text(cell)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(text: str) -> str:
    """A CSV cell's text; the apostrophe is what Excel puts before text it must not compute."""
    return "'" + text if is_formula(text) else text
