"""XLSX files written straight as zip parts, fast enough to make half a million rows per run."""

import functools
import io
import os
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

XML = '<?xml version="1.0" encoding="UTF-8"?>'
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = (
    f'{XML}<Types xmlns="{PACKAGE}/content-types">'
    f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{SPREADSHEET}.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{SPREADSHEET}.worksheet+xml"/></Types>'
)
ROOT_RELS = (
    f'{XML}<Relationships xmlns="{PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'{XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    f'xmlns:r="{OFFICE}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>'
    "</workbook>"
)
WORKBOOK_RELS = (
    f'{XML}<Relationships xmlns="{PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
LEGISLATION_HEADER = ("law", "section", "article")


def _row(values: Sequence[str]) -> str:
    # Cells and rows without an `r` address: readers count them in order, and it is quicker.
    cells = "".join(f'<c t="inlineStr"><is><t>{value}</t></is></c>' for value in values)
    return f"<row>{cells}</row>"


def xlsx(
    rows: Iterable[Sequence[str]],
    *,
    dimension: str = "A1:C10",
    extra_parts: dict[str, bytes] | None = None,
    sheet_rows: str = "",
) -> bytes:
    """A workbook of one sheet; `dimension` is what the sheet claims, true or not."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        types = CONTENT_TYPES
        if "xl/sharedStrings.xml" in (extra_parts or {}):
            types = types.replace(
                "</Types>",
                '<Override PartName="/xl/sharedStrings.xml" '
                f'ContentType="{SPREADSHEET}.sharedStrings+xml"/></Types>',
            )
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        body = "".join([_row(row) for row in rows]) + sheet_rows
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>',
        )
        for name, data in (extra_parts or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


@functools.cache
def huge_legislation_xlsx() -> bytes:
    """580,000 data rows in about 2 MB, like the dry run that timed the worker out.

    Made once and kept in the temporary directory, so later runs only read it.
    """
    cached = Path(tempfile.gettempdir()) / "palermo-tests-legislation-580000-rows-v1.xlsx"
    if cached.exists():
        return cached.read_bytes()
    cells = '<c t="inlineStr"><is><t>Act %d</t></is></c><c><v>%d</v></c>'
    cells += '<c t="inlineStr"><is><t>untoc:6</t></is></c>'
    body = "".join([f"<row>{cells % (n // 50, n % 50)}</row>" for n in range(580_000)])
    content = xlsx([LEGISLATION_HEADER], sheet_rows=body)
    partial = cached.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(content)
    partial.replace(cached)  # atomic, so a parallel run never reads half a file
    return content
