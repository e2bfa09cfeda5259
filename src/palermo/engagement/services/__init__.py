"""Every write in engagement, one transaction each; re-exported so callers import one place."""

from palermo.engagement.services.registry import (
    organisation_create,
    organisation_delete,
    organisation_update,
    person_create,
    person_delete,
    person_update,
    themes_get_or_create,
    themes_load_curated,
)

__all__ = [
    "organisation_create",
    "organisation_delete",
    "organisation_update",
    "person_create",
    "person_delete",
    "person_update",
    "themes_get_or_create",
    "themes_load_curated",
]
