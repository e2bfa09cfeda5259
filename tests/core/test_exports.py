"""Downloads of a list as XLSX or CSV: headers, dates, Urdu text and formula-looking cells."""

import csv
import datetime
import io
import zoneinfo
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from palermo.core.exports import export_urls, list_what, requested_format, table_response
from palermo.core.models import AuditEvent

pytestmark = pytest.mark.django_db

HEADERS = [gettext_lazy("Title"), "Starts on", "Count"]
ROWS = [
    ["مشاورت لاہور", datetime.date(2024, 7, 10), 31],
    ["Webinar", None, 0],
]
HOSTILE = ['=HYPERLINK("http://evil")', "+1+2", "-3", "@SUM(A1)", "plain", "a=b"]


def download(**kwargs: Any) -> HttpResponse:
    """A list download by nobody in particular; each writes one audit event."""
    return table_response(actor=None, what="Events list", object_type="engagement.event", **kwargs)


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_is_utf8_with_a_byte_order_mark_and_iso_dates() -> None:
    response = download(filename="events", headers=HEADERS, rows=ROWS, fmt="csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="events.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert _csv_rows(response.content) == [
        ["Title", "Starts on", "Count"],
        ["مشاورت لاہور", "2024-07-10", "31"],
        ["Webinar", "", "0"],
    ]


def test_xlsx_has_a_bold_header_dates_as_dates_and_widths() -> None:
    response = download(
        filename="events", headers=HEADERS, rows=ROWS, fmt="xlsx", sheet_title="Events"
    )

    assert response["Content-Disposition"] == 'attachment; filename="events.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Events"
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["Title", "Starts on", "Count"],
        ["مشاورت لاہور", sheet["B2"].value, 31],
        ["Webinar", None, 0],
    ]
    assert [cell.font.bold for cell in sheet[1]] == [True, True, True]
    assert sheet["B2"].is_date
    assert sheet["B2"].value.date() == datetime.date(2024, 7, 10)
    assert sheet["B2"].number_format == "yyyy-mm-dd"
    assert sheet.column_dimensions["A"].width == 14
    assert sheet.column_dimensions["C"].width == 8


def test_formula_looking_text_stays_text_in_csv() -> None:
    response = download(filename="x", headers=["Value"], rows=[[v] for v in HOSTILE], fmt="csv")

    assert [row[0] for row in _csv_rows(response.content)[1:]] == [
        '\'=HYPERLINK("http://evil")',
        "'+1+2",
        "'-3",
        "'@SUM(A1)",
        "plain",
        "a=b",
    ]


def test_formula_looking_text_stays_text_in_xlsx() -> None:
    response = download(filename="x", headers=["=Header"], rows=[[v] for v in HOSTILE], fmt="xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [row[0] for row in sheet.iter_rows()]
    assert [cell.value for cell in cells] == ["=Header", *HOSTILE]
    assert {cell.data_type for cell in cells} == {"s"}
    assert [cell.quotePrefix for cell in cells] == [True, True, True, True, True, False, False]


def test_aware_datetimes_are_written_in_local_time(settings: object) -> None:
    settings.TIME_ZONE = "Asia/Karachi"  # type: ignore[attr-defined]
    moment = datetime.datetime(2024, 7, 10, 9, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))

    as_csv = download(filename="x", headers=["At"], rows=[[moment]], fmt="csv")
    as_xlsx = download(filename="x", headers=["At"], rows=[[moment]], fmt="xlsx")

    assert _csv_rows(as_csv.content)[1] == ["2024-07-10 14:30"]
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet["A2"].value == datetime.datetime(2024, 7, 10, 14, 30)  # noqa: DTZ001


def test_an_unknown_format_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="Unknown export format 'pdf'"):
        download(filename="x", headers=[], rows=[], fmt="pdf")


def test_the_format_comes_from_the_query_and_links_keep_the_filters() -> None:
    request = RequestFactory().get("/en/engagement/events/", {"year": "2024", "page": "3"})

    assert requested_format(request) is None
    assert requested_format(RequestFactory().get("/", {"format": "csv"})) == "csv"
    assert requested_format(RequestFactory().get("/", {"format": "pdf"})) is None
    assert export_urls(request) == {
        "export_xlsx_url": "?year=2024&format=xlsx",
        "export_csv_url": "?year=2024&format=csv",
    }


def test_a_list_download_writes_one_audit_event_with_its_format_and_row_count() -> None:
    before = AuditEvent.objects.count()

    download(filename="events", headers=HEADERS, rows=iter(ROWS), fmt="csv")

    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.first()
    assert event is not None
    assert (event.action, event.object_type, event.object_repr) == (
        "export",
        "engagement.event",
        "Events list (csv, 2 rows)",
    )


def test_a_refused_format_writes_no_audit_event() -> None:
    before = AuditEvent.objects.count()

    with pytest.raises(ValueError, match="Unknown export format"):
        download(filename="x", headers=[], rows=[], fmt="pdf")

    assert AuditEvent.objects.count() == before


def test_what_a_list_download_holds_names_its_filters_but_not_its_format_or_page() -> None:
    request = RequestFactory().get("/", {"year": "2024", "page": "3", "format": "csv"})

    assert list_what(request, "Events") == "Events list [year=2024]"
    assert list_what(RequestFactory().get("/", {"format": "xlsx"}), "Events") == "Events list"
