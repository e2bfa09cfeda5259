"""`palermo` with a slow report kind: the subprocess the worker-kill test runs and kills.

`python -m tests.reports.slow_palermo request-and-work` requests one "slow" report and runs the
task worker, whose build sleeps PALERMO_TEST_SLOW_SECONDS; `recover-and-work` runs
`palermo reports_recover`, then the worker in batch mode (all waiting tasks, then exit).
"""

import os
import sys
import time

import django
from django.core.management import call_command


def build_slow(params: dict[str, int | str], language: str, user: object) -> object:
    from palermo.reports.document import Document, Paragraph

    time.sleep(float(os.environ.get("PALERMO_TEST_SLOW_SECONDS", "0")))
    document = Document(title=f"Slow {params['number']}", language=language)
    return document.add(Paragraph.of("Built at last."))


def register_slow_kind() -> None:
    from palermo.reports import registry
    from palermo.reports.registry import Param, ReportKind

    registry.register(
        ReportKind(
            code="slow",
            label="Slow report",
            formats=("html",),
            params=(Param("number", "Number"),),
            build=build_slow,  # type: ignore[arg-type]
            can_generate=lambda user, params: True,
        )
    )


def main(action: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")
    django.setup()
    register_slow_kind()
    if action == "request-and-work":
        from palermo.core.services.users import user_create
        from palermo.reports.services import generation as report_generation

        requester = user_create(actor=None, username="requester", password="unused-Passw0rd")
        report = report_generation.report_request(
            actor=requester, kind="slow", params={"number": 1}, language="en", fmt="html"
        )
        sys.stdout.write(f"requested {report.pk}\n")
        sys.stdout.flush()
        call_command("task_worker", "--queue-name", "*", "--interval", "0.2")
    elif action == "recover-and-work":
        call_command("reports_recover")
        call_command("task_worker", "--queue-name", "*", "--interval", "0.2", "--batch")


if __name__ == "__main__":
    main(sys.argv[1])
