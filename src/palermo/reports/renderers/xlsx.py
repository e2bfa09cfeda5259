"""Excel (XLSX): an "About" sheet, then one sheet per table (charts' data included)."""

import re

from django.utils import timezone
from openpyxl import Workbook

from palermo.core.exports import fill_sheet, safe_sheet_title
from palermo.core.spreadsheets import workbook_bytes
from palermo.reports.document import Document, Table
from palermo.reports.renderers.common import label

# Characters XML 1.0 forbids; openpyxl refuses them.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_SHEET_TITLE = 31


def _clean(value: object) -> object:
    return XML_ILLEGAL.sub("", value) if isinstance(value, str) else value


def sheet_titles(document: Document) -> list[str]:
    """A unique, valid sheet name for each of `document.tables()`, in order."""
    taken = {label(document, "about").casefold()}
    titles: list[str] = []
    for number, table in enumerate(document.tables(), start=1):
        wanted = table.sheet or table.caption or f"{label(document, 'table')} {number}"
        # Excel also refuses a name that starts or ends with an apostrophe.
        base = safe_sheet_title(XML_ILLEGAL.sub("", wanted).strip().strip("'").strip())
        title, copy = base, 1
        while title.casefold() in taken:
            copy += 1
            suffix = f" ({copy})"
            title = base[: MAX_SHEET_TITLE - len(suffix)].rstrip() + suffix
        taken.add(title.casefold())
        titles.append(title)
    return titles


def _about_rows(document: Document, tables: list[Table]) -> list[tuple[str, object]]:
    # The cover's details (subject, period, coordinator...) too: facts the other formats print.
    details = list(document.cover.details) if document.cover else []
    return [
        (label(document, "title"), document.title),
        (label(document, "author"), document.author),
        (label(document, "language"), document.language),
        (label(document, "generated"), timezone.now()),
        (label(document, "tables"), len(tables)),
        *details,
    ]


def render_xlsx(document: Document) -> bytes:
    workbook = Workbook()
    about = workbook.active
    about.title = safe_sheet_title(label(document, "about"))
    tables = document.tables()
    rows = [(key, _clean(value)) for key, value in _about_rows(document, tables)]
    fill_sheet(about, [label(document, "field"), label(document, "value")], rows)
    sheets = [about]
    for table, title in zip(tables, sheet_titles(document), strict=True):
        sheet = workbook.create_sheet(title)
        fill_sheet(
            sheet,
            [_clean(column) for column in table.columns],
            [[_clean(value) for value in row] for row in table.rows],
        )
        sheets.append(sheet)
    if document.direction == "rtl":
        for sheet in sheets:
            sheet.sheet_view.rightToLeft = True
    workbook.properties.title = XML_ILLEGAL.sub("", document.title)
    workbook.properties.creator = XML_ILLEGAL.sub("", document.author)
    workbook.properties.language = document.language
    return workbook_bytes(workbook)
