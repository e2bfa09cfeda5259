"""The text a reader finds in a report file, one reader per format, white space folded."""

import html
import io
import re

import pypdf
from openpyxl import load_workbook


def flat(text: str) -> str:
    """Text with any run of white space as one space (cells wrap over lines)."""
    return " ".join(text.split())


def html_text(data: bytes) -> str:
    return flat(html.unescape(re.sub(r"<[^>]+>", " ", data.decode())))


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return flat(" ".join(page.extract_text() for page in reader.pages))


def docx_text(data: bytes) -> str:
    import docx

    file = docx.Document(io.BytesIO(data))
    parts = [p.text for p in file.paragraphs]
    parts += [cell.text for table in file.tables for row in table.rows for cell in row.cells]
    return flat(" ".join(parts))


def xlsx_text(data: bytes) -> str:
    workbook = load_workbook(io.BytesIO(data))
    cells = [
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    return flat(" | ".join(cells))
