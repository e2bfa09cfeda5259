"""HTCDS case records onto VICTIMS: the HTCDS Excel template and KoboToolbox exports of the form.

Two layouts of the Human Trafficking Case Data Standard (HTCDS) by IOM (CC BY 4.0):
- the Excel template: row 1 system names (`cas_CaseOwner`, `prs_Gender`, `vic_...`), row 2
  human labels, the first column blank or a row number, records from row 3;
- a KoboToolbox export of the HTCDS XLSForm: one column per question, named by the question's
  name, perhaps under a group path (`group/vic_TypeOfExploitation`) or by its label when exported
  "with labels"; select_multiple answers as space-separated choice names (or `;`-separated
  labels), or as one 0/1 column per choice (`vic_TypeOfExploitation/ForcedLabour`).

Both read the same fields: the incoming referral date is the date the organisation identified
the person (`date_identified`; a Kobo export without it falls back on the interview's `start`),
the outgoing referral date is `date_referred`, age comes from the birth date at identification
or from `vic_AgeWhenTrafficked`. Records whose trafficking status is "Not a victim of
trafficking" are left out, with a note.

Names, birth dates and contact fields of the standard (first and second name, salutation,
title, e-mail, phones, mailing address) are NOT stored in the VICTIMS table: a birth date is
used only to compute the age band, and none of them ever leaves the source file.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

from palermo.evidence.loaders import _cells
from palermo.evidence.loaders._cells import BadCellError, Errors
from palermo.evidence.loaders._htcds_choices import (
    CHOICES,
    GENDER,
    GENDER_WORDS,
    MULTIPLE,
    NOT_A_VICTIM,
    STATUS,
)
from palermo.evidence.loaders.base import Loaded, conform
from palermo.evidence.schema import FLAG_GROUPS, Kind, flag_columns

# Field -> the loose keys (`_cells.key`) of its system name, Kobo name and label.
FIELDS: dict[str, tuple[str, ...]] = {
    "date_identified": ("casincomingreferraldate", "incomingreferraldate"),
    "date_referred": ("casoutgoingreferraldate", "outgoingreferraldate"),
    "birthdate": ("prsbirthdate", "birthdate"),
    "age": ("vicagewhentrafficked", "agewhentrafficked"),
    "gender": ("prsgender", "gender"),
    "citizenship": ("prscitizenship", "citizenship"),
    "location": ("viclocationofexploitation", "locationofexploitation"),
    "status": ("victraffickingstatus", "traffickingstatus"),
    "start": ("start",),
    "id": ("id", "uuid", "index"),
    **{question: (_cells.key(question), _cells.key(question[4:])) for question in MULTIPLE},
}
_FIELD_OF = {loose: name for name, keys in FIELDS.items() for loose in keys}
TEMPLATE_MARKERS = frozenset({"cascaseowner", "prsfirstname", "victypeofexploitation"})
FLAGS = [column for group in FLAG_GROUPS for column in flag_columns(group)]
TRUE = frozenset({"1", "true", "yes"})
FALSE = frozenset({"", "0", "false", "no"})

MESSAGE_REFERRED_EARLY = "The outgoing referral date is before the incoming referral date."
MESSAGE_BORN_LATE = "The birth date is after the date of identification."
MESSAGE_NOT_HTCDS = "The header names no HTCDS field (such as vic_TypeOfExploitation)."


def _lookup(pairs: list[tuple[str, str]]) -> dict[str, str]:
    return {_cells.key(text): name for name, label in pairs for text in (name, label)}


_CHOICE = {
    question: _lookup([(name, label) for name, label, _ in CHOICES[listed]])
    for question, listed in MULTIPLE.items()
}
_FLAGS_OF = {
    (question, name): flags
    for question, listed in MULTIPLE.items()
    for name, _label, flags in CHOICES[listed]
}
_GENDER = {_cells.key(text): sex.value for name, label, sex in GENDER for text in (name, label)}
_GENDER |= {word: sex.value for word, sex in GENDER_WORDS.items()}
_STATUS = _lookup(list(STATUS))


@lru_cache(maxsize=1 << 14)
def choices(question: str, value: str) -> frozenset[str]:
    """The choice names a select_multiple cell holds, however the export joined them."""
    return frozenset(_split(_CHOICE[question], value, (";", "\n", ",", " ")))


def _split(known: dict[str, str], value: str, separators: tuple[str, ...]) -> set[str]:
    if _cells.is_blank(value):
        return set()
    whole = known.get(_cells.key(value))
    if whole is not None:
        return {whole}
    for at, separator in enumerate(separators):
        if separator in value:
            found = _partition(known, value.split(separator), separator, separators[at + 1 :])
            if found is not None:
                return found
    raise BadCellError(f'"{value}" is not among the choices of the HTCDS form.')


def _partition(
    known: dict[str, str], pieces: list[str], separator: str, rest: tuple[str, ...]
) -> set[str] | None:
    """The choices of pieces grouped into runs that each name one (labels hold commas)."""
    if not pieces:
        return set()
    for end in range(1, len(pieces) + 1):
        run = separator.join(pieces[:end]).strip()
        try:
            head = _split(known, run, rest)
        except BadCellError:
            continue
        tail = _partition(known, pieces[end:], separator, rest)
        if tail is not None:
            return head | tail
    return None


@dataclass(frozen=True)
class Column:
    at: int
    field: str  # a FIELDS name
    choice: str | None = None  # for a 0/1 column of a select_multiple: the choice's name


def resolve(header: list[str]) -> list[Column]:
    """The HTCDS fields a header carries, by system name, Kobo name, group path or label."""
    found = []
    for at, cell in enumerate(header):
        parts = [part.strip() for part in cell.replace("::", "/").split("/")]
        name = _FIELD_OF.get(_cells.key(parts[-1].lstrip("_")))
        if name is not None:
            found.append(Column(at, name))
        elif len(parts) >= 2 and _FIELD_OF.get(_cells.key(parts[-2])) in MULTIPLE:
            question = _FIELD_OF[_cells.key(parts[-2])]
            choice = _CHOICE[question].get(_cells.key(parts[-1]))
            if choice is not None:
                found.append(Column(at, question, choice))
    return found


class HtcdsLayout:
    kind = Kind.VICTIMS

    def __init__(self, *, name: str, label: str, template: bool) -> None:
        self.name = name
        self.label = label
        self.template = template

    def sniff(self, header: list[str]) -> bool:
        keys = {_cells.key(cell) for cell in header}
        if self.template:
            return keys >= TEMPLATE_MARKERS
        fields = {column.field for column in resolve(header)}
        return not keys >= TEMPLATE_MARKERS and "vic_TypeOfExploitation" in fields

    def load(self, path: Path) -> Loaded:
        errors = Errors()
        notes: list[str] = []
        lines = _cells.rows(path)
        header = next(lines, [])
        columns = resolve(header)
        if not any(column.field in MULTIPLE for column in columns):
            errors.add(1, "", MESSAGE_NOT_HTCDS)
            return _loaded(_empty(), errors, notes)
        first = 3 if self.template else 2
        if self.template:
            next(lines, None)
        records = _empty()
        counts = {"not_victim": 0, "location": 0, "start": 0}
        for number, values in enumerate(lines, start=first):
            values = values + [""] * (len(header) - len(values))
            if not any(values[1:] if self.template else values):
                continue
            record = _record(header, columns, values, number, errors, counts)
            if record is None:
                continue
            record.setdefault("record_id", values[0] if self.template and values[0] else "")
            if not record["record_id"]:
                record["record_id"] = str(number)
            for name, items in records.items():
                items.append(record.get(name, False if name in FLAGS else None))
        if counts["not_victim"]:
            notes.append(
                f"{counts['not_victim']} records with the status Not a victim of trafficking "
                "were left out."
            )
        if counts["location"]:
            notes.append(
                f"{counts['location']} locations of exploitation name no country; they were "
                "left blank."
            )
        if counts["start"]:
            notes.append(
                f"{counts['start']} records have no incoming referral date; the date the "
                "interview started was taken as the date of identification."
            )
        return _loaded(records, errors, notes)


def _record(
    header: list[str],
    columns: list[Column],
    values: list[str],
    number: int,
    errors: Errors,
    counts: dict[str, int],
) -> dict[str, object] | None:
    """One record's values, or None when a cell is refused (its errors added) or left out."""
    record: dict[str, object] = {}
    read: dict[str, object] = {}
    before = errors.count
    for column, cell, value in _cells_of(header, columns, values):
        try:
            _read(record, read, column, value, counts)
        except BadCellError as refused:
            errors.add(number, cell, str(refused))
    if errors.count > before:
        return None
    if read.get("status") == NOT_A_VICTIM:
        counts["not_victim"] += 1
        return None
    identified = read.get("date_identified") or read.get("start")
    if read.get("date_identified") is None and identified is not None:
        counts["start"] += 1
    referred = read.get("date_referred")
    if isinstance(identified, dt.date):
        record["date_identified"] = identified
        record["year"] = identified.year
    if isinstance(referred, dt.date):
        if isinstance(identified, dt.date) and referred < identified:
            errors.add(number, _header_of(header, columns, "date_referred"), MESSAGE_REFERRED_EARLY)
            return None
        record["date_referred"] = referred
    years = read.get("age")
    born = read.get("birthdate")
    if isinstance(born, dt.date) and isinstance(identified, dt.date):
        if born > identified:
            errors.add(number, _header_of(header, columns, "birthdate"), MESSAGE_BORN_LATE)
            return None
        years = _cells.years_between(born, identified)
    if isinstance(years, int):
        record["age_band"] = _cells.age_band(years)
        record["is_minor"] = years < 18
    return record


