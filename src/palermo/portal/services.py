"""Handing published reports out to the public; every read is audited."""

from typing import IO

from django.db import transaction
from django.http import Http404

from palermo.core.audit import export_record
from palermo.core.models import AuditEvent
from palermo.reports import messages as report_messages
from palermo.reports.models import GeneratedReport


@transaction.atomic
def published_report_open(
    *, report: GeneratedReport, action: str = AuditEvent.Action.DOWNLOAD
) -> IO[bytes]:
    """Open the stored file of a published report for anyone; the read is audited.

    The caller gets the report from `portal.selectors.published_report_get`, which refuses
    reports that are not done and published.
    """
    if not report.published or report.status != GeneratedReport.Status.DONE:
        raise Http404
    try:
        handle: IO[bytes] = report.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404(report_messages.FILE_MISSING) from missing
    export_record(
        actor=None,
        what=f"{report} ({report.file.name}) on the public portal",
        fmt=report.fmt,
        obj=report,
        action=action,
    )
    return handle
