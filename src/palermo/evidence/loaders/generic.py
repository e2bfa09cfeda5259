"""Any CSV or XLSX kept by hand, onto VICTIMS through a mapping the user gives.

A mapping names, for each source column used, the VICTIMS column it fills, and optionally how
the source's values read (`{"Sex": {"F": "female", "M": "male"}}`). Besides the schema's
columns a source column may fill:
- `age`: age in years, giving `age_band` and `is_minor`;
- a flag group (`exploitation`, `means`, `sector`, `sexual`, `recruiter`): a cell listing the
  group's values (`forced_labour; sexual`), each setting its flag column; the value map then
  applies to each listed value (`{"Brick kiln": "manufacturing"}`).
Value maps match the source's values ignoring case.
Every value is checked against the schema and the vocabularies (Sex, flags, bands); a value the
mapping does not turn into a valid one is a row error naming the row and the source column.
"""

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa

from palermo.evidence.loaders import _cells
from palermo.evidence.loaders._cells import BadCellError, Errors
from palermo.evidence.loaders.base import Loaded, conform
from palermo.evidence.schema import FLAG_GROUPS, VICTIMS, Kind, Sex, flag_columns

FLAGS = [column for group in FLAG_GROUPS for column in flag_columns(group)]
VIRTUAL = ("age", *FLAG_GROUPS)
TRUE = frozenset({"1", "true", "yes", "y", "x"})
FALSE = frozenset({"", "0", "false", "no", "n"})
SEXES = frozenset(sex.value for sex in Sex)
YEARS = range(1900, 2101)
MONTHS_MOST = 1200
_BAND = re.compile(r"^(\d{1,3})\s*-{1,2}\s*(\d{1,3})$")
_OPEN = re.compile(r"^(\d{1,3})\s*\+$")
_YEARS_BAND = re.compile(r"^(\d{4})\s*-{1,2}\s*(\d{4})$")


class MappingError(ValueError):
    """A mapping that cannot work, whatever the file: the message says why."""


def flag(value: str) -> bool:
    lowered = value.lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise BadCellError(f'"{value}" is not a yes/no value (1 or blank, yes or no).')


def sex(value: str) -> str | None:
    if _cells.is_blank(value):
        return None
    if value.lower() not in SEXES:
        choices = ", ".join(sorted(SEXES))
        raise BadCellError(f'"{value}" is not a sex ({choices}); map it to one.')
    return value.lower()


def age_band(value: str) -> str | None:
    if _cells.is_blank(value):
        return None
    closed = _BAND.fullmatch(value)
    if closed and int(closed.group(1)) <= int(closed.group(2)):
        return f"{int(closed.group(1))}-{int(closed.group(2))}"
    opened = _OPEN.fullmatch(value)
    if opened:
        return f"{int(opened.group(1))}+"
    raise BadCellError(f'"{value}" is not an age band (such as 9-17 or 48+).')


def band_is_minor(band: str) -> bool | None:
    if band.endswith("+"):
        return False if int(band[:-1]) >= 18 else None
    low, high = (int(part) for part in band.split("-"))
    return True if high < 18 else (False if low >= 18 else None)


def year(value: str) -> int | None:
    found = _cells.count(value)
    if found is not None and found not in YEARS:
        raise BadCellError(f'"{value}" is not a year.')
    return found


def year_band(value: str) -> str | None:
    if _cells.is_blank(value):
        return None
    if value.isdigit() and int(value) in YEARS:
        return value
    band = _YEARS_BAND.fullmatch(value)
    if band and int(band.group(1)) <= int(band.group(2)):
        return f"{band.group(1)}-{band.group(2)}"
    raise BadCellError(f'"{value}" is not a year or a band of years (such as 2005-2013).')


def months(value: str) -> int | None:
    found = _cells.count(value)
    if found is not None and found > MONTHS_MOST:
        raise BadCellError(f'"{value}" is not a number of months.')
    return found


def text(value: str) -> str | None:
    return None if _cells.is_blank(value) else value


PARSERS: dict[str, Callable[[str], Any]] = {
    "record_id": text,
    "year": year,
    "year_band": year_band,
    "date_identified": _cells.date,
    "date_referred": _cells.date,
    "sex": sex,
    "age_band": age_band,
    "is_minor": lambda value: None if _cells.is_blank(value) else flag(value),
    "citizenship": _cells.country,
    "country_of_exploitation": _cells.country,
    "months_trafficked": months,
    "age": _cells.age,
    **dict.fromkeys(FLAGS, flag),
}


# The schema's columns a mapping can fill: those with a parser (a column added to the schema
# later is left null until it has one).
SCALARS = [f.name for f in VICTIMS if f.name in PARSERS]
TARGETS = frozenset([*SCALARS, *FLAGS, *VIRTUAL])


