"""Writing a generated table as XLSX or CSV, by the file's suffix."""

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import openpyxl

from palermo.evidence.generators._writing import BadRow as BadRow


def write_table(
    path: Path, rows: Sequence[Sequence[object]], *, delimiter: str = ",", bom: bool = True
) -> Path:
    """XLSX (one sheet, streamed) for `.xlsx`, else CSV, with a UTF-8 BOM unless told not."""
    if path.suffix.lower() == ".xlsx":
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet()
        for row in rows:
            sheet.append(list(row))
        workbook.save(path)
        return path
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def spoil(path: Path, *, row: int, column: str, value: str, delimiter: str = ",") -> BadRow:
    """Put `value` into one cell of a written file: the named column (row 1) at `row`."""
    if path.suffix.lower() == ".xlsx":
        workbook = openpyxl.load_workbook(path)
        sheet = workbook.worksheets[0]
        names = [cell.value for cell in sheet[1]]
        sheet.cell(row=row, column=names.index(column) + 1, value=value)
        workbook.save(path)
        return BadRow(row, column, value)
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=delimiter))
    lines[row - 1][lines[0].index(column)] = value
    write_table(path, lines, delimiter=delimiter, bom=bom)
    return BadRow(row, column, value)
