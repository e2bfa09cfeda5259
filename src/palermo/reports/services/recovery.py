"""Recovering reports whose task was abandoned: a killed worker never leaves one waiting.

A report is stale when it is running without a heartbeat for PALERMO_TASK_STALE_SECONDS, or
is pending while its task was claimed by a worker that never started it (or its task vanished,
or never reached the queue) for that long. A stale report is queued again once; a report that
was already queued again fails, saying the worker stopped. `palermo serve` runs recovery
periodically, `palermo reports_recover` runs it once, and the status page runs it for the
report it shows.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django_tasks.base import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist

from palermo.core.audit import audit_context, audited_update
from palermo.reports import messages
from palermo.reports.models import GeneratedReport
from palermo.reports.services.generation import _enqueue, report_fail

logger = logging.getLogger(__name__)

# How many times a report is queued at most: the request, then one retry after a lost worker.
MAX_ATTEMPTS = 2


@dataclass
class Recovery:
    """What one recovery pass did: the reports queued again and those failed."""

    requeued: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def _cutoff(now: datetime) -> datetime:
    return now - timedelta(seconds=settings.PALERMO_TASK_STALE_SECONDS)


def report_is_stale(report: GeneratedReport, *, now: datetime | None = None) -> bool:
    """True when no worker is working on this unfinished report any more."""
    cutoff = _cutoff(now or timezone.now())
    last_sign = report.heartbeat_at or report.started_at or report.created_at
    if report.status == GeneratedReport.Status.RUNNING:
        return last_sign < cutoff
    if report.status == GeneratedReport.Status.PENDING:
        return last_sign < cutoff and _task_abandoned(report, cutoff)
    return False


def _task_abandoned(report: GeneratedReport, cutoff: datetime) -> bool:
    """A pending report's task was claimed long ago, ended, vanished or was never queued."""
    from palermo.reports.tasks import report_generate_task

    if not report.task_id:
        return True
    try:
        result = report_generate_task.get_result(report.task_id)
    except NotImplementedError:
        # The backend keeps no results (the immediate one runs each task as it is queued).
        return False
    except TaskResultDoesNotExist:
        return True
    if result.status == TaskResultStatus.READY:
        return False  # Waiting for a worker: slow, not lost.
    if result.status == TaskResultStatus.RUNNING:
        return result.started_at is None or result.started_at < cutoff
    return True


def report_recover_stale(*, now: datetime | None = None) -> Recovery:
    """Queue again, or fail, every report whose task was abandoned."""
    now = now or timezone.now()
    cutoff = _cutoff(now)
    candidates = (
        GeneratedReport.objects.filter(
            status__in=[GeneratedReport.Status.PENDING, GeneratedReport.Status.RUNNING]
        )
        .filter(Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    recovery = Recovery()
    for report_id in list(candidates):
        outcome = _recover(report_id, now)
        if outcome == "requeued":
            recovery.requeued.append(report_id)
        elif outcome == "failed":
            recovery.failed.append(report_id)
    return recovery


def report_recover_if_stale(
    *, report: GeneratedReport, now: datetime | None = None
) -> GeneratedReport:
    """Recover the report a page or a client is waiting for, if its task was abandoned."""
    if report.is_finished or not report_is_stale(report, now=now):
        return report
    _recover(report.pk, now or timezone.now())
    report.refresh_from_db()
    return report


@transaction.atomic
def _recover(report_id: int, now: datetime) -> str:
    report = GeneratedReport.objects.select_for_update().filter(pk=report_id).first()
    # Checked again under the lock: a worker may have beaten or finished meanwhile.
    if report is None or not report_is_stale(report, now=now):
        return ""
    with audit_context(channel="task"):
        if report.attempts < MAX_ATTEMPTS:
            logger.warning("Report %s was abandoned by its worker; queued again", report.pk)
            audited_update(
                actor=None,
                obj=report,
                fields={
                    "status": GeneratedReport.Status.PENDING,
                    "attempts": report.attempts + 1,
                    "started_at": None,
                    "heartbeat_at": timezone.now(),
                    "task_id": "",
                },
            )
            transaction.on_commit(partial(_enqueue, report.pk))
            return "requeued"
        logger.warning("Report %s was abandoned by its worker again; failed", report.pk)
        with translation.override(report.language):
            report_fail(report, str(messages.WORKER_STOPPED))
        return "failed"
