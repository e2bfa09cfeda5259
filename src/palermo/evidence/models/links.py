"""Statistics that feed an indicator or measure a recommendation, indicator or article."""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.evidence.models.datasets import Dataset, DatasetVersion
from palermo.evidence.models.releases import Release


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
