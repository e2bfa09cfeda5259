"""Analyses run on a collection, each naming the version it was computed on."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.networks.models.collections import Collection


class AnalysisRun(models.Model):
    """A measure computed on a collection: its parameters, the version it read, its result."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="analyses")
    collection_version = models.PositiveIntegerField(_("collection version"))
    measure = models.CharField(_("measure"), max_length=64)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    duration_ms = models.PositiveIntegerField(_("time taken (ms)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    audit_country_path: ClassVar = "collection__country"

    class Meta:
        verbose_name = _("network analysis")
        verbose_name_plural = _("network analyses")
        ordering: ClassVar = ["collection", "-created_at"]

    def __str__(self) -> str:
        return f"{self.collection}: {self.measure} (v{self.collection_version})"

    @property
    def is_current(self) -> bool:
        return self.collection_version == self.collection.version
