import os
from typing import Any

import pytest
from django.test import Client

from palermo.core.models import User
from palermo.instruments.reference import reference_load
from tests.factories import make_secretariat, make_user

# Playwright's sync API runs an event loop in the test thread; the ORM calls our tests make
# beside it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Argon2 is slow on purpose; tests that check hashing itself set it back."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
