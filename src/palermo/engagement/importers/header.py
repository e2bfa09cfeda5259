"""Where a list's header is: the first rows scored against the column names people use.

Lists kept in Excel often start with a title, a date or a blank row; the header is the row
whose cells name the most known columns (each field counted once, an exact alias scoring
more than a word in it), the first such row on a tie. A user may name another row.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from palermo.core.tabular import normalise
from palermo.engagement import messages
from palermo.engagement.importers.columns import ALIASES, IGNORE, guess_field

SEARCH_ROWS = 15
# One column by its exact name, or two by a word in them: a title ("Contact list 2024") scores 1.
FEWEST_POINTS = 2
LONGEST_HEADER = 60
EXPECTED_EXAMPLES = (
    "Organisation",
    "Name of organisation",
    "Name",
    "Contact person",
    "Designation",
    "Phone",
    "Mobile",
    "E-mail",
    "City",
    "Province",
    "Sector",
    "Type",
)


@dataclass(frozen=True)
class Header:
    number: int  # the row as the user sees it (1 is the sheet's first row)
    columns: list[str]  # normalised, "" for a column without a header
    detected: bool  # found by its score rather than named by the user


def header_points(cells: list[str]) -> int:
    points = 0
    seen: set[str] = set()
    for cell in cells:
        if not cell or len(cell) > LONGEST_HEADER:
            continue
        field = guess_field(cell)
        if field == IGNORE or field in seen:
            continue
        seen.add(field)
        points += 2 if normalise(cell) in ALIASES else 1
    return points


def _columns(cells: list[str]) -> list[str]:
    """Normalised headers, a repeated one numbered ('phone', 'phone_2') so no column is lost."""
    columns: list[str] = []
    for cell in cells:
        key = normalise(cell)
        if key and key in columns:
            number = 2
            while f"{key}_{number}" in columns:
                number += 1
            key = f"{key}_{number}"
        columns.append(key)
    return columns


def find_header(records: list[list[str]], requested: int | None = None) -> Header:
    """The header among the first rows, or the row the user named; refuse when none is found."""
    if requested is not None:
        if not 1 <= requested <= len(records) or not any(records[requested - 1]):
            raise ValidationError(
                messages.IMPORT_HEADER_ROW_EMPTY % {"row": requested, "rows": len(records)}
            )
        return Header(requested, _columns(records[requested - 1]), detected=False)
    best_points, best_index = 0, -1
    for index, cells in enumerate(records[:SEARCH_ROWS]):
        points = header_points(cells)
        if points > best_points:
            best_points, best_index = points, index
    if best_points < FEWEST_POINTS:
        raise ValidationError(
            messages.IMPORT_NO_HEADER
            % {"rows": min(SEARCH_ROWS, len(records)), "expected": ", ".join(EXPECTED_EXAMPLES)}
        )
    return Header(best_index + 1, _columns(records[best_index]), detected=True)
