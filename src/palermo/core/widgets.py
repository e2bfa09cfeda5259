"""Pickers: selects that people search by name (Tom Select, enhanced by palermo/pickers.js).

A picker is an ordinary `<select>` (or a text input for tags), so a form works without
JavaScript and the server validates as before; the script only adds type-ahead. Short lists
are searched in the page. Long ones (people, organisations) name a JSON endpoint in
`data-picker-url`: the select then renders only the chosen options and the endpoint, which
reads through the app's selectors, offers the others as the user types.
"""

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PICKER_LIMIT = 20
NO_RESULTS = _("Nothing found. Type another part of the name.")


class _PickerMixin:
    """Attributes pickers.js reads; with `url`, render the chosen options only."""

    allow_multiple_selected: bool
    attrs: dict[str, Any]
    choices: Any

    def __init__(
        self, attrs: dict[str, Any] | None = None, *, url: "str | Promise" = "", **kwargs: Any
    ) -> None:
        super().__init__(attrs, **kwargs)  # type: ignore[call-arg]
        self.url = url
        self.attrs["data-picker"] = "many" if self.allow_multiple_selected else "one"
        self.attrs["data-picker-empty"] = NO_RESULTS

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(name, value, attrs)  # type: ignore[misc]
        if self.url:
            # A lazy URL (reverse_lazy) is resolved here, inside a request.
            context["widget"]["attrs"]["data-picker-url"] = str(self.url)
        return context

    def optgroups(self, name: str, value: list[str], attrs: dict[str, Any] | None = None) -> Any:
        if not self.url:
            return super().optgroups(name, value, attrs)  # type: ignore[misc]
        chosen = {str(item) for item in value if item not in (None, "")}
        original = self.choices
        self.choices = list(_chosen_choices(original, chosen))
        try:
            return super().optgroups(name, value, attrs)  # type: ignore[misc]
        finally:
            self.choices = original


def _chosen_choices(choices: Any, chosen: set[str]) -> Iterable[tuple[Any, Any]]:
    """The blank choice and the chosen ones, without reading a long queryset whole."""
    queryset = getattr(choices, "queryset", None)
    field = getattr(choices, "field", None)
    if queryset is not None and field is not None:
        if field.empty_label is not None:
            yield ("", field.empty_label)
        numbers = [item for item in chosen if item.isdigit()]
        for obj in queryset.filter(pk__in=numbers):
            yield (field.prepare_value(obj), field.label_from_instance(obj))
        return
    for value, label in choices:
        if value in (None, "") or str(value) in chosen:
            yield (value, label)


class PickerSelect(_PickerMixin, forms.Select):
    """Choose one by name with type-ahead."""


class PickerSelectMultiple(_PickerMixin, forms.SelectMultiple):
    """Choose several by name with type-ahead; each choice shows as a removable tag."""


class TagsInput(forms.TextInput):
    """Comma-separated tags chosen from a list (new ones may be typed); the value stays text."""

    def __init__(self, attrs: dict[str, Any] | None = None, *, suggestions: Sequence[str] = ()):
        super().__init__(attrs)
        self.suggestions = suggestions

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-picker": "tags",
                "data-picker-options": json.dumps([str(item) for item in self.suggestions]),
            }
        )
        return context


def picker_results(items: Iterable[tuple[Any, str]]) -> dict[str, list[dict[str, str]]]:
    """The JSON a picker endpoint answers: {"results": [{"value": "12", "text": "Name"}]}."""
    return {"results": [{"value": str(value), "text": text} for value, text in items]}
