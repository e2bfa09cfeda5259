"""`palermo task_worker`: django-tasks' database worker, quiet while idle, quick when woken.

django-tasks-db's worker opens an exclusive transaction every polling interval to look for a
task, even when the queue is empty. On SQLite that is the database's one write lock, taken once
a second for ever, and every request that writes meanwhile has to wait for it. This worker first
looks with a plain read (no lock), and takes the lock only when a task is waiting.

It does not wait for its next look when a task is queued on this machine: queuing wakes it
(`core.wakeup`). Before its first task it warms what tasks use, so the first report after a
start is not the one that pays for loading fonts and renderers: every app's `tasks` module may
define `warm()`, which is called once.
"""

import importlib
import logging
import time
from argparse import ArgumentParser
from typing import Any

from django.apps import apps
from django.db import close_old_connections
from django.urls import get_resolver
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from palermo.core.wakeup import Alarm

logger = logging.getLogger(__name__)


def warm_apps() -> None:
    """Load the URLconf, then call `warm()` in every app's `tasks` module that has one.

    Tasks name pages (a notification's address, a link in a report); the first `reverse` in a
    process imports every view and API module, over a second. A failure is only logged.
    """
    get_resolver().url_patterns  # noqa: B018 - loading it is the point
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tasks")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.tasks":
                raise
            continue
        warm = getattr(module, "warm", None)
        if warm is None:
            continue
        began = time.perf_counter()
        try:
            warm()
        except Exception:
            logger.exception("Warming %s failed; its first task will be slower", config.name)
            continue
        logger.info("Warmed %s in %.2f s", config.name, time.perf_counter() - began)
    close_old_connections()


class QuietWorker(db_worker.Worker):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.alarm = Alarm()

    def tasks_waiting(self) -> bool:
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        return tasks.exists()

    def run(self) -> None:
        forever = not self.batch
        # The parent's batch mode runs every waiting task, then returns: one claim cycle.
        self.batch = True
        try:
            while self.running:
                if self.tasks_waiting():
                    super().run()
                    self.startup_delay = False
                    if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                        return
                if not forever:
                    return
                close_old_connections()
                if self.running:
                    self.alarm.wait(self.interval)
        finally:
            self.alarm.close()


class Command(db_worker.Command):
    help = (
        "Run the background task worker (reports). Looks for work without locking the "
        "database, starts a task queued on this machine at once, and warms its renderers "
        "before the first."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # One worker beside the server: no herd to spread, so no random delay at start.
        parser.set_defaults(startup_delay=False)

    def handle(self, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        worker = QuietWorker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        worker.configure_signals()
        # Listening before warming: a task queued meanwhile wakes the worker once it is warm.
        began = time.perf_counter()
        warm_apps()
        self.stdout.write(f"Task worker ready (warmed in {time.perf_counter() - began:.1f} s).")
        self.stdout.flush()
        worker.run()
