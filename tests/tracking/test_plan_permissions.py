"""A plan monitor of one body reports only that body's indicators; only the owner verifies."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation
from palermo.tracking import messages
from palermo.tracking.models import ActionPlan, Indicator, Measurement
from palermo.tracking.services import measurements as measurement_services
from tests.factories import bearer, make_indicator, make_organisation, make_plan, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def body_a() -> Organisation:
    return make_organisation("Ministry of Interior")


@pytest.fixture
def body_b() -> Organisation:
    return make_organisation("Financial Monitoring Unit")


@pytest.fixture
def plan() -> ActionPlan:
    return make_plan(make_organisation("Joint Task Force"))


@pytest.fixture
def indicator_a(plan: ActionPlan, body_a: Organisation) -> Indicator:
    return make_indicator(plan, reporting_body=body_a)


@pytest.fixture
def indicator_b(plan: ActionPlan, body_b: Organisation) -> Indicator:
    return make_indicator(plan, reporting_body=body_b)


@pytest.fixture
def monitor_a(body_a: Organisation) -> User:
    return make_user("monitor-a", Role.PLAN_MONITOR, organisation=body_a)


@pytest.fixture
def page(monitor_a: User) -> Client:
    client = Client()
    client.force_login(monitor_a)
    return client


def report_url(indicator: Indicator) -> str:
    return reverse("tracking:measurement-report", args=[indicator.pk])


def test_a_monitor_reports_for_their_body_on_the_page(page: Client, indicator_a: Indicator) -> None:
    response = page.post(report_url(indicator_a), {"period": "2025-01-01", "value": "110"})

    assert response.status_code == 302
    assert response["location"] == indicator_a.get_absolute_url()
    assert Measurement.objects.get().value == 110


def test_a_monitor_reports_for_their_body_through_the_api(
    client: Client, monitor_a: User, indicator_a: Indicator
) -> None:
    response = client.post(
        f"/api/v1/indicators/{indicator_a.pk}/measurements",
        {"period": "2025-02-01", "value": "115.5", "source": "Template"},
        content_type="application/json",
        headers=bearer(monitor_a),
    )

    assert response.status_code == 201
    assert response.json()["period_label"] == "2025-02"
    assert Measurement.objects.get().reported_by == monitor_a


def test_a_monitor_is_refused_another_bodys_indicator_on_the_page(
    page: Client, indicator_b: Indicator
) -> None:
    form = page.get(report_url(indicator_b))
    posted = page.post(report_url(indicator_b), {"period": "2025-01-01", "value": "110"})
    detail = page.get(indicator_b.get_absolute_url())

    assert (form.status_code, posted.status_code) == (403, 403)
    assert "Report a value" not in detail.content.decode()
    assert not Measurement.objects.exists()


def test_a_monitor_is_refused_another_bodys_indicator_through_the_api(
    client: Client, monitor_a: User, indicator_b: Indicator
) -> None:
    response = client.post(
        f"/api/v1/indicators/{indicator_b.pk}/measurements",
        {"period": "2025-01-01", "value": "110"},
        content_type="application/json",
        headers=bearer(monitor_a),
    )

    assert response.status_code == 403
    assert not Measurement.objects.exists()


def test_the_report_form_shows_only_for_the_reporting_body(
    page: Client, indicator_a: Indicator
) -> None:
    detail = page.get(indicator_a.get_absolute_url()).content.decode()

    assert "Record the value" in detail
    assert 'value="2025-12-01"' in detail


def test_another_bodys_indicator_says_who_reports_it(page: Client, indicator_b: Indicator) -> None:
    detail = page.get(indicator_b.get_absolute_url()).content.decode()

    assert "Record the value" not in detail
    assert (
        escape(str(messages.INDICATOR_REPORT_READ_ONLY) % {"body": "Financial Monitoring Unit"})
        in detail
    )


def test_the_reporting_monitor_cannot_verify_or_return(
    client: Client, page: Client, monitor_a: User, indicator_a: Indicator
) -> None:
    measurement = measurement_services.measurement_report(
        actor=monitor_a, indicator=indicator_a, period=datetime.date(2025, 1, 1), value=110
    )

    api = client.post(f"/api/v1/measurements/{measurement.pk}/verify", headers=bearer(monitor_a))
    returned = client.post(
        f"/api/v1/measurements/{measurement.pk}/return",
        {"reason": "No."},
        content_type="application/json",
        headers=bearer(monitor_a),
    )
    on_page = page.post(reverse("tracking:measurement-verify", args=[measurement.pk]))

    assert (api.status_code, returned.status_code, on_page.status_code) == (403, 403, 403)
    measurement.refresh_from_db()
    assert (measurement.state, measurement.verified_by, measurement.note) == ("reported", None, "")


def test_a_monitor_of_the_owning_body_verifies(
    client: Client, plan: ActionPlan, monitor_a: User, indicator_a: Indicator
) -> None:
    owner = make_user("task-force", Role.PLAN_MONITOR, organisation=plan.owner)
    measurement = measurement_services.measurement_report(
        actor=monitor_a, indicator=indicator_a, period=datetime.date(2025, 1, 1), value=110
    )

    response = client.post(f"/api/v1/measurements/{measurement.pk}/verify", headers=bearer(owner))

    assert response.status_code == 200
    assert response.json()["state"] == "verified"
    assert response.json()["verified_by_id"] == owner.pk


def test_the_secretariat_verifies_and_returns_on_the_page(
    secretariat_client: Client, monitor_a: User, indicator_a: Indicator
) -> None:
    first, second = (
        measurement_services.measurement_report(
            actor=monitor_a, indicator=indicator_a, period=datetime.date(2025, month, 1), value=110
        )
        for month in (1, 2)
    )

    verified = secretariat_client.post(reverse("tracking:measurement-verify", args=[first.pk]))
    returned = secretariat_client.post(
        reverse("tracking:measurement-return", args=[second.pk]), {"reason": "Check it."}
    )

    assert (verified.status_code, returned.status_code) == (302, 302)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state, second.note) == ("verified", "returned", "Check it.")


def test_a_monitor_cannot_edit_a_plan_of_another_body(
    page: Client, plan: ActionPlan, indicator_a: Indicator
) -> None:
    edit = page.post(reverse("tracking:plan-edit", args=[plan.pk]), {"title": "Mine"})
    delete = page.post(reverse("tracking:indicator-delete", args=[indicator_a.pk]))

    assert (edit.status_code, delete.status_code) == (403, 403)
    plan.refresh_from_db()
    assert plan.title != "Mine"
    assert Indicator.objects.filter(pk=indicator_a.pk).exists()


def test_a_plan_of_another_state_is_not_found(page: Client) -> None:
    foreign = make_plan(make_organisation("Task force of Tonga", country="TON"))

    assert page.get(foreign.get_absolute_url()).status_code == 404
