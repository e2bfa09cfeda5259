from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from palermo.core.countries import country_name
from palermo.instruments.dates import PartialDate, Precision
from palermo.instruments.models.instruments import Instrument


class RegionalGroup(models.TextChoices):
    AFRICAN = "African States", _("African States")
    ASIA_PACIFIC = "Asia-Pacific States", _("Asia-Pacific States")
    EASTERN_EUROPEAN = "Eastern European States", _("Eastern European States")
    LATIN_AMERICAN_CARIBBEAN = (
        "Latin American and Caribbean States",
        _("Latin American and Caribbean States"),
    )
    WESTERN_EUROPEAN_OTHER = (
        "Western European and other States",
        _("Western European and other States"),
    )


class State(models.Model):
    class UnStatus(models.TextChoices):
        MEMBER = "member", _("UN member State")
        OBSERVER = "observer", _("UN observer State")

    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, blank=True)
    name = models.CharField(_("name"), max_length=100)
    un_status = models.CharField(_("UN status"), max_length=16, choices=UnStatus.choices)
    # Blank until known: the reviewer draw needs it, so pages point out States without one.
    regional_group = models.CharField(
        _("UN regional group"), max_length=64, choices=RegionalGroup.choices, blank=True
    )

    class Meta:
        verbose_name = _("State")
        verbose_name_plural = _("States")
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("instruments:state-detail", args=[self.iso3])

    @property
    def display_name(self) -> str:
        """The State's name in the language of the page."""
        return country_name(self.iso3) or self.name


class Ratification(models.Model):
    """A State's relation to one instrument: signature, ratification or accession, status."""

    class Kind(models.TextChoices):
        RATIFICATION = "ratification", _("Ratification")
        ACCESSION = "accession", _("Accession")
        ACCEPTANCE = "acceptance", _("Acceptance")
        APPROVAL = "approval", _("Approval")
        SUCCESSION = "succession", _("Succession")

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="ratifications")
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="ratifications"
    )
    signed = models.DateField(_("signed"), null=True, blank=True)
    signed_precision = models.CharField(max_length=8, choices=Precision.choices, blank=True)
    ratified = models.DateField(_("ratified or acceded"), null=True, blank=True)
    ratified_precision = models.CharField(max_length=8, choices=Precision.choices, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, blank=True)
    # Party status can be known without its date (e.g. "party; dates not confirmed").
    is_party = models.BooleanField(_("party"), default=False)
    reservations = models.TextField(_("reservations and declarations"), blank=True)
    note = models.TextField(_("note"), blank=True)

    audit_country_path: ClassVar = "state__iso3"

    class Meta:
        verbose_name = _("ratification")
        verbose_name_plural = _("ratifications")
        ordering: ClassVar = ["state__name", "instrument__position"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["state", "instrument"], name="unique_ratification")
        ]

    def __str__(self) -> str:
        return f"{self.state.iso3} — {self.instrument.code}"

    def clean(self) -> None:
        if self.ratified is not None and not self.is_party:
            raise ValidationError({"is_party": _("A State that ratified or acceded is a party.")})
        if self.signed and self.ratified and self.signed > self.ratified:
            raise ValidationError({"signed": _("The signature cannot come after ratification.")})
        if bool(self.signed) != bool(self.signed_precision):
            raise ValidationError({"signed_precision": _("Say how precise the date is.")})
        if bool(self.ratified) != bool(self.ratified_precision):
            raise ValidationError({"ratified_precision": _("Say how precise the date is.")})

    @property
    def signed_date(self) -> PartialDate | None:
        if self.signed is None:
            return None
        return PartialDate(self.signed, Precision(self.signed_precision))

    @property
    def ratified_date(self) -> PartialDate | None:
        if self.ratified is None:
            return None
        return PartialDate(self.ratified, Precision(self.ratified_precision))
