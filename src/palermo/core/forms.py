from typing import Any

from django import forms


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