def group_values(group: str, value: str, mapped: Mapping[str, str] | None = None) -> list[str]:
    """The group's values a cell lists (`;`, `,` or `|` between), each through the value map."""
    parts = [part.strip() for part in re.split(r"[;,|]", value) if part.strip()]
    found = [(mapped or {}).get(part.lower(), part).lower() for part in parts]
    for item in found:
        if item not in FLAG_GROUPS[group]:
            choices = ", ".join(FLAG_GROUPS[group])
            raise BadCellError(f'"{item}" is not a value of {group} ({choices}); map it to one.')
    return found


class MappedLayout:
    """A layout made from a user's mapping: source column -> VICTIMS column (or `age`, group)."""

    kind = Kind.VICTIMS

    def __init__(
        self,
        columns: Mapping[str, str],
        values: Mapping[str, Mapping[str, str]] | None = None,
        *,
        name: str = "generic",
        label: str = "Any CSV/XLSX, through a column mapping",
        header_row: int = 1,
    ) -> None:
        self.header_row = header_row  # sheets kept by hand put a title or two above the header
        self.name = name
        self.label = label
        self.columns = {source.strip(): target for source, target in columns.items()}
        self.values = {
            source.strip(): {_cells.clean(raw).lower(): new for raw, new in mapped.items()}
            for source, mapped in (values or {}).items()
        }
        unknown = sorted(set(self.columns.values()) - TARGETS)
        if unknown:
            raise MappingError(f"These are not columns of the victims table: {', '.join(unknown)}.")
        counted = Counter(self.columns.values())
        twice = [t for t, n in counted.items() if n > 1 and t in [*SCALARS, "age"]]
        if twice:
            raise MappingError(f"These columns are filled from two sources: {', '.join(twice)}.")
        stray = sorted(set(self.values) - set(self.columns))
        if stray:
            raise MappingError(f"Value maps are given for unmapped columns: {', '.join(stray)}.")

    @classmethod
    def from_dict(cls, spec: Mapping[str, Any]) -> "MappedLayout":
        """From `{"columns": {...}, "values": {...}, "header_row": 1}`, as a mapping is stored."""
        return cls(spec["columns"], spec.get("values"), header_row=spec.get("header_row", 1))

    def sniff(self, header: list[str]) -> bool:
        keys = {_cells.key(cell) for cell in header}
        return all(_cells.key(source) in keys for source in self.columns)

    def load(self, path: Path) -> Loaded:
        errors = Errors()
        notes: list[str] = []
        lines = _cells.rows(path)
        for _above in range(self.header_row - 1):
            next(lines, None)
        header = next(lines, [])
        keys = [_cells.key(cell) for cell in header]
        at: dict[str, int] = {}
        for source in self.columns:
            if _cells.key(source) in keys:
                at[source] = keys.index(_cells.key(source))
            else:
                message = f'The file has no column "{source}" in row {self.header_row}.'
                errors.add(self.header_row, source, message)
        records: dict[str, list[object]] = {column: [] for column in [*SCALARS, *FLAGS]}
        if errors.count:
            return _loaded(records, errors, notes)
        for number, values in enumerate(lines, start=self.header_row + 1):
            if not any(values):
                continue
            values = values + [""] * (len(header) - len(values))
            record = self._record(values, at, number, header, errors)
            if record is None:
                continue
            record["record_id"] = record.get("record_id") or str(number)
            for column, items in records.items():
                items.append(record.get(column, False if column in FLAGS else None))
        repeated = sum(n - 1 for n in Counter(records["record_id"]).values() if n > 1)
        if repeated:
            notes.append(f"{repeated} records repeat the id of an earlier record.")
        return _loaded(records, errors, notes)

    def _record(
        self, values: list[str], at: dict[str, int], number: int, header: list[str], errors: Errors
    ) -> dict[str, object] | None:
        record: dict[str, object] = {}
        before = errors.count
        for source, target in self.columns.items():
            raw = values[at[source]]
            mapped = self.values.get(source, {})
            value = mapped.get(raw.lower(), raw)
            try:
                if target in FLAG_GROUPS:
                    for item in group_values(target, raw, mapped):
                        record[f"{target}_{item}"] = True
                elif target in FLAGS:
                    record[target] = record.get(target, False) or flag(value)
                else:
                    record[target] = PARSERS[target](value)
            except BadCellError as refused:
                errors.add(number, header[at[source]], str(refused))
        if errors.count > before:
            return None
        age = record.pop("age", None)
        if isinstance(age, int):
            record.setdefault("age_band", _cells.age_band(age))
            record.setdefault("is_minor", age < 18)
        band = record.get("age_band")
        if record.get("is_minor") is None and isinstance(band, str):
            record["is_minor"] = band_is_minor(band)
        identified = record.get("date_identified")
        if record.get("year") is None and isinstance(identified, dt.date):
            record["year"] = identified.year
        return record


def _loaded(records: dict[str, list[object]], errors: Errors, notes: list[str]) -> Loaded:
    table = pa.table({c: pa.array(v, type=VICTIMS.field(c).type) for c, v in records.items()})
    return Loaded(conform(table, Kind.VICTIMS), errors.items, errors.count, notes)
