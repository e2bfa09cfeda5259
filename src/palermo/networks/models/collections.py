"""Collections of entities, who may read them, and the files imported into them."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.engagement.models import Organisation, validate_country_code
from palermo.evidence.models import Sensitivity


class Collection(models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    country = models.CharField(
        _("State"),
        max_length=3,
        blank=True,
        validators=[validate_country_code],
        help_text=_("The State whose investigation this is; blank for an international one."),
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the entities come from, e.g. “FIA case files” or “OpenSanctions”."),
    )
    licence = models.CharField(_("licence or terms of use"), max_length=200, blank=True)
    sensitivity = models.CharField(
        _("sensitivity"),
        max_length=16,
        choices=Sensitivity.choices,
        default=Sensitivity.CONFIDENTIAL,
    )
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_collections",
        verbose_name=_("owning organisation"),
        help_text=_("Its analysts manage the collection, import entities and give access."),
    )
    is_synthetic = models.BooleanField(
        _("synthetic"),
        default=False,
        help_text=_("Invented entities for training and testing, not a real investigation."),
    )
    version = models.PositiveIntegerField(
        _("version"), default=0, help_text=_("Raised by every change to entities or merges.")
    )
    datasets = models.ManyToManyField(
        "evidence.Dataset",
        blank=True,
        related_name="collections",
        verbose_name=_("evidence datasets"),
    )
    recommendations = models.ManyToManyField(
        "tracking.Recommendation",
        blank=True,
        related_name="collections",
        verbose_name=_("recommendations"),
    )
    articles = models.ManyToManyField(
        "instruments.Article", blank=True, related_name="collections", verbose_name=_("articles")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("network collection")
        verbose_name_plural = _("network collections")
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:collection-detail", args=[self.pk])


class CollectionGrant(models.Model):
    """An analyst who may read a collection's entities (and everything computed from them)."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collection_grants"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    audit_country_path: ClassVar = "collection__country"

    class Meta:
        verbose_name = _("access to entities")
        verbose_name_plural = _("access to entities")
        ordering: ClassVar = ["user__username"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["collection", "user"],
                name="unique_collection_grant",
                violation_error_message=_("This person may already read the entities."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.collection}"


class CollectionImport(models.Model):
    """One file read into a collection, with what the import noticed (dangling references...)."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="imports")
    source_filename = models.CharField(_("file imported"), max_length=255)
    format = models.CharField(_("format"), max_length=32)
    sha256 = models.CharField(_("checksum (SHA-256)"), max_length=64)
    created = models.PositiveIntegerField(_("entities added"), default=0)
    updated = models.PositiveIntegerField(_("entities updated"), default=0)
    notes = models.JSONField(_("notes"), default=list, blank=True)
    collection_version = models.PositiveIntegerField(_("collection version"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)

    audit_country_path: ClassVar = "collection__country"

    class Meta:
        verbose_name = _("entity import")
        verbose_name_plural = _("entity imports")
        ordering: ClassVar = ["collection", "-imported_at"]

    def __str__(self) -> str:
        return f"{self.collection}: {self.source_filename}"
