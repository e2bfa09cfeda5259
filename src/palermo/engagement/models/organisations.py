from typing import ClassVar

import pycountry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from palermo.core.countries import country_name
from palermo.engagement.themes import theme_display_name


def validate_country_code(value: str) -> None:
    if pycountry.countries.get(alpha_3=value) is None:
        raise ValidationError(
            _("%(value)s is not an ISO 3166 alpha-3 country code."), params={"value": value}
        )


class Theme(models.Model):
    """A sector or theme tag ("Human rights", "Legal aid"); curated ones are offered first."""

    name = models.CharField(_("name"), max_length=100)
    curated = models.BooleanField(_("curated"), default=False)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering: ClassVar = ["name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                Lower("name"),
                name="unique_theme_name",
                violation_error_message=_("This theme already exists."),
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the reader's language where it is a reference theme."""
        return theme_display_name(self.name)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        ACADEMIA = "academia", _("Academia")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        INTERNATIONAL = "international", _("International organisation")
        MEDIA = "media", _("Media")
        LAW_FIRM = "law_firm", _("Law firm")
        PROFESSIONAL_BODY = "professional_body", _("Professional body")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="organisations", verbose_name=_("sectors and themes")
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("province or region"), max_length=100, blank=True)
    # The State the organisation belongs to (ISO 3166 alpha-3); empty for international ones.
    country = models.CharField(
        _("country"), max_length=3, blank=True, validators=[validate_country_code]
    )
    website = models.URLField(_("website"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organisation"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering: ClassVar = ["name"]
        # The registry lists a State's organisations by name.
        indexes: ClassVar = [
            models.Index(fields=["country", "name"], name="organisation_country_name_idx")
        ]
        constraints: ClassVar = [
            models.UniqueConstraint(
                Lower("name"),
                "country",
                name="unique_organisation_name_per_country",
                violation_error_message=_("An organisation with this name already exists."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("engagement:organisation-detail", args=[self.pk])

    def clean(self) -> None:
        if self.parent_id is not None and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An organisation cannot be its own parent.")})

    @property
    def country_name(self) -> str:
        return country_name(self.country)


class Person(models.Model):
    """Someone the alliance or the secretariat works with. E-mail and phone are private."""

    name = models.CharField(_("name"), max_length=255)
    title = models.CharField(_("title or position"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
    )
    # Individual experts have no organisation; the State keeps them in their country's registry.
    country = models.CharField(
        _("country"), max_length=3, blank=True, validators=[validate_country_code]
    )
    roles = models.CharField(
        _("roles"),
        max_length=255,
        blank=True,
        help_text=_("For example: focal person, legal expert, spokesperson."),
    )
    expertise = models.TextField(_("expertise"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # Stored in E.164 form (+923001234567), as normalised on entry or import; an imported
    # number the phone library cannot verify (a new prefix, a landline) is kept as written.
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    other_phones = models.CharField(
        _("other phone numbers"),
        max_length=255,
        blank=True,
        help_text=_("Further numbers, separated by semicolons."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("account"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The audit trail says that these changed, never to what: its readers are not all among
    # those who may read a person's contact details (see `can_view_contact`).
    audit_private_fields: ClassVar = ("email", "phone", "other_phones")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering: ClassVar = ["name"]
        # The registry lists a State's people by name.
        indexes: ClassVar = [
            models.Index(fields=["country", "name"], name="person_country_name_idx")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("engagement:person-detail", args=[self.pk])
