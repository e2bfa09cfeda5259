"""Requesting, generating, publishing and handing out reports; every write is audited.

`report_request` stores a pending report and enqueues `tasks.report_generate` once the
transaction commits; the task (a worker process, or at once with the immediate backend) calls
`report_generate`, which builds the document, renders it, stores the file and tells the requester.
"""

import hashlib
import logging
from collections.abc import Mapping
from functools import partial
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from palermo.core import messages as core_messages
from palermo.core.audit import audit_context, audit_created, audited_update, export_record
from palermo.core.exceptions import ConflictError
from palermo.core.models import AuditEvent, User
from palermo.core.notifications import notify
from palermo.core.permissions import require
from palermo.instruments.models import State
from palermo.reports import audience, messages, permissions, registry, renderers
from palermo.reports.models import GeneratedReport, report_path
from palermo.reports.registry import ReportError, ReportKind

logger = logging.getLogger(__name__)

EXTENSIONS = {"html": "html", "pdf": "pdf", "docx": "docx", "xlsx": "xlsx"}


def report_kind_get(code: str) -> ReportKind:
    kind = registry.get(code)
    if kind is None:
        raise ValidationError({"kind": messages.UNKNOWN_KIND})
    return kind


@transaction.atomic
def report_request(
    *, actor: User, kind: str, params: Mapping[str, Any], language: str, fmt: str
) -> GeneratedReport:
    """Store a pending report and queue its generation (after the transaction commits)."""
    report_kind = report_kind_get(kind)
    parsed = report_kind.parse_params(params)
    require(permissions.can_generate(actor, report_kind, parsed))
    if fmt not in report_kind.formats:
        raise ValidationError({"fmt": messages.FORMAT_NOT_OFFERED})
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": messages.UNKNOWN_LANGUAGE})
    state = (
        report_kind.state(parsed)
        if report_kind.state is not None
        else State.objects.filter(iso3=actor.country).first()
    )
    report = GeneratedReport(
        kind=report_kind.code,
        params=parsed,
        language=language,
        fmt=fmt,
        created_by=actor,
        country=state,
    )
    report.full_clean()
    report.save()
    audit_created(actor=actor, obj=report)
    transaction.on_commit(partial(_enqueue, report.pk))
    return report


def _enqueue(report_id: int) -> None:
    from palermo.reports.tasks import report_generate_task

    try:
        result = report_generate_task.enqueue(report_id)
    except Exception:
        logger.exception("Could not queue report %s", report_id)
        with audit_context(channel="task"):
            _finish_failed(report_id, str(messages.GENERATION_FAILED))
        return
    # Bookkeeping for operators (which task result belongs to the report), not audited.
    GeneratedReport.objects.filter(pk=report_id, task_id="").update(task_id=result.id[:64])


def report_generate(*, report_id: int) -> GeneratedReport | None:
    """Build, render and store one pending report; record why when it fails."""
    with audit_context(channel="task"):
        report = _start(report_id)
        if report is None:
            return None
        try:
            kind = report_kind_get(report.kind)
            with translation.override(report.language):
                document = kind.build(dict(report.params), report.language, report.created_by)
                content = renderers.render(document, report.fmt)
            holds = audience.normalise(document.holds)
        except Exception as error:  # noqa: BLE001 - every failure is recorded on the report
            return _finish_failed(report.pk, _failure_message(error, report))
        return _finish_done(report.pk, content, holds)


def _failure_message(error: Exception, report: GeneratedReport) -> str:
    """A sentence for the user; anything unexpected goes to the log, never to the page."""
    with translation.override(report.language):
        if isinstance(error, ValidationError):
            return " ".join(str(message) for message in error.messages)
        if isinstance(error, ReportError | PermissionDenied):
            return str(error) or str(core_messages.NOT_ALLOWED)
        if isinstance(error, ObjectDoesNotExist | Http404):
            return str(messages.RECORD_GONE)
        logger.exception("Report %s (%s) could not be generated", report.pk, report.kind)
        return str(messages.GENERATION_FAILED)


@transaction.atomic
def _start(report_id: int) -> GeneratedReport | None:
    report = GeneratedReport.objects.select_for_update().filter(pk=report_id).first()
    if report is None or report.status != GeneratedReport.Status.PENDING:
        # Deleted meanwhile, or another worker already took it.
        return None
    audited_update(
        actor=None,
        obj=report,
        fields={"status": GeneratedReport.Status.RUNNING, "started_at": timezone.now()},
    )
    return report


@transaction.atomic
def _finish_done(report_id: int, content: bytes, holds: list[list[Any]]) -> GeneratedReport:
    report = GeneratedReport.objects.select_for_update().get(pk=report_id)
    filename = f"{report.kind}-{report.pk}.{EXTENSIONS[report.fmt]}"
    name = report.file.storage.save(report_path(report, filename), ContentFile(content))
    audited_update(
        actor=None,
        obj=report,
        fields={
            "file": name,
            "checksum": hashlib.sha256(content).hexdigest(),
            "size": len(content),
            "status": GeneratedReport.Status.DONE,
            "finished_at": timezone.now(),
            "error": "",
            "holds": holds,
        },
    )
    with translation.override(report.language):
        text = _("Your report “%(kind)s” (%(params)s) is ready.") % _labels(report)
    notify([report.created_by], text, report_path_for(report))
    return report


@transaction.atomic
def _finish_failed(report_id: int, error: str) -> GeneratedReport:
    report = GeneratedReport.objects.select_for_update().get(pk=report_id)
    audited_update(
        actor=None,
        obj=report,
        fields={
            "status": GeneratedReport.Status.FAILED,
            "finished_at": timezone.now(),
            "error": error,
        },
    )
    with translation.override(report.language):
        text = _("Your report “%(kind)s” (%(params)s) could not be generated.") % _labels(report)
    notify([report.created_by], text, report_path_for(report))
    return report


def _labels(report: GeneratedReport) -> dict[str, str]:
    kind = registry.get(report.kind)
    if kind is None:
        return {"kind": report.kind, "params": ", ".join(map(str, report.params.values()))}
    return {"kind": str(kind.label), "params": kind.params_label(report.params)}


def report_path_for(report: GeneratedReport) -> str:
    """The report's page without the language prefix (as notifications store paths)."""
    with translation.override("en"):
        return reverse("reports:report-detail", args=[report.pk]).removeprefix("/en")


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
    try:
        handle: IO[bytes] = report.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404(messages.FILE_MISSING) from missing
    export_record(
        actor=actor,
        what=f"{report} ({report.file.name})",
        fmt=report.fmt,
        obj=report,
        action=action,
    )
    return handle
