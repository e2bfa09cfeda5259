"""The registry as an XLSX workbook: organisations and people, contacts only where allowed."""

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from palermo.core.countries import country_name
from palermo.core.exports import fill_sheet, safe_sheet_title
from palermo.engagement import permissions, selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _organisations_sheet(sheet: Worksheet, user: Any) -> None:
    rows = [
        (
            organisation.name,
            organisation.acronym,
            organisation.get_kind_display(),
            ", ".join(theme.name for theme in organisation.themes.all()),
            organisation.city,
            organisation.region,
            country_name(organisation.country) if organisation.country else "",
            organisation.website,
            organisation.parent.name if organisation.parent else "",
        )
        for organisation in selectors.organisation_list(user=user).order_by("name")
    ]
    fill_sheet(
        sheet,
        (
            _("Name"),
            _("Acronym"),
            _("Kind"),
            _("Sectors and themes"),
            _("City"),
            _("Province or region"),
            _("Country"),
            _("Website"),
            _("Parent organisation"),
        ),
        rows,
    )


def _people_sheet(sheet: Worksheet, user: Any) -> None:
    rows = []
    for person in selectors.person_list(user=user).order_by("name"):
        visible = permissions.can_view_contact(user, person)
        rows.append(
            (
                person.name,
                person.title,
                person.organisation.name if person.organisation else "",
                person.roles,
                person.expertise,
                person.email if visible else "",
                person.phone if visible else "",
            )
        )
    fill_sheet(
        sheet,
        (
            _("Name"),
            _("Title or position"),
            _("Organisation"),
            _("Roles"),
            _("Expertise"),
            _("E-mail"),
            _("Phone"),
        ),
        rows,
    )


def registry_workbook(*, user: Any) -> bytes:
    """Sheets "Organisations" and "People" of what the user may see, as XLSX bytes."""
    workbook = Workbook()
    workbook.active.title = safe_sheet_title(_("Organisations"))
    _organisations_sheet(workbook.active, user)
    _people_sheet(workbook.create_sheet(safe_sheet_title(_("People"))), user)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
