"""The stakeholder import pages and API, and the registry export."""

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation, Person
from palermo.engagement.services import registry as registry_services
from tests.engagement.stakeholder_workbook import existing_registry, stakeholder_workbook
from tests.factories import bearer, make_organisation, make_person, make_user
from tests.isolates import without_isolates

pytestmark = pytest.mark.django_db

IMPORT_URL = "/en/engagement/organisations/import/"
EXPORT_URL = "/en/engagement/organisations/export.xlsx"
GUESSED = {
    "e_mail_address": "email",
    "mobile": "phone",
    "last_name": "last_name",
    "sector_theme": "sector",
    "name_of_organisation": "organisation",
    "first_name": "first_name",
    "designation": "title",
    "district": "city",
    "province": "region",
    "org_type": "kind",
    "acronym": "acronym",
    "notes": "ignore",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(*, fixed: bool = False, name: str = "stakeholders.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, stakeholder_workbook(fixed=fixed), content_type=XLSX)


def mapping_fields(mapping: dict[str, str], **changes: str) -> dict[str, Any]:
    return {f"map-{column}": changes.get(column, field) for column, field in mapping.items()}


def registry_counts() -> tuple[int, int]:
    return Organisation.objects.count(), Person.objects.count()


def rows_marked(html: str, css: str) -> int:
    return html.count(f'<tr class="{css}">')


def test_the_urls_are_named() -> None:
    assert reverse("engagement:stakeholder-import") == IMPORT_URL
    assert reverse("engagement:registry-export") == EXPORT_URL


def test_an_upload_shows_the_preview_with_duplicates_and_errors(
    client: Client, secretariat: User
) -> None:
    existing_registry()
    before = registry_counts()
    client.force_login(secretariat)

    page = client.post(IMPORT_URL, {"file": upload()})

    html = without_isolates(page.content.decode())
    assert page.status_code == 200
    assert "Preview of stakeholders.xlsx" in html
    assert (
        "Likely duplicate of “Pakistan Bar Council” of row 2 (score 100: the same name with "
        "abbreviations written out); merged into it." in html
    )
    assert (
        "Likely duplicate of “Federal Investigation Agency” (score 100: the same acronym “FIA”); "
        "merged into it." in html
    )
    assert "“12345” is not a valid phone number." in html
    assert "“gul(at)example.org” is not a valid e-mail address." in html
    assert (rows_marked(html, "table-danger"), rows_marked(html, "table-warning")) == (4, 5)
    assert html.count('name="new_organisation_rows"') == 2
    assert 'value="confirm"' not in html
    assert '<option value="phone" selected>' in html
    assert registry_counts() == before


def test_changing_the_mapping_on_the_preview_plans_again_without_importing(
    client: Client, secretariat: User
) -> None:
    existing_registry()
    before = registry_counts()
    client.force_login(secretariat)
    client.post(IMPORT_URL, {"file": upload()})

    page = client.post(
        IMPORT_URL, {"action": "preview", **mapping_fields(GUESSED, mobile="ignore")}
    )

    html = without_isolates(page.content.decode())
    assert "“12345” is not a valid phone number." not in html
    assert rows_marked(html, "table-danger") == 3
    assert '<select class="form-select" id="map-mobile" name="map-mobile">' in html
    assert '<option value="ignore" selected>' in html
    assert registry_counts() == before


def test_confirming_imports_every_row_and_shows_the_counts(
    client: Client, secretariat: User
) -> None:
    existing_registry()
    organisations, people = registry_counts()
    client.force_login(secretariat)
    preview = client.post(IMPORT_URL, {"file": upload(fixed=True)})
    assert "Import 30 rows" in without_isolates(preview.content.decode())

    done = client.post(
        IMPORT_URL,
        {"action": "confirm", "new_organisation_rows": ["3"], **mapping_fields(GUESSED)},
    )

    html = without_isolates(done.content.decode())
    assert "stakeholders.xlsx was imported" in html
    assert "12 organisations created" in html
    assert "25 people created" in html
    assert reverse("engagement:organisation-list") in html
    assert registry_counts() == (organisations + 12, people + 25)
    assert Organisation.objects.filter(name="Pak Bar Council").exists()


def test_confirming_after_changing_the_mapping_shows_the_new_preview_first(
    client: Client, secretariat: User
) -> None:
    existing_registry()
    before = registry_counts()
    client.force_login(secretariat)
    client.post(IMPORT_URL, {"file": upload(fixed=True)})

    page = client.post(
        IMPORT_URL, {"action": "confirm", **mapping_fields(GUESSED, designation="roles")}
    )

    assert "The columns were mapped differently" in without_isolates(page.content.decode())
    assert registry_counts() == before


def test_a_field_chosen_for_two_columns_keeps_the_previous_mapping(
    client: Client, secretariat: User
) -> None:
    client.force_login(secretariat)
    client.post(IMPORT_URL, {"file": upload(fixed=True)})

    page = client.post(IMPORT_URL, {"action": "preview", **mapping_fields(GUESSED, notes="phone")})

    html = without_isolates(page.content.decode())
    assert "Two columns are imported into “Phone”; choose one column for each field." in html
    assert '<option value="ignore" selected>' in html.split('id="map-notes"')[1]


def test_confirming_without_an_upload_asks_for_the_file_again(
    client: Client, secretariat: User
) -> None:
    client.force_login(secretariat)

    page = client.post(IMPORT_URL, {"action": "confirm"}, follow=True)

    assert "The upload expired; upload the file again." in without_isolates(page.content.decode())


def test_a_corrupt_file_is_refused_on_the_upload_form(client: Client, secretariat: User) -> None:
    client.force_login(secretariat)
    before = registry_counts()

    page = client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("list.xlsx", b"not a zip", content_type=XLSX)}
    )

    assert "The file is not a readable XLSX workbook." in without_isolates(page.content.decode())
    assert registry_counts() == before


