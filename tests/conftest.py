import io
import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import translation

from palermo.core.models import User
from palermo.instruments.reference import reference_load
from tests.audit_guard import flush_lifting_audit_guard
from tests.factories import make_secretariat, make_user

# Fixtures through which a test reaches the database of its pass. pytest-django refuses any other
# way in, so a test without one of them (or a django_db mark) gives the same verdict on SQLite
# and on PostgreSQL. django_db_setup: session fixtures that build data in the test database;
# backup_source: a scratch site on the pass's vendor, driven through subprocesses.
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "live_server",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "django_db_setup",
        "backup_source",
    }
)
database_free_key = pytest.StashKey[int]()

# Playwright's sync API runs an event loop in the test thread; the ORM calls our tests make
# beside it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-free-everywhere",
        action="store_true",
        help="On PostgreSQL, run the tests that use no database too (by default only SQLite does).",
    )


def uses_database(item: pytest.Item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    return bool(names & DATABASE_FIXTURES) or item.get_closest_marker("django_db") is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, leave out the tests that use no database: the SQLite pass runs them.

    Both passes of scripts/run_tests.py still run every test that reaches the database.
    """
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine or config.getoption("--database-free-everywhere"):
        return
    kept = [item for item in items if uses_database(item)]
    left_out = [item for item in items if not uses_database(item)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept
    config.stash[database_free_key] = len(left_out)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    left_out = config.stash.get(database_free_key, 0)
    if left_out:
        terminalreporter.write_line(
            f"deselected {left_out} database-free tests, run in the SQLite pass "
            "(--database-free-everywhere runs them here too)"
        )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Argon2 is slow on purpose; tests that check hashing itself set it back."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in the site's default language.

    A test client's request to an Urdu page leaves Urdu active in the thread (as a server
    would for that request), and lazy text evaluated by the next test would be Urdu.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def page_cache_empty() -> None:
    """Each test starts with no kept pages: a page kept by an earlier test, on data since rolled
    back or flushed, could otherwise match table versions that were reset with it."""
    caches["pages"].clear()


@pytest.fixture(scope="session", autouse=True)
def audit_trail_flushable_for_tests() -> Iterator[None]:
    """Tests only: Django's flush after a transactional test may empty the audit trail.

    The database refuses TRUNCATE and DELETE on it (migration core 0006); see tests/audit_guard.
    """
    operations = type(connection.ops)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            operations,
            "execute_sql_flush",
            flush_lifting_audit_guard(operations.execute_sql_flush),
        )
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """Load the reference data once: every non-transactional test sees it and rolls back."""
    with django_db_blocker.unblock():
        reference_load()


@pytest.fixture(scope="module")
def demo_for_module(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo data set, loaded once for a module and rolled back after its last test.

    For modules whose every test reads the demo (it stays until the module ends): loading it
    costs seconds, and each test still runs in its own savepoint on top of it.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(
            PALERMO_DEMO=True, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        ),
        transaction.atomic(),
    ):
        call_command("demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_loaded(demo_for_module: None, db: None, settings: Any) -> None:
    """The module's demo data, with the settings a test that loads it itself would have."""
    settings.PALERMO_DEMO = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def secretariat(db: None) -> User:
    return make_secretariat()


@pytest.fixture
def plain_user(db: None) -> User:
    return make_user("plain")


@pytest.fixture
def secretariat_client(secretariat: User) -> Client:
    client = Client()
    client.force_login(secretariat)
    return client


@pytest.fixture
def api_client() -> Client:
    return Client(headers={"accept": "application/json"})
