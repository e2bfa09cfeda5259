"""The source layouts evidence can be imported from, by name, and the guess from a header."""

import csv
import io
from pathlib import Path

from palermo.evidence.loaders.base import Layout

LAYOUTS: dict[str, Layout] = {}


def read_header(path: Path) -> list[str]:
    """The first row of a CSV (any usual delimiter, BOM or not) or of an XLSX's first sheet."""
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            for row in workbook.worksheets[0].iter_rows(max_row=1, values_only=True):
                return ["" if cell is None else str(cell).strip() for cell in row]
        finally:
            workbook.close()
        return []
    with path.open("rb") as handle:
        sample = handle.read(64 * 1024).decode("utf-8-sig", errors="replace")
    first = sample.splitlines()[0] if sample else ""
    try:
        dialect = csv.Sniffer().sniff(first, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return [cell.strip() for cell in next(csv.reader(io.StringIO(first), delimiter=delimiter), [])]


def detect(path: Path) -> Layout | None:
    """The layout whose header the file has, if exactly one recognises it."""
    header = read_header(path)
    matches = [layout for layout in LAYOUTS.values() if layout.sniff(header)]
    return matches[0] if len(matches) == 1 else None
