"""Background work never stuck: failures end a report, lost workers are recovered, retries."""

import datetime
import io
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from palermo.core.management.commands import serve
from palermo.core.models import Notification, User
from palermo.reports import messages, registry, renderers
from palermo.reports.document import Document, Paragraph
from palermo.reports.models import GeneratedReport
from palermo.reports.registry import Param, Params, ReportKind
from palermo.reports.services import generation as report_generation
from palermo.reports.services import recovery as report_recovery
from tests.factories import bearer, make_organisation, make_user

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ROOT = Path(__file__).resolve().parents[2]


def build_sample(params: Params, language: str, user: User) -> Document:
    document = Document(title=f"Sample {params['number']}", language=language)
    return document.add(Paragraph.of("One paragraph."))


SAMPLE = ReportKind(
    code="sample",
    label="Sample report",
    formats=("html", "pdf"),
    params=(Param("number", "Number"),),
    build=build_sample,
    can_generate=lambda user, params: user.country == "PAK",
    describe=lambda params: f"number {params['number']}",
)


@pytest.fixture(autouse=True)
def sample_kind(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PALERMO_TASK_STALE_SECONDS = 120
    monkeypatch.setattr(renderers, "render", lambda document, fmt: b"%PDF-1.7 stub", raising=False)
    registry.register(SAMPLE)
    yield
    registry.unregister(SAMPLE.code)


@pytest.fixture
def analyst(db: None) -> User:
    return make_user("analyst", organisation=make_organisation("Ministry of Interior"))


@pytest.fixture
def foreigner(db: None) -> User:
    return make_user("foreigner", organisation=make_organisation("Home Office", country="IND"))


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    def capture() -> Any:
        return django_capture_on_commit_callbacks(execute=True)

    return capture


def request_sample(user: User) -> GeneratedReport:
    return report_generation.report_request(
        actor=user, kind="sample", params={"number": 7}, language="en", fmt="pdf"
    )


def abandoned(user: User, *, attempts: int = 1, minutes_ago: int = 5) -> GeneratedReport:
    """A report its worker took and then stopped beating for (killed, as far as anyone knows)."""
    report = request_sample(user)  # The task waits for a commit that never comes here.
    then = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    GeneratedReport.objects.filter(pk=report.pk).update(
        status=GeneratedReport.Status.RUNNING,
        created_at=then,
        started_at=then,
        heartbeat_at=then,
        attempts=attempts,
    )
    report.refresh_from_db()
    return report


def test_a_failing_file_store_fails_the_report_with_its_reason(
    analyst: User, run_tasks: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*args: Any, **kwargs: Any) -> str:
        raise OSError("No space left on device")

    monkeypatch.setattr(FileSystemStorage, "save", full_disk)

    with run_tasks():
        report = request_sample(analyst)
    report.refresh_from_db()

    assert report.status == GeneratedReport.Status.FAILED
    assert report.error == str(messages.GENERATION_FAILED)
    assert not report.file
    assert report.finished_at is not None
    notification = Notification.objects.get(user=analyst)
    assert notification.text == "Your report “Sample report” (number 7) could not be generated."


def test_a_failing_final_save_rolls_back_removes_the_file_and_fails_the_report(
    analyst: User, run_tasks: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    save = GeneratedReport.save

    def failing_save(self: GeneratedReport, *args: Any, **kwargs: Any) -> None:
        if self.status == GeneratedReport.Status.DONE:
            raise DatabaseError("database is locked")
        save(self, *args, **kwargs)

    monkeypatch.setattr(GeneratedReport, "save", failing_save)

    with run_tasks():
        report = request_sample(analyst)
    report.refresh_from_db()

    assert report.status == GeneratedReport.Status.FAILED
    assert report.error == str(messages.GENERATION_FAILED)
    assert report.file.name == ""
    assert report.checksum == ""
    stored = [path for path in Path(django_settings.MEDIA_ROOT).rglob("*") if path.is_file()]
    assert stored == []


def test_a_running_report_beats_and_a_fresh_heartbeat_is_left_alone(
    analyst: User, run_tasks: Callable[..., Any]
) -> None:
    with run_tasks():
        done = request_sample(analyst)
    done.refresh_from_db()
    running = abandoned(analyst, minutes_ago=1)

    recovery = report_recovery.report_recover_stale()

    assert done.heartbeat_at is not None
    assert done.started_at is not None
    assert done.heartbeat_at >= done.started_at
    assert recovery == report_recovery.Recovery(requeued=[], failed=[])
    running.refresh_from_db()
    assert running.status == GeneratedReport.Status.RUNNING


def test_a_report_whose_worker_stopped_is_queued_again_once_and_then_built(
    analyst: User, run_tasks: Callable[..., Any]
) -> None:
    report = abandoned(analyst)

    with run_tasks():
        recovery = report_recovery.report_recover_stale()
    report.refresh_from_db()

    assert recovery == report_recovery.Recovery(requeued=[report.pk], failed=[])
    assert report.status == GeneratedReport.Status.DONE
    assert report.attempts == 2
    assert report.error == ""


def test_a_report_whose_worker_stopped_again_fails_saying_so(analyst: User) -> None:
    report = abandoned(analyst, attempts=2)

    recovery = report_recovery.report_recover_stale()
    report.refresh_from_db()

    assert recovery == report_recovery.Recovery(requeued=[], failed=[report.pk])
    assert report.status == GeneratedReport.Status.FAILED
    assert report.error == "The worker stopped while building this report."
    assert report.attempts == 2
    notification = Notification.objects.get(user=analyst)
    assert notification.text == "Your report “Sample report” (number 7) could not be generated."


def test_recovery_looks_as_far_ahead_as_it_is_told(analyst: User, settings: Any) -> None:
    settings.PALERMO_TASK_STALE_SECONDS = 30
    report = abandoned(analyst, minutes_ago=0)

    early = report_recovery.report_recover_stale(
        now=timezone.now() + datetime.timedelta(seconds=20)
    )
    late = report_recovery.report_recover_stale(now=timezone.now() + datetime.timedelta(seconds=40))

    assert early == report_recovery.Recovery(requeued=[], failed=[])
    assert late == report_recovery.Recovery(requeued=[report.pk], failed=[])


def test_a_pending_report_whose_task_a_worker_claimed_and_dropped_is_queued_again(
    analyst: User, settings: Any, run_tasks: Callable[..., Any]
) -> None:
    settings.TASKS = DATABASE
    with run_tasks():
        waiting = request_sample(analyst)
        claimed = request_sample(analyst)
    waiting.refresh_from_db()
    claimed.refresh_from_db()
    DBTaskResult.objects.get(id=claimed.task_id).claim("killed-worker")
    later = timezone.now() + datetime.timedelta(minutes=5)

    with run_tasks():
        recovery = report_recovery.report_recover_stale(now=later)
    claimed.refresh_from_db()

    # A task no worker took yet is slow, not lost.
    assert recovery == report_recovery.Recovery(requeued=[claimed.pk], failed=[])
    assert claimed.status == GeneratedReport.Status.PENDING
    assert claimed.attempts == 2
    assert DBTaskResult.objects.get(id=claimed.task_id).status == "READY"


def test_the_status_page_of_a_stale_report_recovers_it(analyst: User) -> None:
    report = abandoned(analyst, attempts=2)
    client = Client()
    client.force_login(analyst)

    response = client.get(f"/en/reports/{report.pk}/status/")

    report.refresh_from_db()
    assert report.status == GeneratedReport.Status.FAILED
    assert "hx-trigger" not in response.content.decode()
    assert "The worker stopped while building this report." in response.content.decode()
    assert f'action="/en/reports/{report.pk}/retry/"' in response.content.decode()


def test_the_api_answers_a_stale_report_recovered(analyst: User) -> None:
    report = abandoned(analyst)

    response = Client().get(f"/api/v1/reports/{report.pk}", headers=bearer(analyst))

    assert response.status_code == 200
    assert response.json()["status"] == "pending"
    assert response.json()["attempts"] == 2


def test_the_status_page_says_a_report_was_queued_again(analyst: User) -> None:
    report = abandoned(analyst)
    client = Client()
    client.force_login(analyst)

    page = client.get(f"/en/reports/{report.pk}/status/").content.decode()

    assert "The worker stopped while building this report; it was queued again." in page
    assert 'hx-trigger="every 1s"' in page  # asked for minutes ago: no longer polled quickly


def test_try_again_requests_a_new_report_with_the_same_parameters(analyst: User) -> None:
    failed = abandoned(analyst, attempts=2)
    report_recovery.report_recover_stale()
    client = Client()
    client.force_login(analyst)

    response = client.post(f"/en/reports/{failed.pk}/retry/")

    retried = GeneratedReport.objects.exclude(pk=failed.pk).get()
    assert response.status_code == 302
    assert response.url == f"/en/reports/{retried.pk}/"
    assert (retried.kind, retried.params, retried.language, retried.fmt) == (
        "sample",
        {"number": 7},
        "en",
        "pdf",
    )
    assert retried.status == GeneratedReport.Status.PENDING
    assert retried.attempts == 1


def test_the_api_retries_a_failed_report_and_refuses_one_that_did_not_fail(
    analyst: User, run_tasks: Callable[..., Any]
) -> None:
    failed = abandoned(analyst, attempts=2)
    report_recovery.report_recover_stale()
    with run_tasks():
        done = request_sample(analyst)
    client = Client()

    retried = client.post(f"/api/v1/reports/{failed.pk}/retry", headers=bearer(analyst))
    refused = client.post(f"/api/v1/reports/{done.pk}/retry", headers=bearer(analyst))

    assert retried.status_code == 202
    assert retried.json()["status"] == "pending"
    assert retried.json()["params"] == {"number": 7}
    assert refused.status_code == 409
    assert refused.json() == {"detail": "Only a report that failed can be tried again."}
    assert GeneratedReport.objects.count() == 3


def test_a_user_of_another_state_cannot_try_a_report_again(analyst: User, foreigner: User) -> None:
    failed = abandoned(analyst, attempts=2)
    report_recovery.report_recover_stale()
    failed.refresh_from_db()
    client = Client()
    client.force_login(foreigner)

    page = client.post(f"/en/reports/{failed.pk}/retry/")
    api = Client().post(f"/api/v1/reports/{failed.pk}/retry", headers=bearer(foreigner))

    assert page.status_code == 404
    assert api.status_code == 404
    with pytest.raises(PermissionDenied):
        report_generation.report_retry(actor=foreigner, report=failed)
    assert GeneratedReport.objects.count() == 1


def test_a_late_attempt_does_not_overwrite_the_attempt_recovery_started(
    analyst: User, run_tasks: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    report = request_sample(analyst)

    def taken_over(document: Document, fmt: str) -> bytes:
        # While this attempt renders, recovery queues the report again.
        GeneratedReport.objects.filter(pk=report.pk).update(
            status=GeneratedReport.Status.PENDING, attempts=2
        )
        return b"late"

    monkeypatch.setattr(renderers, "render", taken_over, raising=False)

    result = report_generation.report_generate(report_id=report.pk)

    assert result is not None
    report.refresh_from_db()
    assert report.status == GeneratedReport.Status.PENDING
    assert report.attempts == 2
    assert not report.file


@pytest.fixture(scope="session")
def database(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A file copy of the migrated test database with its reference data, for subprocesses.

    Taken before any test opens its transaction (VACUUM INTO cannot run inside one).
    """
    copy = tmp_path_factory.mktemp("worker") / "palermo.sqlite3"
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(copy)])
    return copy


def _row(database: Path, report_id: int) -> tuple[str, int, str, str | None]:
    with sqlite3.connect(database, timeout=10) as db:
        row = db.execute(
            "SELECT status, attempts, error, heartbeat_at FROM reports_generatedreport "
            "WHERE id = ?",
            (report_id,),
        ).fetchone()
    return row if row is not None else ("", 0, "", None)


def _wait_for(check: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.skipif(connection.vendor != "sqlite", reason="copies the SQLite test database")
def test_a_killed_worker_s_report_is_queued_again_and_built_by_the_next_worker(
    tmp_path: Path, database: Path
) -> None:
    """A real worker process is killed mid-report; recovery and a new worker finish it."""
    environment = {
        **{k: v for k, v in os.environ.items() if k != "PALERMO_TASKS_IMMEDIATE"},
        "DATABASE_URL": f"sqlite:///{database}",
        "PALERMO_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "test-only-secret-key-for-the-worker-subprocess",
        "PALERMO_TASK_STALE_SECONDS": "1",
        "LOG_LEVEL": "WARNING",
    }
    first = subprocess.Popen(  # noqa: S603 - our interpreter and our test module
        [sys.executable, "-m", "tests.reports.slow_palermo", "request-and-work"],
        cwd=ROOT,
        env={**environment, "PALERMO_TEST_SLOW_SECONDS": "120"},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert first.stdout is not None
        report_id = int(first.stdout.readline().split()[-1])
        assert _wait_for(lambda: _row(database, report_id)[0] == "running", 40)
        beat = _row(database, report_id)[3]
        assert _wait_for(lambda: _row(database, report_id)[3] != beat, 5)  # It beats.
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    assert _row(database, report_id)[0] == "running"
    time.sleep(1.2)  # Longer than PALERMO_TASK_STALE_SECONDS: the heartbeat is stale.

    second = subprocess.run(  # noqa: S603 - our interpreter and our test module
        [sys.executable, "-m", "tests.reports.slow_palermo", "recover-and-work"],
        cwd=ROOT,
        env={**environment, "PALERMO_TEST_SLOW_SECONDS": "0"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert f"Reports queued again: {report_id}. Reports failed: none." in second.stdout
    status, attempts, error, _heartbeat = _row(database, report_id)
    assert (status, attempts, error) == ("done", 2, "")


def test_the_status_page_says_when_no_worker_takes_a_waiting_report(
    analyst: User, settings: Any, run_tasks: Callable[..., Any]
) -> None:
    settings.TASKS = DATABASE
    with run_tasks():
        report = request_sample(analyst)
        fresh = request_sample(analyst)
    GeneratedReport.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    client = Client()
    client.force_login(analyst)

    waiting = client.get(f"/en/reports/{report.pk}/status/").content.decode()
    new = client.get(f"/en/reports/{fresh.pk}/status/").content.decode()

    hint = "No worker has started it for a while"
    assert hint in waiting
    assert hint not in new
    assert 'hx-trigger="every 1s"' in waiting
    report.refresh_from_db()
    assert (report.status, report.attempts) == (GeneratedReport.Status.PENDING, 1)


def test_the_recover_command_reports_what_it_did(analyst: User) -> None:
    requeued = abandoned(analyst)
    failed = abandoned(analyst, attempts=2)
    out = io.StringIO()

    call_command("reports_recover", stdout=out)

    assert out.getvalue() == (
        f"Reports queued again: {requeued.pk}. Reports failed: {failed.pk}.\n"
    )


def test_palermo_serve_runs_recovery_periodically(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.PALERMO_TASK_STALE_SECONDS = 2
    stopping = threading.Event()
    calls: list[tuple[Any, ...]] = []

    def recorded(*args: Any, **kwargs: Any) -> None:
        calls.append(args)
        if len(calls) == 2:
            stopping.set()

    monkeypatch.setattr(serve, "call_command", recorded)

    serve.recover_periodically(stopping)

    assert calls == [("reports_recover",), ("reports_recover",)]
