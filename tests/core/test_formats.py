"""One date format per language, never an ambiguous 09/10/2022."""

import datetime
import zoneinfo
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

import palermo

DAY = datetime.date(2026, 12, 2)
MOMENT = datetime.datetime(2026, 12, 2, 17, 36, tzinfo=zoneinfo.ZoneInfo("UTC"))


def rendered(language: str, text: str) -> str:
    with translation.override(language):
        return Template(text).render(Context({"day": DAY, "moment": MOMENT}))


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("{{ day }}", "2 December 2026"),
        ('{{ day|date:"DATE_FORMAT" }}', "2 December 2026"),
        ('{{ day|date:"SHORT_DATE_FORMAT" }}', "2 Dec 2026"),
        ('{{ moment|date:"SHORT_DATETIME_FORMAT" }}', "2 Dec 2026, 17:36"),
        ('{{ moment|date:"DATETIME_FORMAT" }}', "2 December 2026, 17:36"),
        ('{{ day|date:"YEAR_MONTH_FORMAT" }}', "December 2026"),
    ],
)
def test_english_dates_name_the_month(text: str, english: str) -> None:
    assert rendered("en", text) == english


@pytest.mark.parametrize(
    "text",
    [
        "{{ day }}",
        '{{ day|date:"SHORT_DATE_FORMAT" }}',
        '{{ moment|date:"SHORT_DATETIME_FORMAT" }}',
    ],
)
def test_urdu_dates_keep_the_order_and_name_the_month_in_urdu(text: str) -> None:
    urdu = rendered("ur", text)

    assert urdu.startswith("2 دسمبر 2026")
    assert "/" not in urdu


def test_no_template_writes_a_literal_day_month_order() -> None:
    """Templates use the named formats; literal ones only for machine values (Y-m-d, c)."""
    allowed = {"Y-m-d", "c", "D", "l", "F"}
    found = []
    for path in Path(palermo.__file__).parent.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for quote in ('"', "'"):
            for part in text.split(f"|date:{quote}")[1:]:
                fmt = part.split(quote, 1)[0]
                if not fmt.endswith("FORMAT") and fmt not in allowed:
                    found.append(f"{path.name}: {fmt}")
    assert found == []
