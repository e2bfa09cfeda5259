"""Datasets, who may read their records, and their immutable versions."""

from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.engagement.models import Organisation, validate_country_code
from palermo.evidence.schema import Kind


class CrimeType(models.TextChoices):
    TIP = "tip", _("Trafficking in persons")
    SOM = "som", _("Smuggling of migrants")
    FIREARMS = "firearms", _("Firearms")
    OTHER = "other", _("Other organized crime")


class Sensitivity(models.TextChoices):
    PUBLIC = "public", _("Public")
    RESTRICTED = "restricted", _("Restricted")
    CONFIDENTIAL = "confidential", _("Confidential")


class DatasetKind(models.TextChoices):
    VICTIMS = Kind.VICTIMS.value, _("Victim records")
    VICTIM_PERPETRATOR = Kind.VICTIM_PERPETRATOR.value, _("Victim-perpetrator records")
    AGGREGATES = Kind.AGGREGATES.value, _("Published counts")
    INDEX_SCORES = Kind.INDEX_SCORES.value, _("Index scores")
    INCIDENTS = Kind.INCIDENTS.value, _("Incidents")


class Dataset(models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind of records"), max_length=32, choices=DatasetKind.choices)
    crime_type = models.CharField(_("crime type"), max_length=16, choices=CrimeType.choices)
    country = models.CharField(
        _("State"),
        max_length=3,
        blank=True,
        validators=[validate_country_code],
        help_text=_("The State whose records these are; blank for an international dataset."),
    )
    source_organisation = models.CharField(
        _("source"),
        max_length=200,
        help_text=_("Who collected or published the data, e.g. “IOM CTDC” or “FIA”."),
    )
    licence = models.CharField(_("licence or terms of use"), max_length=200, blank=True)
    period_start = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    geography = models.CharField(
        _("geography"),
        max_length=200,
        blank=True,
        help_text=_("The places the records cover, e.g. “Pakistan” or “South Asia”."),
    )
    sensitivity = models.CharField(
        _("sensitivity"),
        max_length=16,
        choices=Sensitivity.choices,
        default=Sensitivity.CONFIDENTIAL,
    )
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_datasets",
        verbose_name=_("owning organisation"),
        help_text=_("Its analysts manage the dataset, import versions and export records."),
    )
    suppression_threshold = models.PositiveSmallIntegerField(
        _("smallest count published"),
        default=11,
        help_text=_("Counts below this are shown as “<k” in anything published (CTDC uses 11)."),
    )
    is_synthetic = models.BooleanField(
        _("synthetic"),
        default=False,
        help_text=_("Generated records for training and testing, not real cases."),
    )
    privacy_budget = models.FloatField(
        _("privacy budget (epsilon)"),
        default=1.0,
        validators=[MinValueValidator(0.0)],
        help_text=_(
            "The total epsilon that differentially private releases of this dataset may spend."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering: ClassVar = ["name"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start"))
                | Q(period_end__isnull=True)
                | Q(period_start__isnull=True),
                name="dataset_period_ordered",
                violation_error_message=_("The last year comes before the first."),
            ),
            models.CheckConstraint(
                condition=Q(suppression_threshold__gte=1),
                name="dataset_threshold_positive",
                violation_error_message=_("The smallest count published is at least 1."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evidence:dataset-detail", args=[self.pk])

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The last year comes before the first.")})

    @property
    def period(self) -> str:
        if self.period_start and self.period_end and self.period_start != self.period_end:
            return f"{self.period_start}–{self.period_end}"
        return str(self.period_start or self.period_end or "")


class DatasetGrant(models.Model):
    """An analyst who may read a dataset's records (and so everything derived from them)."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dataset_grants"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("access to records")
        verbose_name_plural = _("access to records")
        ordering: ClassVar = ["user__username"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["dataset", "user"],
                name="unique_dataset_grant",
                violation_error_message=_("This person may already read the records."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.dataset}"


class ImmutableError(Exception):
    """A stored version was about to be changed."""


class DatasetVersion(models.Model):
    """One import: its records are the Parquet file named by `path`, checked by `sha256`."""

    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    layout = models.CharField(_("layout"), max_length=64)
    source_filename = models.CharField(_("file imported"), max_length=255)
    path = models.CharField(max_length=255, unique=True)
    sha256 = models.CharField(_("checksum (SHA-256)"), max_length=64)
    row_count = models.PositiveIntegerField(_("records"))
    size_bytes = models.PositiveBigIntegerField(_("size"), default=0)
    columns = models.JSONField(_("columns"), default=list, blank=True)  # [[name, type], ...]
    notes = models.JSONField(_("notes"), default=list, blank=True)  # what the loader noticed
    # How a file in no known layout was read: {"columns": {source: field}, "values": ...}.
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)

    class Meta:
        verbose_name = _("dataset version")
        verbose_name_plural = _("dataset versions")
        ordering: ClassVar = ["dataset", "-number"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["dataset", "number"],
                name="unique_dataset_version",
                violation_error_message=_("This version number is taken."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.dataset} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError(f"{self} is stored and cannot change; import a new version.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("evidence:version-records", args=[self.dataset_id, self.number])

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableError(f"{self} is stored and cannot be deleted.")
