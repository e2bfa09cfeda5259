"""A seeded generator of files in the UNODC GLOTIP long export layout (invented counts).

Counts are built top down so that they add up as published ones do: a total per country,
indicator and year, split by sex and age, and by form of exploitation, citizenship and country
of repatriation. Counts under 5 are written `<5`, counts from 1,000 with a thousands comma, the
year as text. With `dirt`: a BOM, CRLF, trailing spaces, exact duplicate rows (about 2 in 100),
and in an XLSX file a title row above the header.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from palermo.evidence.generators._writing import BadRow, Dirt, seeded, sprinkle, write_csv

HEADER = (
    "Iso3_code",
    "Country",
    "Region",
    "Subregion",
    "Indicator",
    "Dimension",
    "Category",
    "Sex",
    "Age",
    "Year",
    "Unit of measurement",
    "txtVALUE",
    "Source",
)
TITLE = "UNODC Global Report on Trafficking in Persons: country data (invented for tests)"
# (code, name, subregion, detected victims in a typical year)
COUNTRIES = (
    ("PAK", "Pakistan", "Southern Asia", 400),
    ("IND", "India", "Southern Asia", 2400),
    ("BGD", "Bangladesh", "Southern Asia", 150),
    ("AFG", "Afghanistan", "Southern Asia", 10),
    ("NPL", "Nepal", "Southern Asia", 60),
    ("LKA", "Sri Lanka", "Southern Asia", 12),
    ("IRN", "Iran (Islamic Republic of)", "Southern Asia", 10),
    ("BTN", "Bhutan", "Southern Asia", 2),
    ("MDV", "Maldives", "Southern Asia", 3),
    ("ARE", "United Arab Emirates", "Western Asia", 20),
    ("OMN", "Oman", "Western Asia", 7),
    ("QAT", "Qatar", "Western Asia", 5),
)
INDICATORS = {
    "Detected trafficking victims": 1.0,
    "Persons brought into formal contact": 0.9,
    "Persons prosecuted": 0.45,
    "Persons convicted": 0.12,
}
FORMS = {"Sexual exploitation": 0.35, "Forced labour": 0.55, "Other forms of exploitation": 0.10}
CITIZENSHIP = {"Nationals": 0.8, "Foreigners": 0.2}
REPATRIATED = {"Afghanistan": 0.4, "Bangladesh": 0.3, "Nepal": 0.2, "Myanmar": 0.1}
SEX_AGE = {
    ("Female", "18 years or over"): 0.33,
    ("Female", "0 to 17 years"): 0.17,
    ("Male", "18 years or over"): 0.35,
    ("Male", "0 to 17 years"): 0.15,
}
# Years run on past today so that large files keep distinct keys.
YEARS = range(2010, 2101)
MAX_ROWS = 30_000
SOURCE = "National authorities (invented)"


@dataclass(frozen=True)
class Conflict:
    """Two rows with the same key and different counts, written by `write_with_conflict`."""

    first: int
    second: int


def _split(rng: random.Random, total: int, shares: dict[str, float]) -> dict[str, int]:
    """`total` split in about the given shares, adding up exactly."""
    noisy = {key: share * rng.uniform(0.6, 1.4) for key, share in shares.items()}
    scale = sum(noisy.values())
    parts = {key: int(total * weight / scale) for key, weight in noisy.items()}
    remainder = total - sum(parts.values())
    for key in rng.sample(list(parts), min(remainder, len(parts))):
        parts[key] += 1
    parts[next(iter(parts))] += total - sum(parts.values())
    return parts


def _shown(count: int) -> str:
    return "<5" if 0 < count < 5 else f"{count:,}"


def _block(
    rng: random.Random, country: tuple[str, str, str, int], indicator: str, year: int
) -> Iterator[list[str]]:
    """The rows of one country, indicator and year, in the export's order."""
    code, name, subregion, typical = country
    growth = 1 + 0.06 * (year - YEARS[0])
    total = int(typical * INDICATORS[indicator] * growth * rng.lognormvariate(0, 0.6))
    place = (code, name, "Asia", subregion, indicator)

    def row(dimension: str, category: str, sex: str, age: str, count: int) -> list[str]:
        return [*place, dimension, category, sex, age, str(year), "Counts", _shown(count), SOURCE]

    yield row("Total", "Total", "Total", "Total", total)
    by_sex_age = _split(rng, total, {f"{s}|{a}": share for (s, a), share in SEX_AGE.items()})
    for key, count in by_sex_age.items():
        sex, age = key.split("|")
        yield row("Total", "Total", sex, age, count)
    if indicator != "Detected trafficking victims":
        return
    for form, count in _split(rng, total, FORMS).items():
        for key, part in _split(rng, count, dict.fromkeys(by_sex_age, 1.0)).items():
            sex, age = key.split("|")
            yield row("by form of exploitation", form, sex, age, part)
    for category, count in _split(rng, total, CITIZENSHIP).items():
        yield row("by citizenship", category, "Total", "Total", count)
    if code == "PAK":
        repatriated = max(total // 10, 1)
        for category, count in _split(rng, repatriated, REPATRIATED).items():
            yield row("by country of repatriation", category, "Total", "Total", count)


def _records(rng: random.Random, rows: int) -> list[list[str]]:
    if rows > MAX_ROWS:
        raise ValueError(f"A GLOTIP-like file holds at most {MAX_ROWS:,} rows.")
    records: list[list[str]] = []
    for year in YEARS:
        for country in COUNTRIES:
            for indicator in INDICATORS:
                for record in _block(rng, country, indicator, year):
                    records.append(record)
                    if len(records) == rows:
                        return records
    return records


def _dirty(rng: random.Random, records: list[list[str]]) -> list[list[str]]:
    """Trailing spaces, and exact duplicates of about 2 rows in 100 put back later."""
    names = [record[1] for record in records]
    sprinkle(rng, names, 0.02, lambda value: value + " ")
    for record, name in zip(records, names, strict=True):
        record[1] = name
    result = list(records)
    for record in rng.sample(records, len(records) // 50):
        result.insert(rng.randrange(len(result) + 1), list(record))
    return result


def _write(path: Path, records: list[list[str]], dirt: bool) -> Path:
    if path.suffix.lower() == ".xlsx":
        import openpyxl

        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet("GLOTIP")
        if dirt:
            sheet.append([TITLE])
        for record in [list(HEADER), *records]:
            sheet.append(record)
        workbook.save(path)
        return path
    file_dirt = Dirt(bom=True, crlf=True, final_newline=False) if dirt else Dirt()
    return write_csv(path, HEADER, [records], dirt=file_dirt)


def header_row(path: Path, dirt: bool) -> int:
    """The header's spreadsheet row in a generated file (an XLSX with dirt has a title)."""
    return 2 if dirt and path.suffix.lower() == ".xlsx" else 1


def write(path: Path, rows: int, seed: int, dirt: bool = True) -> Path:
    """A GLOTIP-like file of `rows` distinct rows (plus the duplicates `dirt` adds)."""
    rng = seeded(seed)
    records = _records(rng, rows)
    return _write(path, _dirty(rng, records) if dirt else records, dirt)


def write_with_bad_row(path: Path, rows: int, seed: int) -> BadRow:
    rng = seeded(seed)
    records = _dirty(rng, _records(rng, rows))
    index = seeded(seed * 7919 + 1).randrange(len(records))
    records[index][HEADER.index("txtVALUE")] = "about 40"
    _write(path, records, dirt=True)
    return BadRow(row=header_row(path, True) + 1 + index, column="txtVALUE", value="about 40")


def write_with_conflict(path: Path, rows: int, seed: int) -> Conflict:
    """A file where one row's key comes again later with a different count."""
    rng = seeded(seed)
    records = _records(rng, rows)
    index = rng.randrange(len(records))
    copy = list(records[index])
    value = HEADER.index("txtVALUE")
    copy[value] = "7,000" if copy[value] != "7,000" else "6,999"
    records.append(copy)
    _write(path, records, dirt=False)
    first = header_row(path, False) + 1
    return Conflict(first=first + index, second=first + len(records) - 1)
