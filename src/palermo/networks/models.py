"""Criminal networks as FollowTheMoney entities, grouped into collections.

A collection is read like an evidence dataset: its name and description by anyone of its
State, its entities only by analysts granted it (people named in a network are as sensitive as
victims' records). Entities are stored as FtM sees them: an id, a schema and its properties
(every value a list of strings), validated by the `followthemoney` package; edges (Ownership,
Payment, ...) are entities too, with their two ends copied into `source_id` and `target_id` so
that a graph is built with one query.

Entity resolution never destroys anything: a `Judgement` says two entities are the same (or
not), and the merged view is computed from the judgements in force. Undoing a merge marks the
judgement undone, and both entities and their links are there as they were.

Every change to a collection's entities or judgements raises its `version`; an analysis
result names the version it was computed on.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.engagement.models import Organisation, validate_country_code
from palermo.evidence.models import Sensitivity


class Collection(models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    country = models.CharField(
        _("State"),
        max_length=3,
        blank=True,
        validators=[validate_country_code],
        help_text=_("The State whose investigation this is; blank for an international one."),
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the entities come from, e.g. “FIA case files” or “OpenSanctions”."),
    )
    licence = models.CharField(_("licence or terms of use"), max_length=200, blank=True)
    sensitivity = models.CharField(
        _("sensitivity"),
        max_length=16,
        choices=Sensitivity.choices,
        default=Sensitivity.CONFIDENTIAL,
    )
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_collections",
        verbose_name=_("owning organisation"),
        help_text=_("Its analysts manage the collection, import entities and give access."),
    )
    is_synthetic = models.BooleanField(
        _("synthetic"),
        default=False,
        help_text=_("Invented entities for training and testing, not a real investigation."),
    )
    version = models.PositiveIntegerField(
        _("version"), default=0, help_text=_("Raised by every change to entities or merges.")
    )
    datasets = models.ManyToManyField(
        "evidence.Dataset",
        blank=True,
        related_name="collections",
        verbose_name=_("evidence datasets"),
    )
    recommendations = models.ManyToManyField(
        "tracking.Recommendation",
        blank=True,
        related_name="collections",
        verbose_name=_("recommendations"),
    )
    articles = models.ManyToManyField(
        "instruments.Article", blank=True, related_name="collections", verbose_name=_("articles")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("network collection")
        verbose_name_plural = _("network collections")
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:collection-detail", args=[self.pk])


class CollectionGrant(models.Model):
    """An analyst who may read a collection's entities (and everything computed from them)."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collection_grants"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    audit_country_path: ClassVar = "collection__country"

    class Meta:
        verbose_name = _("access to entities")
        verbose_name_plural = _("access to entities")
        ordering: ClassVar = ["user__username"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["collection", "user"],
                name="unique_collection_grant",
                violation_error_message=_("This person may already read the entities."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.collection}"


class RouteStage(models.TextChoices):
    RECRUITMENT = "recruitment", _("Recruitment")
    TRANSIT = "transit", _("Transit")
    EXPLOITATION = "exploitation", _("Exploitation")


class Entity(models.Model):
    """One FtM entity of a collection: a node (Person, Company, ...) or an edge (Payment, ...)."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="entities")
    entity_id = models.CharField(_("FtM id"), max_length=255)
    schema = models.CharField(_("schema"), max_length=64)
    caption = models.CharField(_("name"), max_length=500, blank=True)
    properties = models.JSONField(_("properties"), default=dict)  # {prop: [value, ...]}
    datasets = models.JSONField(_("FtM datasets"), default=list, blank=True)
    referents = models.JSONField(_("earlier ids"), default=list, blank=True)
    is_edge = models.BooleanField(_("link"), default=False)
    source_id = models.CharField(_("from"), max_length=255, blank=True)
    target_id = models.CharField(_("to"), max_length=255, blank=True)
    route_stage = models.CharField(
        _("route stage"),
        max_length=16,
        choices=RouteStage.choices,
        blank=True,
        help_text=_("For a place: where victims were recruited, moved through or exploited."),
    )
    case_ref = models.CharField(
        _("case"),
        max_length=100,
        blank=True,
        help_text=_("The case identifier in a linked evidence dataset, if any."),
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    audit_country_path: ClassVar = "collection__country"
    # Names and properties of people in a network are read by granted analysts only.
    audit_private_fields: ClassVar = ("caption", "properties")

    class Meta:
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        ordering: ClassVar = ["collection", "caption", "entity_id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["collection", "entity_id"],
                name="unique_entity_id",
                violation_error_message=_("This collection already holds an entity with this id."),
            )
        ]
        indexes: ClassVar = [
            models.Index(fields=["collection", "schema"], name="networks_entity_schema"),
            models.Index(fields=["collection", "source_id"], name="networks_entity_source"),
            models.Index(fields=["collection", "target_id"], name="networks_entity_target"),
            models.Index(fields=["collection", "caption"], name="networks_entity_caption"),
        ]

    def __str__(self) -> str:
        return f"{self.entity_id}: {self.caption}" if self.caption else self.entity_id

    def get_absolute_url(self) -> str:
        return reverse("networks:entity-detail", args=[self.collection_id, self.entity_id])

    @property
    def country(self) -> str:
        return self.collection.country


class EntityReference(models.Model):
    """One entity naming another in an entity-typed property: the index behind "named by".

    Rebuilt from the entity's properties by every write of them (`services.entities.
    references_refresh`), so a lookup is exact: by the whole target id, never a substring of
    an id or of free text. The target is an id, not a row: a reference to an entity the
    collection does not hold (yet) is kept, as FtM keeps it, and is found once it arrives.
    """

    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="entity_references"
    )
    source = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="references")
    target_id = models.CharField(_("to"), max_length=255)
    prop = models.CharField(_("property"), max_length=64)

    class Meta:
        verbose_name = _("reference between entities")
        verbose_name_plural = _("references between entities")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["source", "prop", "target_id"], name="unique_entity_reference"
            )
        ]
        indexes: ClassVar = [
            models.Index(fields=["collection", "target_id"], name="networks_reference_target"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} -{self.prop}-> {self.target_id}"


class CollectionImport(models.Model):
    """One file read into a collection, with what the import noticed (dangling references...)."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="imports")
    source_filename = models.CharField(_("file imported"), max_length=255)
    format = models.CharField(_("format"), max_length=32)
    sha256 = models.CharField(_("checksum (SHA-256)"), max_length=64)
    created = models.PositiveIntegerField(_("entities added"), default=0)
    updated = models.PositiveIntegerField(_("entities updated"), default=0)
    notes = models.JSONField(_("notes"), default=list, blank=True)
    collection_version = models.PositiveIntegerField(_("collection version"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)

    audit_country_path: ClassVar = "collection__country"

    class Meta:
        verbose_name = _("entity import")
        verbose_name_plural = _("entity imports")
        ordering: ClassVar = ["collection", "-imported_at"]

    def __str__(self) -> str:
        return f"{self.collection}: {self.source_filename}"


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
