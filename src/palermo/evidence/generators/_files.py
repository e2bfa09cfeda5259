"""Writing a generated table as XLSX or CSV, by the file's suffix."""

import csv
from collections.abc import Sequence
from pathlib import Path

import openpyxl


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
