from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from palermo.core.forms import BootstrapFormMixin, MonthField
from palermo.core.widgets import PickerSelect
from palermo.reports.models import GeneratedReport
from palermo.reports.registry import ReportKind


class GenerateForm(BootstrapFormMixin, forms.Form):
    """The kind's parameters, then the language and format of the document."""

    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    fmt = forms.ChoiceField(label=_("Format"))

    def __init__(self, *args: Any, kind: ReportKind, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(GeneratedReport.Format.choices)
        self.fields["fmt"].choices = [(fmt, labels[fmt]) for fmt in kind.formats]  # type: ignore[attr-defined]
        self.fields["fmt"].initial = kind.formats[0]
        self.fields["language"].initial = get_language()
        params: dict[str, forms.Field] = {}
        for param in kind.params:
            label, help_text = str(param.label), str(param.help_text)
            field: forms.Field
            if param.choices:
                field = forms.ChoiceField(
                    label=label, choices=param.choices, help_text=help_text, required=False
                )
                field.widget.attrs["class"] = "form-select"
            elif param.options is not None:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=[("", "---------"), *param.options(user)],
                    coerce=int,
                    help_text=help_text,
                    widget=PickerSelect(),
                )
            elif param.month:
                field = MonthField(label=label, help_text=help_text)
                field.widget.attrs["class"] = "form-control"
            elif param.type is int:
                field = forms.IntegerField(
                    label=label, min_value=1, help_text=help_text, required=param.required
                )
                field.widget.attrs["class"] = "form-control"
            else:
                field = forms.CharField(
                    label=label, max_length=255, help_text=help_text, required=param.required
                )
                field.widget.attrs["class"] = "form-control"
            params[param.name] = field
        # The parameters come first: they say what the report is about.
        self.fields = {**params, **self.fields}
        self.param_names = [param.name for param in kind.params]

    def params(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.param_names}


class ReportFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    fmt = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("All formats")), *GeneratedReport.Format.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *GeneratedReport.Status.choices],
    )

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *kinds]  # type: ignore[attr-defined]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"
