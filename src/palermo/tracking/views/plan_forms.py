"""Forms of the action-plan pages: plan, measure, indicator, reported value, return."""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from palermo.core.forms import BootstrapFormMixin
from palermo.core.widgets import PickerSelect, PickerSelectMultiple
from palermo.engagement.models import Organisation
from palermo.tracking.models import (
    ActionPlan,
    Indicator,
    Measure,
    Recommendation,
    period_label,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's errors next to the form's fields, the others at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class PlanForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    owner = forms.ModelChoiceField(
        label=gettext_lazy("Owning body"),
        queryset=Organisation.objects.none(),
        help_text=gettext_lazy("For example the national steering committee or task force."),
        widget=PickerSelect(),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea({"rows": 4}), required=False
    )
    starts_on = forms.DateField(label=gettext_lazy("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=gettext_lazy("Ends on"), widget=DateInput())
    review_on = forms.DateField(
        label=gettext_lazy("Review on"),
        widget=DateInput(),
        required=False,
        help_text=gettext_lazy("When the plan's implementation is reviewed."),
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organisations  # type: ignore[attr-defined]


def plan_initial(plan: ActionPlan) -> dict[str, Any]:
    return {
        "title": plan.title,
        "owner": plan.owner_id,
        "description": plan.description,
        "starts_on": plan.starts_on,
        "ends_on": plan.ends_on,
        "review_on": plan.review_on,
    }


class MeasureForm(BootstrapFormMixin, forms.Form):
    number = forms.IntegerField(
        label=gettext_lazy("Number"),
        min_value=1,
        max_value=32767,
        required=False,
        help_text=gettext_lazy("Leave empty to number it after the last measure."),
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea({"rows": 3}), required=False
    )
    lead = forms.ModelChoiceField(
        label=gettext_lazy("Lead body"), queryset=Organisation.objects.none(), widget=PickerSelect()
    )
    partners = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Partner bodies"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=PickerSelectMultiple(),
        help_text=gettext_lazy("Type part of a name; choose as many as you need."),
    )
    starts_on = forms.DateField(label=gettext_lazy("Starts on"), widget=DateInput(), required=False)
    ends_on = forms.DateField(label=gettext_lazy("Ends on"), widget=DateInput(), required=False)
    recommendations = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Recommendations it answers"),
        queryset=Recommendation.objects.none(),
        required=False,
        widget=PickerSelectMultiple(),
        help_text=gettext_lazy("Type part of a name; choose as many as you need."),
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        recommendations: QuerySet[Recommendation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["partners"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["recommendations"].queryset = recommendations  # type: ignore[attr-defined]


def measure_initial(measure: Measure) -> dict[str, Any]:
    return {
        "number": measure.number,
        "title": measure.title,
        "description": measure.description,
        "lead": measure.lead_id,
        "partners": [p.pk for p in measure.partners.all()],
        "starts_on": measure.starts_on,
        "ends_on": measure.ends_on,
        "recommendations": [r.pk for r in measure.recommendations.all()],
    }


class IndicatorForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=255)
    unit = forms.CharField(
        label=gettext_lazy("Unit"),
        max_length=40,
        help_text=gettext_lazy("For example: cases, %, persons."),
    )
    baseline_value = forms.DecimalField(
        label=gettext_lazy("Baseline value"), max_digits=14, decimal_places=2
    )
    baseline_date = forms.DateField(label=gettext_lazy("Baseline date"), widget=DateInput())
    target_value = forms.DecimalField(
        label=gettext_lazy("Target value"), max_digits=14, decimal_places=2
    )
    target_date = forms.DateField(label=gettext_lazy("Target date"), widget=DateInput())
    direction = forms.ChoiceField(
        label=gettext_lazy("Direction"), choices=Indicator.Direction.choices
    )
    frequency = forms.ChoiceField(
        label=gettext_lazy("Reporting frequency"), choices=Indicator.Frequency.choices
    )
    reporting_body = forms.ModelChoiceField(
        label=gettext_lazy("Reporting body"),
        queryset=Organisation.objects.none(),
        help_text=gettext_lazy("Its plan monitors report the values."),
        widget=PickerSelect(),
    )
    plausible_min = forms.DecimalField(
        label=gettext_lazy("Lowest plausible value"),
        max_digits=14,
        decimal_places=2,
        required=False,
        help_text=gettext_lazy("Values below it are refused. Leave empty for no bound."),
    )
    plausible_max = forms.DecimalField(
        label=gettext_lazy("Highest plausible value"),
        max_digits=14,
        decimal_places=2,
        required=False,
        help_text=gettext_lazy("Values above it are refused. Leave empty for no bound."),
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reporting_body"].queryset = organisations  # type: ignore[attr-defined]


def indicator_initial(indicator: Indicator) -> dict[str, Any]:
    return {
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline_value": indicator.baseline_value,
        "baseline_date": indicator.baseline_date,
        "target_value": indicator.target_value,
        "target_date": indicator.target_date,
        "direction": indicator.direction,
        "frequency": indicator.frequency,
        "reporting_body": indicator.reporting_body_id,
        "plausible_min": indicator.plausible_min,
        "plausible_max": indicator.plausible_max,
    }


class MeasurementForm(BootstrapFormMixin, forms.Form):
    period = forms.TypedChoiceField(
        label=gettext_lazy("Period"),
        coerce=datetime.date.fromisoformat,
        help_text=gettext_lazy(
            "Reporting a period again corrects its value; the history keeps the earlier one."
        ),
    )
    value = forms.DecimalField(label=gettext_lazy("Value"), max_digits=14, decimal_places=2)
    source = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Where the figure comes from, for example a case register."),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), widget=forms.Textarea({"rows": 2}), required=False
    )

    def __init__(
        self, *args: Any, indicator: Indicator, periods: list[datetime.date], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (period.isoformat(), period_label(period, indicator.frequency))
            for period in reversed(periods)
        ]
        self.fields["period"].choices = choices  # type: ignore[attr-defined]


class ReturnForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is the value returned?"),
        widget=forms.Textarea({"rows": 3}),
        help_text=gettext_lazy("The reporting body sees this note and corrects the value."),
    )
