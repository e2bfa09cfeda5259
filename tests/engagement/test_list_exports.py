"""The events, people and action-item lists downloaded as XLSX or CSV, filtered like the page."""

import csv
import datetime
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import ActionItem
from palermo.engagement.services import minutes as minutes_services
from tests.factories import make_event, make_organisation, make_person, make_user

pytestmark = pytest.mark.django_db


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_events_export_keeps_the_year_filter_and_is_not_paginated(
    secretariat_client: Client,
) -> None:
    make_event("Webinar on smuggling", starts_on=datetime.date(2023, 3, 1))
    for day in range(1, 56):
        make_event(
            f"Meeting {day:02}", starts_on=datetime.date(2024, 1, 1) + datetime.timedelta(day)
        )

    response = secretariat_client.get("/en/engagement/events/?year=2024&sort=title&format=xlsx")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="events-')
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("Starts on", "Ends on", "Start time", "End time", "Title", "Kind")
    assert len(rows) == 1 + 55
    assert [row[4] for row in rows[1:4]] == ["Meeting 01", "Meeting 02", "Meeting 03"]
    assert rows[1][0].date() == datetime.date(2024, 1, 2)
    assert rows[1][5] == "Meeting"
    assert all(row[0].year == 2024 for row in rows[1:])


def test_the_events_export_as_csv(secretariat_client: Client) -> None:
    make_event("=Consultation", starts_on=datetime.date(2024, 5, 2), city="Lahore")

    response = secretariat_client.get("/en/engagement/events/?format=csv")

    rows = csv_rows(response.content)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[1][:8] == ["2024-05-02", "", "", "", "'=Consultation", "Meeting", "", "Lahore"]
    assert rows[1][-2].startswith("http://testserver/en/engagement/events/")
    assert rows[1][-1] == "Exact day"


def test_the_event_list_links_to_both_exports_with_its_filters(
    secretariat_client: Client,
) -> None:
    make_event("Consultation", starts_on=datetime.date(2024, 5, 2))

    page = secretariat_client.get("/en/engagement/events/?year=2024&page=1").content.decode()

    assert 'href="?year=2024&amp;format=xlsx"' in page
    assert 'href="?year=2024&amp;format=csv"' in page
    assert "Export to Excel" in page


def test_a_members_people_export_hides_another_organisations_contacts() -> None:
    own = make_organisation("Legal Aid Society", kind="civil_society")
    other = make_organisation("Pakistan Bar Council", kind="civil_society")
    member = make_user("member", Role.CS_MEMBER, organisation=own)
    make_person("Ayesha Own", organisation=own, email="ayesha@example.org")
    make_person("Bilal Other", organisation=other, email="bilal@example.org", phone="0300-1234567")

    response = logged_in(member).get("/en/engagement/people/?format=csv")

    rows = csv_rows(response.content)
    assert rows[0] == ["Name", "Organisation", "Title or position", "Expertise", "E-mail", "Phone"]
    assert rows[1] == ["Ayesha Own", "Legal Aid Society", "", "", "ayesha@example.org", ""]
    assert rows[2] == ["Bilal Other", "Pakistan Bar Council", "", "", "", ""]
    assert b"bilal@example.org" not in response.content


def test_a_coordinators_people_export_keeps_the_search_and_shows_contacts() -> None:
    coordinator = make_user(
        "coordinator", Role.CS_COORDINATOR, organisation=make_organisation("Alliance")
    )
    other = make_organisation("Pakistan Bar Council", kind="civil_society")
    make_person("Bilal Other", organisation=other, email="bilal@example.org")
    make_person("Zara Elsewhere", organisation=make_organisation("Media Watch"))

    response = logged_in(coordinator).get("/en/engagement/people/?q=bar&format=xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["Name", "Bilal Other"]
    assert sheet["E2"].value == "bilal@example.org"


def test_the_action_item_export_names_each_status_and_keeps_the_filter() -> None:
    owner = make_organisation("Legal Aid Society", kind="civil_society")
    coordinator = make_user(
        "coordinator", Role.CS_COORDINATOR, organisation=make_organisation("Alliance")
    )
    minutes = minutes_services.minutes_record(
        actor=coordinator, event=make_event("Consultation in Lahore"), summary="We met."
    )
    decision = minutes_services.decision_add(
        actor=coordinator, minutes=minutes, text="Prepare the parallel report."
    )
    done, _open = (
        minutes_services.action_item_create(
            actor=coordinator,
            decision=decision,
            text=text,
            owner_organisation=owner,
            due_on=datetime.date(2030, 1, 31),
        )
        for text in ("Collect case files", "Brief the media")
    )
    minutes_services.action_item_set_status(
        actor=coordinator, item=done, status=ActionItem.Status.DONE, note="Sent."
    )
    client = logged_in(coordinator)

    everything = csv_rows(client.get("/en/engagement/action-items/?format=csv").content)
    only_done = csv_rows(client.get("/en/engagement/action-items/?status=done&format=csv").content)

    header = everything[0]
    status = header.index("Status")
    assert header[:4] == ["Action", "Meeting", "Meeting date", "Decision"]
    assert {row[0]: row[status] for row in everything[1:]} == {
        "Collect case files": "Done",
        "Brief the media": "Open",
    }
    assert [row[0] for row in only_done[1:]] == ["Collect case files"]
    assert only_done[1][header.index("Owner (organisation)")] == "Legal Aid Society"
    assert only_done[1][header.index("Due on")] == "2030-01-31"


def test_an_export_needs_a_signed_in_user() -> None:
    response = Client().get("/en/engagement/events/?format=csv")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