def _cells_of(
    header: list[str], columns: list[Column], values: list[str]
) -> Iterator[tuple[Column, str, str]]:
    for column in columns:
        yield column, header[column.at], values[column.at]


def _header_of(header: list[str], columns: list[Column], field: str) -> str:
    return next((header[column.at] for column in columns if column.field == field), "")


def _read(
    record: dict[str, object],
    read: dict[str, object],
    column: Column,
    value: str,
    counts: dict[str, int],
) -> None:
    field = column.field
    if column.choice is not None:
        lowered = value.lower()
        if lowered not in TRUE | FALSE:
            raise BadCellError(f'"{value}" is not 1 or 0.')
        if lowered in TRUE:
            for flag in _FLAGS_OF[field, column.choice]:
                record[flag] = True
    elif field in MULTIPLE:
        for choice in choices(field, value):
            for flag in _FLAGS_OF[field, choice]:
                record[flag] = True
    elif field in ("date_identified", "date_referred", "birthdate", "start"):
        read[field] = _cells.date(value)
    elif field == "age":
        read[field] = _cells.age(value)
    elif field == "gender":
        if not _cells.is_blank(value):
            sex = _GENDER.get(_cells.key(value))
            if sex is None:
                raise BadCellError(f'"{value}" is not a gender of the HTCDS form.')
            record["sex"] = sex
    elif field == "citizenship":
        record["citizenship"] = _cells.country(value)
    elif field == "location":
        # Free text in the standard: `Pakistan`, `Lahore, Pakistan` or a town alone.
        try:
            record["country_of_exploitation"] = _cells.country(value.rsplit(",", 1)[-1].strip())
        except BadCellError:
            counts["location"] += 1
    elif field == "status":
        if not _cells.is_blank(value):
            status = _STATUS.get(_cells.key(value))
            if status is None:
                raise BadCellError(f'"{value}" is not a trafficking status of the HTCDS form.')
            read[field] = status
    elif field == "id" and value and "record_id" not in record:
        record["record_id"] = value  # Kobo's `_id` comes before `_uuid` and `_index`


STORED = (
    "record_id",
    "year",
    "date_identified",
    "date_referred",
    "sex",
    "age_band",
    "is_minor",
    "citizenship",
    "country_of_exploitation",
    *FLAGS,
)


def _empty() -> dict[str, list[object]]:
    records: dict[str, list[object]] = {name: [] for name in STORED}
    return records


def _loaded(records: dict[str, list[object]], errors: Errors, notes: list[str]) -> Loaded:
    types = {"date_identified": pa.date32(), "date_referred": pa.date32(), "year": pa.int16()}
    types |= {"is_minor": pa.bool_()} | dict.fromkeys(FLAGS, pa.bool_())
    table = pa.table(
        {
            name: pa.array(items, type=types.get(name, pa.string()))
            for name, items in records.items()
        }
    )
    return Loaded(conform(table, Kind.VICTIMS), errors.items, errors.count, notes)


TEMPLATE = HtcdsLayout(
    name="htcds_excel",
    label="HTCDS case records, Excel template v2.0 (IOM)",
    template=True,
)
KOBO = HtcdsLayout(
    name="htcds_kobo",
    label="HTCDS case records, KoboToolbox export of the HTCDS XLSForm",
    template=False,
)
