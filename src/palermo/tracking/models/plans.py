import datetime
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from palermo.engagement.models import Organisation, validate_country_code
from palermo.tracking.models.recommendations import Recommendation


class ActionPlan(models.Model):
    title = models.CharField(_("title"), max_length=255)
    country = models.CharField(_("country"), max_length=3, validators=[validate_country_code])
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_action_plans",
        verbose_name=_("owning body"),
        help_text=_("For example the national steering committee or task force."),
    )
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    review_on = models.DateField(_("review on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering: ClassVar = ["-starts_on", "title"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="action_plan_ends_after_start",
                violation_error_message=_("The plan ends before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tracking:plan-detail", args=[self.pk])

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The plan ends before it starts.")})


class Measure(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="measures")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    lead = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="led_measures",
        verbose_name=_("lead body"),
    )
    partners = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="partnered_measures",
        verbose_name=_("partner bodies"),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    recommendations = models.ManyToManyField(
        Recommendation, blank=True, related_name="measures", verbose_name=_("recommendations")
    )

    audit_country_path: ClassVar = "plan__country"

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering: ClassVar = ["plan", "number"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="unique_measure_number",
                violation_error_message=_("A measure with this number already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Indicator(models.Model):
    class Direction(models.TextChoices):
        INCREASE = "increase", _("Increase")
        DECREASE = "decrease", _("Decrease")
        REACH = "reach", _("Reach the target")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        YEARLY = "yearly", _("Yearly")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=255)
    unit = models.CharField(
        _("unit"), max_length=40, help_text=_("For example: cases, %, persons.")
    )
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=2)
    baseline_date = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2)
    target_date = models.DateField(_("target date"))
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    frequency = models.CharField(_("reporting frequency"), max_length=10, choices=Frequency.choices)
    reporting_body = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="reported_indicators",
        verbose_name=_("reporting body"),
    )
    # Values outside this range are refused on entry as implausible (empty: no bound).
    plausible_min = models.DecimalField(
        _("lowest plausible value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    plausible_max = models.DecimalField(
        _("highest plausible value"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    audit_country_path: ClassVar = "measure__plan__country"

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering: ClassVar = ["measure", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tracking:indicator-detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            errors["target_date"] = _("The target date must come after the baseline date.")
        if (
            self.direction == self.Direction.INCREASE
            and self.target_value is not None
            and self.baseline_value is not None
            and self.target_value <= self.baseline_value
        ):
            errors["target_value"] = _("An increasing indicator needs a target above its baseline.")
        if (
            self.direction == self.Direction.DECREASE
            and self.target_value is not None
            and self.baseline_value is not None
            and self.target_value >= self.baseline_value
        ):
            errors["target_value"] = _("A decreasing indicator needs a target below its baseline.")
        if (
            self.plausible_min is not None
            and self.plausible_max is not None
            and self.plausible_min > self.plausible_max
        ):
            errors["plausible_max"] = _("The highest plausible value is below the lowest.")
        if errors:
            raise ValidationError(errors)


class Measurement(models.Model):
    """The value of an indicator for one reporting period, as reported and then verified."""

    class State(models.TextChoices):
        REPORTED = "reported", _("Reported")
        VERIFIED = "verified", _("Verified")
        RETURNED = "returned", _("Returned for correction")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    # The first day of the period: a month, a quarter (Jan, Apr, Jul, Oct) or a year.
    period = models.DateField(_("period"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    state = models.CharField(
        _("verification"), max_length=10, choices=State.choices, default=State.REPORTED
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(default=timezone.now)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    # Corrections overwrite the value here; the history keeps every earlier one.
    audit_country_path: ClassVar = "indicator__measure__plan__country"

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering: ClassVar = ["indicator", "period"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["indicator", "period"],
                name="unique_measurement_period",
                violation_error_message=_("This period already has a value; correct it instead."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.period:%Y-%m})"


def period_label(period: datetime.date, frequency: str) -> str:
    """'2025-03' for a month, '2025-Q2' for a quarter, '2025' for a year."""
    if frequency == Indicator.Frequency.QUARTERLY:
        return f"{period.year}-Q{(period.month - 1) // 3 + 1}"
    if frequency == Indicator.Frequency.YEARLY:
        return str(period.year)
    return f"{period.year}-{period.month:02d}"
