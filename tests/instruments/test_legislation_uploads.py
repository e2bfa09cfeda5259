"""The legislation import and a law's file under the upload caps (core.uploads)."""

import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from palermo.core import messages as core_messages
from palermo.core import tabular
from palermo.core.models import User
from palermo.core.roles import Role
from palermo.instruments.models import Law
from tests.factories import bearer, make_organisation, make_user
from tests.workbooks import huge_legislation_xlsx

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROWS_CAP = str(core_messages.IMPORT_TOO_MANY_ROWS % {"max": "20,000"})
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64 + b"PE\x00\x00"


def huge_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("laws.xlsx", huge_legislation_xlsx(), content_type=XLSX)


def civil_society_member() -> User:
    organisation = make_organisation("Lahore Legal Aid", kind="civil_society", country="PAK")
    return make_user("cs-member", Role.CS_MEMBER, organisation=organisation)


def never_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file was read")

    monkeypatch.setattr(tabular, "iter_rows", fail)


def test_a_580000_row_dry_run_on_the_api_is_refused_413_naming_the_cap_in_moments(
    client: Client, secretariat: User
) -> None:
    upload = huge_upload()
    headers = bearer(secretariat)
    started = time.monotonic()

    response = client.post(
        "/api/v1/legislation/import?state=PAK&dry_run=true",
        data={"file": upload},
        headers=headers,
    )

    assert time.monotonic() - started < 3
    assert response.status_code == 413
    assert response.json() == {"detail": ROWS_CAP}
    assert Law.objects.count() == 0


def test_a_580000_row_file_on_the_import_page_gets_the_cap_as_the_form_error_in_moments(
    client: Client, secretariat: User
) -> None:
    upload = huge_upload()
    client.force_login(secretariat)
    started = time.monotonic()

    response = client.post("/en/instruments/legislation/import/?state=PAK", {"file": upload})

    assert time.monotonic() - started < 3
    assert response.status_code == 200
    assert ROWS_CAP in response.content.decode()
    assert "legislation_import" not in client.session
    assert Law.objects.count() == 0


def test_a_civil_society_member_is_refused_a_dry_run_before_the_file_is_read(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = bearer(civil_society_member())
    never_read(monkeypatch)

    response = client.post(
        "/api/v1/legislation/import?state=PAK&dry_run=true",
        data={"file": huge_upload()},
        headers=headers,
    )

    assert response.status_code == 403
    assert response.json() == {"detail": str(core_messages.NOT_ALLOWED)}


def test_a_civil_society_member_is_refused_the_import_page_before_the_file_is_read(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.force_login(civil_society_member())
    never_read(monkeypatch)

    response = client.post("/en/instruments/legislation/import/?state=PAK", {"file": huge_upload()})

    assert response.status_code == 403


def test_an_import_past_the_size_cap_is_refused_413_before_it_is_read(
    client: Client, secretariat: User, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.PALERMO_IMPORT_MAX_MB = 1
    headers = bearer(secretariat)
    monkeypatch.setattr(tabular, "as_source", lambda content: pytest.fail("the file was read"))

    response = client.post(
        "/api/v1/legislation/import?state=PAK",
        data={"file": SimpleUploadedFile("laws.csv", b"law\n" + b"x" * 1_100_000)},
        headers=headers,
    )

    assert response.status_code == 413
    assert response.json() == {"detail": str(core_messages.FILE_TOO_LARGE % {"max": "1"})}


def law_form(file: SimpleUploadedFile) -> dict[str, Any]:
    return {
        "title": "Prevention of Trafficking in Persons Act, 2018",
        "kind": "act",
        "status": "in_force",
        "file": file,
    }


def test_a_law_text_in_a_pdf_named_txt_is_accepted_by_its_content(
    client: Client, secretariat: User, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client.force_login(secretariat)

    response = client.post(
        "/en/instruments/legislation/new/?state=PAK",
        law_form(SimpleUploadedFile("act.txt", b"%PDF-1.7\n%%EOF\n")),
    )

    assert response.status_code == 302
    law = Law.objects.get()
    assert law.file.read() == b"%PDF-1.7\n%%EOF\n"


def test_a_program_named_pdf_is_refused_as_a_law_text_with_the_formats_it_may_be(
    client: Client, secretariat: User, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client.force_login(secretariat)

    response = client.post(
        "/en/instruments/legislation/new/?state=PAK",
        law_form(SimpleUploadedFile("act.pdf", EXE, content_type="application/pdf")),
    )

    assert response.status_code == 200
    assert str(core_messages.DOCUMENT_KIND_REFUSED) in response.content.decode()
    assert Law.objects.count() == 0
    assert list(tmp_path.iterdir()) == []


def test_the_import_page_states_the_caps_from_the_settings(
    client: Client, secretariat: User, settings: Any
) -> None:
    settings.PALERMO_IMPORT_MAX_MB = 4
    settings.PALERMO_IMPORT_MAX_ROWS = 5_000
    client.force_login(secretariat)

    page = client.get("/en/instruments/legislation/import/?state=PAK")

    assert "At most 4 MB and 5,000 rows." in page.content.decode()
