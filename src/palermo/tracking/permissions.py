"""Who may see and change recommendations, action plans and their measurements.

Recommendations are kept by the coordinators (the secretariat and civil-society
coordinators); the bodies responsible for one report its progress. A plan belongs to its
owning body: the secretariat and the owner's plan monitors shape it and verify what is
reported; a reporting body's plan monitors report its indicators and nothing else.
"""

from typing import Any

from palermo.core.permissions import has_role, is_secretariat
from palermo.core.roles import Role
from palermo.core.scope import in_scope
from palermo.engagement.permissions import is_registry_coordinator
from palermo.tracking.models import ActionPlan, Indicator, Measurement, Recommendation


def can_view_recommendation(user: Any, recommendation: Recommendation) -> bool:
    return in_scope(user, recommendation.country)


def can_create_recommendation(user: Any) -> bool:
    return is_registry_coordinator(user)


def can_edit_recommendation(user: Any, recommendation: Recommendation) -> bool:
    return can_view_recommendation(user, recommendation) and is_registry_coordinator(user)


def is_responsible(user: Any, recommendation: Recommendation) -> bool:
    return bool(
        user.organisation_id
        and recommendation.responsible_bodies.filter(pk=user.organisation_id).exists()
    )


def can_update_progress(user: Any, recommendation: Recommendation) -> bool:
    if not can_view_recommendation(user, recommendation):
        return False
    return is_registry_coordinator(user) or is_responsible(user, recommendation)


def can_view_plan(user: Any, plan: ActionPlan) -> bool:
    return in_scope(user, plan.country)


def can_create_plan(user: Any) -> bool:
    return is_secretariat(user)


def is_plan_owner(user: Any, plan: ActionPlan) -> bool:
    """The secretariat, or a plan monitor of the owning body."""
    if not can_view_plan(user, plan):
        return False
    if is_secretariat(user):
        return True
    return has_role(user, Role.PLAN_MONITOR) and user.organisation_id == plan.owner_id


def can_edit_plan(user: Any, plan: ActionPlan) -> bool:
    return is_plan_owner(user, plan)


def can_report(user: Any, indicator: Indicator) -> bool:
    """Plan monitors of the indicator's reporting body (and the secretariat) report values."""
    plan = indicator.measure.plan
    if not can_view_plan(user, plan):
        return False
    if is_secretariat(user):
        return True
    return (
        has_role(user, Role.PLAN_MONITOR)
        and user.organisation_id is not None
        and user.organisation_id == indicator.reporting_body_id
    )


def can_verify(user: Any, measurement: Measurement) -> bool:
    return is_plan_owner(user, measurement.indicator.measure.plan)
