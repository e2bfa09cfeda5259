"""The registry as an XLSX workbook: organisations and people, contacts only where allowed."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from palermo.core.audit import export_record
from palermo.core.countries import country_name
from palermo.core.exports import fill_sheet, safe_sheet_title
from palermo.core.spreadsheets import workbook_bytes
from palermo.engagement import permissions
from palermo.engagement.selectors import registry as registry_selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class RegistryWorkbook:
    """The workbook's bytes and what it holds, for the audit trail."""

    content: bytes
    organisations: int
    people: int
    contacts: int

    @property
    def description(self) -> str:
        return (
            f"Registry: {self.organisations} organisations, {self.people} people, "
            f"{self.contacts} with contact details"
        )


def _organisations_sheet(sheet: Worksheet, user: Any) -> int:
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
        for organisation in registry_selectors.organisation_list(user=user).order_by("name")
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
    return len(rows)


def _people_sheet(sheet: Worksheet, user: Any) -> tuple[int, int]:
    """Fill the people sheet; return how many people, and how many with contact details."""
    rows = []
    contacts = 0
    for person in registry_selectors.person_list(user=user).order_by("name"):
        visible = permissions.can_view_contact(user, person)
        contacts += visible and bool(person.email or person.phone)
        rows.append(
            (
                person.name,
                person.title,
                person.organisation.name if person.organisation else "",
                person.roles,
                person.expertise,
                person.email if visible else "",
                "; ".join(n for n in (person.phone, person.other_phones) if n) if visible else "",
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
    return len(rows), contacts


def registry_export(*, user: Any) -> RegistryWorkbook:
    """The registry workbook of what the user may see; every export is recorded."""
    workbook = registry_workbook(user=user)
    export_record(
        actor=user,
        what=workbook.description,
        fmt="xlsx",
        count=workbook.organisations + workbook.people,
        object_type="engagement.organisation",
    )
    return workbook


def registry_workbook(*, user: Any) -> RegistryWorkbook:
    """Sheets "Organisations" and "People" of what the user may see, as XLSX."""
    workbook = Workbook()
    workbook.active.title = safe_sheet_title(_("Organisations"))
    organisations = _organisations_sheet(workbook.active, user)
    people, contacts = _people_sheet(workbook.create_sheet(safe_sheet_title(_("People"))), user)
    return RegistryWorkbook(
        content=workbook_bytes(workbook),
        organisations=organisations,
        people=people,
        contacts=contacts,
    )
