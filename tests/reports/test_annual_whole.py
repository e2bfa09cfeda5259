"""The annual report carries every fact entered, whole, in each of its formats (issue 13).

A small alliance year is entered here (no demo data): a recommendation holding ";", a
coordinator with an acronym, an event with a venue and three organisers, a planned event with
its organiser, member counts and a statement. Each format's text is read back and searched.
"""

import datetime
import io
import re

import pytest
from openpyxl import load_workbook

from palermo.engagement.models import Alliance, Event, Membership, Organisation, Statement
from palermo.reports.builders.annual_report import build_annual_report
from palermo.reports.document import Document
from palermo.reports.renderers import render
from palermo.tracking.models import Recommendation
from tests.factories import make_event, make_organisation, make_secretariat
from tests.reports import file_text

pytestmark = pytest.mark.django_db

SEMICOLON_TEXT = (
    "Adopt a victim-witness protection law; fund shelters in every province; "
    "train prosecutors on trafficking cases"
)
STATEMENT_TEXT = "The alliance calls on the State to publish its trafficking figures every year."


@pytest.fixture
def year() -> Document:
    from palermo.tracking.services.recommendations import recommendation_create

    coordinator = make_organisation("Alliance Secretariat for Justice (test)")
    Organisation.objects.filter(pk=coordinator.pk).update(acronym="ASJT")
    coordinator.refresh_from_db()
    alliance = Alliance.objects.create(
        name="Test Alliance against Organized Crime", country="PAK", coordinator=coordinator
    )
    members = [make_organisation(f"Member organisation {n} (test)") for n in range(3)]
    for member in members:
        Membership.objects.create(
            alliance=alliance, organisation=member, joined_on=datetime.date(2023, 5, 1)
        )
    day = make_event(
        "International Day (test) 2024",
        starts_on=datetime.date(2024, 11, 15),
        kind=Event.Kind.INTERNATIONAL_DAY,
        alliance=alliance,
        city="Islamabad",
        venue="Serena Hotel Conference Hall",
        in_person_count=31,
        online_count=86,
    )
    day.organisers.set(members)
    planned = make_event(
        "Planned roundtable (test)",
        starts_on=datetime.date(2025, 4, 10),
        kind=Event.Kind.ROUNDTABLE,
        alliance=alliance,
        city="Lahore",
    )
    planned.organisers.set([members[0]])
    planned.partners.set([members[1]])
    statement = Statement.objects.create(
        event=day,
        organisation=coordinator,
        title="Statement on the International Day (test)",
        delivered_on=datetime.date(2024, 11, 15),
        text=STATEMENT_TEXT,
    )
    recommendation_create(
        actor=None,
        text=SEMICOLON_TEXT,
        reference="T-1",
        source=Recommendation.Source.STATEMENT,
        statement=statement,
        issued_on=datetime.date(2024, 11, 15),
        country="PAK",
    )
    user = make_secretariat()
    return build_annual_report(user=user, alliance=alliance, year=2024, language="en")


def html_text(document: Document) -> str:
    return file_text.html_text(render(document, "html"))


def xlsx_text(document: Document) -> str:
    return file_text.xlsx_text(render(document, "xlsx"))


def xlsx_sheets(document: Document) -> list[str]:
    return load_workbook(io.BytesIO(render(document, "xlsx"))).sheetnames


def pdf_text(document: Document) -> str:
    return file_text.pdf_text(render(document, "pdf"))


def docx_text(document: Document) -> str:
    return file_text.docx_text(render(document, "docx"))


FACTS = (
    SEMICOLON_TEXT,
    "ASJT",
    "Serena Hotel Conference Hall",
    "Member organisation 0 (test)",
    "Member organisation 1 (test)",
    "Member organisation 2 (test)",
)


@pytest.mark.parametrize("reader", [html_text, xlsx_text, docx_text])
def test_every_fact_is_in_the_html_xlsx_and_docx(year: Document, reader: object) -> None:
    text = reader(year)  # type: ignore[operator]
    for fact in FACTS:
        assert fact in text, fact


def test_recommendation_text_is_whole_in_the_recommendations_table(year: Document) -> None:
    (table,) = [t for t in year.tables() if t.sheet == "Recommendations"]
    assert table.rows[0][1] == SEMICOLON_TEXT


def test_events_and_planned_events_name_their_venue_organisers_and_partners(year: Document) -> None:
    (events,) = [t for t in year.tables() if t.sheet == "Events"]
    (upcoming,) = [t for t in year.tables() if t.sheet == "Upcoming"]
    held = events.rows[0]
    assert held[3] == "Serena Hotel Conference Hall, Islamabad"
    assert held[4] == "; ".join(f"Member organisation {n} (test)" for n in range(3))
    assert upcoming.rows == (
        (
            "10 April 2025",
            "Planned roundtable (test)",
            "Roundtable",
            "Lahore",
            "Member organisation 0 (test)",
            "Member organisation 1 (test)",
        ),
    )


def test_the_xlsx_holds_the_member_counts_and_the_statements(year: Document) -> None:
    assert {"In figures", "Membership", "Statements", "Statement texts"} <= set(xlsx_sheets(year))
    text = xlsx_text(year)
    assert "Members on 31 December 2024 | 3 organisations, 0 experts" in text
    assert STATEMENT_TEXT in text
    assert "Alliance Secretariat for Justice (test) (ASJT)" in text


def test_the_pdf_holds_the_whole_recommendation_and_the_new_facts(year: Document) -> None:
    text = pdf_text(year)
    # Narrow cells break words with hyphens or across lines: compare without spaces or hyphens.
    squeezed = re.sub(r"[\s\-‐]", "", text)
    for fact in FACTS:
        assert re.sub(r"[\s\-‐]", "", fact) in squeezed, fact
