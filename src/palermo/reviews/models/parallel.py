from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.instruments.models import Article
from palermo.reviews.models.review import Review


class Assessment(models.TextChoices):
    COMPLIANT = "compliant", _("Compliant")
    PARTLY = "partly", _("Partly compliant")
    NOT_COMPLIANT = "not_compliant", _("Not compliant")
    CANNOT_SAY = "cannot_say", _("Cannot say")


class ParallelSubmission(models.Model):
    """One organisation's answers to civil society's standardized questionnaire."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="parallel_submissions"
    )
    organisation = models.ForeignKey(
        "engagement.Organisation", on_delete=models.PROTECT, related_name="parallel_submissions"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    audit_country_path: ClassVar = "review__state__iso3"

    class Meta:
        verbose_name = _("parallel submission")
        verbose_name_plural = _("parallel submissions")
        ordering: ClassVar = ["review", "organisation__name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["review", "organisation"], name="unique_parallel_submission"
            )
        ]

    def __str__(self) -> str:
        return _("%(organisation)s on %(review)s") % {
            "organisation": self.organisation,
            "review": self.review,
        }


class ParallelAssessment(models.Model):
    submission = models.ForeignKey(
        ParallelSubmission, on_delete=models.CASCADE, related_name="assessments"
    )
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="+")
    assessment = models.CharField(_("assessment"), max_length=16, choices=Assessment.choices)
    evidence = models.TextField(_("evidence"), blank=True)
    sources = models.TextField(_("sources"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)

    # Only the organisation and the State's civil-society coordinator read an assessment
    # (`can_read_parallel`); the audit trail's readers, the secretariat, may not.
    audit_country_path: ClassVar = "submission__review__state__iso3"

    audit_private_fields: ClassVar = ("assessment", "evidence", "sources", "recommendations")

    class Meta:
        verbose_name = _("parallel assessment")
        verbose_name_plural = _("parallel assessments")
        ordering: ClassVar = ["submission", "article__instrument__position", "article__number"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["submission", "article"], name="unique_parallel_assessment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.submission.organisation} {self.article.code}: {self.assessment}"


class ConsolidatedAssessment(models.Model):
    """The coordinator's consolidation of civil society's assessments of one article."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="consolidations")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="+")
    assessment = models.CharField(
        _("consolidated assessment"), max_length=16, choices=Assessment.choices
    )
    summary = models.TextField(_("summary"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    audit_country_path: ClassVar = "review__state__iso3"

    class Meta:
        verbose_name = _("consolidated assessment")
        verbose_name_plural = _("consolidated assessments")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["review", "article"], name="unique_consolidation")
        ]

    def __str__(self) -> str:
        return f"{self.review} {self.article.code}: {self.assessment}"
