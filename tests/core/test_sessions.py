"""The session store reads with one plain statement and keeps Django's rules."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from palermo.core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_saved_session_is_read_back() -> None:
    store = SessionStore()
    store["chosen"] = "Urdu"
    store.create()

    assert SessionStore(session_key=store.session_key)["chosen"] == "Urdu"


def test_an_expired_session_is_not_read() -> None:
    store = SessionStore()
    store["chosen"] = "Urdu"
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )

    again = SessionStore(session_key=store.session_key)
    assert "chosen" not in again
    assert again.session_key is None


def test_an_unknown_key_gives_an_empty_session() -> None:
    store = SessionStore(session_key="x" * 32)
    assert dict(store.items()) == {}
    assert store.session_key is None
