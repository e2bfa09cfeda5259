"""Six stakeholder lists as alliances keep them in Excel, each with the trouble it shows.

Every person and number is invented; organisation names are public bodies from the mission
brief (HRCP, UNODC, IOM, the bar councils, a university) or made up ("... Example").
"""

import io
from collections.abc import Sequence

from openpyxl import Workbook

from palermo.engagement.models import Organisation, Person
from palermo.engagement.services import registry as registry_services

Cell = str | int | None


def workbook(*sheets: tuple[str, Sequence[Sequence[Cell]]], merged: Sequence[str] = ()) -> bytes:
    """A workbook of named sheets, rows as given (None or "" for an empty cell)."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for number, row in enumerate(rows, start=1):
            for column, value in enumerate(row, start=1):
                if value not in (None, ""):
                    sheet.cell(row=number, column=column, value=value)
    for cells in merged:
        book.worksheets[0].merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def alliance_list() -> bytes:
    """A title in row 1, row 2 blank, the header in row 3; a 'Category' column; two-line entries.

    Row 5 holds only a place, below its organisation; rows 6 and 7 hold job titles where the
    organisation belongs; row 8 a UN agency with its city; row 9 an acronym and a city inside
    the name; row 12 a contact person inside the organisation's cell, row 13 only a person.
    """
    return workbook(
        (
            "Members",
            [
                ["Alliance against Trafficking in Persons: members' contact list, 2024"],
                [],
                [
                    "Sr. No.",
                    "Name of Organisation",
                    "Category",
                    "Contact Person",
                    "Designation",
                    "Cell No.",
                    "Email",
                ],
                [
                    1,
                    "Bright Future Welfare Society Example",
                    "NGO/Legal Experts",
                    "Ayesha Example",
                    "Coordinator",
                    "0300-1110001",
                    "ayesha@example.org",
                ],
                [None, "Pakistan, Gojra"],
                [
                    2,
                    "Lawyer",
                    "Lawyers",
                    "Bilal Example",
                    None,
                    "0321-2220002",
                    "bilal@example.org",
                ],
                [3, "Economist", "Research", "Chanda Example", None, "0333-3330003"],
                [
                    4,
                    "UNODC Country Office, Islamabad",
                    "International",
                    "Danish Example",
                    "Programme Officer",
                    "051-9201234",
                ],
                [
                    5,
                    "Center for Economic Research in Pakistan (CERP), Lahore",
                    "Research",
                    "Erum Example",
                    "Research Fellow",
                    "0345-4440004",
                ],
                [6, "University of the Punjab", "Academia", "Farhan Example", "Professor"],
                [7, "Punjab Bar Council", "Lawyers", "Gul Example", "Secretary", "042-37351234"],
                [8, "Legal Aid Society (Mr. Hamid Example)", "NGO", None, None, "0300-5550005"],
                [9, "Dr. Iqra Example", "Legal Experts", None, None, "0300-6660006"],
                [10, "IOM Pakistan", "International", "Jawad Example", "Officer"],
                [11, "Advocate High Court", "Lawyers", None, None, "0300-7770007"],
            ],
        )
    )


def phone_list() -> bytes:
    """Numbers as people write them: unknown prefixes, landlines, two in a cell, 'n/a'.

    Row 7 repeats row 4's person with another number; row 8 is a registry person
    (`phone_registry`) with a second number.
    """
    return workbook(
        (
            "Contacts",
            [
                ["Organisation", "Contact person", "Phone", "E-mail"],
                [
                    "Shelter Foundation Example",
                    "Jamil Example",
                    "0300-1234501",
                    "jamil@example.org",
                ],
                ["Shelter Foundation Example", "Kiran Example", "0399-1234502"],
                ["Riverbank Youth Network Example", "Laila Example", "0301 1234503 / 0321 1234504"],
                [
                    "Riverbank Youth Network Example",
                    "Mansoor Example",
                    "0381-1234505, 0300-1234506",
                ],
                ["Quetta Helpdesk Example", "Nida Example", "0300-1234507; 0300-123450"],
                ["Riverbank Youth Network Example", "Laila Example", "0333-1234508"],
                [
                    "Shelter Foundation Example",
                    "Omar Existing",
                    "0300-9990001 / 0312-1234509",
                    "omar@example.org",
                ],
                [None, "Pervaiz Example", "n/a"],
            ],
        )
    )


def phone_registry() -> Person:
    shelter = registry_services.organisation_create(
        actor=None,
        name="Shelter Foundation Example",
        kind=Organisation.Kind.CIVIL_SOCIETY,
        country="PAK",
    )
    return registry_services.person_create(
        actor=None,
        name="Omar Existing",
        organisation=shelter,
        email="omar@example.org",
        phone="0300-9990001",
    )


def near_duplicates_list() -> bytes:
    """Names sharing only generic words with the registry's, and a few that are the same body."""
    return workbook(
        (
            "Organisations",
            [
                ["Organisation", "Acronym", "City"],
                ["Human Rights Commission of Pakistan", "HRCP", "Lahore"],  # 2: identical
                ["Center for Economic Research in Pakistan", "CERP", "Lahore"],  # 3: new
                ["Legal Aid Society", None, "Lahore"],  # 4: new
                ["Pakistan Human Rights Society", None, "Karachi"],  # 5: new
                ["Society for Human Rights and Prisoners Aid", None, "Islamabad"],  # 6: new
                ["HRCP"],  # 7: the registry's acronym
                ["Human Rights Comission of Pakistan"],  # 8: a typo
                ["Centre for Human Rights Education Example", None, "Multan"],  # 9: new
                ["Centre for Governance Research Pakistan", None, "Islamabad"],  # 10: possible
                ["Pak Bar Council", None, "Islamabad"],  # 11: an abbreviation
                ["Legal Aid Centre", None, "Quetta"],  # 12: new
            ],
        )
    )


