"""Datasets of case data and statistics, their immutable versions, and who may read records.

Metadata lives here, records do not: every import writes one Parquet file (see `storage`) and
one `DatasetVersion` row that names it by checksum. A version is never changed or deleted
once written; a correction is a new version.
"""

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


class Release(models.Model):
    """A statistic frozen after the privacy checks: the only evidence that reaches the public.

    Its cells are stored as published (counts, `<k` and `x`), never the counts behind them; a
    published release cannot change, only be withdrawn from the portal.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Method(models.TextChoices):
        SUPPRESSION = "suppression", _("Small-cell suppression")
        K_ANONYMITY = "k_anonymity", _("k-anonymity")
        DP = "dp", _("Differentially private counts")

    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="releases")
    version = models.ForeignKey(DatasetVersion, on_delete=models.PROTECT, related_name="releases")
    statistic = models.CharField(_("statistic"), max_length=100)
    title = models.CharField(_("title"), max_length=255)
    note = models.TextField(_("note"), blank=True)
    parameters = models.JSONField(_("filters"), default=dict, blank=True)
    dimensions = models.JSONField(_("dimensions"), default=list)  # [[name, label], ...]
    cells = models.JSONField(_("cells"), default=list)  # [{dims..., value, shown}, ...]
    threshold = models.PositiveSmallIntegerField(_("smallest count published"))
    summary = models.JSONField(_("privacy summary"), default=dict, blank=True)
    method = models.CharField(
        _("protection"), max_length=16, choices=Method.choices, default=Method.SUPPRESSION
    )
    # The method's parameters and outcome: k asked and reached, records suppressed, epsilon ...
    protection = models.JSONField(_("protection details"), default=dict, blank=True)
    epsilon = models.FloatField(_("epsilon spent"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering: ClassVar = ["-published_at", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evidence:release-detail", args=[self.pk])

    @property
    def country(self) -> str:
        return self.dataset.country


class IndicatorFeed(models.Model):
    """An action-plan indicator whose values come from a monthly statistic of a dataset.

    Recomputed whenever the dataset gets a new version; each value names its source version.
    """

    indicator = models.OneToOneField(
        "tracking.Indicator",
        on_delete=models.CASCADE,
        related_name="evidence_feed",
        verbose_name=_("indicator"),
    )
    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="feeds")
    statistic = models.CharField(_("statistic"), max_length=100)
    parameters = models.JSONField(_("filters"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_version = models.ForeignKey(
        DatasetVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_result = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("indicator fed by a dataset")
        verbose_name_plural = _("indicators fed by datasets")

    def __str__(self) -> str:
        return f"{self.indicator} ← {self.dataset}"


class StatisticLink(models.Model):
    """A recommendation, an action-plan indicator or an article measured by a statistic.

    The statistic is a dataset's statistic (by name, with the filters `analysis` takes) or a
    release of one. Readers who may not read the records see it only as a published release.
    """

    recommendation = models.ForeignKey(
        "tracking.Recommendation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="statistic_links",
        verbose_name=_("recommendation"),
    )
    indicator = models.ForeignKey(
        "tracking.Indicator",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="statistic_links",
        verbose_name=_("indicator"),
    )
    article = models.ForeignKey(
        "instruments.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="statistic_links",
        verbose_name=_("article"),
    )
    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="links")
    statistic = models.CharField(_("statistic"), max_length=100)
    parameters = models.JSONField(_("filters"), default=dict, blank=True)
    release = models.ForeignKey(
        Release,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="links",
        verbose_name=_("release"),
    )
    note = models.CharField(_("what it measures"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("linked statistic")
        verbose_name_plural = _("linked statistics")
        ordering: ClassVar = ["pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(
                    recommendation__isnull=False, indicator__isnull=True, article__isnull=True
                )
                | Q(recommendation__isnull=True, indicator__isnull=False, article__isnull=True)
                | Q(recommendation__isnull=True, indicator__isnull=True, article__isnull=False),
                name="statistic_link_one_target",
                violation_error_message=_(
                    "Link the statistic to one recommendation, indicator or article."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target} ← {self.release or self.dataset}: {self.statistic}"

    @property
    def target(self) -> Any:
        return self.recommendation or self.indicator or self.article

    @property
    def country(self) -> str:
        return self.dataset.country
