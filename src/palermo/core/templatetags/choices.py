"""``{{ record|choice:"status" }}``: a field's choice label, as ``get_status_display`` gives it.

Django's ``get_<field>_display`` rebuilds the field's choices into a dictionary on every call,
translating each label to hash it (about 90 µs for a field of eight choices); a list of fifty
rows with three such columns spent more on that than on its query. Here the labels are read
from a dictionary built once per field, and translated once, when printed.

The library is a template builtin (settings ``TEMPLATES``), so templates need no ``{% load %}``.
"""

import functools
from typing import Any

from django import template
from django.db.models import Model
from django.utils.encoding import force_str

register = template.Library()


@functools.cache
def _labels(model: type[Model], name: str) -> dict[Any, Any]:
    field = model._meta.get_field(name)
    return dict(field.flatchoices)  # type: ignore[union-attr]


@register.filter
def choice(record: Model | None, name: str) -> Any:
    """The label of the choice `record.<name>` holds; the value itself when it is no choice."""
    if record is None:
        return ""
    value = getattr(record, name)
    try:
        label = _labels(type(record), name).get(value, value)
    except TypeError:  # an unhashable value cannot be a choice
        label = value
    return force_str(label, strings_only=True)
