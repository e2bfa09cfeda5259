"""Which file column feeds which registry field: guessed from headers, changeable by the user."""

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from palermo.core.tabular import normalise
from palermo.engagement import messages

if TYPE_CHECKING:  # a development dependency, for the type of lazy labels only
    from django_stubs_ext import StrOrPromise

IGNORE = "ignore"

# Target fields in the order the preview offers them.
FIELDS: "dict[str, StrOrPromise]" = {
    "organisation": _("Organisation"),
    "acronym": _("Acronym"),
    "kind": _("Kind of organisation"),
    "sector": _("Sectors and themes"),
    "city": _("City"),
    "region": _("Province or region"),
    "name": _("Person's name"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "title": _("Title or position"),
    "roles": _("Roles"),
    "expertise": _("Expertise"),
    "phone": _("Phone"),
    "email": _("E-mail"),
    IGNORE: _("Ignore this column"),
}

# Normalised header (see core.tabular.normalise) -> field, for the names people actually use.
ALIASES: dict[str, str] = {
    **dict.fromkeys(
        (
            "organisation",
            "organization",
            "org",
            "org_name",
            "organisation_name",
            "organization_name",
            "name_of_organisation",
            "name_of_organization",
            "name_of_the_organisation",
            "name_of_the_organization",
            "institution",
            "agency",
            "ngo",
            "cso",
            "employer",
            "department",
            "ministry",
        ),
        "organisation",
    ),
    **dict.fromkeys(("acronym", "abbreviation", "abbr", "short_name"), "acronym"),
    **dict.fromkeys(
        (
            "kind",
            "type",
            "org_type",
            "organisation_type",
            "organization_type",
            "type_of_organisation",
            "type_of_organization",
        ),
        "kind",
    ),
    **dict.fromkeys(
        (
            "sector",
            "sectors",
            # A list's "Category" holds "Lawyers", "NGO/Legal Experts": a sector, not a kind.
            "category",
            "categories",
            "theme",
            "themes",
            "sector_theme",
            "sectors_themes",
            "sector_themes",
            "thematic_area",
            "thematic_areas",
            "focus_area",
            "focus_areas",
            "area_of_work",
            "areas_of_work",
        ),
        "sector",
    ),
    **dict.fromkeys(("city", "town", "district", "city_district"), "city"),
    **dict.fromkeys(("region", "province", "state", "province_region", "area"), "region"),
    **dict.fromkeys(
        (
            "name",
            "person",
            "person_name",
            "full_name",
            "contact",
            "contact_person",
            "contact_name",
            "name_of_contact_person",
            "focal_person",
            "representative",
        ),
        "name",
    ),
    **dict.fromkeys(("first_name", "given_name", "forename", "first"), "first_name"),
    **dict.fromkeys(("last_name", "surname", "family_name", "last"), "last_name"),
    **dict.fromkeys(("title", "position", "designation", "job_title", "post"), "title"),
    **dict.fromkeys(("roles", "role", "responsibility", "responsibilities"), "roles"),
    **dict.fromkeys(
        ("expertise", "specialisation", "specialization", "area_of_expertise", "skills"),
        "expertise",
    ),
    **dict.fromkeys(
        (
            "phone",
            "phone_number",
            "phone_no",
            "telephone",
            "tel",
            "mobile",
            "mobile_number",
            "mobile_no",
            "cell",
            "cell_number",
            "cell_no",
            "contact_number",
            "contact_no",
            "whatsapp",
        ),
        "phone",
    ),
    **dict.fromkeys(
        ("email", "e_mail", "email_address", "e_mail_address", "mail", "email_id"), "email"
    ),
}

# Headers nobody listed above, recognised by a word in them; the first rule that fits wins.
KEYWORDS: tuple[tuple[str, str], ...] = (
    ("mail", "email"),
    ("phone", "phone"),
    ("mobile", "phone"),
    ("cell", "phone"),
    ("acronym", "acronym"),
    ("sector", "sector"),
    ("categor", "sector"),
    ("theme", "sector"),
    ("expert", "expertise"),
    ("first_name", "first_name"),
    ("given_name", "first_name"),
    ("surname", "last_name"),
    ("last_name", "last_name"),
    ("type", "kind"),
    ("organi", "organisation"),
    ("district", "city"),
    ("city", "city"),
    ("province", "region"),
    ("region", "region"),
    ("designation", "title"),
    ("position", "title"),
    ("role", "roles"),
    ("contact", "name"),
    ("name", "name"),
)


def guess_field(header: str) -> str:
    """The field a header most likely holds, or IGNORE."""
    key = normalise(header)
    if key in ALIASES:
        return ALIASES[key]
    for word, field in KEYWORDS:
        if word in key:
            return field
    return IGNORE


def resolve_mapping(
    *, columns: Iterable[str], requested: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Column -> field for every column: the user's choices first, guesses for the rest.

    A field fed by two columns is refused when the user asked for it; among guesses the
    first column wins and later ones are ignored, so a file with "Phone" and "Mobile" still
    plans.
    """
    columns = list(columns)
    chosen: dict[str, str] = {}
    for raw_column, raw_field in (requested or {}).items():
        column = normalise(raw_column)
        field = (raw_field or IGNORE).strip().lower()
        if column not in columns:
            raise ValidationError(messages.IMPORT_MAPPING_UNKNOWN_COLUMN % {"column": raw_column})
        if field not in FIELDS:
            raise ValidationError(messages.IMPORT_MAPPING_UNKNOWN_FIELD % {"value": raw_field})
        if field != IGNORE and field in chosen.values():
            raise ValidationError(messages.IMPORT_MAPPING_FIELD_TWICE % {"field": FIELDS[field]})
        chosen[column] = field
    mapping: dict[str, str] = {}
    for column in columns:
        if column in chosen:
            mapping[column] = chosen[column]
            continue
        field = guess_field(column)
        used = set(chosen.values()) | set(mapping.values())
        mapping[column] = IGNORE if field != IGNORE and field in used else field
    return mapping


def column_label(column: str) -> str:
    """'name_of_organisation' -> 'Name of organisation', close to the header the user wrote."""
    text = column.replace("_", " ")
    return text[:1].upper() + text[1:]
