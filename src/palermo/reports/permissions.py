"""Who may see, generate and publish reports. Everything not granted is denied."""

from typing import Any

from django.core.exceptions import ValidationError

from palermo.core.permissions import is_active_user, is_secretariat
from palermo.core.scope import is_own_state
from palermo.reports import audience, registry
from palermo.reports.models import GeneratedReport
from palermo.reports.registry import Params, ReportKind


def can_view_report(
    user: Any, report: GeneratedReport, cache: audience.Cache | None = None
) -> bool:
    """Whoever may read everything the report prints (superusers all).

    A report that holds nothing restricted is a record of its State, read by that State's
    people and by its requester. The requester and the secretariat of its State read a report
    whose contents were not recorded (generated before they were); `cache` shares lookups
    across a list of reports.
    """
    if not is_active_user(user):
        return False
    if user.is_superuser:
        return True
    if report.holds is None:
        return report.created_by_id == user.pk or can_publish(user, report)
    if not report.holds:
        return report.created_by_id == user.pk or _of_users_state(user, report)
    return audience.may_read_all(user, report.holds, cache)


def _of_users_state(user: Any, report: GeneratedReport) -> bool:
    return report.country is not None and is_own_state(user, report.country.iso3)


def can_generate(user: Any, kind: ReportKind, params: Params) -> bool:
    return is_active_user(user) and kind.can_generate(user, params)


def can_retry(user: Any, report: GeneratedReport) -> bool:
    """Whoever sees the report and may generate it again with the same parameters."""
    kind = registry.get(report.kind)
    if kind is None or not can_view_report(user, report):
        return False
    try:
        params = kind.parse_params(report.params)
    except ValidationError:
        return False
    return can_generate(user, kind, params)


def can_publish(user: Any, report: GeneratedReport) -> bool:
    """The secretariat of the report's State (any State for a superuser)."""
    if not is_secretariat(user):
        return False
    if user.is_superuser:
        return True
    return _of_users_state(user, report)
