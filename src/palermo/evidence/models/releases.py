"""Statistics released from a dataset's version, once protected."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.evidence.models.datasets import Dataset, DatasetVersion


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
