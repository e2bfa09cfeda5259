import pytest
from django.db import DatabaseError, connection, transaction

from palermo.core.audit import audit_record
from palermo.core.models import AuditEvent, User
from tests.factories import make_user

pytestmark = pytest.mark.django_db

# The test's own transaction holds deferred foreign-key checks of the event it wrote, and
# PostgreSQL refuses TRUNCATE over pending checks before any trigger runs; settle them first so
# the refusal seen is the audit trigger's.
SETTLE_PENDING_CHECKS = "SET CONSTRAINTS ALL IMMEDIATE"


def make_event() -> AuditEvent:
    return audit_record(actor=None, action=AuditEvent.Action.EXPORT, object_repr="report")


def test_an_audit_event_cannot_be_saved_again() -> None:
    event = make_event()
    event.object_repr = "tampered"

    with pytest.raises(PermissionError, match="append-only"):
        event.save()

    assert AuditEvent.objects.get(pk=event.pk).object_repr == "report"


def test_an_audit_event_cannot_be_deleted() -> None:
    event = make_event()

    with pytest.raises(PermissionError, match="append-only"):
        event.delete()

    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_audit_queryset_refuses_bulk_update_and_delete() -> None:
    make_event()

    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(object_repr="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()

    assert AuditEvent.objects.filter(object_repr="report").count() == 1


def run_sql(*statements: str, params: tuple[object, ...] = ()) -> None:
    """Raw SQL past the application, in its own savepoint so a refusal leaves the test usable."""
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, params if "%s" in statement else None)


def test_the_database_refuses_an_update_that_bypasses_the_application() -> None:
    event = make_event()

    with pytest.raises(DatabaseError, match="append-only"):
        run_sql("UPDATE core_auditevent SET object_repr = 'x' WHERE id = %s", params=(event.pk,))

    assert AuditEvent.objects.get(pk=event.pk).object_repr == "report"


def test_the_database_refuses_a_delete_that_bypasses_the_application() -> None:
    event = make_event()

    with pytest.raises(DatabaseError, match="append-only"):
        run_sql("DELETE FROM core_auditevent WHERE id = %s", params=(event.pk,))

    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_database_refuses_to_empty_the_audit_table_with_a_bare_delete() -> None:
    make_event()
    before = AuditEvent.objects.count()

    with pytest.raises(DatabaseError, match="append-only"):
        run_sql("DELETE FROM core_auditevent")

    assert AuditEvent.objects.count() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE")
def test_postgresql_refuses_to_truncate_the_audit_table() -> None:
    make_event()
    before = AuditEvent.objects.count()

    with pytest.raises(DatabaseError, match="append-only"):
        run_sql(SETTLE_PENDING_CHECKS, "TRUNCATE core_auditevent")

    assert AuditEvent.objects.count() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE")
def test_postgresql_refuses_to_truncate_the_audit_table_with_cascade() -> None:
    make_event()
    before = AuditEvent.objects.count()

    with pytest.raises(DatabaseError, match="append-only"):
        run_sql(SETTLE_PENDING_CHECKS, "TRUNCATE core_auditevent RESTART IDENTITY CASCADE")

    assert AuditEvent.objects.count() == before


def test_a_user_with_audit_events_cannot_be_deleted() -> None:
    user = make_user("someone")
    audit_record(actor=user, action=AuditEvent.Action.LOGIN, obj=user)

    with pytest.raises(Exception, match="protected"):
        user.delete()

    assert User.objects.filter(pk=user.pk).exists()
