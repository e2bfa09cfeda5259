"""Who may see, generate and publish reports. Everything not granted is denied."""

from typing import Any

from palermo.core.permissions import is_active_user, is_secretariat
from palermo.reports.models import GeneratedReport
from palermo.reports.registry import Params, ReportKind


def can_view_report(user: Any, report: GeneratedReport) -> bool:
    """The requester, the users of the report's State, and superusers."""
    if not is_active_user(user):
        return False
    if user.is_superuser or report.created_by_id == user.pk:
        return True
    return report.country is not None and report.country.iso3 == user.country


def can_generate(user: Any, kind: ReportKind, params: Params) -> bool:
    return is_active_user(user) and kind.can_generate(user, params)


def can_publish(user: Any, report: GeneratedReport) -> bool:
    """The secretariat of the report's State (any State for a superuser)."""
    if not is_secretariat(user):
        return False
    if user.is_superuser:
        return True
    return report.country is not None and report.country.iso3 == user.country
