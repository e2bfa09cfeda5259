from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from palermo.instruments.models import Article, Provision
from palermo.reviews.models.review import Review


class Compliance(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Question(models.Model):
    """One question of a review's questionnaire, about one article."""

    class Kind(models.TextChoices):
        COMPLIANCE = "compliance", _("Whether the obligation is met")
        MEASURES = "measures", _("Measures taken")
        PROVISIONS = "provisions", _("Legal provisions")
        EXAMPLES = "examples", _("Examples, cases and statistics")
        ASSISTANCE = "assistance", _("Technical assistance needed")
        TEXT = "text", _("Other question")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="questions")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="+")
    # Stable name within the article, used as the field name in XLSForm exports.
    key = models.SlugField(_("key"), max_length=40)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("question"))
    help_text = models.TextField(_("guidance"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    audit_country_path: ClassVar = "review__state__iso3"

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering: ClassVar = [
            "review",
            "article__instrument__position",
            "article__number",
            "position",
        ]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["review", "article", "key"], name="unique_question_key")
        ]

    def __str__(self) -> str:
        return f"{self.article.code} {self.key}"

    @property
    def field_name(self) -> str:
        """The name of this question in an XLSForm: `untoc_5_measures`."""
        return f"{self.article.instrument.code}_{self.article.number}_{self.key}"

    # The question bank's texts are stored in English, as written in the code, so that a
    # questionnaire reads the same whatever the language of the person who opened it; the
    # catalogue translates them for the reader. Texts written by hand stay as written.
    @property
    def text_in_language(self) -> str:
        """The question in the reader's language where the catalogue has it, else as stored."""
        return gettext(self.text) if self.text else ""

    @property
    def help_text_in_language(self) -> str:
        return gettext(self.help_text) if self.help_text else ""

    @property
    def is_translated(self) -> bool:
        """Whether the reader sees a translation, so the English original is worth offering."""
        return self.text_in_language != self.text


class AnswerStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Draft")
    FOR_APPROVAL = "for_approval", _("Sent for approval")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class ArticleAnswer(models.Model):
    """The State's answer to the questions on one article; every save is kept in its history."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="answers")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="+")
    assigned_body = models.ForeignKey(
        "engagement.Organisation",
        verbose_name=_("assigned to body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_answers",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_answers",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AnswerStatus.choices, default=AnswerStatus.NOT_STARTED
    )
    compliance = models.CharField(
        _("obligation met"), max_length=16, choices=Compliance.choices, blank=True
    )
    # The answers to the article's other questions, by question key.
    responses = models.JSONField(_("responses"), default=dict, blank=True)
    provisions = models.ManyToManyField(
        Provision, blank=True, related_name="cited_in_answers", verbose_name=_("provisions cited")
    )
    # Raised on every save; a save based on an older version is refused as a conflict.
    version = models.PositiveIntegerField(default=0)
    shared_with_civil_society = models.BooleanField(_("shared with civil society"), default=False)
    return_comment = models.TextField(_("comment on return"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(m2m_fields=[provisions])

    audit_country_path: ClassVar = "review__state__iso3"

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering: ClassVar = ["review", "article__instrument__position", "article__number"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["review", "article"], name="unique_answer_per_article")
        ]

    def __str__(self) -> str:
        return _("Answer on %(article)s") % {"article": self.article.code}


class AnswerComment(models.Model):
    """Civil society's comment on a draft answer the secretariat shared with it."""

    answer = models.ForeignKey(ArticleAnswer, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "engagement.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    audit_country_path: ClassVar = "answer__review__state__iso3"

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering: ClassVar = ["answer", "created_at"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"
