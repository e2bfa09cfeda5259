import io
import time
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from palermo.core import messages, uploads
from palermo.core.tabular import Row, iter_rows, read_table
from tests.workbooks import huge_legislation_xlsx, xlsx


class CountingReader(io.BytesIO):
    """Bytes that remember how far they were read."""

    furthest = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.furthest = max(self.furthest, self.tell())
        return data


def csv_rows(count: int) -> bytes:
    lines = ["law,section"] + [f"Act {n},{n}" for n in range(count)]
    return ("\n".join(lines) + "\n").encode()


def test_an_xlsx_is_read_row_by_row_into_normalised_columns() -> None:
    content = xlsx([("Law ", "Short title"), ("Penal Code", "PPC"), ("", ""), ("Act", "")])

    assert read_table(content, "laws.xlsx") == [
        Row(2, {"law": "Penal Code", "short_title": "PPC"}),
        Row(4, {"law": "Act", "short_title": ""}),
    ]


def test_a_sheet_that_claims_fewer_rows_than_it_has_is_read_to_its_end() -> None:
    content = xlsx([("law",), *[(f"Act {n}",) for n in range(6)]], dimension="A1:A2")

    assert [row.values["law"] for row in read_table(content, "laws.xlsx")] == [
        f"Act {n}" for n in range(6)
    ]


def test_a_sheet_that_claims_fewer_rows_cannot_slip_past_the_row_cap(settings: Any) -> None:
    settings.PALERMO_IMPORT_MAX_ROWS = 3
    content = xlsx([("law",), *[(f"Act {n}",) for n in range(4)]], dimension="A1:A2")

    with pytest.raises(uploads.UploadTooLargeError) as error:
        read_table(content, "laws.xlsx")

    assert error.value.messages == [str(messages.IMPORT_TOO_MANY_ROWS % {"max": "3"})]


def test_the_row_cap_counts_rows_with_values_not_the_header(settings: Any) -> None:
    settings.PALERMO_IMPORT_MAX_ROWS = 3

    rows = read_table(xlsx([("law",), ("A",), ("",), ("B",), ("C",)]), "laws.xlsx")

    assert [row.number for row in rows] == [2, 4, 5]


def test_a_580000_row_workbook_is_refused_in_moments_naming_the_cap() -> None:
    content = huge_legislation_xlsx()
    started = time.monotonic()

    with pytest.raises(uploads.UploadTooLargeError) as error:
        read_table(content, "laws.xlsx")

    assert time.monotonic() - started < 3
    assert error.value.messages == [str(messages.IMPORT_TOO_MANY_ROWS % {"max": "20,000"})]


def test_rows_are_counted_as_they_stream_so_the_rest_of_the_file_is_never_read(
    settings: Any,
) -> None:
    settings.PALERMO_IMPORT_MAX_ROWS = 1_000
    source = CountingReader(csv_rows(100_000))
    rows = iter_rows(source, "laws.csv")

    with pytest.raises(uploads.UploadTooLargeError, match="more than 1,000 rows"):
        list(rows)

    assert source.furthest < len(source.getvalue()) // 10


def test_a_csv_past_the_row_cap_is_refused(settings: Any) -> None:
    settings.PALERMO_IMPORT_MAX_ROWS = 20

    assert len(read_table(csv_rows(20), "laws.csv")) == 20
    with pytest.raises(uploads.UploadTooLargeError, match="more than 20 rows"):
        read_table(csv_rows(21), "laws.csv")


def test_a_caller_may_set_a_lower_row_cap_than_the_setting() -> None:
    with pytest.raises(uploads.UploadTooLargeError, match="more than 5 rows"):
        read_table(csv_rows(6), "laws.csv", max_rows=5)


def test_empty_rows_count_separately_and_stop_the_reading_too(settings: Any) -> None:
    settings.PALERMO_IMPORT_MAX_ROWS = 2  # and at most 10 empty rows
    content = xlsx([("law",), ("A",), *[("",)] * 11])

    with pytest.raises(uploads.UploadTooLargeError) as error:
        read_table(content, "laws.xlsx")

    assert error.value.messages == [str(messages.IMPORT_TOO_MANY_BLANK_ROWS % {"max": "10"})]


def test_a_table_past_the_import_size_is_refused_before_it_is_read(settings: Any) -> None:
    settings.PALERMO_IMPORT_MAX_MB = 1

    with pytest.raises(uploads.UploadTooLargeError, match="larger than 1 MB"):
        read_table(b"law\n" + b"x" * uploads.MB, "laws.csv")


def test_a_csv_that_is_not_utf8_is_refused_with_the_reason() -> None:
    with pytest.raises(ValidationError, match="not UTF-8"):
        read_table("law\nCódigo Penal\n".encode("latin-1"), "laws.csv")


def test_a_workbook_named_csv_is_read_as_a_workbook() -> None:
    rows = read_table(xlsx([("law",), ("Penal Code",)]), "laws.csv")

    assert rows == [Row(2, {"law": "Penal Code"})]


def test_a_damaged_workbook_is_refused_as_unreadable() -> None:
    with pytest.raises(ValidationError, match="not a readable XLSX workbook"):
        read_table(b"PK\x03\x04 not really a zip", "laws.xlsx")


def test_a_file_of_another_kind_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"Upload a \.csv or \.xlsx file"):
        read_table(b"%PDF-1.7", "laws.pdf")


def understate_part(content: bytes, name: str, size: int) -> bytes:
    """The workbook with its central directory claiming `size` bytes for the part `name`."""
    entry = content.index(b"PK\x01\x02")
    while True:
        name_length = int.from_bytes(content[entry + 28 : entry + 30], "little")
        if content[entry + 46 : entry + 46 + name_length] == name.encode():
            break
        entry = content.index(b"PK\x01\x02", entry + 4)
    patched = bytearray(content)
    patched[entry + 24 : entry + 28] = size.to_bytes(4, "little")
    return bytes(patched)


def test_a_part_that_unpacks_to_more_than_its_directory_says_is_refused_as_unreadable() -> None:
    strings = b"<sst xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
    strings += b" " * 2_000_000 + b"</sst>"
    honest = xlsx([("law",), ("Act",)], extra_parts={"xl/sharedStrings.xml": strings})
    lying = understate_part(honest, "xl/sharedStrings.xml", 100)

    uploads.check_workbook(lying)  # the directory's sizes are small...
    with pytest.raises(ValidationError, match="not a readable XLSX workbook"):
        read_table(lying, "laws.xlsx")  # ...and unpacking stops at them
