"""Entities as FollowTheMoney sees them; edges are entities with their two ends copied."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.networks.models.collections import Collection


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
