"""Reading a source file into columns of text, and turning text columns into typed ones.

Files are read by pyarrow (CSV) or openpyxl in read-only mode (XLSX) into one Arrow table of
strings; no Python object is kept per cell. A column is converted by converting each *distinct*
value once (sources repeat a few dozen values across a million rows) and taking the results by
index, so a 10^6-row file costs a few dictionary encodings, not 10^7 Python calls.
"""

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from palermo.evidence.loaders.base import MAX_ERRORS, RowError

T = TypeVar("T")

XLSX_SUFFIXES = (".xlsx", ".xlsm")
# Rows of an XLSX sheet searched for the header (exports put a title or two above it).
XLSX_HEADER_SEARCH = 10
HEADER_SAMPLE_BYTES = 1 << 20
# Fewer, larger blocks: every block is a chunk each column is converted in.
BLOCK_BYTES = 8 << 20
DELIMITERS = (",", ";", "\t")
MISSING = frozenset({"", "-99", "NA", "N/A", "n/a", "null", "NULL"})


# What openpyxl raises for a file that is not a workbook (or a damaged one).
XLSX_ERRORS = (zipfile.BadZipFile, KeyError, OSError, ValueError)
UNREADABLE = "The file cannot be read ({error})."
NOT_UTF8 = "The file is not UTF-8; read as Windows-1252."
WRONG_CELLS = "The row has {actual} cells where the header has {expected}."


class BadValueError(ValueError):
    """A value a converter refuses; its message is shown to the user as is."""


@dataclass
class Errors:
    """Row errors, listed up to MAX_ERRORS and counted past it."""

    items: list[RowError] = field(default_factory=list)
    count: int = 0

    def listed(self) -> list[RowError]:
        """The listed errors in the file's order: by row, then as the columns were read."""
        return sorted(self.items, key=lambda error: error.row)

    def add(self, row: int, column: str, message: str) -> None:
        self.count += 1
        if len(self.items) < MAX_ERRORS:
            self.items.append(RowError(row=row, column=column, message=message))


@dataclass
class Source:
    """A file's text: the header as written and one string column per header cell.

    Rows the reader could not take (a row with more cells than the header) are errors here
    already; blank rows are skipped. Where any row was left out, `rows` holds the spreadsheet
    row number of every row kept, so errors still name the row the user sees.
    """

    header: list[str]
    header_row: int  # the spreadsheet row number of the header
    columns: list[pa.ChunkedArray]
    num_rows: int
    rows: pa.Array | None = None
    errors: Errors = field(default_factory=Errors)
    notes: list[str] = field(default_factory=list)
    unreadable: bool = False

    def row_number(self, position: int) -> int:
        """The spreadsheet row number of the data row at `position` (0-based)."""
        if self.rows is not None:
            return int(self.rows[position].as_py())
        return self.header_row + 1 + position


def unreadable(message: str) -> Source:
    source = Source(header=[], header_row=1, columns=[], num_rows=0, unreadable=True)
    source.errors.add(0, "", message)
    return source


def is_xlsx(path: Path) -> bool:
    return path.suffix.lower() in XLSX_SUFFIXES


def strip_bom(cell: str) -> str:
    return cell.lstrip("\ufeff")


def _decode(sample: bytes) -> tuple[str, str]:
    """The sample as text and the encoding that reads it (UTF-8, else Windows-1252)."""
    try:
        return sample.decode("utf-8-sig"), "utf8"
    except UnicodeDecodeError as error:
        # A sample cut in the middle of a multi-byte character is still UTF-8.
        if error.start >= len(sample) - 4:
            return sample[: error.start].decode("utf-8-sig"), "utf8"
        return sample.decode("cp1252"), "cp1252"


def _first_record(text: str) -> tuple[list[str], str]:
    """The first CSV record of `text` and its delimiter (the one giving the most cells)."""
    best: tuple[list[str], str] = ([], ",")
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        record = next(reader, [])
        if len(record) > len(best[0]):
            best = (record, delimiter)
    return best


def _header_end(data: bytes) -> int:
    """The byte offset just past the first record (newlines inside quotes do not end it)."""
    quoted = False
    for offset, byte in enumerate(data):
        if byte == 0x22:  # "
            quoted = not quoted
        elif byte == 0x0A and not quoted:  # \n
            return offset + 1
    return len(data)


