"""The embedded SQLite default holds concurrent writers; PostgreSQL can pool connections."""

import os
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from django.test import Client
from django.utils import timezone

from palermo.core.services.tokens import token_create
from palermo.settings import database_settings
from tests.factories import make_user

WRITERS, TRANSACTIONS = 8, 25

# Each thread reads, then writes, in one transaction: the pattern of every service (check, then
# save). Deferred transactions deadlock on it, and SQLite answers one of the two writers at once
# with "database is locked", whatever the busy timeout.
WRITERS_SCRIPT = textwrap.dedent(
    """
    import os, sys, threading
    import django
    os.environ["DJANGO_SETTINGS_MODULE"] = "palermo.settings"
    import palermo.settings
    palermo.settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] = "{mode}"
    django.setup()
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE probe (n integer)")
    errors = []
    barrier = threading.Barrier({writers}, timeout=10)

    def all_have_read():
        if {wait_for_all_readers}:
            barrier.wait()

    def write():
        from django.db import connection
        try:
            for i in range({transactions}):
                with transaction.atomic():
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT count(*) FROM probe")
                        cursor.fetchone()
                        if i == 0:
                            all_have_read()
                        cursor.execute("INSERT INTO probe VALUES (1)")
        except Exception as error:
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=write) for _ in range({writers})]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connection.cursor() as cursor:
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        synchronous = cursor.execute("PRAGMA synchronous").fetchone()[0]
        count = cursor.execute("SELECT count(*) FROM probe").fetchone()[0]
        print(mode, synchronous, count, len(errors), errors[:1])
    """
)
CONCURRENT_WRITERS = WRITERS_SCRIPT.format(
    writers=WRITERS, transactions=TRANSACTIONS, mode="IMMEDIATE", wait_for_all_readers=False
)


def run_writers(tmp_path: Path, script: str) -> tuple[str, int, int, str]:
    """The journal mode, the rows written, the failed writers and the first failure."""
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url, "PALERMO_VAR_DIR": str(tmp_path)}
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    mode, synchronous, rows, errors, first = done.stdout.strip().split(" ", 4)
    return f"{mode}/{synchronous}", int(rows), int(errors), first


def test_sqlite_defaults_to_wal_immediate_transactions_and_a_busy_timeout() -> None:
    database = database_settings("sqlite:////srv/palermo.sqlite3")

    options: Any = database["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 15
    assert options["init_command"] == "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"


@pytest.mark.parametrize(
    "url", ["sqlite:////srv/palermo.sqlite3", "postgresql://palermo@db.example.org:5432/palermo"]
)
def test_each_process_keeps_its_connection_between_requests(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.delenv("DATABASE_CONN_MAX_AGE", raising=False)
    database = database_settings(url)
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (600, True)

    monkeypatch.setenv("DATABASE_CONN_MAX_AGE", "0")
    assert database_settings(url)["CONN_MAX_AGE"] == 0


def test_concurrent_writers_on_the_sqlite_default_all_commit(tmp_path: Path) -> None:
    mode, rows, errors, first = run_writers(tmp_path, CONCURRENT_WRITERS)

    assert mode == "wal/1"  # synchronous 1 is NORMAL
    assert (errors, first) == (0, "[]")
    assert rows == WRITERS * TRANSACTIONS


def test_the_same_writers_fail_with_deferred_transactions(tmp_path: Path) -> None:
    """The control: without IMMEDIATE the same load loses writes, so the test above means it.

    Every writer reads before any writes (a barrier after the first read), so the race the
    scheduler may or may not produce on its own happens on every run.
    """
    deferred = WRITERS_SCRIPT.format(
        writers=WRITERS, transactions=TRANSACTIONS, mode="DEFERRED", wait_for_all_readers=True
    )

    _, rows, errors, first = run_writers(tmp_path, deferred)

    assert errors > 0
    assert "database is locked" in first
    assert rows < WRITERS * TRANSACTIONS


def test_postgresql_pool_is_offered_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_POOL", "1")
    monkeypatch.setenv("DATABASE_POOL_MAX", "20")
    monkeypatch.setenv("DATABASE_CONN_MAX_AGE", "60")

    database = database_settings("postgresql://palermo@db.example.org:5432/palermo")

    options: Any = database["OPTIONS"]
    assert options["pool"] == {"min_size": 2, "max_size": 20, "timeout": 10}
    assert database["CONN_MAX_AGE"] == 0


def test_postgresql_has_no_pool_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_POOL", raising=False)

    database = database_settings("postgresql://palermo@db.example.org:5432/palermo")

    assert "pool" not in database["OPTIONS"]  # type: ignore[operator]


@pytest.mark.django_db
def test_a_token_notes_its_last_use_at_most_once_a_minute(api_client: Client) -> None:
    user = make_user("focal")
    token, raw = token_create(actor=user, owner=user, name="script")
    bearer = {"authorization": f"Bearer {raw}"}
    start = timezone.now()

    with patch("django.utils.timezone.now", return_value=start):
        assert api_client.get("/api/v1/me", headers=bearer).status_code == 200
    with patch("django.utils.timezone.now", return_value=start + timedelta(seconds=59)):
        assert api_client.get("/api/v1/me", headers=bearer).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == start

    with patch("django.utils.timezone.now", return_value=start + timedelta(seconds=61)):
        assert api_client.get("/api/v1/me", headers=bearer).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == start + timedelta(seconds=61)
