from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from palermo.core import audit_labels, messages
from palermo.core.roles import Role


class User(AbstractUser):
    organisation = models.ForeignKey(
        "engagement.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    # Demo accounts may only sign in while the deployment runs in demo mode.
    is_demo = models.BooleanField(_("demo account"), default=False)

    audit_country_path: ClassVar = "organisation__country"

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering: ClassVar = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def country(self) -> str:
        """The State whose records this user sees by default (ISO 3166 alpha-3)."""
        if self.organisation_id and self.organisation and self.organisation.country:
            return self.organisation.country
        return str(settings.PALERMO_COUNTRY)


class RoleGrant(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    # Empty scope: the role holds for everything the user's State owns. A scope narrows it
    # to one record, e.g. ("reviews.review", "12") for a peer reviewer of one review.
    scope_type = models.CharField(_("scope type"), max_length=64, blank=True, default="")
    scope_id = models.CharField(_("scope id"), max_length=64, blank=True, default="")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(default=timezone.now)

    audit_country_path: ClassVar = "user__organisation__country"

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["user", "role", "scope_type", "scope_id"], name="unique_role_grant"
            )
        ]
        ordering: ClassVar = ["user__username", "role"]

    def __str__(self) -> str:
        scope = f" ({self.scope_type}:{self.scope_id})" if self.scope_type else ""
        return f"{self.user} — {self.get_role_display()}{scope}"


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    # The first characters of the token, shown so users can tell tokens apart.
    prefix = models.CharField(_("prefix"), max_length=16)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    audit_country_path: ClassVar = "user__organisation__country"

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering: ClassVar = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


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


class SearchDocument(models.Model):
    """One searchable record, kept by `palermo.core.search`; the engine indexes title and body."""

    kind = models.CharField(max_length=32)
    object_id = models.CharField(max_length=64)
    # The State the record belongs to; empty for reference records everyone may find.
    state = models.CharField(max_length=3, blank=True, db_index=True)
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    # Path without the language prefix, e.g. "/instruments/untoc/5/".
    path = models.CharField(max_length=255)
    # Filled and used on PostgreSQL only; SQLite searches an FTS5 table kept by triggers.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_document")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"


class Notification(models.Model):
    """Something that happened that a user should know about; also sent by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # In English, as sent by e-mail; `message` is what a reader sees, in their language.
    text = models.CharField(_("text"), max_length=500)
    # The untranslated message (a msgid with %(name)s fields) and its fields, so the text can
    # be shown in each reader's language; blank for notifications written as plain text.
    template = models.CharField(max_length=300, blank=True)
    params = models.JSONField(default=dict, blank=True)
    # Path without the language prefix, like SearchDocument.path.
    path = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    audit_country_path: ClassVar = "user__organisation__country"

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering: ClassVar = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text

    @property
    def message(self) -> str:
        """The notification in the active language (its English text if it has no template)."""
        if not self.template:
            return self.text
        try:
            return str(gettext(self.template) % self.params)[:500]
        except (KeyError, TypeError, ValueError):
            # A translation that lost one of the fields must not hide the notification.
            return self.text
