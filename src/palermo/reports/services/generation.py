"""Requesting and generating reports; every write is audited.

`report_request` stores a pending report and enqueues `tasks.report_generate` once the
transaction commits; the task (a worker process, or at once with the immediate backend) calls
`report_generate`, which builds the document, renders it, stores the file and tells the requester.
Whatever goes wrong, the final save included, ends the report as failed with a sentence saying
why; a worker that dies leaves a report whose heartbeat stops, which `recovery` takes up.
"""

import hashlib
import logging
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from palermo.core import messages as core_messages
from palermo.core.audit import audit_context, audit_created, audited_update
from palermo.core.exceptions import ConflictError
from palermo.core.models import User
from palermo.core.notifications import notify
from palermo.core.permissions import require
from palermo.instruments.models import State
from palermo.reports import audience, messages, permissions, registry, renderers
from palermo.reports.models import GeneratedReport, report_path
from palermo.reports.registry import ReportError, ReportKind
from palermo.reports.services.heartbeat import Heartbeat, beat

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


def report_retry(*, actor: User, report: GeneratedReport) -> GeneratedReport:
    """Request a failed report again, with the same parameters, language and format."""
    require(permissions.can_retry(actor, report))
    if report.status != GeneratedReport.Status.FAILED:
        raise ConflictError(messages.RETRY_ONLY_FAILED)
    return report_request(
        actor=actor,
        kind=report.kind,
        params=report.params,
        language=report.language,
        fmt=report.fmt,
    )


def _enqueue(report_id: int) -> None:
    from palermo.reports.tasks import report_generate_task

    try:
        result = report_generate_task.enqueue(report_id)
    except Exception:
        logger.exception("Could not queue report %s", report_id)
        with audit_context(channel="task"):
            _finish_failed(report_id, str(messages.GENERATION_FAILED))
        return
    # Bookkeeping for operators and for recovery (which task result belongs to the report).
    GeneratedReport.objects.filter(pk=report_id, task_id="").update(task_id=result.id[:64])


def report_generate(*, report_id: int) -> GeneratedReport | None:
    """Build, render and store one pending report; record why when it fails.

    A failed final save rolls back its own transaction; the failure is then written in a
    transaction of its own. A heartbeat tells recovery the task is alive meanwhile.
    """
    with audit_context(channel="task"):
        report = _start(report_id)
        if report is None:
            return None
        attempt = report.attempts
        try:
            with Heartbeat(report.pk, attempt):
                kind = report_kind_get(report.kind)
                with translation.override(report.language):
                    document = kind.build(dict(report.params), report.language, report.created_by)
                    holds = audience.normalise(document.holds)
                    # Before rendering, the costly part: a report nobody asked for is not drawn.
                    _check_requester_reads(report, holds)
                    beat(report.pk, attempt)
                    content = renderers.render(document, report.fmt)
                beat(report.pk, attempt)
                return _finish_done(report.pk, attempt, content, holds)
        except Exception as error:  # noqa: BLE001 - every failure is recorded on the report
            return _finish_failed(report.pk, _failure_message(error, report), attempt=attempt)


def _check_requester_reads(report: GeneratedReport, holds: list[list[Any]]) -> None:
    """A report its requester could not open is not made: the reason is said instead.

    Who may read a report follows from what it prints (`audience`); a builder that printed
    more than its requester may read would otherwise leave a report nobody asked for.
    """
    unread = audience.unreadable(report.created_by, holds)
    if unread:
        with translation.override(report.language):
            raise ReportError(
                _(
                    "This report would print what you may not read (%(things)s), so it was "
                    "not made. Ask someone who may read all of it to generate it."
                )
                % {"things": ", ".join(unread)}
            )


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
    now = timezone.now()
    audited_update(
        actor=None,
        obj=report,
        fields={"status": GeneratedReport.Status.RUNNING, "started_at": now, "heartbeat_at": now},
    )
    return report


def _still_ours(report: GeneratedReport, attempt: int | None) -> bool:
    """False when recovery gave the report to another attempt while this one worked."""
    if attempt is None:
        return not report.is_finished
    ours = report.status == GeneratedReport.Status.RUNNING and report.attempts == attempt
    if not ours:
        logger.warning("Report %s was taken over; attempt %s is dropped", report.pk, attempt)
    return ours


@transaction.atomic
def _finish_done(
    report_id: int, attempt: int, content: bytes, holds: list[list[Any]]
) -> GeneratedReport:
    report = GeneratedReport.objects.select_for_update().get(pk=report_id)
    if not _still_ours(report, attempt):
        return report
    filename = f"{report.kind}-{report.pk}.{EXTENSIONS[report.fmt]}"
    storage = report.file.storage
    name = storage.save(report_path(report, filename), ContentFile(content))
    try:
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
        notify_requester(report, text)
    except Exception:
        # The row rolls back; the file it would have named must not linger.
        storage.delete(name)
        raise
    return report


@transaction.atomic
def _finish_failed(report_id: int, error: str, *, attempt: int | None = None) -> GeneratedReport:
    report = GeneratedReport.objects.select_for_update().get(pk=report_id)
    if not _still_ours(report, attempt):
        return report
    return report_fail(report, error)


def report_fail(report: GeneratedReport, error: str) -> GeneratedReport:
    """Record a locked report as failed, with `error` for the user, and tell its requester."""
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
    notify_requester(report, text)
    return report


def notify_requester(report: GeneratedReport, text: str) -> None:
    notify([report.created_by], text, report_path_for(report))


def _labels(report: GeneratedReport) -> dict[str, str]:
    kind = registry.get(report.kind)
    if kind is None:
        return {"kind": report.kind, "params": ", ".join(map(str, report.params.values()))}
    return {"kind": str(kind.label), "params": kind.params_label(report.params)}


def report_path_for(report: GeneratedReport) -> str:
    """The report's page without the language prefix (as notifications store paths)."""
    with translation.override("en"):
        return reverse("reports:report-detail", args=[report.pk]).removeprefix("/en")
