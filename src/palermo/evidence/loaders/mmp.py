"""The IOM Missing Migrants Project export onto INCIDENTS, in its older and newer column sets.

Older exports (2014-2019) name columns `Web ID, Reported Date, Number Dead ...`; newer ones
(about 25 columns) `Main ID, Incident ID, Incident Type, Incident Date, Number of Dead ...`.
Dates are written `December 30, 2019`, coordinates as one `"lat, lon"` string, counts are
sparse (blank is unknown, not zero), and the file starts with a UTF-8 byte order mark.
Licence of the real data: CC BY 4.0, "IOM's Missing Migrants Project".
"""

import re
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

from palermo.evidence.loaders import _cells
from palermo.evidence.loaders._cells import BadCellError, Errors
from palermo.evidence.loaders.base import Loaded, conform
from palermo.evidence.schema import Kind

# Schema column -> the headers that carry it, older and newer exports, first found wins.
COLUMNS: dict[str, tuple[str, ...]] = {
    "record_id": ("Main ID", "Web ID", "Incident ID"),
    "date": ("Incident Date", "Reported Date"),
    "year": ("Incident Year", "Reported Year"),
    "region": ("Region of Incident", "Region"),
    "dead": ("Number of Dead", "Number Dead"),
    "missing": ("Minimum Estimated Number of Missing", "Number Missing"),
    "dead_and_missing": ("Total Number of Dead and Missing", "Total Dead and Missing"),
    "survivors": ("Number of Survivors",),
    "females": ("Number of Females",),
    "males": ("Number of Males",),
    "children": ("Number of Children",),
    "cause": ("Cause of Death",),
    "location": ("Location of Incident", "Location Description"),
    "coordinates": ("Coordinates", "Location Coordinates"),
    "route": ("Migration Route",),
}
COUNTS = ("dead", "missing", "dead_and_missing", "survivors", "females", "males", "children")
TEXTS = ("region", "cause", "location", "route")

_PAIR = re.compile(r"^\(?\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\)?$")
_POINT = re.compile(r"^POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$", re.IGNORECASE)

MESSAGE_NO_DATE = "The file has no Incident Date or Reported Date column."
MESSAGE_YEAR_DIFFERS = "The year differs from the year of the date."


def coordinates(value: str) -> tuple[float | None, float | None]:
    """Latitude and longitude from `"lat, lon"` (or WKT `POINT (lon lat)`)."""
    if _cells.is_blank(value):
        return None, None
    pair = _PAIR.fullmatch(value)
    point = _POINT.fullmatch(value)
    if pair:
        latitude, longitude = float(pair.group(1)), float(pair.group(2))
    elif point:
        longitude, latitude = float(point.group(1)), float(point.group(2))
    else:
        raise BadCellError(f'"{value}" is not a pair of coordinates ("latitude, longitude").')
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        message = f'"{value}" is off the globe (latitude -90 to 90, longitude -180 to 180).'
        raise BadCellError(message)
    return latitude, longitude


def _positions(header: list[str]) -> dict[str, int]:
    keys = [_cells.key(cell) for cell in header]
    found: dict[str, int] = {}
    for column, spellings in COLUMNS.items():
        for spelling in spellings:
            if _cells.key(spelling) in keys:
                found[column] = keys.index(_cells.key(spelling))
                break
    return found


PARSERS: dict[str, Callable[[str], object]] = {
    "date": _cells.date,
    "year": _cells.count,
    **dict.fromkeys(COUNTS, _cells.count),
    "coordinates": coordinates,
}
REFUSED = object()


class MissingMigrantsLayout:
    name = "iom_mmp"
    label = "IOM Missing Migrants Project export (older and newer columns)"
    kind = Kind.INCIDENTS

    def sniff(self, header: list[str]) -> bool:
        found = _positions(header)
        return "date" in found and "dead_and_missing" in found and "cause" in found

    def load(self, path: Path) -> Loaded:
        errors = Errors()
        lines = _cells.rows(path)
        header = next(lines, [])
        at = _positions(header)
        if "date" not in at:
            errors.add(1, "", MESSAGE_NO_DATE)
            return Loaded(conform(pa.table({}), Kind.INCIDENTS), errors.items, errors.count)
        columns: dict[str, list[object]] = {
            name: [] for name in ("record_id", "date", "year", *COUNTS, *TEXTS)
        }
        columns["latitude"], columns["longitude"] = [], []
        for number, values in enumerate(lines, start=2):
            if not any(values):
                continue
            values = values + [""] * (len(header) - len(values))
            row: dict[str, object] = {}
            for column, parse in PARSERS.items():
                row[column] = None
                if column not in at:
                    continue
                try:
                    row[column] = parse(values[at[column]])
                except BadCellError as bad:
                    errors.add(number, header[at[column]], str(bad))
                    row[column] = REFUSED
            if REFUSED in row.values():
                continue
            incident_date = row["date"]
            if row["year"] is None and incident_date is not None:
                row["year"] = incident_date.year  # type: ignore[attr-defined]
            elif incident_date is not None and row["year"] != incident_date.year:  # type: ignore[attr-defined]
                errors.add(number, header[at["year"]], MESSAGE_YEAR_DIFFERS)
                continue
            record_id = values[at["record_id"]] if "record_id" in at else ""
            columns["record_id"].append(record_id or str(number))
            for column in ("date", "year", *COUNTS):
                columns[column].append(row[column])
            for column in TEXTS:
                text = values[at[column]] if column in at else ""
                columns[column].append(None if _cells.is_blank(text) else text)
            pair = row["coordinates"]
            latitude, longitude = pair if isinstance(pair, tuple) else (None, None)
            columns["latitude"].append(latitude)
            columns["longitude"].append(longitude)
        table = pa.table(
            {name: pa.array(values, type=_TYPES.get(name)) for name, values in columns.items()}
        )
        return Loaded(conform(table, Kind.INCIDENTS), errors.items, errors.count)


_TYPES: dict[str, pa.DataType] = {
    "record_id": pa.string(),
    "date": pa.date32(),
    "year": pa.int16(),
    **{column: pa.int32() for column in COUNTS},
    **{column: pa.string() for column in TEXTS},
    "latitude": pa.float64(),
    "longitude": pa.float64(),
}


MMP = MissingMigrantsLayout()
