import uuid
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.engagement.models import Organisation, Statement, validate_country_code
from palermo.instruments.models import Article
from palermo.reviews.models import Observation
from palermo.tracking.themes import theme_display_name


class Theme(models.Model):
    """A theme recommendations are counted by (trafficking in persons, firearms, ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the reader's language where it is a reference theme."""
        return theme_display_name(self.name)


class SdgTarget(models.Model):
    """A target of the Sustainable Development Goals (A/RES/71/313), e.g. 16.4."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    title = models.TextField(_("title"))

    class Meta:
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        ordering: ClassVar = ["pk"]

    def __str__(self) -> str:
        return f"SDG {self.code}"


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    PARTLY_IMPLEMENTED = "partly_implemented", _("Partly implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class Recommendation(models.Model):
    class Source(models.TextChoices):
        OBSERVATION = "observation", _("Review observation")
        STATEMENT = "statement", _("Statement")
        ACTION_PLAN = "action_plan", _("Action plan")
        REPORT = "report", _("Report")
        OTHER = "other", _("Other")

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    # Short reference within its source, e.g. "TIP-3" for the third point of a statement.
    reference = models.CharField(_("reference"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"))
    country = models.CharField(_("country"), max_length=3, validators=[validate_country_code])
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    # The record it came from; at most one of these, matching `source`.
    observation = models.ForeignKey(
        Observation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("observation"),
    )
    statement = models.ForeignKey(
        Statement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("statement"),
    )
    action_plan = models.ForeignKey(
        "tracking.ActionPlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="source_recommendations",
        verbose_name=_("action plan"),
    )
    # A report or other document: its title (and address when it has one).
    source_title = models.CharField(_("source document"), max_length=255, blank=True)
    source_url = models.URLField(_("source address"), blank=True)
    issued_on = models.DateField(_("date"))
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="recommendations", verbose_name=_("themes")
    )
    articles = models.ManyToManyField(
        Article, blank=True, related_name="recommendations", verbose_name=_("articles")
    )
    responsible_bodies = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="recommendations",
        verbose_name=_("responsible bodies"),
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget, blank=True, related_name="recommendations", verbose_name=_("SDG targets")
    )
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.MEDIUM
    )
    # Kept equal to the latest progress update's status by the services.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering: ClassVar = ["-issued_on", "reference", "pk"]
        # Every reader sees their State's recommendations, by reference or by date.
        indexes: ClassVar = [
            models.Index(fields=["country", "reference"], name="recommendation_country_ref_idx"),
            models.Index(fields=["country", "issued_on"], name="recommendation_country_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("tracking:recommendation-detail", args=[self.pk])

    def clean(self) -> None:
        links = {
            self.Source.OBSERVATION: self.observation_id,
            self.Source.STATEMENT: self.statement_id,
            self.Source.ACTION_PLAN: self.action_plan_id,
        }
        for source, linked in links.items():
            if linked is not None and self.source != source:
                raise ValidationError(
                    _("The linked record does not match the source “%(source)s”."),
                    params={"source": self.get_source_display()},
                )
        if self.source in links and links[self.source] is None:  # type: ignore[index]
            raise ValidationError(
                _("Link the %(source)s this recommendation comes from."),
                params={"source": self.get_source_display().lower()},
            )


def evidence_path(instance: "RecommendationUpdate", filename: str) -> str:
    return f"tracking/evidence/{uuid.uuid4().hex}/{filename}"


class RecommendationUpdate(models.Model):
    """One step in a recommendation's history: its status on a date, and why."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="updates"
    )
    reported_on = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    narrative = models.TextField(_("what happened"))
    evidence_url = models.URLField(_("evidence (address)"), blank=True)
    evidence_file = models.FileField(
        _("evidence (file)"), upload_to=evidence_path, max_length=500, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    audit_country_path: ClassVar = "recommendation__country"

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering: ClassVar = ["-reported_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.reported_on}: {self.get_status_display()}"
