"""Action plans, measures, indicators and their values. Numbers come back as decimal strings."""

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from palermo.core.api_types import Date, Id, PatchSchema
from palermo.core.http import acting_user
from palermo.engagement.models import Organisation
from palermo.tracking.models import ActionPlan, Indicator, Measure, Measurement, period_label
from palermo.tracking.selectors import plans as selectors
from palermo.tracking.selectors import standing
from palermo.tracking.services import measurements as measurement_services
from palermo.tracking.services import plans as services

router = Router(tags=["tracking: action plans"])


class PlanOut(Schema):
    id: int
    title: str
    country: str
    owner_id: int
    owner: str = Field(alias="owner.name")
    description: str
    starts_on: datetime.date
    ends_on: datetime.date
    review_on: datetime.date | None


class PlanIn(Schema):
    title: str = Field(min_length=1, max_length=255)
    owner_id: int
    starts_on: Date
    ends_on: Date
    description: str = ""
    review_on: Date | None = None


class PlanPatch(PatchSchema):
    model = ActionPlan

    title: str | None = Field(default=None, min_length=1, max_length=255)
    owner_id: Id | None = None
    starts_on: Date | None = None
    ends_on: Date | None = None
    description: str | None = None
    review_on: Date | None = None


class MeasureOut(Schema):
    id: int
    plan_id: int
    number: int
    title: str
    description: str
    lead_id: int
    partner_ids: list[Id]
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    recommendation_ids: list[Id]

    @staticmethod
    def resolve_partner_ids(obj: Measure) -> list[int]:
        return [partner.pk for partner in obj.partners.all()]

    @staticmethod
    def resolve_recommendation_ids(obj: Measure) -> list[int]:
        return [recommendation.pk for recommendation in obj.recommendations.all()]


class MeasureIn(Schema):
    title: str = Field(min_length=1, max_length=255)
    lead_id: int
    number: int | None = Field(default=None, ge=1, le=32767)
    description: str = ""
    partner_ids: list[Id] = []
    starts_on: Date | None = None
    ends_on: Date | None = None
    recommendation_ids: list[Id] = []


class MeasurePatch(PatchSchema):
    model = Measure

    title: str | None = Field(default=None, min_length=1, max_length=255)
    lead_id: Id | None = None
    number: int | None = Field(default=None, ge=1, le=32767)
    description: str | None = None
    partner_ids: list[Id] | None = None
    starts_on: Date | None = None
    ends_on: Date | None = None
    recommendation_ids: list[Id] | None = None


class IndicatorOut(Schema):
    id: int
    measure_id: int
    name: str
    unit: str
    baseline_value: Decimal
    baseline_date: datetime.date
    target_value: Decimal
    target_date: datetime.date
    direction: str
    frequency: str
    reporting_body_id: int
    plausible_min: Decimal | None
    plausible_max: Decimal | None


class IndicatorIn(Schema):
    name: str = Field(min_length=1, max_length=255)
    unit: str = Field(min_length=1, max_length=40)
    baseline_value: Decimal
    baseline_date: Date
    target_value: Decimal
    target_date: Date
    direction: Indicator.Direction
    frequency: Indicator.Frequency
    reporting_body_id: int
    plausible_min: Decimal | None = None
    plausible_max: Decimal | None = None


class IndicatorPatch(PatchSchema):
    model = Indicator

    name: str | None = Field(default=None, min_length=1, max_length=255)
    unit: str | None = Field(default=None, min_length=1, max_length=40)
    baseline_value: Decimal | None = None
    baseline_date: Date | None = None
    target_value: Decimal | None = None
    target_date: Date | None = None
    direction: Indicator.Direction | None = None
    frequency: Indicator.Frequency | None = None
    reporting_body_id: Id | None = None
    plausible_min: Decimal | None = None
    plausible_max: Decimal | None = None


class MeasurementOut(Schema):
    id: int
    indicator_id: int
    period: datetime.date
    period_label: str
    value: Decimal
    source: str
    note: str
    state: str
    reported_by_id: int | None
    reported_at: datetime.datetime
    verified_by_id: int | None
    verified_at: datetime.datetime | None

    @staticmethod
    def resolve_period_label(obj: Measurement) -> str:
        return period_label(obj.period, obj.indicator.frequency)


class MeasurementIn(Schema):
    period: Date
    value: Decimal
    source: str = Field(default="", max_length=255)
    note: str = ""


class ReturnIn(Schema):
    reason: str


class SeriesPointOut(Schema):
    period: datetime.date
    label: str
    expected: Decimal
    actual: Decimal | None
    state: str
    due: bool
    overdue: bool


class StandingOut(Schema):
    track: str
    progress: Decimal | None
    expected: Decimal | None
    latest_value: Decimal | None
    latest_period: datetime.date | None


class SeriesOut(Schema):
    indicator_id: int
    standing: StandingOut
    overdue: list[datetime.date]
    periods: list[SeriesPointOut]


class VersionOut(Schema):
    value: Decimal
    source: str
    note: str
    state: str
    changed_by_id: int | None
    changed_by: str
    changed_at: datetime.datetime
    kind: str


