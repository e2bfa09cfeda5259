"""The import page and API on real lists: the header row said and chosen, matches confirmed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from palermo.core.models import User
from palermo.engagement.models import Organisation, Person
from tests.engagement import messy_lists
from tests.factories import bearer
from tests.isolates import without_isolates

pytestmark = pytest.mark.django_db

IMPORT_URL = "/en/engagement/organisations/import/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


def counts() -> tuple[int, int]:
    return Organisation.objects.count(), Person.objects.count()


def test_the_preview_says_where_the_header_was_found(secretariat_client: Client) -> None:
    before = counts()

    page = secretariat_client.post(
        IMPORT_URL, {"file": upload(messy_lists.alliance_list(), "alliance.xlsx")}
    )

    html = without_isolates(page.content.decode())
    assert page.status_code == 200
    assert "The header was found in row 3" in html
    assert 'name="header_row" value="3"' in html
    assert "Only a place: read as the place of row 4 (Gojra)." in html
    assert "Read from the name: acronym “CERP”, city “Lahore”." in html
    assert counts() == before


def test_a_header_row_named_on_upload_is_used(secretariat_client: Client) -> None:
    page = secretariat_client.post(
        IMPORT_URL,
        {"file": upload(messy_lists.headerless_list(), "headerless.xlsx"), "header_row": "1"},
    )

    html = without_isolates(page.content.decode())
    assert "The header is row 1, as you chose." in html
    assert 'id="map-column_a"' in html


def test_a_list_without_a_header_is_refused_on_the_upload_form(
    secretariat_client: Client,
) -> None:
    page = secretariat_client.post(
        IMPORT_URL, {"file": upload(messy_lists.headerless_list(), "headerless.xlsx")}
    )

    html = without_isolates(page.content.decode())
    assert "No header row was found in the first 2 rows" in html
    assert 'name="header_row"' in html


def test_ticking_merge_on_the_preview_merges_the_possible_match(
    secretariat_client: Client,
) -> None:
    registered = messy_lists.near_duplicates_registry()
    secretariat_client.post(
        IMPORT_URL, {"file": upload(messy_lists.near_duplicates_list(), "near.xlsx")}
    )
    shown = {
        "header_row": "1",
        "split_names_shown": "1",
        "split_names": "on",
        "map-organisation": "organisation",
        "map-acronym": "acronym",
        "map-city": "city",
    }

    preview = secretariat_client.post(
        IMPORT_URL, {"action": "preview", "merge_rows": ["10"], **shown}
    )
    done = secretariat_client.post(IMPORT_URL, {"action": "confirm", "merge_rows": ["10"], **shown})

    assert 'name="merge_rows" value="10" id="merge-10" checked' in without_isolates(
        preview.content.decode()
    )
    assert "near.xlsx was imported" in without_isolates(done.content.decode())
    assert not Organisation.objects.filter(name="Centre for Governance Research Pakistan")
    assert registered["Centre for Governance Research"].people.count() == 0


def test_another_header_row_on_the_preview_reads_the_columns_afresh(
    secretariat_client: Client,
) -> None:
    secretariat_client.post(
        IMPORT_URL, {"file": upload(messy_lists.merged_header_list(), "merged.xlsx")}
    )

    page = secretariat_client.post(
        IMPORT_URL, {"action": "preview", "header_row": "1", "map-name_of_organisation": "name"}
    )

    html = without_isolates(page.content.decode())
    assert "The header is row 1, as you chose." in html
    assert 'id="map-organisation"' in html


def test_the_api_takes_the_header_row_and_merges(client: Client, secretariat: User) -> None:
    registered = messy_lists.near_duplicates_registry()
    headers = bearer(secretariat)

    preview = client.post(
        "/api/v1/stakeholders/import/preview",
        {"file": upload(messy_lists.near_duplicates_list(), "near.xlsx"), "header_row": "1"},
        headers=headers,
    ).json()
    created = client.post(
        "/api/v1/stakeholders/import",
        {"file": upload(messy_lists.near_duplicates_list(), "near.xlsx"), "merge_rows": ["10"]},
        headers=headers,
    )

    row_10 = next(row for row in preview["rows"] if row["number"] == 10)
    assert (preview["header_row"], preview["header_detected"], preview["possible_matches"]) == (
        1,
        False,
        1,
    )
    assert (row_10["possible_match"], row_10["organisation_action"], row_10["score"]) == (
        True,
        "create",
        94,
    )
    assert row_10["match_reason"] == "shares the words “centre”, “governance”, “research”"
    assert created.status_code == 201
    assert created.json()["organisations_created"] == 6
    assert (
        Organisation.objects.get(name="Centre for Governance Research")
        == (registered["Centre for Governance Research"])
    )


def test_the_api_preview_of_a_phone_list_warns_and_does_not_block(
    client: Client, secretariat: User
) -> None:
    messy_lists.phone_registry()

    body = client.post(
        "/api/v1/stakeholders/import/preview",
        {"file": upload(messy_lists.phone_list(), "phones.xlsx")},
        headers=bearer(secretariat),
    ).json()

    assert (body["errors"], body["warnings"], body["can_commit"]) == (0, 3, True)
    assert next(row for row in body["rows"] if row["number"] == 8)["phones_added"] == [
        "+923121234509"
    ]


def test_the_preview_asks_once_for_each_unknown_kind(secretariat_client: Client) -> None:
    content = messy_lists.workbook(
        (
            "Members",
            [
                ["Organisation", "Type"],
                ["Harbour Dockworkers Union Example", "Trade union"],
                ["Riverbank Dockworkers Union Example", "Trade union"],
            ],
        )
    )
    first = secretariat_client.post(IMPORT_URL, {"file": upload(content, "kinds.xlsx")})
    chosen = {
        "map-organisation": "organisation",
        "map-type": "kind",
        "kind_value_from": ["Trade union"],
        "kind_value_to": ["professional_body"],
    }

    second = secretariat_client.post(IMPORT_URL, {"action": "preview", **chosen})
    done = secretariat_client.post(IMPORT_URL, {"action": "confirm", **chosen})

    assert (
        without_isolates(first.content.decode()).count('name="kind_value_from" value="Trade union"')
        == 1
    )
    assert "rows have errors" in without_isolates(first.content.decode())
    assert '<option value="professional_body" selected>' in without_isolates(
        second.content.decode()
    )
    assert "kinds.xlsx was imported" in without_isolates(done.content.decode())
    assert set(
        Organisation.objects.filter(name__endswith="Union Example").values_list("kind", flat=True)
    ) == {"professional_body"}
