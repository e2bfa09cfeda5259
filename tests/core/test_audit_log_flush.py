"""Transactional tests still run: the suite alone lifts the audit guard for Django's flush."""

import pytest
from django.db import DatabaseError, connection, transaction

from palermo.core.audit import audit_record
from palermo.core.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_transactional_test_writes_an_event_and_the_flush_after_it_succeeds() -> None:
    audit_record(actor=None, action=AuditEvent.Action.EXPORT, object_repr="first")

    assert AuditEvent.objects.filter(object_repr="first").count() == 1


def test_the_next_transactional_test_starts_with_an_empty_trail_and_the_guard_back_on() -> None:
    audit_record(actor=None, action=AuditEvent.Action.EXPORT, object_repr="second")

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent")

    assert list(AuditEvent.objects.values_list("object_repr", flat=True)) == ["second"]
