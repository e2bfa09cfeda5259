"""The task worker looks for work without locking the database, and runs what it finds."""

from typing import Any
from unittest.mock import patch

import pytest
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from palermo.core.management.commands.task_worker import QuietWorker

# The worker opens its own transactions, as it does in its process.
pytestmark = pytest.mark.django_db(transaction=True)

ran: list[int] = []


@task()
def note(number: int) -> int:
    ran.append(number)
    return number


def worker(**options: Any) -> QuietWorker:
    defaults: dict[str, Any] = {
        "queue_names": ["*"],
        "interval": 0,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "test-worker",
    }
    return QuietWorker(**{**defaults, **options})


@pytest.fixture(autouse=True)
def database_queue(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ran.clear()


def test_an_idle_worker_never_opens_a_locking_transaction() -> None:
    with patch.object(db_worker, "exclusive_transaction") as exclusive:
        worker().run()

    assert exclusive.call_count == 0
    assert ran == []


def test_waiting_tasks_are_claimed_and_run(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        note.enqueue(1)
        note.enqueue(2)

    worker().run()

    assert sorted(ran) == [1, 2]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {
        TaskResultStatus.SUCCESSFUL
    }


def test_the_worker_stops_after_its_maximum_number_of_tasks(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            note.enqueue(number)

    worker(batch=False, max_tasks=2).run()

    assert len(ran) == 2
    assert DBTaskResult.objects.ready().count() == 1
