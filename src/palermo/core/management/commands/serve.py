import atexit
import os
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


def queue_needs_worker() -> bool:
    """True when background tasks wait in the database for a worker to run them."""
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

    try:
        from django_tasks_db import DatabaseBackend
    except ImportError:
        return False
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def start_task_worker() -> subprocess.Popen[bytes]:
    """Run `palermo db_worker` beside gunicorn; it stops when this process exits."""
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "palermo", "db_worker", "--no-reload", "--queue-name", "*"]
    )
    owner = os.getpid()

    def stop() -> None:
        # Gunicorn forks its workers from this process; only the parent stops the task worker.
        if os.getpid() != owner or worker.poll() is not None:
            return
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()

    atexit.register(stop)
    return worker


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
            "--no-task-worker",
            action="store_false",
            dest="task_worker",
            help="Do not start the task worker (when `palermo db_worker` runs elsewhere).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.wsgiapp import run

        call_command("collectstatic", interactive=False, verbosity=0)
        if options["task_worker"] and queue_needs_worker():
            worker = start_task_worker()
            self.stdout.write(f"The background task worker runs as process {worker.pid}.")
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(f"Palermo is serving on http://{address}/")
        self.stdout.flush()
        sys.argv = [
            "gunicorn",
            "palermo.wsgi:application",
            f"--bind={address}",
            f"--workers={options['workers']}",
            "--access-logfile=-",
        ]
        run()
