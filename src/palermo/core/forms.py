import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

_MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})(?:-\d{1,2})?")


class BootstrapFormMixin:
    """Give every widget Bootstrap's class and mark invalid fields for assistive technology.

    Text people type takes the direction of its own first letter (``dir="auto"``), so an
    English answer typed in an Urdu page reads left to right as it is typed.
    """

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if isinstance(widget, forms.TextInput | forms.Textarea):
                widget.attrs.setdefault("dir", "auto")

    def mark_errors(self) -> None:
        errors = getattr(self, "errors", {})
        for name in errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] += " is-invalid"
                widget.attrs["aria-invalid"] = "true"


MONTH_INVALID = _("Choose a month, for example March 2025.")


class MonthInput(forms.TextInput):
    input_type = "month"


class MonthField(forms.CharField):
    """A month from `<input type="month">`, checked here too: "2025-03" in, "2025-03" out.

    Browsers without a month picker show a text box; "2025-3" and "2025-03-31" are accepted
    from them and from links, anything else is refused with MONTH_INVALID.
    """

    widget = MonthInput
    default_error_messages = {"invalid": MONTH_INVALID}

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        if not text:
            return ""
        match = _MONTH.fullmatch(text)
        if match is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        year, month = int(match["year"]), int(match["month"])
        if not (1 <= month <= 12 and 1900 <= year <= 2999):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return f"{year:04d}-{month:02d}"
