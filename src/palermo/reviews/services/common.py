import calendar
import datetime

from django.urls import reverse
from django.utils import translation


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def path(url_name: str, *args: object) -> str:
    """A path without language prefix, for notifications."""
    with translation.override("en"):
        return reverse(url_name, args=args).removeprefix("/en")
