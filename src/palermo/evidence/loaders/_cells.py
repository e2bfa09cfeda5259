"""Rows of text from CSV or XLSX, and the cell parsers the OC Index, MMP and HTCDS loaders share.

Dates, countries by code or name, ages and counts.

Every parser takes one cleaned cell and answers a value, None for a blank one, or raises
BadCellError with the sentence the user reads.
"""

import csv
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import pycountry
from python_calamine import CalamineWorkbook
from rapidfuzz import fuzz, process

from palermo.evidence.loaders.base import MAX_ERRORS, RowError

XLSX_SUFFIXES = (".xlsx", ".xlsm")
BLANK = frozenset({"", "-", "n/a", "na", "null", "none", "-99"})

# Age bands of the CTDC codebook, which the VICTIMS schema keeps: (low, high or None, text).
AGE_BANDS = (
    (0, 8, "0-8"),
    (9, 17, "9-17"),
    (18, 20, "18-20"),
    (21, 23, "21-23"),
    (24, 26, "24-26"),
    (27, 29, "27-29"),
    (30, 38, "30-38"),
    (39, 47, "39-47"),
    (48, None, "48+"),
)
OLDEST = 120


class BadCellError(ValueError):
    """A value a parser refuses; its message is shown to the user as is."""


@dataclass
class Errors:
    """Row errors, listed up to MAX_ERRORS and counted past it."""

    items: list[RowError] = field(default_factory=list)
    count: int = 0

    def add(self, row: int, column: str, message: str) -> None:
        self.count += 1
        if len(self.items) < MAX_ERRORS:
            self.items.append(RowError(row=row, column=column, message=message))


