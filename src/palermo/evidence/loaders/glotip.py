"""The UNODC GLOTIP country data export (long format): one published count per row.

`txtVALUE` is text: `<5` is a suppressed small count, kept as a null value with `suppressed`
true and never turned into a number; `1,757` is 1757. Real copies repeat rows: an exact
duplicate is dropped with a note; two rows with the same key (place, indicator, dimension,
category, sex, age, year) and the same count are one (the later dropped, noted); with different
counts they are an error naming both rows, since no statistic can choose between them.
"""

import re
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from palermo.evidence.loaders import _values as values
from palermo.evidence.loaders._reading import (
    MISSING,
    BadValueError,
    Errors,
    convert,
    read,
    spreadsheet_rows,
)
from palermo.evidence.loaders.base import MAX_ERRORS, Loaded, RowError, conform
from palermo.evidence.schema import Kind

MISSING_COLUMN = "The column {column} is missing."
EMPTY = "The {column} is empty."
DUPLICATES_DROPPED = "{count} exact duplicate rows dropped (row {rows})."
SAME_KEY_DROPPED = (
    "{count} rows repeat another row's key with the same count and were dropped (row {rows})."
)
CONFLICT = (
    "Rows {first} and {second} give the same country, indicator, dimension, category, sex, age "
    "and year but different values ({first_value} and {second_value})."
)
SUPPRESSED_NOTE = "{count} of {total} values are suppressed (<5) and kept as suppressed."
LISTED = 20

COLUMNS = {
    "Iso3_code": "country",
    "Country": "country_name",
    "Region": "region",
    "Subregion": "subregion",
    "Indicator": "indicator",
    "Dimension": "dimension",
    "Category": "category",
    "Sex": "sex",
    "Age": "age",
    "Year": "year",
    "Unit of measurement": "unit",
    "txtVALUE": "value",
    "Source": "source",
}
REQUIRED = ("Iso3_code", "Indicator", "Dimension", "Category", "Sex", "Age", "Year", "txtVALUE")
KEY = ("place", "indicator", "dimension", "category", "sex", "age", "year")

SEXES = {
    "total": "Total",
    "female": "Female",
    "females": "Female",
    "male": "Male",
    "males": "Male",
    "other": "Other",
    "unknown": "Unknown",
}
AGES = {
    "total": "Total",
    "18yearsorover": "18 years or over",
    "adults": "18 years or over",
    "0to17years": "0 to 17 years",
    "children": "0 to 17 years",
    "unknown": "Unknown",
}
_SUPPRESSED = re.compile(r"^<\s*\d+$")
_COUNT = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.0+)?$")


def column_key(name: str) -> str:
    return re.sub(r"[\s_]", "", name.lstrip("\ufeff")).lower()


KEYS = {column_key(name): name for name in COLUMNS}


def _header(header: list[str]) -> list[str]:
    return [KEYS.get(column_key(cell), cell.strip()) for cell in header]


def _required(column: str) -> Callable[[str], str]:
    def required(value: str) -> str:
        if value in MISSING:
            raise BadValueError(EMPTY.format(column=column))
        return value

    return required


def _vocabulary(column: str, known: dict[str, str]) -> Callable[[str], str]:
    def vocabulary(value: str) -> str:
        found = known.get(re.sub(r"\s", "", value).lower())
        if found is None:
            choices = ", ".join(dict.fromkeys(known.values()))
            raise BadValueError(f'"{value}" is not a known {column} ({choices}).')
        return found

    return vocabulary


def _year(value: str) -> int:
    found = values.year(value)
    if found is None:
        raise BadValueError(EMPTY.format(column="Year"))
    return found


def _count(value: str) -> int | None:
    if value == "" or _SUPPRESSED.fullmatch(value):
        return None
    if not _COUNT.fullmatch(value):
        raise BadValueError(f'"{value}" is not a count (a whole number, 1,757 or <5).')
    return int(value.split(".")[0].replace(",", ""))


def _suppressed(value: str) -> bool:
    return bool(_SUPPRESSED.fullmatch(value))


def _rows(rows: list[int]) -> str:
    listed = ", ".join(str(row) for row in rows[:LISTED])
    return listed + (", ..." if len(rows) > LISTED else "")


def _repeats(table: pa.Table, keys: list[str]) -> list[list[int]]:
    """Row numbers of each group of rows equal on `keys` that has more than one, in order."""
    groups = table.group_by(keys, use_threads=False).aggregate([("_row", "list")])
    lists = groups.column("_row_list")
    repeated = groups.filter(pc.greater(pc.list_value_length(lists), 1))
    return sorted(sorted(rows) for rows in repeated.column("_row_list").to_pylist())


def _shown(value: int | None, suppressed: bool) -> str:
    if suppressed:
        return "<5"
    return "blank" if value is None else f"{value:,}"


