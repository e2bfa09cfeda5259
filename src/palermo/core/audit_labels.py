"""Human names for what the audit trail stores as `app.model` and field names.

An event keeps the machine names (they outlive a translation and a renamed label); pages and
exports show the model's and the field's `verbose_name` in the reader's language instead.
A name the code no longer knows (a removed model or field) is shown as stored.
"""

from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_type_label(object_type: str) -> str:
    """The model's verbose name for an `app.model` label, capitalised; as stored if unknown."""
    model = _model(object_type)
    if model is None:
        return object_type
    name = str(model._meta.verbose_name)
    return name[:1].upper() + name[1:]


def field_label(object_type: str, field: str) -> str:
    """The field's verbose name on that model; the stored name if either is unknown."""
    model = _model(object_type)
    if model is None:
        return field
    try:
        verbose = getattr(model._meta.get_field(field), "verbose_name", None)
    except FieldDoesNotExist:
        return field
    return str(verbose) if verbose else field


def labelled_changes(
    object_type: str, changes: dict[str, list[Any]]
) -> list[tuple[str, str, list[Any]]]:
    """(label, stored name, [before, after]) for each changed field, in stored order."""
    return [(field_label(object_type, name), name, values) for name, values in changes.items()]
