"""Publishing generated reports and handing out their files; every write and read is audited."""

from typing import IO

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from palermo.core import messages as core_messages
from palermo.core.audit import audited_update, export_record
from palermo.core.exceptions import ConflictError
from palermo.core.models import AuditEvent, User
from palermo.core.permissions import require
from palermo.reports import audience, messages, permissions
from palermo.reports.models import GeneratedReport
from palermo.reports.search import index_report


class UnpublishableContentError(ConflictError):
    """Publishing would reveal what is not yet fit for the public; `contents` says what."""

    def __init__(self, contents: list[str]) -> None:
        self.contents = contents
        super().__init__(messages.PUBLISH_NEEDS_CONFIRMATION % {"contents": "; ".join(contents)})


def report_unpublishable(report: GeneratedReport) -> list[str]:
    """What publishing this report would reveal that is not fit for the public, by kind."""
    return audience.unpublishable(report.holds or [])


@transaction.atomic
def report_publish(
    *, actor: User, report: GeneratedReport, confirmed: bool = False
) -> GeneratedReport:
    """The secretariat publishes a generated report (the portal may then list it).

    A report that prints drafts, single organisations' submissions or observations not yet
    agreed is published only when the secretariat confirms, having been told what it holds.
    """
    report = GeneratedReport.objects.select_for_update().get(pk=report.pk)
    require(permissions.can_publish(actor, report))
    if report.status != GeneratedReport.Status.DONE:
        raise ConflictError(messages.PUBLISH_ONLY_DONE)
    if report.published:
        raise ConflictError(messages.ALREADY_PUBLISHED)
    contents = report_unpublishable(report)
    if contents and not confirmed:
        raise UnpublishableContentError(contents)
    audited_update(
        actor=actor,
        obj=report,
        fields={"published": True, "published_at": timezone.now(), "published_by": actor},
    )
    index_report(report)
    return report


@transaction.atomic
def report_unpublish(*, actor: User, report: GeneratedReport) -> GeneratedReport:
    report = GeneratedReport.objects.select_for_update().get(pk=report.pk)
    require(permissions.can_publish(actor, report))
    if not report.published:
        raise ConflictError(messages.NOT_PUBLISHED)
    audited_update(
        actor=actor,
        obj=report,
        fields={"published": False, "published_at": None, "published_by": None},
    )
    index_report(report)
    return report


@transaction.atomic
def report_file_open(
    *, actor: User, report: GeneratedReport, action: str = AuditEvent.Action.DOWNLOAD
) -> IO[bytes]:
    """Open the stored file for someone who may see it; the read is audited."""
    if not permissions.can_view_report(actor, report):
        raise PermissionDenied(core_messages.NOT_ALLOWED)
    if report.status != GeneratedReport.Status.DONE:
        raise ConflictError(messages.NOT_READY)
    return stored_file_open(actor=actor, report=report, where="", action=action)


def stored_file_open(
    *, actor: User | None, report: GeneratedReport, where: str, action: str
) -> IO[bytes]:
    """Open a report's stored file and record the read; callers have checked who may read it."""
    try:
        handle: IO[bytes] = report.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404(messages.FILE_MISSING) from missing
    export_record(
        actor=actor,
        what=f"{report} ({report.file.name}){where}",
        fmt=report.fmt,
        obj=report,
        action=action,
    )
    return handle
