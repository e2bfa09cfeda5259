from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.instruments.models import Article, State
from palermo.reviews.models.review import Review


class Observation(models.Model):
    """What a reviewing State's expert raises on an article of the submitted answers."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        INFORMATION_REQUEST = "information_request", _("Request for information")
        FINDING = "finding", _("Finding")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    class Category(models.TextChoices):
        GAP = "gap", _("Gap or challenge")
        GOOD_PRACTICE = "good_practice", _("Good practice")
        SUGGESTION = "suggestion", _("Suggestion")
        ASSISTANCE = "assistance", _("Technical assistance need")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="observations")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="+")
    reviewing_state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    # How a finding enters the list of observations (gaps, good practices, ...).
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, blank=True)
    text = models.TextField(_("observation"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)

    audit_country_path: ClassVar = "review__state__iso3"

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering: ClassVar = [
            "review",
            "article__instrument__position",
            "article__number",
            "created_at",
        ]

    def __str__(self) -> str:
        return f"{self.article.code}: {self.text[:60]}"


class ObservationReply(models.Model):
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("reply"))
    # True when the State under review replies; False for a reviewer's follow-up.
    from_state_under_review = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    audit_country_path: ClassVar = "observation__review__state__iso3"

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering: ClassVar = ["observation", "created_at"]

    def __str__(self) -> str:
        return f"{self.observation}: {self.text[:40]}"