class OverdueReportOut(Schema):
    indicator_id: int
    indicator: str
    period: datetime.date
    label: str


class BodyOverdueOut(Schema):
    body_id: int
    body: str
    count: int
    reports: list[OverdueReportOut]


def _plan(request: HttpRequest, plan_id: int) -> ActionPlan:
    return get_object_or_404(
        selectors.visible_plans(user=request.user).select_related("owner"), pk=plan_id
    )


def _measure(request: HttpRequest, measure_id: int) -> Measure:
    return get_object_or_404(selectors.measure_list(user=request.user), pk=measure_id)


def _indicator(request: HttpRequest, indicator_id: int) -> Indicator:
    return get_object_or_404(selectors.indicator_list(user=request.user), pk=indicator_id)


def _measurement(request: HttpRequest, measurement_id: int) -> Measurement:
    return get_object_or_404(selectors.measurement_list(user=request.user), pk=measurement_id)


def _organisation(country: str, organisation_id: int) -> Organisation:
    return get_object_or_404(selectors.plan_organisations(country), pk=organisation_id)


def _organisations(country: str, ids: list[int]) -> QuerySet[Organisation]:
    return selectors.plan_organisations(country).filter(pk__in=ids)


@router.get("/plans", response=list[PlanOut])
def list_plans(request: HttpRequest) -> QuerySet[ActionPlan]:
    # The counts plan_list adds are not in the schema; they would join every indicator.
    return selectors.visible_plans(user=request.user).select_related("owner")


@router.get("/plans/{int:plan_id}", response=PlanOut)
def get_plan(request: HttpRequest, plan_id: int) -> ActionPlan:
    return _plan(request, plan_id)


@router.post("/plans", response={201: PlanOut})
def create_plan(request: HttpRequest, payload: PlanIn) -> Status[ActionPlan]:
    user = acting_user(request)
    data = payload.dict()
    data["owner"] = _organisation(user.country, data.pop("owner_id"))
    plan = services.plan_create(actor=user, country=user.country, **data)
    return Status(201, plan)


@router.patch("/plans/{int:plan_id}", response=PlanOut)
def update_plan(request: HttpRequest, plan_id: int, payload: PlanPatch) -> ActionPlan:
    plan = _plan(request, plan_id)
    data = payload.dict(exclude_unset=True)
    if "owner_id" in data:
        data["owner"] = _organisation(plan.country, data.pop("owner_id"))
    return services.plan_update(actor=acting_user(request), plan=plan, **data)


@router.delete("/plans/{int:plan_id}", response={204: None})
def delete_plan(request: HttpRequest, plan_id: int) -> Status[None]:
    services.plan_delete(actor=acting_user(request), plan=_plan(request, plan_id))
    return Status(204, None)


@router.get("/plans/{int:plan_id}/overdue", response=list[BodyOverdueOut])
def plan_overdue(request: HttpRequest, plan_id: int) -> list[dict[str, Any]]:
    """The reports each body owes for this plan, the body owing most first."""
    groups = selectors.plan_overdue(_plan(request, plan_id), timezone.localdate())
    return [
        {
            "body_id": group.body.pk,
            "body": group.body.name,
            "count": group.count,
            "reports": [
                {
                    "indicator_id": report.indicator.pk,
                    "indicator": report.indicator.name,
                    "period": report.period,
                    "label": report.label,
                }
                for report in group.reports
            ],
        }
        for group in groups
    ]


@router.get("/plans/{int:plan_id}/measures", response=list[MeasureOut])
def list_measures(request: HttpRequest, plan_id: int) -> QuerySet[Measure]:
    plan = _plan(request, plan_id)
    return plan.measures.prefetch_related("partners", "recommendations")


@router.post("/plans/{int:plan_id}/measures", response={201: MeasureOut})
def create_measure(request: HttpRequest, plan_id: int, payload: MeasureIn) -> Status[Measure]:
    plan = _plan(request, plan_id)
    data = _measure_relations(plan, payload.dict())
    measure = services.measure_create(actor=acting_user(request), plan=plan, **data)
    return Status(201, measure)


def _measure_relations(plan: ActionPlan, data: dict[str, Any]) -> dict[str, Any]:
    if "lead_id" in data:
        data["lead"] = _organisation(plan.country, data.pop("lead_id"))
    if "partner_ids" in data:
        data["partners"] = _organisations(plan.country, data.pop("partner_ids"))
    if "recommendation_ids" in data:
        data["recommendations"] = selectors.plan_recommendations(plan.country).filter(
            pk__in=data.pop("recommendation_ids")
        )
    return data


@router.get("/measures/{int:measure_id}", response=MeasureOut)
def get_measure(request: HttpRequest, measure_id: int) -> Measure:
    return _measure(request, measure_id)


@router.patch("/measures/{int:measure_id}", response=MeasureOut)
def update_measure(request: HttpRequest, measure_id: int, payload: MeasurePatch) -> Measure:
    measure = _measure(request, measure_id)
    data = _measure_relations(measure.plan, payload.dict(exclude_unset=True))
    return services.measure_update(actor=acting_user(request), measure=measure, **data)


