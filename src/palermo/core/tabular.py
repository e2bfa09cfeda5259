"""Reading uploaded tables (CSV or XLSX) into rows keyed by normalised column names.

Rows are read as they stream, never the whole file first: an XLSX through openpyxl's read-only
workbook (its sheet dimension ignored, since a file can say anything there), a CSV through an
incremental decoder. Reading stops at the row cap (`PALERMO_IMPORT_MAX_ROWS`), so a file of
half a million rows is refused after the cap's worth, in moments.
"""

import contextlib
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO
from xml.parsers import expat

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from palermo.core import messages, uploads

# Rows with no value at all count separately and more loosely: Excel keeps formatted empty rows.
BLANK_ROWS_FACTOR = 5
# Rows above a header (titles, notes) that `read_records` reads beyond the row cap.
HEADER_SEARCH_ROWS = 20
IMPORT_CAP_MESSAGES = {
    "filled": messages.IMPORT_TOO_MANY_ROWS,
    "blank": messages.IMPORT_TOO_MANY_BLANK_ROWS,
}


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


def as_source(content: bytes | IO[bytes]) -> IO[bytes]:
    """A readable file at its start, from bytes or from a file (an upload)."""
    source = io.BytesIO(content) if isinstance(content, bytes) else content
    source.seek(0)
    return source


def iter_rows(
    content: bytes | IO[bytes],
    filename: str,
    aliases: dict[str, str] | None = None,
    *,
    max_rows: int | None = None,
) -> Iterator[Row]:
    """The non-blank rows of the first sheet (XLSX) or of a CSV file, header row first.

    Raises `uploads.UploadTooLargeError` for a file past `PALERMO_IMPORT_MAX_MB` before reading it,
    and as soon as it passes `max_rows` rows (the setting by default) that have a value.
    """
    uploads.check_import_size(content)
    aliases = aliases or {}
    cap = uploads.import_max_rows() if max_rows is None else max_rows
    source = as_source(content)
    head = source.read(8)
    source.seek(0)
    name = filename.lower()
    records: Iterator[list[object]]
    if head.startswith(b"PK\x03\x04") or name.endswith(".xlsx"):
        records = _xlsx_records(source, cap)
    elif name.endswith(".csv"):
        records = _csv_records(source)
    else:
        raise ValidationError(_("Upload a .csv or .xlsx file."))
    header = next(records, None)
    if header is None:
        raise ValidationError(messages.FILE_EMPTY)
    headers = [aliases.get(normalise(_cell(h)), normalise(_cell(h))) for h in header]
    filled = blank = 0
    for number, record in enumerate(records, start=2):
        row = Row(
            number,
            {
                key: _cell(record[i] if i < len(record) else "")
                for i, key in enumerate(headers)
                if key
            },
        )
        if row.is_blank:
            blank += 1
            if blank > cap * BLANK_ROWS_FACTOR:
                raise uploads.UploadTooLargeError(
                    messages.IMPORT_TOO_MANY_BLANK_ROWS % {"max": f"{cap * BLANK_ROWS_FACTOR:,}"},
                    code="too_many_rows",
                )
            continue
        filled += 1
        if filled > cap:
            raise uploads.UploadTooLargeError(
                messages.IMPORT_TOO_MANY_ROWS % {"max": f"{cap:,}"}, code="too_many_rows"
            )
        yield row


def is_workbook(content: bytes | IO[bytes], filename: str) -> bool:
    source = as_source(content)
    head = source.read(8)
    source.seek(0)
    return head.startswith(b"PK\x03\x04") or filename.lower().endswith(".xlsx")


def sheet_names(content: bytes | IO[bytes]) -> list[str]:
    """The titles of a workbook's sheets, in order."""
    from openpyxl import load_workbook

    source = as_source(content)
    uploads.check_workbook(source)
    try:
        workbook = load_workbook(source, read_only=True)
        names = list(workbook.sheetnames)
        workbook.close()
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(messages.WORKBOOK_UNREADABLE) from error
    finally:
        source.seek(0)
    return names


def read_records(
    content: bytes | IO[bytes], filename: str, *, max_rows: int | None = None, sheet: int = 0
) -> list[list[str]]:
    """Every row of a sheet (XLSX) or of a CSV file as cell texts, blank rows included.

    For readers that find the header themselves (a title above it, blank rows around it):
    the list's index plus one is the row number the user sees. The caps of `iter_rows` apply,
    with room for the rows above the header.
    """
    uploads.check_import_size(content)
    cap = uploads.import_max_rows() if max_rows is None else max_rows
    source = as_source(content)
    head = source.read(8)
    source.seek(0)
    name = filename.lower()
    records: Iterator[list[object]]
    if head.startswith(b"PK\x03\x04") or name.endswith(".xlsx"):
        records = _xlsx_records(source, cap + HEADER_SEARCH_ROWS, sheet)
    elif name.endswith(".csv"):
        records = _csv_records(source)
    else:
        raise ValidationError(_("Upload a .csv or .xlsx file."))
    rows: list[list[str]] = []
    filled = blank = 0
    for record in records:
        cells = [_cell(value) for value in record]
        while cells and not cells[-1]:
            cells.pop()
        rows.append(cells)
        if not cells:
            blank += 1
            if blank > cap * BLANK_ROWS_FACTOR:
                raise uploads.UploadTooLargeError(
                    messages.IMPORT_TOO_MANY_BLANK_ROWS % {"max": f"{cap * BLANK_ROWS_FACTOR:,}"},
                    code="too_many_rows",
                )
            continue
        filled += 1
        if filled > cap + HEADER_SEARCH_ROWS:
            raise uploads.UploadTooLargeError(
                messages.IMPORT_TOO_MANY_ROWS % {"max": f"{cap:,}"}, code="too_many_rows"
            )
    if not rows:
        raise ValidationError(messages.FILE_EMPTY)
    return rows


