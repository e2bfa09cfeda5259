"""Filled data templates under the upload caps (core.uploads)."""

import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from palermo.core import messages as core_messages
from palermo.core import tabular
from palermo.core.models import User
from palermo.core.roles import Role
from tests.factories import bearer, make_organisation, make_plan, make_user
from tests.workbooks import huge_legislation_xlsx

pytestmark = pytest.mark.django_db


def test_a_half_million_row_workbook_is_refused_413_in_moments(
    client: Client, secretariat: User
) -> None:
    plan = make_plan()
    upload = SimpleUploadedFile("template.xlsx", huge_legislation_xlsx())
    headers = bearer(secretariat)
    started = time.monotonic()

    response = client.post(
        f"/api/v1/plans/{plan.pk}/templates/preview", {"file": upload}, headers=headers
    )

    assert time.monotonic() - started < 3
    assert response.status_code == 413
    assert response.json() == {
        "detail": str(core_messages.IMPORT_TOO_MANY_ROWS % {"max": "20,000"})
    }


def test_a_template_past_the_size_cap_is_refused_413(
    client: Client, secretariat: User, settings: Any
) -> None:
    settings.PALERMO_IMPORT_MAX_MB = 1
    plan = make_plan()

    response = client.post(
        f"/api/v1/plans/{plan.pk}/templates",
        {"file": SimpleUploadedFile("template.xlsx", b"PK\x03\x04" + b"x" * 1_100_000)},
        headers=bearer(secretariat),
    )

    assert response.status_code == 413
    assert response.json() == {"detail": str(core_messages.FILE_TOO_LARGE % {"max": "1"})}


def test_someone_who_may_not_open_templates_is_refused_before_the_file_is_read(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = make_organisation("Anti-trafficking task force")
    plan = make_plan(owner)
    analyst = make_user("analyst", Role.ANALYST, organisation=owner)
    monkeypatch.setattr(
        tabular, "check_workbook_rows", lambda *a, **k: pytest.fail("the file was read")
    )

    response = client.post(
        f"/api/v1/plans/{plan.pk}/templates/preview",
        {"file": SimpleUploadedFile("template.xlsx", huge_legislation_xlsx())},
        headers=bearer(analyst),
    )

    assert response.status_code == 403
