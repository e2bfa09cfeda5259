"""A browser generates a report from its page, waits for the task, and downloads the PDF."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connections
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from palermo.core.demo import demo_load as accounts_demo_load
from palermo.core.management.commands.task_worker import QuietWorker
from palermo.instruments.demo import demo_load as legislation_demo_load
from palermo.reports import registry
from palermo.reports.models import GeneratedReport
from palermo.reviews.demo import demo_load as review_demo_load
from palermo.reviews.models import Review
from tests.browser.conftest import screenshot
from tests.browser.test_dashboard import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKER_STOP_TIMEOUT = 30  # seconds a running task gets to finish once the worker is told to stop


@pytest.fixture
def demo(settings: Any, tmp_path: Any) -> None:
    settings.PALERMO_DEMO = True
    settings.MEDIA_ROOT = tmp_path
    # As in production: the request stores the task in the database, and a worker runs it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    accounts_demo_load()
    legislation_demo_load()
    review_demo_load()


@contextmanager
def db_worker(live_server: LiveServer, max_tasks: int = 1) -> Iterator[threading.Thread]:
    """Our task worker in a thread of this process, on the live server's database.

    It polls the queue until it has run `max_tasks` tasks, then returns; leaving the block stops
    it (after the task it may be running), waits for the thread and re-raises what broke it.

    On PostgreSQL the thread opens (and closes) its own connection, as a worker process would.
    SQLite's in-memory test database is reached, like the live server reaches it, through the
    connection this thread lends it: a second connection to the shared cache fails at once
    ("database table is locked", "database schema is locked") instead of waiting whenever
    another one is writing, which the worker's exclusive transactions would do to the polls.
    """
    worker = QuietWorker(
        queue_names=["*"],
        interval=0.1,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="browser-test-worker",
    )
    shared = dict(live_server.thread.connections_override)
    errors: list[BaseException] = []

    def run() -> None:
        for alias, conn in shared.items():
            connections[alias] = conn
        try:
            worker.run()
        except BaseException as error:  # noqa: BLE001 - handed to the test thread below
            errors.append(error)
        finally:
            for conn in connections.all(initialized_only=True):
                if conn.alias not in shared:
                    conn.close()

    for conn in shared.values():
        conn.inc_thread_sharing()
    thread = threading.Thread(target=run, name="db_worker", daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        worker.running = False
        thread.join(WORKER_STOP_TIMEOUT)
        for conn in shared.values():
            conn.dec_thread_sharing()
        # Raised here, a failure of the block itself shows as the context of these.
        assert not thread.is_alive(), f"The worker did not stop within {WORKER_STOP_TIMEOUT} s."
        if errors:
            raise errors[0]


def test_the_secretariat_generates_a_self_assessment_and_downloads_the_pdf(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    assert registry.get("self_assessment") is not None
    review = Review.objects.get(state__iso3="PAK", cluster__number=1)
    sign_in(page, live_server, "secretariat")
    polls: list[str] = []
    page.on("request", lambda request: "/status/" in request.url and polls.append(request.url))

    page.goto(f"{live_server.url}/en/reports/new/self_assessment/?review={review.pk}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Self-assessment report")
    page.locator("#id_fmt").select_option("pdf")
    page.locator("#id_language").select_option("en")
    page.get_by_role("button", name="Generate the report").click()

    # No worker runs yet: the report waits in the queue, and the page keeps asking.
    status = page.locator("#report-status")
    expect(status).to_contain_text("Waiting for the background worker to start this report.")
    expect(status.get_by_role("progressbar")).to_have_text("Waiting")
    report = GeneratedReport.objects.get(created_by__username="secretariat", kind="self_assessment")
    assert report.status == GeneratedReport.Status.PENDING
    task = DBTaskResult.objects.get(pk=report.task_id)
    assert task.status == TaskResultStatus.READY
    screenshot(page, "report-waiting")
    polls_before = len(polls)
    page.evaluate("window.reportPageLoadedOnce = true")  # gone if the page were loaded again

    with db_worker(live_server) as worker:
        worker.join(60)  # it returns once it has run the one task (leaving the block checks it)
    # The next htmx poll swaps the finished status in (a failure would show its reason here).
    expect(status).to_contain_text("The report is ready", timeout=10_000)
    download = status.get_by_role("link", name="Download the PDF file")
    expect(download).to_be_visible()
    screenshot(page, "report-generated")
    assert len(polls) > polls_before, "The page never polled the report's status."
    assert page.evaluate("window.reportPageLoadedOnce === true"), "The page was loaded again."
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL, task.traceback
    assert task.worker_ids == ["browser-test-worker"]

    with page.expect_download() as download_info:
        download.click()
    path = download_info.value.path()

    assert download_info.value.suggested_filename.endswith(".pdf")
    assert path.read_bytes().startswith(b"%PDF")
