"""People, the roles granted to them, and their API tokens."""

from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
