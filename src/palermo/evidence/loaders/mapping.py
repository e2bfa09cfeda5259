"""Helping a user map a file's columns onto the victims table: fields, guesses, samples.

The mapping itself is `generic.MappedLayout`'s (`{"columns": {source: field}, "values":
{source: {raw: value}}, "header_row": 1}`); this module offers the fields a column may fill,
guesses each column's field from its header (rapidfuzz over the fields' names and the words
sources use for them), reads a few sample values per column, and checks a mapping's fields
before any row is read, answering one sentence per column that names no field.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from palermo.evidence.loaders import _cells
from palermo.evidence.loaders.generic import FLAGS, SCALARS, TARGETS
from palermo.evidence.schema import FLAG_GROUPS

NAME = "generic"
SAMPLES = 3
SAMPLE_ROWS = 200  # rows read to find the sample values
GUESS_CUTOFF = 80
UNKNOWN_FIELD = '"{field}" is not a field of the victims table.'
TWICE = '"{field}" is filled from two columns; keep one.'
NOTHING_MAPPED = "Map at least one column onto a field of the victims table."

# Words sources use for each field, besides its own name (compared loosely, case ignored).
ALIASES: dict[str, tuple[str, ...]] = {
    "record_id": ("id", "case id", "case number", "case no", "record", "victim id"),
    "year": ("year", "year registered", "year of registration", "year identified"),
    "year_band": ("year range", "period", "years"),
    "date_identified": ("date identified", "date of identification", "date registered"),
    "date_referred": ("date referred", "referral date", "date of referral"),
    "sex": ("sex", "gender", "gender of victim"),
    "age_band": ("age group", "age band", "age range", "age bracket"),
    "age": ("age", "age in years", "age at identification"),
    "is_minor": ("minor", "child", "under 18", "majority status"),
    "citizenship": ("citizenship", "nationality", "country of origin", "country of citizenship"),
    "country_of_exploitation": (
        "country of exploitation",
        "exploitation country",
        "destination country",
        "country of destination",
    ),
    "months_trafficked": ("months trafficked", "duration in months", "duration"),
    "exploitation": ("type of exploitation", "form of exploitation", "exploitation type"),
    "means": ("means of control", "control methods", "means"),
    "sector": ("sector", "labour sector", "industry"),
    "sexual": ("type of sexual exploitation", "sexual exploitation type"),
    "recruiter": ("recruiter relation", "relation to recruiter", "recruiter"),
}


def fields() -> list[str]:
    """The fields a column may fill, in the order the form lists them."""
    return [*SCALARS[:7], "age", *SCALARS[7:], *FLAG_GROUPS, *FLAGS]


@dataclass(frozen=True)
class Column:
    """A column of the file as the mapping form shows it."""

    name: str
    samples: tuple[str, ...]
    guess: str  # the field guessed from the header, or "" (ignore)


def _choices() -> dict[str, str]:
    """Every alias -> its field (the fields' own names read as words too)."""
    choices = {_cells.key(name): name for name in fields()}
    for name in fields():
        choices[_cells.key(name.replace("_", " "))] = name
        for alias in ALIASES.get(name, ()):
            choices[_cells.key(alias)] = name
    return choices


def guess(header: str) -> str:
    """The field a header most likely names, or "" when none is close enough."""
    choices = _choices()
    key = _cells.key(header)
    if not key:
        return ""
    if key in choices:
        return choices[key]
    found = process.extractOne(key, list(choices), scorer=fuzz.ratio, score_cutoff=GUESS_CUTOFF)
    return choices[found[0]] if found else ""


def columns(
    path: Path, *, header_row: int = 1, previous: Mapping[str, str] | None = None
) -> list[Column]:
    """The file's columns with sample values and a guessed field each.

    A column the previous mapping of the dataset named keeps that field (the user's last
    word beats a guess); every other column is guessed from its header, each field once.
    """
    lines = _cells.rows(path)
    for _above in range(header_row - 1):
        next(lines, None)
    header = next(lines, [])
    samples: list[list[str]] = [[] for _ in header]
    for number, values in enumerate(lines):
        if number >= SAMPLE_ROWS or all(len(found) >= SAMPLES for found in samples):
            break
        for position, value in enumerate(values[: len(header)]):
            if value and value not in samples[position] and len(samples[position]) < SAMPLES:
                samples[position].append(value)
    before = {_cells.key(name): field for name, field in (previous or {}).items()}
    taken: set[str] = set()
    result = []
    for name, found in zip(header, samples, strict=True):
        chosen = before.get(_cells.key(name), "") if before else ""
        if chosen not in TARGETS:
            chosen = ""
        if not chosen:
            chosen = guess(name)
        if chosen in taken and chosen not in FLAG_GROUPS and chosen not in FLAGS:
            chosen = ""
        taken.add(chosen)
        result.append(Column(name, tuple(found), chosen))
    return result


def problems(mapped: Mapping[str, Any]) -> dict[str, str]:
    """Per column, why its field cannot be used (unknown, or a field filled twice)."""
    found: dict[str, str] = {}
    seen: dict[str, str] = {}
    for column, field in mapped.items():
        if not isinstance(field, str) or field not in TARGETS:
            found[column] = UNKNOWN_FIELD.format(field=field)
            continue
        if field in seen and field not in FLAG_GROUPS and field not in FLAGS:
            found[column] = TWICE.format(field=field)
        seen[field] = column
    if not mapped:
        found[""] = NOTHING_MAPPED
    return found


def parse_values(text: str) -> dict[str, str]:
    """A value map written as `F = female; M = male` (one `raw = value` pair per `;`)."""
    pairs: dict[str, str] = {}
    for part in text.replace("\n", ";").split(";"):
        if "=" not in part:
            continue
        raw, _, value = part.partition("=")
        if raw.strip() and value.strip():
            pairs[raw.strip()] = value.strip()
    return pairs


def describe_values(values: Mapping[str, str]) -> str:
    return "; ".join(f"{raw} = {value}" for raw, value in values.items())


def spec(
    mapped: Mapping[str, str],
    values: Mapping[str, Mapping[str, str]] | None = None,
    header_row: int = 1,
) -> dict[str, Any]:
    """A mapping as it is stored on a version and given to `MappedLayout.from_dict`."""
    kept = {column: field for column, field in mapped.items() if field}
    return {
        "columns": kept,
        "values": {c: dict(v) for c, v in (values or {}).items() if v and c in kept},
        "header_row": header_row,
    }
