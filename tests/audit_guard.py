"""For the test database only: let Django's flush empty the append-only audit trail.

Migration core 0006 makes the database refuse TRUNCATE (PostgreSQL) and DELETE (SQLite) on
the audit table, and Django's test runner empties every table after a transactional test
that way. `audit_trail_flushable_for_tests` wraps that flush: it lifts the triggers, flushes,
and puts them back. Nothing in `src/` does this; a deployment has no way to empty the trail.
"""

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

GUARD = importlib.import_module("palermo.core.migrations.0006_audit_refuses_truncate_and_delete")


@contextmanager
def audit_guard_lifted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """The audit triggers are off inside the block and on again after it, even on failure."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
        elif connection.vendor == "sqlite":
            cursor.execute(GUARD.SQLITE_BACKWARD)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER USER")
            elif connection.vendor == "sqlite":
                cursor.execute(GUARD.SQLITE_FORWARD)


def flush_lifting_audit_guard(original: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap `DatabaseOperations.execute_sql_flush` so the test runner's flush succeeds."""

    def execute_sql_flush(self: Any, sql_list: list[str]) -> Any:
        with audit_guard_lifted(self.connection):
            return original(self, sql_list)

    return execute_sql_flush
