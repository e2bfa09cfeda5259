"""Notifications to a user, their text kept as a translatable template."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


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
