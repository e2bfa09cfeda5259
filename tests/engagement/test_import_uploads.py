"""The stakeholder import under the upload caps (core.uploads)."""

import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from palermo.core import messages as core_messages
from palermo.core import tabular
from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation
from tests.factories import bearer, make_organisation, make_user
from tests.workbooks import huge_legislation_xlsx

pytestmark = pytest.mark.django_db


def many_organisations(count: int) -> SimpleUploadedFile:
    lines = ["Organisation"] + [f"Organisation number {n}" for n in range(count)]
    return SimpleUploadedFile("registry.csv", ("\n".join(lines) + "\n").encode())


def test_the_api_refuses_a_file_past_the_importers_row_cap_with_413(
    client: Client, secretariat: User
) -> None:
    response = client.post(
        "/api/v1/stakeholders/import/preview",
        {"file": many_organisations(2_001)},
        headers=bearer(secretariat),
    )

    assert response.status_code == 413
    assert response.json() == {"detail": str(core_messages.IMPORT_TOO_MANY_ROWS % {"max": "2,000"})}
    assert not Organisation.objects.filter(name__startswith="Organisation number").exists()


def test_a_half_million_row_workbook_is_refused_in_moments(
    client: Client, secretariat: User
) -> None:
    upload = SimpleUploadedFile("registry.xlsx", huge_legislation_xlsx())
    headers = bearer(secretariat)
    started = time.monotonic()

    response = client.post("/api/v1/stakeholders/import", {"file": upload}, headers=headers)

    assert time.monotonic() - started < 3
    assert response.status_code == 413


def test_a_member_is_refused_before_the_file_is_read(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    organisation = make_organisation("Riverbank Youth Network", kind="civil_society")
    headers = bearer(make_user("member", Role.CS_MEMBER, organisation=organisation))

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file was read")

    monkeypatch.setattr(tabular, "iter_rows", fail)

    response = client.post(
        "/api/v1/stakeholders/import/preview",
        {"file": many_organisations(3)},
        headers=headers,
    )

    assert response.status_code == 403


def test_the_upload_page_shows_the_size_cap_as_the_form_error(
    client: Client, secretariat: User, settings: Any
) -> None:
    settings.PALERMO_IMPORT_MAX_MB = 1
    client.force_login(secretariat)

    response = client.post(
        reverse("engagement:stakeholder-import"),
        {"file": SimpleUploadedFile("registry.csv", b"Organisation\n" + b"x" * 1_100_000)},
    )

    assert response.status_code == 200
    assert str(core_messages.FILE_TOO_LARGE % {"max": "1"}) in response.content.decode()
