"""The registry as an XLSX workbook: organisations and people, contacts only where allowed."""

import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from palermo.core.countries import country_name
from palermo.engagement import permissions, selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _append(sheet: Worksheet, values: Iterable[Any], *, header: bool = False) -> None:
    sheet.append(list(values))
    if header:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    # A name such as "=HYPERLINK(...)" must stay text: spreadsheets run formulas on opening.
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def _organisations_sheet(sheet: Worksheet, user: Any) -> None:
    sheet.title = _("Organisations")
    _append(
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
        header=True,
    )
    for organisation in selectors.organisation_list(user=user).order_by("name"):
        _append(
            sheet,
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
            ),
        )


def _people_sheet(sheet: Worksheet, user: Any) -> None:
    _append(
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
        header=True,
    )
    for person in selectors.person_list(user=user).order_by("name"):
        visible = permissions.can_view_contact(user, person)
        _append(
            sheet,
            (
                person.name,
                person.title,
                person.organisation.name if person.organisation else "",
                person.roles,
                person.expertise,
                person.email if visible else "",
                person.phone if visible else "",
            ),
        )


def registry_workbook(*, user: Any) -> bytes:
    """Sheets "Organisations" and "People" of what the user may see, as XLSX bytes."""
    workbook = Workbook()
    _organisations_sheet(workbook.active, user)
    _people_sheet(workbook.create_sheet(_("People")), user)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
