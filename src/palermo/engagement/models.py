from typing import ClassVar

import pycountry
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from palermo.core.countries import country_name


def validate_country_code(value: str) -> None:
    if pycountry.countries.get(alpha_3=value) is None:
        raise ValidationError(
            _("%(value)s is not an ISO 3166 alpha-3 country code."), params={"value": value}
        )


class Organisation(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        ACADEMIA = "academia", _("Academia")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        INTERNATIONAL = "international", _("International organisation")
        MEDIA = "media", _("Media")

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    # The State the organisation belongs to (ISO 3166 alpha-3); empty for international ones.
    country = models.CharField(
        _("country"), max_length=3, blank=True, validators=[validate_country_code]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering: ClassVar = ["name"]
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

    @property
    def country_name(self) -> str:
        return country_name(self.country)
