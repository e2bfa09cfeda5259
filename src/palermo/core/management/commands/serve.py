import atexit
import logging
import os
import subprocess
import sys
import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connections

logger = logging.getLogger(__name__)


def queue_needs_worker() -> bool:
    """True when background tasks wait in the database for a worker to run them."""
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

    try:
        from django_tasks_db import DatabaseBackend
    except ImportError:
        return False
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


# Typst keeps its layout cache for the life of a process; a worker that has rendered this many
# reports makes way for a fresh one, so a long-running server's memory stays bounded.
TASKS_PER_WORKER = 25


def recover_periodically(stopping: threading.Event) -> None:
    """Run `palermo reports_recover` every half of PALERMO_TASK_STALE_SECONDS until stopped.

    A report whose worker was killed (here or on another machine) is then queued again, or
    failed, instead of waiting for ever.
    """
    interval = max(settings.PALERMO_TASK_STALE_SECONDS / 2, 1)
    while not stopping.wait(interval):
        try:
            # By name: core knows no app; the reports app provides the command.
            call_command("reports_recover", verbosity=1)
        except Exception:
            logger.exception("Recovering abandoned reports failed; trying again later")
        finally:
            # Gunicorn forks its workers from this process: hold no connection between runs.
            connections.close_all()


class TaskWorker:
    """`palermo task_worker` beside gunicorn, restarted after each batch; stopped on exit."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.stopping = threading.Event()
        self.owner = os.getpid()

    def start(self) -> None:
        self._spawn()
        threading.Thread(target=self._supervise, name="task-worker", daemon=True).start()
        atexit.register(self.stop)

    def _spawn(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and command
            [
                sys.executable,
                "-m",
                "palermo",
                "task_worker",
                "--no-reload",
                "--queue-name",
                "*",
                "--max-tasks",
                str(TASKS_PER_WORKER),
            ]
        )

    def _supervise(self) -> None:
        while not self.stopping.is_set():
            if self.process is not None:
                self.process.wait()
            if not self.stopping.is_set():
                self._spawn()

    def stop(self) -> None:
        # Gunicorn forks its workers from this process; only the parent stops the task worker.
        if os.getpid() != self.owner:
            return
        self.stopping.set()
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


class Command(BaseCommand):
    help = (
        "Serve Palermo with gunicorn, a production-grade WSGI server, and run the background "
        "task worker beside it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=3)
        parser.add_argument(
            "--timeout",
            type=int,
            default=int(os.environ.get("PALERMO_SERVER_TIMEOUT", "60")),
            help=(
                "Seconds a request may take before gunicorn restarts its worker "
                "(PALERMO_SERVER_TIMEOUT, 60 by default). Uploads are refused past their caps "
                "within seconds, so only a genuinely slow request meets it."
            ),
        )
        parser.add_argument(
            "--no-task-worker",
            action="store_false",
            dest="task_worker",
            help="Do not start the task worker (when `palermo task_worker` runs elsewhere).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.wsgiapp import run

        call_command("collectstatic", interactive=False, verbosity=0)
        if queue_needs_worker():
            threading.Thread(
                target=recover_periodically,
                args=(threading.Event(),),
                name="task-recovery",
                daemon=True,
            ).start()
            if options["task_worker"]:
                worker = TaskWorker()
                worker.start()
                self.stdout.write(
                    f"A background task worker runs beside the server, renewed every "
                    f"{TASKS_PER_WORKER} tasks."
                )
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(f"Palermo is serving on http://{address}/")
        self.stdout.flush()
        sys.argv = [
            "gunicorn",
            "palermo.wsgi:application",
            f"--bind={address}",
            f"--workers={options['workers']}",
            f"--timeout={options['timeout']}",
            "--access-logfile=-",
        ]
        run()
