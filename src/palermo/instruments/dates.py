"""Dates known to the day, the month or only the year, as the treaty records give them."""

import datetime
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

PARTIAL_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


@dataclass(frozen=True)
class PartialDate:
    """A date and how much of it is known; `value` is the first day of the known period."""

    value: datetime.date
    precision: Precision

    @classmethod
    def parse(cls, text: str | datetime.date) -> "PartialDate":
        """Read `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; raise ValueError for anything else."""
        if isinstance(text, datetime.date):
            return cls(text, Precision.DAY)
        match = PARTIAL_DATE.match(str(text).strip())
        if match is None:
            raise ValueError(f"{text!r} is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY.")
        year, month, day = match.group("year", "month", "day")
        if day is not None:
            return cls(datetime.date(int(year), int(month), int(day)), Precision.DAY)
        if month is not None:
            return cls(datetime.date(int(year), int(month), 1), Precision.MONTH)
        return cls(datetime.date(int(year), 1, 1), Precision.YEAR)

    def __str__(self) -> str:
        if self.precision == Precision.DAY:
            return self.value.isoformat()
        if self.precision == Precision.MONTH:
            return self.value.strftime("%Y-%m")
        return str(self.value.year)

    @property
    def surely_after(self) -> datetime.date:
        """The first day by which the event had certainly happened: never earlier than known."""
        if self.precision == Precision.DAY:
            return self.value
        if self.precision == Precision.MONTH:
            year, month = divmod(self.value.month, 12)
            return datetime.date(self.value.year + year, month + 1, 1)
        return datetime.date(self.value.year + 1, 1, 1)
