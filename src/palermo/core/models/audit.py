"""The append-only audit trail."""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.core import audit_labels, messages


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError(messages.AUDIT_APPEND_ONLY)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError(messages.AUDIT_APPEND_ONLY)


class AuditEvent(models.Model):
    """One line of the append-only audit trail; the database refuses updates and deletes."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")
        LOGIN = "login", _("signed in")
        LOGIN_FAILED = "login_failed", _("failed to sign in")
        LOGOUT = "logout", _("signed out")
        LOCKED_OUT = "locked_out", _("was locked out")
        IMPORT = "import", _("imported")
        EXPORT = "export", _("exported")
        DOWNLOAD = "download", _("downloaded")
        VIEW = "view", _("viewed")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept as text too: the name at the time, and the username tried on a failed login.
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    channel = models.CharField(_("channel"), max_length=16, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # The State whose secretariat reads the event (ISO 3166 alpha-3; blank: international),
    # set when it is written: the record's State, else the actor's (`core.audit`).
    country = models.CharField(_("State"), max_length=3, blank=True, default="")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering: ClassVar = ["-at", "-id"]
        # A record's history (a review's, a person's) is read by its type and id.
        indexes: ClassVar = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            # The audit page lists one State's events (and international ones), newest first.
            models.Index(fields=["country", "at"], name="audit_country_idx"),
            # The dashboard lists the user's own latest actions: read from the index, not sorted.
            models.Index(fields=["actor", "at", "id"], name="audit_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError(messages.AUDIT_APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError(messages.AUDIT_APPEND_ONLY)

    @property
    def object_type_label(self) -> str:
        """The kind of record in the reader's language ("Review"), not "reviews.review"."""
        return audit_labels.object_type_label(self.object_type)

    @property
    def labelled_changes(self) -> list[tuple[str, str, list[Any]]]:
        """(field's name in the reader's language, stored name, [before, after])."""
        return audit_labels.labelled_changes(self.object_type, self.changes or {})
