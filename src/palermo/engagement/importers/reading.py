"""From an uploaded list to rows of registry fields: the header found, cells read and tidied.

Nothing here decides about duplicates; it reads what each row says and notes how it read it
(an acronym taken out of a name, a job title moved to the title, a person's name found in
the organisation's cell), so the preview can show each reading.
"""

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import IO

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy

from palermo.core import messages as core_messages
from palermo.core import uploads
from palermo.core.tabular import Row, is_workbook, read_records, sheet_names
from palermo.engagement import messages
from palermo.engagement.importers.columns import FIELDS, IGNORE
from palermo.engagement.importers.header import Header, find_header
from palermo.engagement.importers.names import (
    guess_kind,
    is_job_title,
    read_place,
    split_name,
    split_person,
)
from palermo.engagement.importers.plans import RowValues
from palermo.engagement.models import Organisation

MAX_ROWS = 2_000

# Field -> (label, longest value the model accepts).
LIMITS = {
    "organisation": (gettext_lazy("organisation's name"), 255),
    "acronym": (gettext_lazy("acronym"), 32),
    "city": (gettext_lazy("city"), 100),
    "region": (gettext_lazy("province or region"), 100),
    "name": (gettext_lazy("person's name"), 255),
    "title": (gettext_lazy("title or position"), 255),
    "roles": (gettext_lazy("roles"), 255),
}
# Values people write for a kind besides its code and its label.
KIND_ALIASES = {
    "ngo": Organisation.Kind.CIVIL_SOCIETY,
    "ngos": Organisation.Kind.CIVIL_SOCIETY,
    "cso": Organisation.Kind.CIVIL_SOCIETY,
    "csos": Organisation.Kind.CIVIL_SOCIETY,
    "civil society organisation": Organisation.Kind.CIVIL_SOCIETY,
    "civil society organization": Organisation.Kind.CIVIL_SOCIETY,
    "govt": Organisation.Kind.GOVERNMENT,
    "ministry": Organisation.Kind.GOVERNMENT,
    "university": Organisation.Kind.ACADEMIA,
    "academic": Organisation.Kind.ACADEMIA,
    "private": Organisation.Kind.PRIVATE_SECTOR,
    "business": Organisation.Kind.PRIVATE_SECTOR,
    "international organization": Organisation.Kind.INTERNATIONAL,
    "ingo": Organisation.Kind.INTERNATIONAL,
    "un": Organisation.Kind.INTERNATIONAL,
}
LIST_SEPARATORS = re.compile(r"[,;/]")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ListFile:
    sheet: str  # "" for a CSV file
    sheets: list[str]
    header: Header
    rows: list[Row]


def _find_sheet(
    content: bytes | IO[bytes],
    filename: str,
    *,
    sheets: list[str],
    sheet: str,
    header_row: int | None,
    cap: int,
) -> tuple[int, list[list[str]], Header]:
    """The sheet named, else the first whose header is recognisable (a list behind a notes tab)."""
    if sheet and sheet not in sheets:
        raise ValidationError(messages.IMPORT_SHEET_UNKNOWN % {"sheet": sheet})
    order = [sheets.index(sheet)] if sheet else range(max(len(sheets), 1))
    if header_row is not None and not sheet:
        order = [0]
    refusal: ValidationError | None = None
    for index in order:
        try:
            records = read_records(content, filename, max_rows=cap, sheet=index)
            return index, records, find_header(records, header_row)
        except uploads.UploadTooLargeError:
            raise
        except ValidationError as error:
            refusal = refusal or error
    assert refusal is not None  # noqa: S101 - the loop ran at least once
    raise refusal


def read_file(
    *,
    content: bytes | IO[bytes],
    filename: str,
    header_row: int | None = None,
    sheet: str = "",
) -> ListFile:
    """The sheet and header (found, or as named) and the non-blank rows below the header."""
    cap = min(MAX_ROWS, uploads.import_max_rows())
    sheets = sheet_names(content) if is_workbook(content, filename) else []
    index, records, header = _find_sheet(
        content, filename, sheets=sheets, sheet=sheet, header_row=header_row, cap=cap
    )
    rows: list[Row] = []
    for number, cells in enumerate(records[header.number :], start=header.number + 1):
        values = {
            column: cells[index] if index < len(cells) else ""
            for index, column in enumerate(header.columns)
            if column
        }
        row = Row(number, values)
        if not row.is_blank:
            rows.append(row)
    if len(rows) > cap:
        raise uploads.UploadTooLargeError(
            core_messages.IMPORT_TOO_MANY_ROWS % {"max": f"{cap:,}"}, code="too_many_rows"
        )
    if not rows:
        raise ValidationError(messages.IMPORT_NO_ROWS)
    return ListFile(sheets[index] if sheets else "", sheets, header, rows)


def clean(text: str, *, single_line: bool = True) -> str:
    text = CONTROL_CHARACTERS.sub("", text)
    return " ".join(text.split()) if single_line else text.strip()


def mapped_cells(row: Row, mapping: Mapping[str, str]) -> dict[str, str]:
    cells = dict.fromkeys(FIELDS, "")
    for column, target in mapping.items():
        if target != IGNORE:
            cells[target] = clean(row.values.get(column, ""), single_line=target != "expertise")
    return cells


# The value-mapping choice that leaves the kind to be guessed from the organisation's name.
GUESS_KIND = "guess"


