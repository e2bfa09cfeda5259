"""Handing published reports out to the public; every read is audited."""

from typing import IO

from django.db import transaction
from django.http import Http404

from palermo.core.models import AuditEvent
from palermo.portal import permissions
from palermo.reports.models import GeneratedReport
from palermo.reports.services.publishing import stored_file_open


@transaction.atomic
def published_report_open(
    *, report: GeneratedReport, action: str = AuditEvent.Action.DOWNLOAD
) -> IO[bytes]:
    """Open the stored file of a published report for anyone; the read is audited.

    The caller gets the report from `portal.selectors.reports.published_report_get`, which
    refuses reports that are not done and published.
    """
    if not permissions.can_read_report(report):
        raise Http404
    return stored_file_open(actor=None, report=report, where=" on the public portal", action=action)
