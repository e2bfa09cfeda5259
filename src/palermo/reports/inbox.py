"""The reports' part of each person's inbox: reports the user asked for that are now ready."""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core.inbox import InboxItem, inbox_register
from palermo.reports import registry
from palermo.reports.models import GeneratedReport

# A finished report stays in the inbox this many days; the reports list keeps it after.
RECENT_DAYS = 7


def _title(report: GeneratedReport) -> str:
    kind = registry.get(report.kind)
    if kind is None:
        return str(report)
    details = kind.params_label(report.params)
    return f"{kind.label}: {details}" if details else str(kind.label)


def reports_ready(user: Any, today: datetime.date) -> list[InboxItem]:
    """Reports the user requested that finished (or failed) in the last RECENT_DAYS days."""
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    finished = GeneratedReport.objects.filter(
        created_by=user,
        status__in=[GeneratedReport.Status.DONE, GeneratedReport.Status.FAILED],
        finished_at__gte=since,
    ).order_by("-finished_at", "-pk")
    items = []
    for report in finished:
        failed = report.status == GeneratedReport.Status.FAILED
        items.append(
            InboxItem(
                kind="reports",
                title=_title(report),
                link=report.get_absolute_url(),
                why=(
                    _("Generation failed: %(error)s") % {"error": report.error}
                    if failed
                    else _("Ready to read and download (%(format)s).")
                    % {"format": report.get_fmt_display()}
                ),
                overdue=failed,
            )
        )
    return items


def register() -> None:
    inbox_register(reports_ready, kinds={"reports": gettext_lazy("Reports ready")}, order=40)
