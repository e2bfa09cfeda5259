"""`palermo task_worker`: django-tasks' database worker that leaves SQLite alone while idle.

django-tasks-db's worker opens an exclusive transaction every polling interval to look for a
task, even when the queue is empty. On SQLite that is the database's one write lock, taken once
a second for ever, and every request that writes meanwhile has to wait for it. This worker first
looks with a plain read (no lock), and takes the lock only when a task is waiting.
"""

import time
from typing import Any

from django.db import close_old_connections
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult


class QuietWorker(db_worker.Worker):
    def tasks_waiting(self) -> bool:
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        return tasks.exists()

    def run(self) -> None:
        forever = not self.batch
        # The parent's batch mode runs every waiting task, then returns: one claim cycle.
        self.batch = True
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
                time.sleep(self.interval)


class Command(db_worker.Command):
    help = (
        "Run the background task worker (reports). Looks for work without locking the "
        "database, so an idle worker never delays a request."
    )

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
        worker.run()
