"""Tell people what needs them: an in-app notification and an e-mail through Django's backend."""

import logging
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from palermo.core.models import Notification, User

logger = logging.getLogger(__name__)


def notify(
    users: Iterable[User | None],
    text: str,
    path: str = "",
    params: Mapping[str, object] | None = None,
) -> list[Notification]:
    """Notify each distinct active user once; e-mail goes out after the transaction commits.

    With `params`, `text` is an untranslated message (marked with `gettext_noop`) whose
    %(name)s fields they fill: each reader then sees it in their own language.
    """
    template = ""
    if params is not None:
        template, params = text, {key: str(value) for key, value in params.items()}
        text = template % params
    recipients = {u.pk: u for u in users if u is not None and u.is_active}
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                user=user, text=text[:500], template=template, params=params or {}, path=path
            )
            for user in recipients.values()
        ]
    )
    emails = [user.email for user in recipients.values() if user.email]
    if emails:
        transaction.on_commit(lambda: _send(emails, text, path))
    return notifications


def _send(emails: list[str], text: str, path: str) -> None:
    body = text + (f"\n\n{settings.PALERMO_BASE_URL.rstrip('/')}/en{path}" if path else "")
    for email in emails:
        try:
            send_mail("Palermo: " + text[:80], body, None, [email])
        except OSError:
            logger.exception("Could not send a notification e-mail to %s", email)


def unread(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, read_at__isnull=True)


def mark_read(user: User, notification_ids: Iterable[int] | None = None) -> int:
    notifications = unread(user)
    if notification_ids is not None:
        notifications = notifications.filter(pk__in=list(notification_ids))
    # Reading a notification is bookkeeping, not a change to audit.
    return notifications.update(read_at=timezone.now())