def near_duplicates_registry() -> dict[str, Organisation]:
    names = {
        "Centre for Human Rights": "",
        "Centre for Governance Research": "",
        "Asma Jahangir Legal Aid Society": "",
        "Human Rights Commission of Pakistan": "HRCP",
        "Pakistan Bar Council": "PBC",
    }
    return {
        name: registry_services.organisation_create(
            actor=None,
            name=name,
            acronym=acronym,
            kind=Organisation.Kind.CIVIL_SOCIETY,
            country="PAK",
        )
        for name, acronym in names.items()
    }


def merged_header_list() -> bytes:
    """Two header rows: merged group titles above the real column names."""
    return workbook(
        (
            "Sheet1",
            [
                ["Organisation", None, None, "Contact", None, None],
                ["Name of organisation", "Acronym", "Province", "Focal person", "Mobile", "E-mail"],
                ["Mountain Women Collective Example", "MWC", "GB", "Sana Example", "0355-1231001"],
                [
                    "Federal Investigation Agency",
                    "FIA",
                    "ICT",
                    "Tariq Example",
                    "0300-1231002",
                    "tariq@example.org",
                ],
            ],
        ),
        merged=("A1:C1", "D1:F1"),
    )


def second_sheet_list() -> bytes:
    """A notes sheet first; the list on the second sheet."""
    return workbook(
        ("Read me", [["Send corrections to the secretariat."], ["Updated in March."]]),
        (
            "Contacts",
            [
                ["Organisation", "Name", "Phone"],
                ["Crescent Media Watch Example", "Uzma Example", "0311-3213001"],
                ["Ministry of Interior", "Waqar Example", "051-9212345"],
            ],
        ),
    )


def headerless_list() -> bytes:
    """Columns nobody named the way the import knows them."""
    return workbook(
        (
            "Data",
            [
                ["Column A", "Column B", "Column C"],
                ["Riverbank Youth Network Example", "Yasmin Example", "0315-7897001"],
            ],
        )
    )
