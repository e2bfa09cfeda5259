"""Writes to action plans: the plan, its measures and their indicators."""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction

from palermo.core.audit import audit_created, audit_deleted, audited_update
from palermo.core.models import User
from palermo.core.permissions import require
from palermo.engagement.models import Organisation
from palermo.tracking import permissions
from palermo.tracking.models import ActionPlan, Indicator, Measure, Recommendation

PLAN_FIELDS = ("title", "owner", "description", "starts_on", "ends_on", "review_on")
MEASURE_FIELDS = ("number", "title", "description", "lead", "starts_on", "ends_on")
INDICATOR_FIELDS = (
    "name",
    "unit",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "direction",
    "frequency",
    "reporting_body",
    "plausible_min",
    "plausible_max",
)


@transaction.atomic
def plan_create(
    *,
    actor: User | None,
    title: str,
    owner: Organisation,
    starts_on: datetime.date,
    ends_on: datetime.date,
    country: str = "",
    description: str = "",
    review_on: datetime.date | None = None,
) -> ActionPlan:
    if actor is not None:
        require(permissions.can_create_plan(actor))
    plan = ActionPlan(
        title=" ".join(title.split()),
        owner=owner,
        country=(country or owner.country or (actor.country if actor else "")).upper(),
        description=description.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        review_on=review_on,
        created_by=actor,
    )
    plan.full_clean()
    plan.save()
    audit_created(actor=actor, obj=plan)
    return plan


@transaction.atomic
def plan_update(*, actor: User | None, plan: ActionPlan, **fields: Any) -> ActionPlan:
    if actor is not None:
        require(permissions.can_edit_plan(actor, plan))
    _only(fields, PLAN_FIELDS)
    audited_update(actor=actor, obj=plan, fields=fields)
    return plan


@transaction.atomic
def plan_delete(*, actor: User, plan: ActionPlan) -> None:
    require(permissions.can_edit_plan(actor, plan))
    audit_deleted(actor=actor, obj=plan)
    plan.delete()


def _only(fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")


@transaction.atomic
def measure_create(
    *,
    actor: User | None,
    plan: ActionPlan,
    title: str,
    lead: Organisation,
    number: int | None = None,
    description: str = "",
    partners: Iterable[Organisation] = (),
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    recommendations: Iterable[Recommendation] = (),
) -> Measure:
    """Add a measure; numbered after the last one unless a number is given."""
    if actor is not None:
        require(permissions.can_edit_plan(actor, plan))
    if number is None:
        last = plan.measures.order_by("-number").values_list("number", flat=True).first()
        number = (last or 0) + 1
    measure = Measure(
        plan=plan,
        number=number,
        title=" ".join(title.split()),
        description=description.strip(),
        lead=lead,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    measure.full_clean()
    measure.save()
    measure.partners.set(partners)
    measure.recommendations.set(recommendations)
    audit_created(actor=actor, obj=measure)
    return measure


@transaction.atomic
def measure_update(
    *,
    actor: User | None,
    measure: Measure,
    partners: Iterable[Organisation] | None = None,
    recommendations: Iterable[Recommendation] | None = None,
    **fields: Any,
) -> Measure:
    if actor is not None:
        require(permissions.can_edit_plan(actor, measure.plan))
    _only(fields, MEASURE_FIELDS)
    audited_update(actor=actor, obj=measure, fields=fields)
    if partners is not None:
        measure.partners.set(partners)
    if recommendations is not None:
        measure.recommendations.set(recommendations)
    return measure


@transaction.atomic
def measure_delete(*, actor: User, measure: Measure) -> None:
    require(permissions.can_edit_plan(actor, measure.plan))
    audit_deleted(actor=actor, obj=measure)
    measure.delete()


@transaction.atomic
def indicator_create(
    *,
    actor: User | None,
    measure: Measure,
    name: str,
    unit: str,
    baseline_value: Decimal | int | str,
    baseline_date: datetime.date,
    target_value: Decimal | int | str,
    target_date: datetime.date,
    direction: str,
    frequency: str,
    reporting_body: Organisation,
    plausible_min: Decimal | int | str | None = None,
    plausible_max: Decimal | int | str | None = None,
) -> Indicator:
    if actor is not None:
        require(permissions.can_edit_plan(actor, measure.plan))
    indicator = Indicator(
        measure=measure,
        name=" ".join(name.split()),
        unit=unit.strip(),
        baseline_value=Decimal(str(baseline_value)),
        baseline_date=baseline_date,
        target_value=Decimal(str(target_value)),
        target_date=target_date,
        direction=direction,
        frequency=frequency,
        reporting_body=reporting_body,
        plausible_min=None if plausible_min is None else Decimal(str(plausible_min)),
        plausible_max=None if plausible_max is None else Decimal(str(plausible_max)),
    )
    indicator.full_clean()
    indicator.save()
    audit_created(actor=actor, obj=indicator)
    return indicator


@transaction.atomic
def indicator_update(*, actor: User | None, indicator: Indicator, **fields: Any) -> Indicator:
    if actor is not None:
        require(permissions.can_edit_plan(actor, indicator.measure.plan))
    _only(fields, INDICATOR_FIELDS)
    audited_update(actor=actor, obj=indicator, fields=fields)
    return indicator


@transaction.atomic
def indicator_delete(*, actor: User, indicator: Indicator) -> None:
    require(permissions.can_edit_plan(actor, indicator.measure.plan))
    audit_deleted(actor=actor, obj=indicator)
    indicator.delete()