def read_table(
    content: bytes | IO[bytes],
    filename: str,
    aliases: dict[str, str] | None = None,
    *,
    max_rows: int | None = None,
) -> list[Row]:
    """All the non-blank rows of `iter_rows`, refused whole past the row cap."""
    return list(iter_rows(content, filename, aliases, max_rows=max_rows))


def _csv_records(source: IO[bytes]) -> Iterator[list[object]]:
    sample = source.read(4096).decode("utf-8-sig", errors="ignore")
    source.seek(0)
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    text = io.TextIOWrapper(source, encoding="utf-8-sig", newline="")
    try:
        for record in csv.reader(text, dialect):
            yield list(record)
    except UnicodeDecodeError as error:
        raise ValidationError(_("The CSV file is not UTF-8 text.")) from error
    except csv.Error as error:
        raise ValidationError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from error
    finally:
        # Let go of the caller's file without closing it (a wrapper closes what it wraps).
        with contextlib.suppress(ValueError):
            text.detach()


def check_workbook_rows(content: bytes | IO[bytes], *, max_rows: int | None = None) -> None:
    """Refuse an XLSX whose unpacked size or any sheet's rows pass the caps, values unread.

    For readers that take a workbook whole (openpyxl over several sheets, pyxform).
    """
    from openpyxl import load_workbook

    cap = uploads.import_max_rows() if max_rows is None else max_rows
    source = as_source(content)
    uploads.check_workbook(source)
    try:
        workbook = load_workbook(source, read_only=True)
        paths = [sheet._worksheet_path for sheet in workbook.worksheets]
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(messages.WORKBOOK_UNREADABLE) from error
    try:
        for path in paths:
            with workbook._archive.open(path) as sheet_xml:
                _count_sheet_rows(sheet_xml, cap=cap)
    finally:
        workbook.close()
        source.seek(0)


class _PastCapError(Exception):
    pass


def _count_sheet_rows(sheet_xml: IO[bytes], *, cap: int) -> None:
    """Refuse a sheet of more than `cap` data rows, counted by a bare XML pass (no cell values).

    openpyxl builds every cell it reads; this pass costs a tenth of that, so a sheet far past
    the cap is refused before openpyxl starts, and one within it pays little extra.
    """
    counts = {"filled": 0, "blank": 0}
    has_value = in_value = False

    def start(name: str, _attributes: object) -> None:
        nonlocal has_value, in_value
        local = name.rpartition(":")[2]
        if local == "row":
            has_value = False
        in_value = local in {"v", "t", "f"}

    def text(data: str) -> None:
        nonlocal has_value
        if in_value and not data.isspace():
            has_value = True

    def end(name: str) -> None:
        nonlocal in_value
        in_value = False
        if name.rpartition(":")[2] == "row":
            counts["filled" if has_value else "blank"] += 1
            # The header is a filled row on top of the `cap` data rows.
            if counts["filled"] > cap + 1 or counts["blank"] > cap * BLANK_ROWS_FACTOR:
                raise _PastCapError

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        while chunk := sheet_xml.read(uploads.CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _PastCapError:
        key = "filled" if counts["filled"] > cap + 1 else "blank"
        message = IMPORT_CAP_MESSAGES[key]
        limit = cap if key == "filled" else cap * BLANK_ROWS_FACTOR
        raise uploads.UploadTooLargeError(
            message % {"max": f"{limit:,}"}, code="too_many_rows"
        ) from None
    except expat.ExpatError as error:
        raise ValidationError(messages.WORKBOOK_UNREADABLE) from error


def _xlsx_records(source: IO[bytes], cap: int, sheet_index: int = 0) -> Iterator[list[object]]:
    from openpyxl import load_workbook

    uploads.check_workbook(source)
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
        sheet = workbook.worksheets[sheet_index]
        sheet_xml = workbook._archive.open(sheet._worksheet_path)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(messages.WORKBOOK_UNREADABLE) from error
    try:
        with sheet_xml:
            _count_sheet_rows(sheet_xml, cap=cap)
        sheet.reset_dimensions()  # every row, whatever it claims
        yield from (list(record) for record in sheet.iter_rows(values_only=True))
    except ValidationError:
        raise
    except Exception as error:  # a part that fails its check or cannot be parsed
        raise ValidationError(messages.WORKBOOK_UNREADABLE) from error
    finally:
        workbook.close()
