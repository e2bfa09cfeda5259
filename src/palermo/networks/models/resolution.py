"""Judgements that two entities are the same (or not); undone, never deleted."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.networks.models.collections import Collection


class Judgement(models.Model):
    """An analyst's decision that two entities are, or are not, the same (nomenklatura's model).

    The pair is stored in a fixed order (`left_id` < `right_id`). A judgement in force has no
    `undone_at`; undoing keeps the row, so the decision log reads as it happened.
    """

    class Verdict(models.TextChoices):
        POSITIVE = "positive", _("The same")
        NEGATIVE = "negative", _("Not the same")
        UNSURE = "unsure", _("Unsure")

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="judgements")
    left_id = models.CharField(max_length=255)
    right_id = models.CharField(max_length=255)
    verdict = models.CharField(_("decision"), max_length=16, choices=Verdict.choices)
    score = models.FloatField(_("score"), null=True, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    audit_country_path: ClassVar = "collection__country"

    class Meta:
        verbose_name = _("decision on a pair")
        verbose_name_plural = _("decisions on pairs")
        ordering: ClassVar = ["collection", "-decided_at"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(left_id__lt=models.F("right_id")), name="judgement_pair_ordered"
            ),
            models.UniqueConstraint(
                fields=["collection", "left_id", "right_id"],
                condition=Q(undone_at__isnull=True),
                name="one_judgement_in_force",
                violation_error_message=_("This pair has already been decided."),
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["collection", "left_id"], name="networks_judgement_left"),
            models.Index(fields=["collection", "right_id"], name="networks_judgement_right"),
        ]

    def __str__(self) -> str:
        return f"{self.left_id} ~ {self.right_id}: {self.verdict}"