@router.delete("/measures/{int:measure_id}", response={204: None})
def delete_measure(request: HttpRequest, measure_id: int) -> Status[None]:
    services.measure_delete(actor=acting_user(request), measure=_measure(request, measure_id))
    return Status(204, None)


@router.get("/measures/{int:measure_id}/indicators", response=list[IndicatorOut])
def list_indicators(request: HttpRequest, measure_id: int) -> QuerySet[Indicator]:
    return _measure(request, measure_id).indicators.all()


@router.post("/measures/{int:measure_id}/indicators", response={201: IndicatorOut})
def create_indicator(
    request: HttpRequest, measure_id: int, payload: IndicatorIn
) -> Status[Indicator]:
    measure = _measure(request, measure_id)
    data = payload.dict()
    data["reporting_body"] = _organisation(measure.plan.country, data.pop("reporting_body_id"))
    indicator = services.indicator_create(actor=acting_user(request), measure=measure, **data)
    return Status(201, indicator)


@router.get("/indicators/{int:indicator_id}", response=IndicatorOut)
def get_indicator(request: HttpRequest, indicator_id: int) -> Indicator:
    return _indicator(request, indicator_id)


@router.patch("/indicators/{int:indicator_id}", response=IndicatorOut)
def update_indicator(request: HttpRequest, indicator_id: int, payload: IndicatorPatch) -> Indicator:
    indicator = _indicator(request, indicator_id)
    data = payload.dict(exclude_unset=True)
    if "reporting_body_id" in data:
        data["reporting_body"] = _organisation(
            indicator.measure.plan.country, data.pop("reporting_body_id")
        )
    return services.indicator_update(actor=acting_user(request), indicator=indicator, **data)


@router.delete("/indicators/{int:indicator_id}", response={204: None})
def delete_indicator(request: HttpRequest, indicator_id: int) -> Status[None]:
    services.indicator_delete(
        actor=acting_user(request), indicator=_indicator(request, indicator_id)
    )
    return Status(204, None)


@router.get("/indicators/{int:indicator_id}/series", response=SeriesOut)
def indicator_series(request: HttpRequest, indicator_id: int) -> dict[str, Any]:
    """Every reporting period: the value expected on the straight path and the one reported."""
    indicator = _indicator(request, indicator_id)
    today = timezone.localdate()
    points = selectors.indicator_series(indicator, today)
    reported = [point.measurement for point in points if point.measurement is not None]
    status = standing.indicator_standing(indicator, today, reported)
    return {
        "indicator_id": indicator.pk,
        "standing": status.standing,
        "overdue": status.overdue,
        "periods": [
            {
                "period": point.period,
                "label": point.label,
                "expected": point.expected,
                "actual": point.actual,
                "state": point.state,
                "due": point.due,
                "overdue": point.overdue,
            }
            for point in points
        ],
    }


@router.get("/indicators/{int:indicator_id}/measurements", response=list[MeasurementOut])
def list_measurements(request: HttpRequest, indicator_id: int) -> QuerySet[Measurement]:
    return _indicator(request, indicator_id).measurements.select_related("indicator")


@router.post(
    "/indicators/{int:indicator_id}/measurements",
    response={200: MeasurementOut, 201: MeasurementOut},
)
def report_measurement(
    request: HttpRequest, indicator_id: int, payload: MeasurementIn
) -> Status[Measurement]:
    """Record the value of a period (201), or correct the one recorded (200)."""
    indicator = _indicator(request, indicator_id)
    existed = indicator.measurements.filter(period=payload.period).exists()
    measurement = measurement_services.measurement_report(
        actor=acting_user(request), indicator=indicator, **payload.dict()
    )
    return Status(200 if existed else 201, measurement)


@router.post("/measurements/{int:measurement_id}/verify", response=MeasurementOut)
def verify_measurement(request: HttpRequest, measurement_id: int) -> Measurement:
    return measurement_services.measurement_verify(
        actor=acting_user(request), measurement=_measurement(request, measurement_id)
    )


@router.post("/measurements/{int:measurement_id}/return", response=MeasurementOut)
def return_measurement(request: HttpRequest, measurement_id: int, payload: ReturnIn) -> Measurement:
    return measurement_services.measurement_return(
        actor=acting_user(request),
        measurement=_measurement(request, measurement_id),
        reason=payload.reason,
    )


@router.get("/measurements/{int:measurement_id}/history", response=list[VersionOut])
def measurement_history(request: HttpRequest, measurement_id: int) -> list[dict[str, Any]]:
    """Every recorded state of the value, newest first."""
    versions = selectors.measurement_history(_measurement(request, measurement_id))
    return [
        {
            "value": version.value,
            "source": version.source,
            "note": version.note,
            "state": version.state,
            "changed_by_id": version.changed_by.pk if version.changed_by else None,
            "changed_by": str(version.changed_by or ""),
            "changed_at": version.changed_at,
            "kind": version.kind,
        }
        for version in versions
    ]