def test_a_civil_society_member_may_not_import(client: Client) -> None:
    organisation = make_organisation("Riverbank Youth Network", kind="civil_society")
    client.force_login(make_user("member", Role.CS_MEMBER, organisation=organisation))
    before = registry_counts()

    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, {"file": upload(fixed=True)}).status_code == 403
    assert registry_counts() == before


def sheet_rows(content: bytes, title: str) -> list[tuple[Any, ...]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return [tuple(row) for row in workbook[title].iter_rows(values_only=True)]


def test_the_export_lists_organisations_and_people(client: Client, secretariat: User) -> None:
    bar = registry_services.organisation_create(
        actor=None,
        name="Pakistan Bar Council",
        acronym="PBC",
        kind="professional_body",
        country="PAK",
        city="Islamabad",
        themes=["Legal aid", "Human rights"],
    )
    make_person("Ayla Example", organisation=bar, email="ayla@example.org", phone="0300-1234567")
    client.force_login(secretariat)

    response = client.get(EXPORT_URL)

    assert response["Content-Type"] == XLSX
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Organisations", "People"]
    organisations = sheet_rows(response.content, "Organisations")
    assert organisations[0] == (
        "Name",
        "Acronym",
        "Kind",
        "Sectors and themes",
        "City",
        "Province or region",
        "Country",
        "Website",
        "Parent organisation",
    )
    assert (
        "Pakistan Bar Council",
        "PBC",
        "Professional body",
        "Human rights, Legal aid",
        "Islamabad",
        None,
        "Pakistan",
        None,
        None,
    ) in organisations
    assert sheet_rows(response.content, "People")[1:] == [
        (
            "Ayla Example",
            None,
            "Pakistan Bar Council",
            None,
            None,
            "ayla@example.org",
            "+923001234567",
        )
    ]


def test_a_members_export_shows_contacts_of_their_own_organisation_only(client: Client) -> None:
    own = make_organisation("Riverbank Youth Network", kind="civil_society")
    other = make_organisation("Crescent Media Watch", kind="media")
    make_person("Hina Specimen", organisation=own, email="hina@example.org", phone="0345-6667788")
    make_person("Javeria Sampleton", organisation=other, email="javeria@example.com")
    client.force_login(make_user("member", Role.CS_MEMBER, organisation=own))

    response = client.get(EXPORT_URL)

    people = {row[0]: row[5:] for row in sheet_rows(response.content, "People")[1:]}
    assert people == {
        "Hina Specimen": ("hina@example.org", "+923456667788"),
        "Javeria Sampleton": (None, None),
    }


def test_the_api_previews_then_refuses_then_imports(client: Client, secretariat: User) -> None:
    existing_registry()
    headers = bearer(secretariat)
    before = registry_counts()

    preview = client.post(
        "/api/v1/stakeholders/import/preview",
        {"file": upload(), "mapping": '{"Notes": "ignore"}'},
        headers=headers,
    )
    refused = client.post("/api/v1/stakeholders/import", {"file": upload()}, headers=headers)
    assert registry_counts() == before
    created = client.post(
        "/api/v1/stakeholders/import",
        {"file": upload(fixed=True), "new_organisation_rows": ["3", "4"]},
        headers=headers,
    )

    assert preview.status_code == 200
    body = preview.json()
    assert (body["errors"], body["organisation_duplicates"], body["can_commit"]) == (4, 2, False)
    assert body["mapping"] == GUESSED
    row_4 = next(row for row in body["rows"] if row["number"] == 4)
    assert (row_4["match"], row_4["score"], row_4["organisation_action"]) == (
        "Federal Investigation Agency",
        100,
        "existing",
    )
    assert row_4["match_organisation_id"] == Organisation.objects.get(acronym="FIA").pk
    assert refused.status_code == 400
    assert refused.json()["detail"] == ["Rows with errors: 4. Nothing was imported."]
    assert [row["number"] for row in refused.json()["rows"]] == [7, 8, 18, 20]
    assert created.status_code == 201
    assert created.json() == {
        "filename": "stakeholders.xlsx",
        "organisations_created": 13,
        "organisations_matched": 1,
        "people_created": 25,
        "people_skipped": 3,
        "phones_added": 0,
    }
    assert Organisation.objects.filter(name="FIA").exists()


def test_the_api_refuses_a_bad_mapping_and_a_member(client: Client, secretariat: User) -> None:
    organisation = make_organisation("Riverbank Youth Network", kind="civil_society")
    member = make_user("member", Role.CS_MEMBER, organisation=organisation)

    bad = client.post(
        "/api/v1/stakeholders/import/preview",
        {"file": upload(), "mapping": '{"Mobile": "fax"}'},
        headers=bearer(secretariat),
    )
    forbidden = client.post(
        "/api/v1/stakeholders/import", {"file": upload(fixed=True)}, headers=bearer(member)
    )

    not_json = client.post(
        "/api/v1/stakeholders/import/preview",
        {"file": upload(), "mapping": "Mobile=phone"},
        headers=bearer(secretariat),
    )

    assert bad.status_code == 400
    assert bad.json()["detail"] == ["“fax” is not a field a column can be imported into."]
    assert not_json.json()["detail"] == [
        "Give the mapping as a JSON object from column header to field."
    ]
    assert forbidden.status_code == 403
    assert not Organisation.objects.filter(name="Pakistan Bar Council").exists()


def test_the_api_exports_the_registry(client: Client, secretariat: User) -> None:
    make_organisation("Crescent Media Watch", kind="media")

    response = client.get("/api/v1/organisations/export.xlsx", headers=bearer(secretariat))

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    names = [row[0] for row in sheet_rows(response.content, "Organisations")]
    assert "Crescent Media Watch" in names
