"""`palermo reports_recover`: queue again, or fail, the reports whose worker was lost."""

from typing import Any

from django.core.management.base import BaseCommand

from palermo.reports.services.recovery import report_recover_stale


class Command(BaseCommand):
    help = (
        "Find the reports whose task shows no heartbeat for PALERMO_TASK_STALE_SECONDS (their "
        "worker was killed): queue each again once, or fail it when it was already queued again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        recovery = report_recover_stale()
        if recovery.requeued or recovery.failed or options["verbosity"] > 1:
            self.stdout.write(
                f"Reports queued again: {_ids(recovery.requeued)}. "
                f"Reports failed: {_ids(recovery.failed)}."
            )


def _ids(ids: list[int]) -> str:
    return ", ".join(map(str, ids)) if ids else "none"
