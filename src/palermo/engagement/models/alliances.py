import datetime
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from palermo.engagement.models.organisations import Organisation, Person, validate_country_code


class Alliance(models.Model):
    """A network of organisations and experts, e.g. the Civil Society Alliance for a review."""

    name = models.CharField(_("name"), max_length=255)
    country = models.CharField(
        _("country"), max_length=3, blank=True, validators=[validate_country_code]
    )
    coordinator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="coordinated_alliances",
        verbose_name=_("coordinating organisation"),
    )
    description = models.TextField(_("description"), blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("engagement:alliance-detail", args=[self.pk])


class Membership(models.Model):
    """An organisation, or an individual expert, in an alliance from one date to another."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("individual expert"),
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    audit_country_path: ClassVar = "alliance__country"

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering: ClassVar = ["joined_on", "pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=(
                    Q(organisation__isnull=False, person__isnull=True)
                    | Q(organisation__isnull=True, person__isnull=False)
                ),
                name="membership_organisation_or_person",
                violation_error_message=_("A member is either an organisation or a person."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="membership_leaves_after_joining",
                violation_error_message=_("The leaving date is before the joining date."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation or self.person)

    @property
    def member(self) -> Organisation | Person | None:
        return self.organisation or self.person

    def is_active_on(self, day: datetime.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on > day)

    def clean(self) -> None:
        if self.left_on is not None and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("The leaving date is before the joining date.")})


class MembershipFigure(models.Model):
    """An alliance's own count of its members in a year, when it keeps no named list.

    Alliances often know only "35 organisations and 65 experts in 2024"; recording that
    figure spares them inventing placeholder members. Reports print it, saying so, in place of
    the count of member records.
    """

    alliance = models.ForeignKey(
        Alliance, on_delete=models.CASCADE, related_name="membership_figures"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2999)]
    )
    organisations = models.PositiveIntegerField(_("member organisations"))
    experts = models.PositiveIntegerField(_("individual experts"))
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Where the figure comes from, e.g. the alliance's annual meeting minutes."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    audit_country_path: ClassVar = "alliance__country"

    class Meta:
        verbose_name = _("membership figure")
        verbose_name_plural = _("membership figures")
        ordering: ClassVar = ["-year"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["alliance", "year"],
                name="unique_membership_figure_year",
                violation_error_message=_("The alliance already has figures for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.alliance}: {self.year}"

    @property
    def total(self) -> int:
        return self.organisations + self.experts
