import pytest
from django.db import DatabaseError, connection, transaction

from palermo.core.audit import audit_record
from palermo.core.models import AuditEvent, User
from tests.factories import make_user

pytestmark = pytest.mark.django_db


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


def test_the_database_refuses_an_update_that_bypasses_the_application() -> None:
    event = make_event()

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET object_repr = 'tampered' WHERE id = %s", [event.pk]
        )

    assert AuditEvent.objects.get(pk=event.pk).object_repr == "report"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite refuses deletes in the app")
def test_postgresql_refuses_a_delete_that_bypasses_the_application() -> None:
    event = make_event()

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])

    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_user_with_audit_events_cannot_be_deleted() -> None:
    user = make_user("someone")
    audit_record(actor=user, action=AuditEvent.Action.LOGIN, obj=user)

    with pytest.raises(Exception, match="protected"):
        user.delete()

    assert User.objects.filter(pk=user.pk).exists()
