"""The data maintenance template pages: download → fill → upload → preview → confirm."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from palermo.core.models import User
from palermo.tracking.datatemplates import rules
from palermo.tracking.models import Measurement
from tests.factories import make_organisation, make_plan, make_user
from tests.isolates import without_isolates
from tests.tracking.test_datatemplates import (
    XLSX,
    World,
    fill,
    make_world,
    march,
    monitor_of,
)

pytestmark = pytest.mark.django_db


def urls(world: World) -> tuple[str, str, str]:
    return (
        reverse("tracking:datatemplate", args=[world.plan.pk]),
        reverse("tracking:datatemplate-download", args=[world.plan.pk]),
        reverse("tracking:datatemplate-upload", args=[world.plan.pk]),
    )


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_urls_are_named() -> None:
    world = make_world()
    page, download, upload = urls(world)
    plan_id = world.plan.pk
    assert page == f"/en/tracking/plans/{plan_id}/templates/"
    assert download == f"/en/tracking/plans/{plan_id}/templates/download/"
    assert upload == f"/en/tracking/plans/{plan_id}/templates/upload/"


def test_the_page_offers_a_monitor_only_their_own_body() -> None:
    world = make_world()
    page, _download, _upload = urls(world)

    response = signed_in(monitor_of(world.fia)).get(page)

    html = without_isolates(response.content.decode())
    assert response.status_code == 200
    assert "Data maintenance templates" in html
    assert f'<option value="{world.fia.pk}"' in html
    assert f'<option value="{world.anf.pk}"' not in html
    assert '<option value="2025-12-01"' in html
    assert "Download the template" in html


def test_a_plan_of_another_state_is_not_found() -> None:
    world = make_world()
    page, _download, _upload = urls(world)
    stranger = monitor_of(make_organisation("Ministry of Interior", country="TON"), "stranger")

    assert signed_in(stranger).get(page).status_code == 404


def test_the_secretariat_may_choose_every_reporting_body(secretariat: User) -> None:
    world = make_world()
    page, _download, _upload = urls(world)

    html = without_isolates(signed_in(secretariat).get(page).content.decode())

    assert f'<option value="{world.fia.pk}"' in html
    assert f'<option value="{world.anf.pk}"' in html


def test_a_plan_without_indicators_shows_what_the_page_is_for(secretariat: User) -> None:
    plan = make_plan(title="Empty plan")

    response = signed_in(secretariat).get(reverse("tracking:datatemplate", args=[plan.pk]))

    assert response.status_code == 200
    assert "No indicator of this plan is reported by a body you may report for." in (
        without_isolates(response.content.decode())
    )


def test_users_without_a_reporting_role_are_refused() -> None:
    world = make_world()
    page, download, _upload = urls(world)
    client = signed_in(make_user("plain", organisation=make_organisation("Legal Aid Society")))

    assert client.get(page).status_code == 403
    assert client.get(download, march(world.fia)).status_code == 403


def test_the_round_trip_through_the_pages_records_the_values() -> None:
    world = make_world()
    page, download, upload = urls(world)
    client = signed_in(monitor_of(world.fia))

    response = client.get(download, march(world.fia))
    assert response.status_code == 200
    assert response["content-type"] == XLSX
    assert response["content-disposition"] == (
        f'attachment; filename="plan-{world.plan.pk}-fia-2025-03.xlsx"'
    )
    filled = fill(
        response.content,
        {world.cases.pk: (42, "FIA monthly return"), world.quarterly.pk: (7, "JIT register")},
    )

    preview = client.post(
        upload, {"file": SimpleUploadedFile("march.xlsx", filled, content_type=XLSX)}
    )
    html = without_isolates(preview.content.decode())
    assert preview.status_code == 200
    assert "Preview of march.xlsx" in html
    assert "New value: 42." in html
    assert "Left empty; nothing is recorded." in html
    assert "Record 2 values" in html
    assert Measurement.objects.count() == 0

    done = client.post(upload, {"action": "confirm"})
    html = without_isolates(done.content.decode())
    assert done.status_code == 200
    assert "march.xlsx was recorded" in html
    assert "2 new values recorded" in html
    assert "1 row skipped (left empty or unchanged)" in html
    assert world.plan.get_absolute_url() in html
    assert sorted(Measurement.objects.values_list("indicator_id", "period", "value")) == sorted(
        [
            (world.cases.pk, datetime.date(2025, 3, 1), Decimal("42.00")),
            (world.quarterly.pk, datetime.date(2025, 1, 1), Decimal("7.00")),
        ]
    )
    # The stored upload is gone: confirming again records nothing more.
    again = client.post(upload, {"action": "confirm"})
    assert again.status_code == 302
    assert again["location"] == page
    assert Measurement.objects.count() == 2


def test_a_preview_with_errors_marks_the_rows_and_offers_no_confirmation() -> None:
    world = make_world()
    _page, download, upload = urls(world)
    client = signed_in(monitor_of(world.fia))
    content = client.get(download, march(world.fia)).content
    filled = fill(content, {world.cases.pk: (5000,), world.convictions.pk: (3,)})

    preview = client.post(
        upload, {"file": SimpleUploadedFile("march.xlsx", filled, content_type=XLSX)}
    )

    html = without_isolates(preview.content.decode())
    assert html.count('<tr class="table-danger">') == 1
    assert "5000 is outside the plausible range for this indicator (0.00 to 1000.00)." in html
    assert 'value="confirm"' not in html
    # Forcing the confirmation anyway is refused and records nothing.
    refused = client.post(upload, {"action": "confirm"})
    assert "Rows with errors: 1. Nothing was recorded." in without_isolates(
        refused.content.decode()
    )
    assert Measurement.objects.count() == 0


def test_a_corrupt_upload_is_refused_on_the_form() -> None:
    world = make_world()
    _page, _download, upload = urls(world)
    client = signed_in(monitor_of(world.fia))

    response = client.post(
        upload, {"file": SimpleUploadedFile("march.xlsx", b"not a workbook", content_type=XLSX)}
    )

    assert response.status_code == 400
    assert "The file is not an Excel workbook (.xlsx)" in without_isolates(
        response.content.decode()
    )
    assert Measurement.objects.count() == 0


def test_a_monitor_cannot_download_or_upload_for_another_body(secretariat: User) -> None:
    world = make_world()
    _page, download, upload = urls(world)
    client = signed_in(monitor_of(world.fia))
    anf = signed_in(secretariat).get(download, march(world.anf))
    filled = fill(anf.content, {world.seizures.pk: (5,)})

    assert client.get(download, march(world.anf)).status_code == 403
    response = client.post(
        upload, {"file": SimpleUploadedFile("anf.xlsx", filled, content_type=XLSX)}
    )
    assert response.status_code == 403
    assert Measurement.objects.count() == 0


def test_a_download_without_a_month_shows_the_form_again() -> None:
    world = make_world()
    _page, download, _upload = urls(world)

    response = signed_in(monitor_of(world.fia)).get(
        download, {"body": str(world.fia.pk), "period": "March"}
    )

    assert response.status_code == 400
    assert "“March” is not a month; choose one from the list." in without_isolates(
        response.content.decode()
    )


def test_the_template_starts_below_its_header_block() -> None:
    # The layout the upload relies on: the header row sits right above the first indicator row.
    assert rules.FIRST_ROW == rules.HEADER_ROW + 1
