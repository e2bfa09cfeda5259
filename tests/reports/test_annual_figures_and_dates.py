"""The annual report with recorded member figures and planned events known to the month or week.

An alliance that knows only "35 organisations and 65 experts in 2024" records those figures
and no member; its planned events are known only to the month or the week. Each format's text
is read back: the figures are printed as recorded, the dates as known, no placeholder member
is listed, and the PDF's events table keeps its headers apart.
"""

import datetime
import io
import re
from typing import Any

import pypdf
import pytest
from openpyxl import load_workbook

from palermo.engagement.models import Alliance, Event, Organisation
from palermo.engagement.services import alliances as alliance_services
from palermo.reports.builders.annual_report import build_annual_report
from palermo.reports.document import Document, Table
from palermo.reports.renderers import render
from tests.factories import make_event, make_organisation, make_secretariat
from tests.reports.file_text import flat
from tests.reports.test_annual_whole import docx_text, html_text, pdf_text, xlsx_text

pytestmark = pytest.mark.django_db

MONTH = Event.DatePrecision.MONTH
WEEK = Event.DatePrecision.WEEK
SOURCE = "Annual general meeting, January 2025"
# (title, first day, precision, organiser) of the planned events of 2025.
PLANNED = (
    ("Roundtable on legal aid (test)", datetime.date(2025, 4, 1), MONTH, "Legal Aid Society"),
    ("Training of prosecutors (test)", datetime.date(2025, 5, 19), WEEK, "Bar Council"),
    ("Survivors' forum (test)", datetime.date(2025, 6, 1), MONTH, "Legal Aid Society"),
    ("Media workshop (test)", datetime.date(2025, 7, 14), WEEK, "Bar Council"),
    ("Provincial consultation (test)", datetime.date(2025, 9, 1), MONTH, "Legal Aid Society"),
    ("Shadow report launch (test)", datetime.date(2025, 11, 3), WEEK, "Bar Council"),
)
PLANNED_DATES = (
    "April 2025",
    "week of 19 May 2025",
    "June 2025",
    "week of 14 July 2025",
    "September 2025",
    "week of 3 November 2025",
)


@pytest.fixture
def organisers() -> dict[str, Organisation]:
    return {
        name: make_organisation(name, kind="civil_society")
        for name in ("Legal Aid Society", "Bar Council", "Coordinating Centre (test)")
    }


@pytest.fixture
def alliance(organisers: dict[str, Organisation]) -> Alliance:
    alliance = alliance_services.alliance_create(
        actor=None,
        name="Figures Alliance (test)",
        coordinator=organisers["Coordinating Centre (test)"],
    )
    alliance_services.membership_figure_create(
        actor=None, alliance=alliance, year=2024, organisations=35, experts=65, source=SOURCE
    )
    alliance_services.membership_figure_create(
        actor=None, alliance=alliance, year=2023, organisations=30, experts=50
    )
    for number in range(1, 7):
        make_event(
            f"Dialogue {number} (test)",
            starts_on=datetime.date(2024, number, 10),
            kind=Event.Kind.CONSTRUCTIVE_DIALOGUE,
            alliance=alliance,
            in_person_count=10 * number,
        )
    make_event(
        "Three-day consultation (test)",
        starts_on=datetime.date(2024, 10, 14),
        ends_on=datetime.date(2024, 10, 16),
        kind=Event.Kind.CONSULTATION,
        alliance=alliance,
        venue="Serena Hotel",
        city="Islamabad",
        organisers=[organisers["Legal Aid Society"], organisers["Bar Council"]],
        partners=[organisers["Coordinating Centre (test)"]],
        in_person_count=31,
        online_count=86,
    )
    for title, first, precision, organiser in PLANNED:
        make_event(
            title,
            starts_on=first,
            date_precision=precision,
            kind=Event.Kind.ROUNDTABLE,
            alliance=alliance,
            organisers=[organisers[organiser]],
        )
    return alliance


@pytest.fixture
def report(alliance: Alliance) -> Document:
    return build_annual_report(user=make_secretariat(), alliance=alliance, year=2024, language="en")


def table(document: Document, sheet: str) -> Table:
    (found,) = [t for t in document.tables() if t.sheet == sheet]
    return found


def test_the_recorded_figures_are_the_year_s_members_and_say_so(report: Document) -> None:
    membership = table(report, "Membership")
    assert membership.rows == (
        ("Members on 31 December 2023", "30 organisations, 50 experts"),
        ("Members on 31 December 2024", "35 organisations, 65 experts"),
        (
            "Source of the figures",
            f"Recorded by the alliance for 2024. Source: {SOURCE}.",
        ),
    )
    figures = dict(table(report, "In figures").rows)
    assert figures["Members on 31 December 2024"] == (
        "100: 35 organisations and 65 experts (as recorded by the alliance)"
    )
    assert report.cover is not None
    assert dict(report.cover.details)["Members on 31 December 2024"] == (
        "100: 35 organisations and 65 experts (as recorded by the alliance)"
    )
    # No member record: no list of members, placeholder or other.
    assert not [t for t in report.tables() if t.sheet in {"Members", "Left"}]


