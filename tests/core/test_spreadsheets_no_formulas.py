"""Text people type never becomes a formula in a spreadsheet the application writes.

`=1+1` is written through the services into every free-text field that reaches a spreadsheet;
every XLSX output is then produced and read back: no cell holds a formula, and the text is
there, stored as text. CSV outputs put an apostrophe before it.
"""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from palermo.core.models import User
from palermo.core.spreadsheets import csv_text, is_formula, workbook_bytes, write_cell
from palermo.engagement import exporters as registry_exporters
from palermo.engagement.services import minutes as minutes_services
from palermo.instruments.models import Article, Cluster, State
from palermo.instruments.services import legislation as legislation_services
from palermo.reports.document import Document, Table
from palermo.reports.renderers.xlsx import render_xlsx
from palermo.reviews.services import opening as opening_services
from palermo.reviews.xlsform import build_xlsform
from palermo.tracking import datatemplates
from palermo.tracking.services.recommendations import recommendation_create
from tests.factories import make_event, make_indicator, make_organisation, make_person
from tests.tracking.test_datatemplates import make_world, monitor_of

pytestmark = pytest.mark.django_db

HOSTILE = "=1+1"


def formulas(content: bytes) -> list[str]:
    """Where a workbook holds a formula: a formula cell, or `=` text not stored as text."""
    found = []
    for sheet in load_workbook(io.BytesIO(content)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if cell.data_type == "f" or (
                    isinstance(value, str) and value.startswith("=") and cell.data_type != "s"
                ):
                    found.append(f"{sheet.title}!{cell.coordinate}")
    return found


def hostile_cells(content: bytes) -> int:
    """How many cells hold the hostile text, kept as text with Excel's quote prefix."""
    count = 0
    for sheet in load_workbook(io.BytesIO(content)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(HOSTILE):
                    assert cell.data_type == "s", f"{sheet.title}!{cell.coordinate}"
                    assert cell.quotePrefix, f"{sheet.title}!{cell.coordinate}"
                    count += 1
    return count


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_sheet_written_through_the_helpers_keeps_every_formula_start_as_text() -> None:
    workbook = Workbook()
    starts = [HOSTILE, "+1", "-1", "@SUM(A1)", "\tx", "\rx", "plain", "a=b"]
    for row, text in enumerate(starts, start=1):
        write_cell(workbook.active, row=row, column=1, value=text)
    workbook.active.append(["=SUM(A1:A2)"])

    content = workbook_bytes(workbook)

    sheet = load_workbook(io.BytesIO(content)).active
    assert formulas(content) == []
    assert [cell.quotePrefix for (cell,) in sheet.iter_rows()] == [
        True,
        True,
        True,
        True,
        True,
        True,
        False,
        False,
        True,
    ]
    assert [csv_text(text) for text in starts[:4]] == ["'=1+1", "'+1", "'-1", "'@SUM(A1)"]
    assert [is_formula(text) for text in ("plain", "a=b", "1", "")] == [False] * 4


def test_the_list_downloads_keep_typed_formulas_as_text(secretariat: User) -> None:
    society = make_organisation(HOSTILE, kind="civil_society")
    make_person(HOSTILE, organisation=society, title=HOSTILE, expertise=HOSTILE)
    event = make_event(HOSTILE, starts_on=datetime.date(2024, 5, 2), venue=HOSTILE, city=HOSTILE)
    minutes = minutes_services.minutes_record(actor=None, event=event, summary=HOSTILE)
    decision = minutes_services.decision_add(actor=None, minutes=minutes, text=HOSTILE)
    minutes_services.action_item_create(
        actor=None, decision=decision, text=HOSTILE, owner_organisation=society
    )
    recommendation_create(
        actor=secretariat,
        text=HOSTILE,
        title=HOSTILE,
        source="other",
        source_title=HOSTILE,
        issued_on=datetime.date(2024, 5, 2),
    )
    client = signed_in(secretariat)
    lists = {
        "engagement:person-list": 4,
        "engagement:event-list": 3,
        "engagement:action-item-list": 3,
        "tracking:recommendation-list": 3,
    }

    for url_name, typed in lists.items():
        as_xlsx = client.get(reverse(url_name), {"format": "xlsx"}).content
        as_csv = client.get(reverse(url_name), {"format": "csv"}).content.decode("utf-8-sig")

        assert formulas(as_xlsx) == [], url_name
        assert hostile_cells(as_xlsx) == typed, url_name
        cells = [cell for row in csv.reader(io.StringIO(as_csv)) for cell in row]
        assert sum(cell == f"'{HOSTILE}" for cell in cells) == typed, url_name
        assert not any(cell.startswith("=") for cell in cells), url_name


def test_the_registry_workbook_keeps_typed_formulas_as_text(secretariat: User) -> None:
    society = make_organisation(HOSTILE, kind="civil_society")
    make_person(HOSTILE, organisation=society, title=HOSTILE, roles=HOSTILE, expertise=HOSTILE)

    content = registry_exporters.registry_workbook(user=secretariat).content

    assert formulas(content) == []
    assert hostile_cells(content) == 6


def test_the_coverage_matrix_keeps_a_typed_law_title_as_text(secretariat: User) -> None:
    pakistan = State.objects.get(iso3="PAK")
    law = legislation_services.law_create(
        actor=None, state=pakistan, title=HOSTILE, short_title=HOSTILE, year=2024
    )
    provision = legislation_services.provision_create(
        actor=None, law=law, section="3", heading=HOSTILE, text=HOSTILE
    )
    article = Article.objects.filter(clusters__number=1).order_by("pk").first()
    assert article is not None
    legislation_services.mapping_add(actor=None, provision=provision, article=article)

    response = signed_in(secretariat).get(
        reverse("instruments:coverage"), {"state": "PAK", "cluster": "1", "format": "xlsx"}
    )

    assert formulas(response.content) == []
    assert hostile_cells(response.content) == 1


def test_the_xlsform_keeps_typed_question_texts_as_text(secretariat: User) -> None:
    review = opening_services.review_open(
        actor=secretariat,
        state=State.objects.get(iso3="PAK"),
        cluster=Cluster.objects.get(number=1),
        year=2021,
    )
    question = review.questions.order_by("pk").first()
    assert question is not None
    opening_services.question_save(
        actor=secretariat, question=question, text=HOSTILE, help_text=HOSTILE
    )

    content = build_xlsform(review)

    assert formulas(content) == []
    assert hostile_cells(content) == 2


def test_the_data_maintenance_template_keeps_typed_names_as_text() -> None:
    world = make_world()
    make_indicator(world.plan, world.fia, name=HOSTILE, unit=HOSTILE)
    monitor = monitor_of(world.fia)

    content = datatemplates.template_build(
        user=monitor, plan=world.plan, body=world.fia, period=datetime.date(2025, 3, 1)
    )

    assert formulas(content) == []
    assert hostile_cells(content) == 2


def test_a_report_rendered_to_xlsx_keeps_typed_cells_as_text() -> None:
    document = Document(title=HOSTILE, author=HOSTILE).add(
        Table(columns=(HOSTILE, "Count"), rows=((HOSTILE, 3), ("-5 cases", 4)), sheet="Data")
    )

    content = render_xlsx(document)

    assert formulas(content) == []
    assert hostile_cells(content) == 4


def test_the_audit_log_download_keeps_a_typed_username_as_text(secretariat: User) -> None:
    Client().post(reverse("login"), {"username": HOSTILE, "password": "wrong"}, follow=False)

    content = signed_in(secretariat).get(reverse("audit-list"), {"format": "csv"})

    cells = [
        cell for row in csv.reader(io.StringIO(content.content.decode("utf-8"))) for cell in row
    ]
    assert f"'{HOSTILE}" in cells
    assert not any(cell.startswith("=") for cell in cells)
