"""Every read in engagement, limited to what the reader may see."""

from palermo.engagement.selectors.registry import (
    Contact,
    organisation_list,
    person_contact,
    person_list,
    theme_list,
)

__all__ = [
    "Contact",
    "organisation_list",
    "person_contact",
    "person_list",
    "theme_list",
]
