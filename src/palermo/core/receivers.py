from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django_tasks.signals import task_enqueued

from palermo.core import wakeup
from palermo.core.audit import audit_record
from palermo.core.models import AuditEvent, User


@receiver(user_logged_in)
def audit_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit_record(actor=user, action=AuditEvent.Action.LOGIN, obj=user)


@receiver(user_logged_out)
def audit_logout(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        audit_record(actor=user, action=AuditEvent.Action.LOGOUT, obj=user)


@receiver(user_login_failed)
def audit_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    audit_record(
        actor=None,
        actor_name=username,
        action=AuditEvent.Action.LOGIN_FAILED,
        object_type="core.user",
        object_repr=username,
    )


@receiver(user_locked_out)
def audit_locked_out(
    sender: Any, request: HttpRequest, username: str | None, **kwargs: Any
) -> None:
    audit_record(
        actor=None,
        actor_name=(username or "")[:150],
        action=AuditEvent.Action.LOCKED_OUT,
        object_type="core.user",
        object_repr=username or "",
    )


@receiver(task_enqueued)
def wake_task_worker(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """A queued task starts at once: the worker is woken when the task's row is committed."""
    transaction.on_commit(wakeup.wake)
