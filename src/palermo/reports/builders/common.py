"""What every builder shares: the document's language and direction, dates, sheet names."""

import datetime
import re
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from palermo.reports.document import Cover, Direction, Document

RTL_LANGUAGES = {"ar", "ur"}
# Excel refuses these in a sheet name, and more than 31 characters.
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_LENGTH = 31


def direction_for(language: str) -> Direction:
    return "rtl" if language.split("-")[0] in RTL_LANGUAGES else "ltr"


def new_document(*, title: str, language: str, cover: Cover | None = None) -> Document:
    return Document(title=title, language=language, direction=direction_for(language), cover=cover)


def day(value: datetime.date | datetime.datetime | None) -> str:
    """A date as the reader writes it ("15 November 2024"); empty when there is none."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return formats.date_format(value, "j F Y")


def month(value: datetime.date) -> str:
    return formats.date_format(value, "F Y")


def number(value: Decimal | float | None) -> float | None:
    """A figure for a table cell: a plain number (two decimals at most), or None."""
    if value is None:
        return None
    rounded = round(float(value), 2)
    return int(rounded) if rounded.is_integer() else rounded


def percent(value: float | None) -> str:
    return "—" if value is None else _("%(value)s%%") % {"value": f"{value:g}"}


def sheet_name(text: str, taken: set[str] | None = None) -> str:
    """A valid, unique XLSX sheet name made from `text`; remembered in `taken`."""
    base = SHEET_FORBIDDEN.sub(" ", text).strip(" '")[:SHEET_LENGTH] or "Sheet"
    name, counter = base, 2
    while taken is not None and name.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({counter})"
        name = base[: SHEET_LENGTH - len(suffix)] + suffix
        counter += 1
    if taken is not None:
        taken.add(name)
    return name


def article_label(code: str) -> str:
    """An article's code for a sheet name: "untoc:5" becomes "UNTOC 5"."""
    instrument, _sep, article_number = code.partition(":")
    return f"{instrument.upper()} {article_number}".strip()


def generated_on() -> tuple[str, str]:
    """The cover's "Generated on" detail."""
    return (_("Generated on"), day(timezone.localdate()))