def _counts(table: pa.Table, rows: set[int]) -> dict[int, tuple[int | None, bool]]:
    """The count and suppression of the given rows, by row number."""
    if not rows:
        return {}
    chosen = table.filter(pc.is_in(table.column("_row"), pa.array(sorted(rows), pa.int64())))
    return {
        row: (value, suppressed)
        for row, value, suppressed in zip(
            chosen.column("_row").to_pylist(),
            chosen.column("value").to_pylist(),
            chosen.column("suppressed").to_pylist(),
            strict=True,
        )
    }


def _drop(table: pa.Table, rows: set[int]) -> pa.Table:
    if not rows:
        return table
    keep = pc.invert(pc.is_in(table.column("_row"), pa.array(sorted(rows), pa.int64())))
    return table.filter(keep)


class Glotip:
    """UNODC GLOTIP country data export, long format: one published count per row."""

    name = "glotip"
    label = "UNODC GLOTIP country data (long export)"
    kind = Kind.AGGREGATES

    def sniff(self, header: list[str]) -> bool:
        return {"Iso3_code", "Indicator", "Dimension", "txtVALUE"} <= set(_header(header))

    def load(self, path: Path) -> Loaded:
        source = read(path, self.sniff)
        header = _header(source.header)
        errors = source.errors
        positions: dict[str, int] = {}
        for index, name in enumerate(header):
            positions.setdefault(name, index)
        absent = [name for name in REQUIRED if name not in positions]
        for name in absent if not source.unreadable else []:
            errors.add(source.header_row, name, MISSING_COLUMN.format(column=name))
        if absent:
            empty = conform(pa.table({"indicator": pa.array([], pa.string())}), self.kind)
            return Loaded(empty, errors.listed(), errors.count, source.notes)

        def column(name: str, converter: Callable[[str], object], type_: pa.DataType) -> pa.Array:
            if name not in positions:
                return pa.nulls(source.num_rows, type_)
            text = source.columns[positions[name]]
            written = source.header[positions[name]].strip()
            return convert(text, converter, type_, name=written, source=source, errors=errors)

        columns: dict[str, pa.Array] = {
            "country": column("Iso3_code", values.country, pa.string()),
            "country_name": column("Country", values.text, pa.string()),
            "region": column("Region", values.text, pa.string()),
            "subregion": column("Subregion", values.text, pa.string()),
            "indicator": column("Indicator", _required("Indicator"), pa.string()),
            "dimension": column("Dimension", _required("Dimension"), pa.string()),
            "category": column("Category", _required("Category"), pa.string()),
            "sex": column("Sex", _vocabulary("Sex", SEXES), pa.string()),
            "age": column("Age", _vocabulary("Age", AGES), pa.string()),
            "year": column("Year", _year, pa.int16()),
            "unit": column("Unit of measurement", values.text, pa.string()),
            "value": column("txtVALUE", _count, pa.int64()),
            "source": column("Source", values.text, pa.string()),
        }
        text = source.columns[positions["txtVALUE"]]
        columns["suppressed"] = pc.match_substring_regex(
            pc.utf8_trim_whitespace(text), _SUPPRESSED.pattern
        )
        columns["place"] = pc.coalesce(columns["country"], columns["country_name"])
        columns["_row"] = spreadsheet_rows(source)
        table = pa.table(columns)
        table, notes = self._deduplicate(table, errors)
        notes = source.notes + notes
        suppressed = int(pc.sum(table.column("suppressed")).as_py() or 0)
        notes.append(SUPPRESSED_NOTE.format(count=suppressed, total=table.num_rows))
        return Loaded(conform(table, self.kind), errors.listed(), errors.count, notes)

    def _deduplicate(self, table: pa.Table, errors: Errors) -> tuple[pa.Table, list[str]]:
        notes: list[str] = []
        every = [name for name in table.column_names if name not in ("_row", "place")]
        exact = [rows[1:] for rows in _repeats(table, every)]
        dropped = sorted(row for rows in exact for row in rows)
        if dropped:
            notes.append(DUPLICATES_DROPPED.format(count=len(dropped), rows=_rows(dropped)))
        table = _drop(table, set(dropped))

        same: list[int] = []
        repeats = _repeats(table, list(KEY))
        by_row = _counts(table, {row for rows in repeats for row in rows})
        for rows in repeats:
            first = rows[0]
            for row in rows[1:]:
                if by_row[row] == by_row[first]:
                    same.append(row)
                    continue
                errors.count += 1
                if len(errors.items) < MAX_ERRORS:
                    message = CONFLICT.format(
                        first=first,
                        second=row,
                        first_value=_shown(*by_row[first]),
                        second_value=_shown(*by_row[row]),
                    )
                    errors.items.append(RowError(row, "txtVALUE", message))
        if same:
            same.sort()
            notes.append(SAME_KEY_DROPPED.format(count=len(same), rows=_rows(same)))
        return _drop(table, set(same)), notes


GLOTIP = Glotip()
