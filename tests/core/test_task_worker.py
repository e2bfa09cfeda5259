"""The task worker looks for work without locking the database, runs what it finds, and is
woken when a task is queued."""

import threading
import time
from typing import Any
from unittest.mock import patch

import pytest
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from palermo.core import wakeup
from palermo.core.management.commands.task_worker import QuietWorker, warm_apps

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


def test_a_queued_task_wakes_the_worker_at_once_not_on_its_next_look(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The worker looks every 30 s here; queuing wakes it, so the task runs within a second."""
    sleeper = worker(batch=False, interval=30)
    assert sleeper.alarm.listening
    thread = threading.Thread(target=sleeper.run)
    thread.start()
    try:
        time.sleep(0.3)  # the worker has looked once, found nothing, and waits
        began = time.perf_counter()
        with django_capture_on_commit_callbacks(execute=True):
            note.enqueue(7)
        while not ran and time.perf_counter() - began < 10:
            time.sleep(0.01)
        waited = time.perf_counter() - began
    finally:
        sleeper.running = False
        wakeup.wake()
        thread.join(timeout=30)
    assert ran == [7]
    assert waited < 5
    assert not thread.is_alive()


def test_a_wake_up_without_a_listener_is_harmless_and_a_second_worker_polls() -> None:
    wakeup.wake()  # nobody listens: nothing happens
    first = wakeup.Alarm()
    second = wakeup.Alarm()
    try:
        assert first.listening
        assert not second.listening  # the first holds the name; the second polls
        assert first.wait(0.01) is False
        wakeup.wake()
        wakeup.wake()
        assert first.wait(5) is True
        assert first.wait(0.01) is False  # both wake-ups were used up at once
    finally:
        first.close()
        second.close()


def test_the_worker_warms_every_app_that_asks_before_its_first_task() -> None:
    from palermo.evidence import tasks as evidence_tasks
    from palermo.reports import tasks as report_tasks

    with (
        patch.object(report_tasks, "warm") as reports_warm,
        patch.object(evidence_tasks, "warm") as evidence_warm,
    ):
        warm_apps()

    reports_warm.assert_called_once_with()
    evidence_warm.assert_called_once_with()


def test_the_warm_ups_run_for_real() -> None:
    """What they load is there afterwards: the URLconf, the reference files, the renderers."""
    from palermo.evidence.privacy import hierarchies

    hierarchies.m49_regions.cache_clear()
    warm_apps()

    assert hierarchies.m49_regions.cache_info().currsize == 1


def test_a_failing_warm_up_is_logged_and_does_not_stop_the_worker(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from palermo.reports import tasks as report_tasks

    with patch.object(report_tasks, "warm", side_effect=RuntimeError("no fonts")):
        warm_apps()

    assert "Warming palermo.reports failed" in caplog.text