def read_kind(value: str, chosen: Mapping[str, str] | None = None) -> tuple[str, str | None]:
    """A kind column's value as a kind; 'NGO/Legal Experts' reads its first known part.

    `chosen` holds the user's choice for values the import does not know, one per distinct
    value ("Spaceship" -> "other"); GUESS_KIND leaves the kind to the organisation's name.
    """
    if not value:
        return "", None
    choice = (chosen or {}).get(value.strip())
    if choice == GUESS_KIND:
        return "", None
    if choice in Organisation.Kind.values:
        return str(choice), None
    for part in [value, *LIST_SEPARATORS.split(value)]:
        lowered = " ".join(part.casefold().replace("-", " ").split())
        for code, label in Organisation.Kind.choices:
            if lowered in {code, code.replace("_", " "), str(label).casefold()}:
                return code, None
        if lowered in KIND_ALIASES:
            return KIND_ALIASES[lowered], None
    allowed = ", ".join(str(label) for _code, label in Organisation.Kind.choices)
    return "", str(messages.IMPORT_KIND_UNKNOWN % {"value": value, "allowed": allowed})


@dataclass
class ParsedRow:
    values: RowValues
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The row said something, but nothing left names an organisation or a person.
    nothing_left: bool = False
    unknown_kind: str = ""  # a kind column's value the import does not know


def _read_organisation_cell(
    cells: dict[str, str], parsed: ParsedRow, known_places: Collection[str], split_names: bool
) -> str:
    """The organisation's name once places, job titles and people are read out of it."""
    text = cells["organisation"]
    if not text:
        return ""
    if is_job_title(text):
        if cells["title"]:
            cells["roles"] = ", ".join(part for part in (cells["roles"], text) if part)
        else:
            cells["title"] = text
        parsed.warnings.append(str(messages.IMPORT_JOB_TITLE_NOT_ORGANISATION % {"value": text}))
        return ""
    place = read_place(text, known_places)
    if place is not None:
        cells["city"] = cells["city"] or place.city
        cells["region"] = cells["region"] or place.region
        parsed.warnings.append(str(messages.IMPORT_PLACE_NOT_ORGANISATION % {"value": text}))
        return ""
    rest, person = split_person(text)
    if person:
        cells["name"] = cells["name"] or person
        message = (
            messages.IMPORT_PERSON_IN_ORGANISATION
            if rest
            else messages.IMPORT_PERSON_NOT_ORGANISATION
        )
        parsed.warnings.append(str(message % {"value": person}))
        text = rest
    if not split_names or not text:
        return text
    parts = split_name(text, known_places)
    found: list[str] = []
    for name_of_field, value, label in (
        ("acronym", parts.acronym, gettext_lazy("acronym")),
        ("city", parts.city, gettext_lazy("city")),
        ("region", parts.region, gettext_lazy("province or region")),
    ):
        if value:
            found.append(f"{label} “{value}”")
            cells[name_of_field] = cells[name_of_field] or value
    if found:
        parsed.notes.append(str(messages.IMPORT_NAME_SPLIT % {"parts": ", ".join(found)}))
    return parts.name


def parse_row(
    row: Row,
    mapping: Mapping[str, str],
    *,
    known_places: Collection[str] = (),
    split_names: bool = True,
    kind_values: Mapping[str, str] | None = None,
) -> ParsedRow:
    """One row's cells as registry fields, with its errors and how its names were read."""
    cells = mapped_cells(row, mapping)
    parsed = ParsedRow(RowValues())
    said_something = bool(cells["organisation"] or cells["name"])
    organisation = _read_organisation_cell(cells, parsed, known_places, split_names)
    name = cells["name"] or " ".join(
        part for part in (cells["first_name"], cells["last_name"]) if part
    )
    kind, kind_error = read_kind(cells["kind"], kind_values)
    values = parsed.values
    values.organisation = organisation
    values.acronym = cells["acronym"]
    values.kind = kind
    values.themes = [
        t for t in (clean(part) for part in LIST_SEPARATORS.split(cells["sector"])) if t
    ]
    values.city = cells["city"]
    values.region = cells["region"]
    values.name = name
    values.title = cells["title"]
    values.roles = cells["roles"]
    values.expertise = cells["expertise"]
    values.email = cells["email"].lower()
    values.phone = cells["phone"]
    if not values.organisation and not values.name:
        if said_something:
            parsed.nothing_left = True
            parsed.warnings.append(str(messages.IMPORT_NOTHING_LEFT))
        else:
            parsed.errors.append(str(messages.IMPORT_ROW_EMPTY))
    if kind_error:
        parsed.errors.append(kind_error)
        parsed.unknown_kind = cells["kind"]
    if values.email:
        try:
            validate_email(values.email)
        except ValidationError:
            parsed.errors.append(str(messages.IMPORT_EMAIL_INVALID % {"value": cells["email"]}))
    for name_of_field, (label, longest) in LIMITS.items():
        if len(getattr(values, name_of_field)) > longest:
            parsed.errors.append(str(messages.IMPORT_TOO_LONG % {"field": label, "max": longest}))
    return parsed


def kind_for_new_organisation(values: RowValues) -> tuple[str, bool]:
    """The kind given in the row, else the one its name suggests: (kind, guessed)."""
    if values.kind:
        return values.kind, False
    kind, _reason = guess_kind(values.organisation, values.acronym)
    return kind, True
