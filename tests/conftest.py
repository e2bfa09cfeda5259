import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import translation

from palermo.core.models import User
from palermo.instruments.reference import reference_load
from tests.audit_guard import flush_lifting_audit_guard
from tests.factories import make_secretariat, make_user

# Playwright's sync API runs an event loop in the test thread; the ORM calls our tests make
# beside it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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
