"""The action-plan API: plans to values, and a series checked against figures worked by hand."""

import datetime

import pytest
from django.test import Client

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.tracking.models import ActionPlan, Indicator, Measurement
from palermo.tracking.services import measurements as measurement_services
from tests.factories import bearer, make_indicator, make_organisation, make_plan, make_user

pytestmark = pytest.mark.django_db


def test_the_series_of_an_indicator_worked_by_hand(client: Client, secretariat: User) -> None:
    # 100 on 31 Dec 2024 rising to 200 on 31 Dec 2025: 365 days, so by the end of January
    # (31 days) 100 + 100 * 31/365 = 108.49 is expected, by the end of March (90 days)
    # 124.66, by the end of June (181 days) 149.59 and by the end of December 200.
    indicator = make_indicator(make_plan(secretariat.organisation))
    measurement_services.measurement_report(
        actor=None, indicator=indicator, period=datetime.date(2025, 3, 1), value=130
    )

    body = client.get(
        f"/api/v1/indicators/{indicator.pk}/series", headers=bearer(secretariat)
    ).json()

    periods = body["periods"]
    assert len(periods) == 12
    assert [periods[i]["expected"] for i in (0, 2, 5, 11)] == [
        "108.49",
        "124.66",
        "149.59",
        "200.00",
    ]
    assert periods[2] | {"expected": None} == {
        "period": "2025-03-01",
        "label": "2025-03",
        "expected": None,
        "actual": "130.00",
        "state": "reported",
        "due": True,
        "overdue": False,
    }
    assert periods[0]["actual"] is None
    assert periods[0]["overdue"] is True
    # Progress 30/100 = 0.3 against 90/365 = 0.2466 expected: on track.
    assert body["standing"]["track"] == "on_track"
    assert body["standing"]["progress"] == "0.3"
    assert body["standing"]["latest_period"] == "2025-03-01"
    assert len(body["overdue"]) == 11


def test_the_secretariat_builds_a_plan_through_the_api(client: Client, secretariat: User) -> None:
    headers = bearer(secretariat)
    body = make_organisation("Federal Investigation Agency")

    plan = client.post(
        "/api/v1/plans",
        {
            "title": "Plan against smuggling",
            "owner_id": secretariat.organisation_id,
            "starts_on": "2025-01-01",
            "ends_on": "2025-12-31",
            "review_on": "2026-01-31",
        },
        content_type="application/json",
        headers=headers,
    )
    plan_id = plan.json()["id"]
    measures = [
        client.post(
            f"/api/v1/plans/{plan_id}/measures",
            {"title": title, "lead_id": body.pk, "partner_ids": [secretariat.organisation_id]},
            content_type="application/json",
            headers=headers,
        )
        for title in ("Political ownership", "Threat assessment")
    ]
    indicator = client.post(
        f"/api/v1/measures/{measures[1].json()['id']}/indicators",
        {
            "name": "Days to answer an MLA request",
            "unit": "days",
            "baseline_value": "120",
            "baseline_date": "2024-12-31",
            "target_value": "60",
            "target_date": "2025-12-31",
            "direction": "decrease",
            "frequency": "quarterly",
            "reporting_body_id": body.pk,
        },
        content_type="application/json",
        headers=headers,
    )

    assert plan.status_code == 201
    assert plan.json()["country"] == "PAK"
    assert [m.status_code for m in measures] == [201, 201]
    assert [m.json()["number"] for m in measures] == [1, 2]
    assert measures[0].json()["partner_ids"] == [secretariat.organisation_id]
    assert indicator.status_code == 201
    assert Indicator.objects.get().frequency == "quarterly"


def test_an_invalid_indicator_is_refused_with_422(client: Client, secretariat: User) -> None:
    indicator = make_indicator(make_plan(secretariat.organisation))

    response = client.patch(
        f"/api/v1/indicators/{indicator.pk}",
        {"target_value": "50"},
        content_type="application/json",
        headers=bearer(secretariat),
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "target_value"]
    indicator.refresh_from_db()
    assert indicator.target_value == 200


def test_reporting_again_corrects_and_the_history_keeps_both(
    client: Client, secretariat: User
) -> None:
    indicator = make_indicator(make_plan(secretariat.organisation))
    headers = bearer(secretariat)
    url = f"/api/v1/indicators/{indicator.pk}/measurements"

    first = client.post(
        url,
        {"period": "2025-01-01", "value": "110"},
        content_type="application/json",
        headers=headers,
    )
    second = client.post(
        url,
        {"period": "2025-01-01", "value": "112", "note": "Typo."},
        content_type="application/json",
        headers=headers,
    )
    history = client.get(f"/api/v1/measurements/{first.json()['id']}/history", headers=headers)

    assert (first.status_code, second.status_code) == (201, 200)
    assert Measurement.objects.count() == 1
    assert [v["value"] for v in history.json()] == ["112.00", "110.00"]
    assert history.json()[1]["changed_by"] == str(secretariat)


def test_an_implausible_value_is_refused_with_422(client: Client, secretariat: User) -> None:
    indicator = make_indicator(make_plan(secretariat.organisation), plausible_max=500)

    response = client.post(
        f"/api/v1/indicators/{indicator.pk}/measurements",
        {"period": "2025-01-01", "value": "900"},
        content_type="application/json",
        headers=bearer(secretariat),
    )

    assert response.status_code == 422
    assert not Measurement.objects.exists()


def test_the_overdue_endpoint_groups_by_body(client: Client, secretariat: User) -> None:
    plan: ActionPlan = make_plan(secretariat.organisation)
    interior = make_organisation("Ministry of Interior")
    make_indicator(plan, reporting_body=interior, frequency="quarterly", name="Sessions")
    monthly = make_indicator(plan, name="Cases")
    for month in range(1, 11):
        measurement_services.measurement_report(
            actor=None, indicator=monthly, period=datetime.date(2025, month, 1), value=150
        )

    body = client.get(f"/api/v1/plans/{plan.pk}/overdue", headers=bearer(secretariat)).json()

    assert [(group["body"], group["count"]) for group in body] == [
        ("Ministry of Interior", 4),
        ("Secretariat of PAK", 2),
    ]
    assert [r["label"] for r in body[0]["reports"]] == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]


def test_a_monitor_cannot_delete_a_plan(client: Client) -> None:
    plan = make_plan()
    monitor = make_user("monitor", Role.PLAN_MONITOR, organisation=make_organisation())

    response = client.delete(f"/api/v1/plans/{plan.pk}", headers=bearer(monitor))

    assert response.status_code == 403
    assert ActionPlan.objects.filter(pk=plan.pk).exists()
