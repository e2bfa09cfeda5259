from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from palermo.instruments.models.instruments import Article
from palermo.instruments.models.states import State


class Law(models.Model):
    class Kind(models.TextChoices):
        CONSTITUTION = "constitution", _("Constitution")
        ACT = "act", _("Act")
        ORDINANCE = "ordinance", _("Ordinance")
        CODE = "code", _("Code")
        REGULATION = "regulation", _("Regulation or rules")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        AMENDED = "amended", _("In force, amended")
        REPEALED = "repealed", _("Repealed")
        DRAFT = "draft", _("Draft or bill")

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="laws")
    title = models.CharField(_("title"), max_length=255)
    short_title = models.CharField(_("short title"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, default=Kind.ACT)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.IN_FORCE
    )
    source_url = models.URLField(_("source address"), blank=True)
    file = models.FileField(_("file"), upload_to="legislation/%Y/", blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    audit_country_path: ClassVar = "state__iso3"

    class Meta:
        verbose_name = _("law")
        verbose_name_plural = _("laws")
        ordering: ClassVar = ["title"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["state", "title"],
                name="unique_law_title_per_state",
                violation_error_message=_("This State already has a law with this title."),
            )
        ]

    def __str__(self) -> str:
        return self.short_title or self.title

    def get_absolute_url(self) -> str:
        return reverse("instruments:law-detail", args=[self.pk])


class Provision(models.Model):
    law = models.ForeignKey(Law, on_delete=models.CASCADE, related_name="provisions")
    # Empty when a mapping concerns the law as a whole.
    section = models.CharField(_("section"), max_length=32, blank=True)
    heading = models.CharField(_("heading"), max_length=255, blank=True)
    text = models.TextField(_("text"), blank=True)
    position = models.PositiveIntegerField(default=0)
    articles: "models.ManyToManyField[Article, ProvisionArticle]" = models.ManyToManyField(
        Article, through="ProvisionArticle", related_name="provisions", blank=True
    )

    audit_country_path: ClassVar = "law__state__iso3"

    class Meta:
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        ordering: ClassVar = ["law", "position", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["law", "section"],
                condition=~models.Q(section=""),
                name="unique_provision_section",
                violation_error_message=_("This law already has a provision with this section."),
            )
        ]

    def __str__(self) -> str:
        if self.section:
            label = _("s. %(section)s") % {"section": self.section}
            return f"{self.law}, {label}" + (f" — {self.heading}" if self.heading else "")
        return f"{self.law} — {self.heading or _('the law as a whole')}"


class ProvisionArticle(models.Model):
    """A provision implements (part of) an article; the note says how, in our own words."""

    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="mappings")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="mappings")
    note = models.TextField(_("note"), blank=True)

    audit_country_path: ClassVar = "provision__law__state__iso3"

    class Meta:
        verbose_name = _("provision mapping")
        verbose_name_plural = _("provision mappings")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["provision", "article"], name="unique_provision_article"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provision} → {self.article.code}"
