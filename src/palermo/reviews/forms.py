from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.core.forms import BootstrapFormMixin
from palermo.core.models import User
from palermo.core.widgets import PickerSelect, PickerSelectMultiple
from palermo.engagement.models import Organisation
from palermo.instruments.models import Cluster, Provision
from palermo.reviews.models import Compliance, Question


class ReviewForm(BootstrapFormMixin, forms.Form):
    cluster = forms.ModelChoiceField(label=_("Cluster"), queryset=Cluster.objects.all())
    year = forms.IntegerField(
        label=_("Year"), min_value=2018, max_value=2100, initial=lambda: timezone.localdate().year
    )
    start_date = forms.DateField(
        label=_("Start date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Protocols enter the questionnaire when the State was party to them on this date. "
            "Leave empty for 1 January of the year."
        ),
    )


class AnswerForm(BootstrapFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    compliance = forms.ChoiceField(
        label=_("Is the obligation met?"),
        choices=[("", "—"), *Compliance.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    provisions = forms.ModelMultipleChoiceField(
        label=_("Provisions cited"),
        queryset=Provision.objects.none(),
        required=False,
        widget=PickerSelectMultiple(),
        help_text=_("From the legislation registry; type part of a title or number."),
    )

    def __init__(
        self, *args: Any, questions: list[Question], provisions: QuerySet[Provision], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provisions"].queryset = provisions  # type: ignore[attr-defined]
        self.question_fields = []
        # The stored English text of each translated question, offered beside the translation.
        self.originals: dict[str, str] = {}
        for question in questions:
            name = f"q_{question.key}"
            if question.kind == Question.Kind.COMPLIANCE:
                name = "compliance"
                self.fields[name].label = question.text_in_language
                self.fields[name].help_text = question.help_text_in_language
            else:
                self.fields[name] = forms.CharField(
                    label=question.text_in_language,
                    help_text=question.help_text_in_language,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )
                self.question_fields.append(name)
            if question.is_translated:
                self.originals[name] = question.text
        # Widgets added after the mixin ran need its classes too.
        for name in self.question_fields:
            self.fields[name].widget.attrs["class"] = "form-control"
        self.fields["compliance"].widget.attrs["class"] = "form-check-input"

    def question_rows(self) -> list[tuple[str, str]]:
        """(field name, English original or "") of each free-text question, in order."""
        return [(name, self.originals.get(name, "")) for name in self.question_fields]

    def responses(self) -> dict[str, str]:
        return {
            name.removeprefix("q_"): self.cleaned_data.get(name, "")
            for name in self.question_fields
        }


class AssignForm(BootstrapFormMixin, forms.Form):
    body = forms.ModelChoiceField(
        label=_("Government body"), queryset=Organisation.objects.none(), widget=PickerSelect()
    )
    assignee = forms.ModelChoiceField(
        label=_("Person (optional)"),
        queryset=User.objects.none(),
        required=False,
        widget=PickerSelect(),
    )

    def __init__(
        self, *args: Any, bodies: QuerySet[Organisation], people: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["assignee"].queryset = people  # type: ignore[attr-defined]


class ReopenForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why a new version is needed"), widget=forms.Textarea(attrs={"rows": 3})
    )
