"""Questionnaire (XLSForm) imports under the upload caps (core.uploads)."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from palermo.core import messages as core_messages
from palermo.core.models import User
from palermo.reviews.models import Review
from tests.factories import bearer
from tests.workbooks import huge_legislation_xlsx

pytestmark = pytest.mark.django_db


def test_a_half_million_row_workbook_is_refused_413_before_pyxform_reads_it(
    client: Client, review: Review, secretariat: User
) -> None:
    upload = SimpleUploadedFile("survey.xlsx", huge_legislation_xlsx())
    headers = bearer(secretariat)
    started = time.monotonic()

    url = f"/api/v1/reviews/{review.pk}/xlsform"

    response = client.post(url, {"file": upload}, headers=headers)

    assert time.monotonic() - started < 3
    assert response.status_code == 413
    assert response.json() == {
        "detail": str(core_messages.IMPORT_TOO_MANY_ROWS % {"max": "20,000"})
    }
