from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Instrument(models.Model):
    """The Convention or one of its Protocols."""

    code = models.SlugField(_("code"), max_length=16, unique=True)
    title = models.CharField(_("title"), max_length=255)
    short_title = models.CharField(_("short title"), max_length=100)
    # The Convention has no parent; each Protocol supplements the Convention.
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="protocols"
    )
    adopted = models.DateField(_("adopted"), null=True, blank=True)
    opened_for_signature = models.DateField(_("opened for signature"), null=True, blank=True)
    entry_into_force = models.DateField(_("entry into force"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering: ClassVar = ["position", "code"]

    def __str__(self) -> str:
        return self.short_title

    def get_absolute_url(self) -> str:
        return reverse("instruments:instrument-detail", args=[self.code])

    @property
    def is_protocol(self) -> bool:
        return self.parent_id is not None


class Obligation(models.TextChoices):
    MANDATORY = "mandatory", _("Mandatory")
    SHALL_CONSIDER = "shall_consider", _("Shall consider")
    OPTIONAL = "optional", _("Optional")


class Article(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="articles")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=255)
    # Our own plain-language summary of the obligation, never the treaty's text.
    summary = models.TextField(_("summary"), blank=True)
    obligation = models.CharField(
        _("kind of obligation"), max_length=16, choices=Obligation.choices, blank=True
    )

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering: ClassVar = ["instrument__position", "number"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["instrument", "number"], name="unique_article_number")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("instruments:article-detail", args=[self.instrument.code, self.number])

    @property
    def code(self) -> str:
        """How an article is addressed everywhere: `untoc:5`."""
        return f"{self.instrument.code}:{self.number}"


class Cluster(models.Model):
    """A thematic cluster of the review mechanism and the articles it reviews."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=255)
    title_confirmed = models.BooleanField(_("title confirmed"), default=False)
    review_order = models.PositiveSmallIntegerField(_("review order"), null=True, blank=True)
    articles = models.ManyToManyField(Article, related_name="clusters", blank=True)

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering: ClassVar = ["number"]

    def __str__(self) -> str:
        return _("Cluster %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    def get_absolute_url(self) -> str:
        return reverse("instruments:cluster-detail", args=[self.number])


class ClusterComposition(models.Model):
    """Whether a cluster's articles of one instrument are confirmed or still to be completed."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="compositions")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    is_confirmed = models.BooleanField(_("confirmed"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("cluster composition")
        verbose_name_plural = _("cluster compositions")
        ordering: ClassVar = ["cluster__number", "instrument__position"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["cluster", "instrument"], name="unique_cluster_composition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.instrument}"
