"""A running report's sign of life: `heartbeat_at`, renewed while its task works.

Recovery takes a report whose heartbeat is older than PALERMO_TASK_STALE_SECONDS for
abandoned (its worker was killed or lost its database). A thread beats every quarter of that
time, so a long build is never mistaken for a dead one; the task also beats between its steps.
"""

import logging
import threading
from types import TracebackType

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from palermo.reports.models import GeneratedReport

logger = logging.getLogger(__name__)


def beat(report_id: int, attempt: int) -> None:
    """Note that this attempt at the report is alive (bookkeeping, not audited)."""
    GeneratedReport.objects.filter(
        pk=report_id, attempts=attempt, status=GeneratedReport.Status.RUNNING
    ).update(heartbeat_at=timezone.now())


def beat_interval() -> float:
    return max(float(settings.PALERMO_TASK_STALE_SECONDS) / 4, 0.25)


class Heartbeat:
    """Beats from a thread for as long as the block runs.

    The thread has its own database connection, which cannot see rows the task's connection has
    not committed; inside a transaction (a test's, or a caller's) it stays off and the beats
    between steps suffice.
    """

    def __init__(self, report_id: int, attempt: int) -> None:
        self.report_id = report_id
        self.attempt = attempt
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None

    def __enter__(self) -> "Heartbeat":
        if not transaction.get_connection().in_atomic_block:
            self.thread = threading.Thread(
                target=self._run, name=f"report-{self.report_id}-heartbeat", daemon=True
            )
            self.thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stopping.set()
        if self.thread is not None:
            self.thread.join(timeout=beat_interval() + 5)

    def _run(self) -> None:
        try:
            while not self.stopping.wait(beat_interval()):
                try:
                    beat(self.report_id, self.attempt)
                except DatabaseError:
                    logger.warning("Report %s: the heartbeat could not be written", self.report_id)
        finally:
            connection.close()