def test_without_figures_the_member_records_are_counted(
    alliance: Alliance, organisers: dict[str, Organisation]
) -> None:
    alliance.membership_figures.all().delete()
    alliance_services.membership_add(
        actor=None,
        alliance=alliance,
        organisation=organisers["Bar Council"],
        joined_on=datetime.date(2024, 3, 1),
    )

    document = build_annual_report(
        user=make_secretariat(), alliance=alliance, year=2024, language="en"
    )

    assert table(document, "Membership").rows == (
        ("Members on 31 December 2023", "0 organisations, 0 experts"),
        ("Joined during the year", "1 organisations, 0 experts"),
        ("Left during the year", "0 organisations, 0 experts"),
        ("Members on 31 December 2024", "1 organisations, 0 experts"),
        ("Source of the figures", "Counted from the alliance's member records."),
    )
    # Listed once, with the day it joined; no second table of those who joined.
    assert table(document, "Members").rows == (("Bar Council", "1 March 2024"),)
    assert [t.sheet for t in document.tables() if "Joined" in t.sheet] == []


def test_planned_events_print_the_month_or_week_and_their_organiser(report: Document) -> None:
    assert table(report, "Upcoming").rows == tuple(
        (when, title, "Roundtable", "", organiser, "")
        for when, (title, _first, _precision, organiser) in zip(PLANNED_DATES, PLANNED, strict=True)
    )


def test_the_events_sheet_keeps_one_value_a_column(report: Document) -> None:
    events = table(report, "Events")
    assert events.columns == (
        "Date",
        "Event",
        "Kind",
        "Place",
        "Organisers",
        "Partners",
        "In person",
        "Online",
        "Headcount",
        "Named participants",
    )
    assert events.rows[6] == (
        "14 October 2024 – 16 October 2024",
        "Three-day consultation (test)",
        "Consultation",
        "Serena Hotel, Islamabad",
        "Bar Council; Legal Aid Society",
        "Coordinating Centre (test)",
        31,
        86,
        117,
        0,
    )
    assert events.rows[7] == ("Total", "", "", "", "", "", 241, 86, 327, 0)


def test_the_printed_events_table_folds_details_and_drops_the_empty_column(
    report: Document,
) -> None:
    (printed,) = [b for b in report.blocks if isinstance(b, Table) and not b.spreadsheet]
    assert printed.columns == ("Date", "Event", "In person", "Online", "Head\u00adcount")
    assert printed.rows[6] == (
        "14 October 2024 – 16 October 2024",
        "Three-day consultation (test)\nConsultation · Serena Hotel, Islamabad\n"
        "Organised by Bar Council; Legal Aid Society\n"
        "In partnership with Coordinating Centre (test)",
        31,
        86,
        117,
    )


FACTS = (
    "100: 35 organisations and 65 experts (as recorded by the alliance)",
    f"Recorded by the alliance for 2024. Source: {SOURCE}.",
    *PLANNED_DATES,
    *(title for title, *_rest in PLANNED),
    "Legal Aid Society",
    "Bar Council",
)


@pytest.mark.parametrize("reader", [html_text, xlsx_text, docx_text])
def test_every_format_holds_the_figures_and_the_dates_as_known(
    report: Document, reader: Any
) -> None:
    text = reader(report)
    for fact in FACTS:
        assert fact in text, fact
    assert "1 April 2025" not in text
    assert "1 June 2025" not in text


def test_the_pdf_holds_the_figures_and_the_dates_as_known(report: Document) -> None:
    text = pdf_text(report)
    squeezed = re.sub(r"[\s\-‐\u00ad]", "", text)
    for fact in FACTS:
        assert re.sub(r"[\s\-‐\u00ad]", "", fact) in squeezed, fact
    assert "1 April 2025" not in text


def test_the_xlsx_has_the_events_sheet_with_ten_columns(report: Document) -> None:
    workbook = load_workbook(io.BytesIO(render(report, "xlsx")))
    sheet = workbook["Events"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows[0]) == 10
    assert rows[7][:6] == (
        "14 October 2024 – 16 October 2024",
        "Three-day consultation (test)",
        "Consultation",
        "Serena Hotel, Islamabad",
        "Bar Council; Legal Aid Society",
        "Coordinating Centre (test)",
    )
    upcoming = list(workbook["Upcoming"].iter_rows(values_only=True))
    assert [row[0] for row in upcoming[1:]] == list(PLANNED_DATES)


def _runs(page: Any) -> list[tuple[float, float, float, str]]:
    """(x, y, font size, text) of each piece of text the page draws."""
    found: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            found.append((cm[4] + tm[4], cm[5] + tm[5], size, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def test_the_pdf_events_table_headers_stand_apart_within_the_page(report: Document) -> None:
    reader = pypdf.PdfReader(io.BytesIO(render(report, "pdf")))
    (page,) = [p for p in reader.pages if "Events held, with the number" in p.extract_text()]
    runs = _runs(page)
    (online,) = [r for r in runs if r[3] == "Online"]
    header = sorted((r for r in runs if abs(r[1] - online[1]) < 0.5), key=lambda r: r[0])
    assert [flat(r[3]) for r in header][:4] == ["Date", "Event", "In", "Online"]
    width = float(page.mediabox.width)
    for (x, _y, size, text), following in zip(header, [*header[1:], None], strict=True):
        # Noto Sans Bold's letters are at most about 0.62 em wide on average.
        right = x + 0.62 * size * len(text)
        limit = following[0] if following else width - 50
        assert right < limit, (text, right, limit)


def test_the_folded_details_keep_their_lines_in_html_and_docx(report: Document) -> None:
    import docx

    lines = (
        "Three-day consultation (test)",
        "Consultation · Serena Hotel, Islamabad",
        "Organised by Bar Council; Legal Aid Society",
        "In partnership with Coordinating Centre (test)",
    )
    page = render(report, "html").decode()
    assert "<td>" + "<br>".join(lines) + "</td>" in page
    file = docx.Document(io.BytesIO(render(report, "docx")))
    cells = {cell.text for table in file.tables for row in table.rows for cell in row.cells}
    assert "\n".join(lines) in cells