def csv_header(path: Path) -> list[str]:
    with path.open("rb") as handle:
        sample = handle.read(HEADER_SAMPLE_BYTES)
    text, _encoding = _decode(sample)
    header, _delimiter = _first_record(text)
    return [strip_bom(cell) for cell in header]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_rows(path: Path, limit: int | None = None) -> Iterable[list[str]]:
    """The sheet's rows as text cells (the first sheet), streamed."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        for count, row in enumerate(sheet.iter_rows(values_only=True)):
            if limit is not None and count >= limit:
                break
            yield [_cell_text(value) for value in row]
    finally:
        workbook.close()


def headers(path: Path) -> list[list[str]]:
    """The candidate header rows of a file: its first record (CSV) or first rows (XLSX)."""
    if is_xlsx(path):
        try:
            return [
                [strip_bom(cell) for cell in row] for row in xlsx_rows(path, XLSX_HEADER_SEARCH)
            ]
        except XLSX_ERRORS:
            return []
    return [csv_header(path)]


def _parse(
    body: pa.Buffer, names: list[str], delimiter: str, encoding: str, *, quoted: bool
) -> tuple[pa.Table, list[tuple[int | None, int, int]]]:
    """The body parsed; rows with the wrong number of cells are left out and reported.

    Only a single-threaded parse knows a bad row's line, so a file with one is parsed again.
    """
    invalid: list[tuple[int | None, int, int]] = []

    def leave_out(row: Any) -> str:
        invalid.append((row.number, row.expected_columns, row.actual_columns))
        return "skip"

    for threads in (True, False):
        invalid.clear()
        table = pa_csv.read_csv(
            body,
            read_options=pa_csv.ReadOptions(
                column_names=names, encoding=encoding, block_size=BLOCK_BYTES, use_threads=threads
            ),
            # Quoted newlines are rare in data rows and cost a third of the parse: allow them
            # only in a file that quotes anything.
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter,
                newlines_in_values=quoted,
                ignore_empty_lines=False,
                invalid_row_handler=leave_out,
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        if not invalid:
            break
    return table, invalid


def _blank(table: pa.Table) -> pa.Array:
    """True for each row whose every cell is empty."""
    blank = None
    for column in table.columns:
        empty = pc.equal(pc.utf8_length(column), 0)
        blank = empty if blank is None else pc.and_(blank, empty)
    return blank


def read_csv(path: Path) -> Source:
    """The whole CSV file as text columns; the header parsed by the csv module."""
    data = path.read_bytes()
    text, encoding = _decode(data[:HEADER_SAMPLE_BYTES])
    header, delimiter = _first_record(text)
    header = [strip_bom(cell) for cell in header]
    end = _header_end(data)
    names = [f"c{index}" for index in range(len(header))]
    if len(data) - end < HEADER_SAMPLE_BYTES and not data[end:].strip():
        empty = [pa.chunked_array([], pa.string()) for _ in names]
        return Source(header=header, header_row=1, columns=empty, num_rows=0)
    notes = []
    body, quoted = pa.py_buffer(data).slice(end), data.find(b'"', end) >= 0
    try:
        table, invalid = _parse(body, names, delimiter, encoding, quoted=quoted)
    except pa.ArrowInvalid as error:
        if "UTF8" not in str(error) or encoding != "utf8":
            return unreadable(UNREADABLE.format(error=error))
        notes.append(NOT_UTF8)
        encoding = "cp1252"
        table, invalid = _parse(body, names, delimiter, encoding, quoted=quoted)
    source = Source(header=header, header_row=1, columns=[], num_rows=0, notes=notes)
    lines = [number for number, _expected, _actual in invalid if number is not None]
    for number, expected, actual in invalid:
        message = WRONG_CELLS.format(actual=actual, expected=expected)
        source.errors.add(source.header_row + (number or 0), "", message)
    blank_lines = data.find(b"\n\n", end) >= 0 or data.find(b"\n\r\n", end) >= 0
    if lines or blank_lines:
        total = table.num_rows + len(lines)
        kept = sorted(set(range(total)) - {number - 1 for number in lines})
        rows = pa.array([source.header_row + 1 + index for index in kept], pa.int64())
        if blank_lines:
            keep = pc.invert(_blank(table))
            table, rows = table.filter(keep), rows.filter(keep)
        source.rows = rows
    source.columns = [table.column(name) for name in names]
    source.num_rows = table.num_rows
    return source


def read_xlsx(path: Path, is_header: Callable[[list[str]], bool]) -> Source:
    """The first sheet as text columns, from the first row `is_header` accepts."""
    header: list[str] | None = None
    header_row = 1
    cells: list[list[str]] = []
    rows: list[int] = []
    try:
        for index, row in enumerate(xlsx_rows(path)):
            if header is None:
                if index >= XLSX_HEADER_SEARCH:
                    break
                candidate = [strip_bom(cell) for cell in row]
                if is_header(candidate):
                    header, header_row = candidate, index + 1
                    cells = [[] for _ in header]
                continue
            if not any(cell.strip() for cell in row):
                continue
            rows.append(index + 1)
            for position, column in enumerate(cells):
                column.append(row[position] if position < len(row) else "")
    except XLSX_ERRORS as error:
        return unreadable(UNREADABLE.format(error=error))
    if header is None:
        first = next(iter(xlsx_rows(path, 1)), [])
        return Source(header=first, header_row=1, columns=[], num_rows=0)
    columns = [pa.chunked_array([pa.array(column, pa.string())]) for column in cells]
    return Source(
        header=header,
        header_row=header_row,
        columns=columns,
        num_rows=len(rows),
        rows=pa.array(rows, pa.int64()),
    )


def read(path: Path, is_header: Callable[[list[str]], bool]) -> Source:
    return read_xlsx(path, is_header) if is_xlsx(path) else read_csv(path)


def _apply(converter: Callable[[str], T], value: str) -> tuple[T | None, str | None]:
    try:
        return converter(value.strip()), None
    except BadValueError as error:
        return None, str(error)


def convert(
    column: pa.Array | pa.ChunkedArray,
    converter: Callable[[str], T],
    type_: pa.DataType,
    *,
    name: str,
    source: Source,
    errors: Errors,
) -> pa.ChunkedArray:
    """Convert a text column value by value, each distinct value once.

    `converter` gets the value with surrounding spaces removed and raises BadValueError to
    refuse it; each refused cell is a RowError naming its row and the file's column `name`.
    """
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    known: dict[str, tuple[T | None, str | None]] = {}
    converted = []
    offset = 0
    for chunk in chunks:
        encoded = pc.dictionary_encode(chunk)
        results = []
        for value in encoded.dictionary.to_pylist():
            if value not in known:
                known[value] = _apply(converter, value)
            results.append(known[value])
        converted.append(
            pc.take(pa.array([result for result, _ in results], type_), encoded.indices)
        )
        refusals = [refusal for _, refusal in results]
        if any(refusal is not None for refusal in refusals):
            refused = pc.take(pa.array([r is not None for r in refusals]), encoded.indices)
            positions = pc.indices_nonzero(refused)
            room = max(MAX_ERRORS - len(errors.items), 0)
            for position in positions.slice(0, room).to_pylist():
                message = refusals[encoded.indices[position].as_py()] or ""
                row = source.row_number(offset + position)
                errors.items.append(RowError(row, name, message))
            errors.count += len(positions)
        offset += len(chunk)
    return pa.chunked_array(converted, type_)


def combine_flags(arrays: Sequence[pa.Array], num_rows: int) -> pa.Array:
    """True where any of the columns is true (false where there is none)."""
    if not arrays:
        return pa.array([False] * num_rows, pa.bool_())
    result = arrays[0]
    for array in arrays[1:]:
        result = pc.or_(result, array)
    return result


def spreadsheet_rows(source: Source) -> pa.Array:
    """The spreadsheet row number of every data row."""
    if source.rows is not None:
        return source.rows
    ones = pa.nulls(source.num_rows, pa.int64()).fill_null(1)
    return pc.add(pc.cumulative_sum(ones), source.header_row)


def row_numbers(source: Source) -> pa.Array:
    """The spreadsheet row number of every data row, as text (the record id of id-less rows)."""
    return spreadsheet_rows(source).cast(pa.string())
