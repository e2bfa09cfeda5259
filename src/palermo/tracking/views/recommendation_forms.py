"""Forms of the recommendation pages: progress updates, the record itself, extraction."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from palermo.core import uploads
from palermo.core.forms import BootstrapFormMixin
from palermo.core.models import User
from palermo.core.widgets import PickerSelect, PickerSelectMultiple
from palermo.engagement.models import Organisation, Statement
from palermo.engagement.selectors.registry import organisation_list
from palermo.instruments.models import Article
from palermo.reviews.models import Observation
from palermo.tracking.models import (
    ActionPlan,
    Recommendation,
    SdgTarget,
    Status,
    Theme,
)
from palermo.tracking.selectors import recommendations as selectors
from palermo.tracking.services import recommendations as services

DATE_INPUT = {"type": "date"}


MULTIPLE_HELP = gettext_lazy("Type part of a name; choose as many as you need.")


class ProgressForm(BootstrapFormMixin, forms.Form):
    reported_on = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(DATE_INPUT, "%Y-%m-%d")
    )
    status = forms.ChoiceField(label=gettext_lazy("Status on that date"), choices=Status.choices)
    narrative = forms.CharField(
        label=gettext_lazy("What happened"), widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence_url = forms.URLField(
        label=gettext_lazy("Evidence (address)"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("A published law, report or decision that shows the progress."),
    )
    evidence_file = forms.FileField(
        label=gettext_lazy("Evidence (file)"),
        required=False,
        help_text=uploads.upload_limit_help(),
    )


class TiesForm(BootstrapFormMixin, forms.Form):
    """Themes, articles, bodies, SDG targets and priority: what a recommendation is tied to."""

    priority = forms.ChoiceField(
        label=gettext_lazy("Priority"),
        choices=Recommendation.Priority.choices,
        initial=Recommendation.Priority.MEDIUM,
    )
    themes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    articles = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Articles"),
        queryset=Article.objects.select_related("instrument"),
        required=False,
        help_text=MULTIPLE_HELP,
        widget=PickerSelectMultiple(),
    )
    responsible_bodies = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Responsible bodies"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=MULTIPLE_HELP,
        widget=PickerSelectMultiple(),
    )
    sdg_targets = forms.ModelMultipleChoiceField(
        label=gettext_lazy("SDG targets"),
        queryset=SdgTarget.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    TIES = ("priority", "themes", "articles", "responsible_bodies", "sdg_targets")

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies = self.fields["responsible_bodies"]
        bodies.queryset = organisation_list(user=user)  # type: ignore[attr-defined]


class RecommendationForm(TiesForm):
    reference = forms.CharField(
        label=gettext_lazy("Reference"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Its number within the source, for example TIP-3."),
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Leave empty to use the first sentence of the text."),
    )
    text = forms.CharField(label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 5}))
    source = forms.ChoiceField(label=gettext_lazy("Source"), choices=Recommendation.Source.choices)
    statement = forms.ModelChoiceField(
        label=gettext_lazy("Statement"),
        queryset=Statement.objects.none(),
        required=False,
        help_text=gettext_lazy("When the source is a statement."),
        widget=PickerSelect(),
    )
    observation = forms.ModelChoiceField(
        label=gettext_lazy("Review observation"),
        queryset=Observation.objects.none(),
        required=False,
        help_text=gettext_lazy("When the source is an observation of a review."),
        widget=PickerSelect(),
    )
    action_plan = forms.ModelChoiceField(
        label=gettext_lazy("Action plan"),
        queryset=ActionPlan.objects.none(),
        required=False,
        help_text=gettext_lazy("When the source is an action plan."),
        widget=PickerSelect(),
    )
    source_title = forms.CharField(
        label=gettext_lazy("Source document"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("When the source is a report or another document: its title."),
    )
    source_url = forms.URLField(
        label=gettext_lazy("Source address"), required=False, assume_scheme="https"
    )
    issued_on = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(DATE_INPUT, "%Y-%m-%d")
    )

    field_order = (*services.RECOMMENDATION_FIELDS, *TiesForm.TIES)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["statement"].queryset = selectors.linkable_statements(user)  # type: ignore[attr-defined]
        self.fields["observation"].queryset = selectors.linkable_observations(user)  # type: ignore[attr-defined]
        self.fields["action_plan"].queryset = selectors.linkable_plans(user)  # type: ignore[attr-defined]


def recommendation_initial(recommendation: Recommendation) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(recommendation, name) for name in services.RECOMMENDATION_FIELDS
    }
    for name in services.M2M_FIELDS:
        initial[name] = list(getattr(recommendation, name).all())
    return initial


class ExtractForm(TiesForm):
    texts = forms.CharField(
        label=gettext_lazy("Recommendations"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy("One recommendation per line; numbers and bullets are removed."),
    )
    reference_prefix = forms.CharField(
        label=gettext_lazy("Reference prefix"),
        max_length=30,
        required=False,
        help_text=gettext_lazy("References are numbered from it: TIP-1, TIP-2, …"),
    )
    field_order = ("texts", "reference_prefix")