def clean(value: object) -> str:
    """A cell as text: non-breaking and repeated spaces made one space, ends trimmed."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\xa0", " ").replace("\ufeff", "")
    return " ".join(text.split())


def is_blank(value: str) -> bool:
    return value.lower() in BLANK


def is_xlsx(path: Path) -> bool:
    return path.suffix.lower() in XLSX_SUFFIXES


def rows(path: Path) -> Iterator[list[str]]:
    """Every row of the file (the first sheet of a workbook) as cleaned text cells."""
    if is_xlsx(path):
        # Calamine (Rust) reads a sheet some fifty times faster than openpyxl.
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        for cells in sheet.iter_rows():
            yield [clean(cell) for cell in cells]
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(64 * 1024)
        handle.seek(0)
        delimiter = _delimiter(sample.splitlines()[:10])
        for values in csv.reader(handle, delimiter=delimiter):
            yield [clean(value) for value in values]


def _delimiter(lines: list[str]) -> str:
    """The delimiter that cuts the first lines into the most cells, quotes respected.

    Kobo's `;`-separated exports have labels holding commas; a title may stand above the header.
    """

    def widest(delimiter: str) -> int:
        return max((len(row) for row in csv.reader(lines, delimiter=delimiter)), default=0)

    return max((",", ";", "\t"), key=widest)


def header(path: Path, row: int = 1) -> list[str]:
    """The cells of one row (the header's, by default)."""
    for number, values in enumerate(rows(path), start=1):
        if number == row:
            return values
    return []


def key(text: str) -> str:
    """A name compared loosely: accents, case, punctuation and spacing ignored."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_text.lower())


def snake(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


# -- dates --------------------------------------------------------------------------------

_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
)
_DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")


@lru_cache(maxsize=1 << 16)  # a case file repeats a few thousand days
def date(value: str) -> dt.date | None:
    """A date in one of the spellings the sources use.

    Day-month order is assumed for `30/12/2019` (as in Pakistan and in IOM's exports); the
    ISO form and month names are unambiguous.
    """
    if is_blank(value):
        return None
    prefix = _DATE_PREFIX.match(value)
    text = prefix.group(1) if prefix else value.replace("Sept ", "Sep ")
    for spelling in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, spelling).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    raise BadCellError(f'"{value}" is not a date (such as 2019-12-30 or December 30, 2019).')


# -- numbers ------------------------------------------------------------------------------

_NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$")


def count(value: str) -> int | None:
    """A count of people: a whole number, not negative; `1,234` allowed."""
    if is_blank(value):
        return None
    if not _NUMBER.fullmatch(value):
        raise BadCellError(f'"{value}" is not a whole number.')
    number = float(value.replace(",", ""))
    if not number.is_integer() or number < 0:
        raise BadCellError(f'"{value}" is not a count (a whole number, 0 or more).')
    return int(number)


def number(value: str) -> float | None:
    if is_blank(value):
        return None
    try:
        return float(value.replace(",", "."))
    except ValueError:
        raise BadCellError(f'"{value}" is not a number.') from None


def age(value: str) -> int | None:
    found = count(value)
    if found is not None and found > OLDEST:
        raise BadCellError(f'"{value}" is not an age in years.')
    return found


def age_band(years: int) -> str:
    for low, high, text in AGE_BANDS:
        if years >= low and (high is None or years <= high):
            return text
    raise BadCellError(f'"{years}" is not an age in years.')


def years_between(born: dt.date, then: dt.date) -> int:
    return then.year - born.year - ((then.month, then.day) < (born.month, born.day))


# -- countries ----------------------------------------------------------------------------

# Spellings the sources use that ISO 3166's names, official names and common names miss.
COUNTRY_ALIASES = {
    "turkey": "TUR",
    "turkiye": "TUR",
    "drcongo": "COD",
    "democraticrepublicofthecongo": "COD",
    "congodemrep": "COD",
    "congodr": "COD",
    "republicofthecongo": "COG",
    "congorep": "COG",
    "congo": "COG",
    "ivorycoast": "CIV",
    "cotedivoire": "CIV",
    "capeverde": "CPV",
    "swaziland": "SWZ",
    "eswatini": "SWZ",
    "laos": "LAO",
    "russia": "RUS",
    "syria": "SYR",
    "iran": "IRN",
    "northkorea": "PRK",
    "southkorea": "KOR",
    "korearep": "KOR",
    "koreadpr": "PRK",
    "vietnam": "VNM",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "moldova": "MDA",
    "brunei": "BRN",
    "czechrepublic": "CZE",
    "easttimor": "TLS",
    "thegambia": "GMB",
    "gambia": "GMB",
    "thebahamas": "BHS",
    "bahamas": "BHS",
    "micronesia": "FSM",
    "federatedstatesofmicronesia": "FSM",
    "macedonia": "MKD",
    "northmacedonia": "MKD",
    "burma": "MMR",
    "kosovo": "XKX",
    "palestine": "PSE",
    "stateofpalestine": "PSE",
    "vatican": "VAT",
    "holysee": "VAT",
    "stkittsandnevis": "KNA",
    "stlucia": "LCA",
    "stvincentandthegrenadines": "VCT",
    "saotomeandprincipe": "STP",
    "unitedstates": "USA",
    "usa": "USA",
    "uk": "GBR",
    "unitedkingdom": "GBR",
    "uae": "ARE",
}
FUZZY_CUTOFF = 90


@cache
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            spelled = getattr(country, attribute, None)
            if spelled:
                names[key(spelled)] = country.alpha_3
        names[key(country.alpha_3)] = country.alpha_3
    return names | COUNTRY_ALIASES


@cache
def _alpha2() -> dict[str, str]:
    return {country.alpha_2: country.alpha_3 for country in pycountry.countries} | {"XK": "XKX"}


@cache
def country(value: str) -> str | None:
    """An ISO 3166 alpha-3 code from a code (alpha-2 or -3) or a country's name.

    Names are matched ignoring case, accents and punctuation, then through the alias table,
    then by a strict fuzzy match (`Phillipines`); anything else is refused.
    """
    if is_blank(value) or value.lower() in ("unknown", "not specified"):
        return None
    if len(value) == 2 and value.upper() in _alpha2():
        return _alpha2()[value.upper()]
    names = _country_names()
    found = names.get(key(value))
    if found:
        return found
    best = process.extractOne(key(value), names.keys(), scorer=fuzz.ratio)
    if best is not None and best[1] >= FUZZY_CUTOFF and len(key(value)) > 4:
        return names[best[0]]
    raise BadCellError(f'"{value}" is not a country name or ISO 3166 code we recognise.')
