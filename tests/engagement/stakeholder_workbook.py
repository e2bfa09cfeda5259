"""A messy stakeholder list as people really send it, with fictitious people only.

31 data rows (sheet rows 2-32, row 9 blank), columns in an unusual order, names split over
"First name" and "Last name", phones in mixed formats. `fixed=True` corrects the four bad
rows (7: phone, 8: e-mail, 18: kind, 20: neither organisation nor name).
"""

import csv
import io

from openpyxl import Workbook

from palermo.engagement.models import Organisation, Person
from palermo.engagement.services import registry as registry_services

HEADER = [
    "E-mail address",
    "Mobile",
    "Last name",
    "Sector/Theme",
    "Name of organisation",
    "First name",
    "Designation",
    "District",
    "Province",
    "Org type",
    "Acronym",
    "Notes",
]
# organisation | first | last | e-mail | phone | sectors | designation | district | province | kind
# | acronym — one line per sheet row, from row 2.
TABLE = """
Pakistan Bar Council|Ayla|Example|ayla@example.org|0300-1234567|Legal aid; Human rights|Secretary
  |Islamabad|ICT|Professional body|PBC
Pak Bar Council|Bilal|Sample|bilal@example.org|+92 300 2345678|Legal aid|Member|Islamabad|ICT
  |professional_body|
FIA|Chanda|Dummy|chanda@example.com|92-321-3456789|Law enforcement/Cybercrime|Deputy Director
  |Islamabad|ICT|Government|
Legal Aid Society|Danish|Mockname|danish@example.org|(051) 9201234|Legal aid|Coordinator|Karachi
  |Sindh|NGO|
legal aid society|Erum|Fakename|erum@example.org|3004567890||Paralegal|Karachi|Sindh||
Shelter Foundation Example|Farhan|Placeholder|farhan@example.com|12345|Victim support|Director
  |Lahore|Punjab|Civil society|
Shelter Foundation Example|Gul|Testcase|gul(at)example.org|0333-5550001
  |Victim support, Women's rights|Counsellor|Lahore|Punjab||
||||||||||
Riverbank Youth Network|Hina|Specimen|hina@example.org|0345-6667788|Youth, Children's rights
  |Programme officer|Multan|Punjab|CSO|
Riverbank Youth Network|Imran|Mockup|imran@example.com||Youth|Volunteer lead|Multan|Punjab||
Crescent Media Watch|Javeria|Sampleton|javeria@example.com|+92 321 7654321|Media|Editor|Karachi
  |Sindh|Media|CMW
Institute of Placeholder Studies|Kamran|Notreal|kamran@example.org|0300-1112233
  |Academia; Migration|Professor|Peshawar|KP|Academia|IPS
Institute of Placeholder Studies|Laila|Imaginary|||Migration|Research fellow|Peshawar|KP||
Mountain Women Collective|Mehwish|Invented|mehwish@example.org|0355-1231234|Women's rights
  |Chairperson|Gilgit|GB|Civil society|
Sample Law Associates|Nadia|Fauxname|nadia@example.com|042-35761234|Legal aid|Partner|Lahore
  |Punjab|Law firm|
Indus Example Traders|Omar|Madeup|omar@example.com|0301-4445566|Labour rights|Manager|Hyderabad
  |Sindh|Private sector|
Harbour Dockworkers Union Example|Parveen|Unreal||0302-7778899|Labour rights|Organiser|Karachi
  |Sindh|Spaceship|
|Qasim|Freelance|qasim@example.org|0303-1010101|Cybercrime|Independent consultant|Islamabad
  |ICT||
|||nobody@example.org|0304-2020202||||||
Pakistan Bar Council|A.|Example||+92 300 1234567||||||
Pakistan Bar Council|Ayla|Exampel||||||||
Legal Aid Society|Zeeshan|Existing|ZEESHAN.EXISTING@example.org|||||||
Crescent Media Watch|Rubina|Pretend|rubina@example.com|0311-3213213|Media; Human rights|Reporter
  |Karachi|Sindh||
Mountain Women Collective|Sana|Standin||0312-4564564||Treasurer|Gilgit|GB||
Quetta Migrant Helpdesk Example|Tariq|Dummyson|tariq@example.org|081-2829999
  |Migration; Smuggling of migrants|Caseworker|Quetta|Balochistan|Civil society|
Quetta Migrant Helpdesk Example||||||||||
Northern Legal Clinic Example|||||Legal aid||Peshawar|KP||
Indus Example Traders|Uzma|Fictive|uzma@example.com|0313-5675675||Accountant|Hyderabad|Sindh||
Sample Law Associates|Waqar|Phantom|waqar@example.org|0314-6786786||Associate|Lahore|Punjab||
Riverbank Youth Network|Yasmin|Fabricated||0315-7897897|Youth|Volunteer|Multan|Punjab||
Crescent Media Watch|Zubair|Mocksworth|zubair@example.com|0316-8908908||Photographer|Karachi|Sindh||
"""
# A line starting with two spaces continues the line above (keeps the table narrow).
ROWS: list[list[str]] = [
    line.split("|") for line in TABLE.strip("\n").replace("\n  |", "|").splitlines()
]
assert len(ROWS) == 31  # noqa: S101 - guards the table against a slip
assert all(len(row) == 11 for row in ROWS)  # noqa: S101

# Where each HEADER column (but "Notes") comes from in a ROWS line.
COLUMN_ORDER = (3, 4, 2, 5, 0, 1, 6, 7, 8, 9, 10)
# Sheet row -> (position in a ROWS tuple, corrected value).
FIXES = {
    7: (4, "0300-7654321"),
    8: (3, "gul@example.org"),
    18: (9, "Civil society"),
    20: (1, "Rafia"),
}
FIX_LAST_NAMES = {20: "Standalone"}


def stakeholder_rows(*, fixed: bool = False) -> list[list[str]]:
    """The header and the 31 data rows, in the workbook's column order."""
    records = [HEADER]
    for number, row in enumerate(ROWS, start=2):
        values = list(row)
        if fixed and number in FIXES:
            position, value = FIXES[number]
            values[position] = value
            if number in FIX_LAST_NAMES:
                values[2] = FIX_LAST_NAMES[number]
        note = "call back in May" if number % 7 == 0 and any(values) else ""
        records.append([*(values[position] for position in COLUMN_ORDER), note])
    return records


def stakeholder_workbook(*, fixed: bool = False) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Stakeholders"
    for record in stakeholder_rows(fixed=fixed):
        sheet.append([value or None for value in record])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def stakeholder_csv(*, fixed: bool = False) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(stakeholder_rows(fixed=fixed))
    return buffer.getvalue().encode()


def existing_registry() -> tuple[Organisation, Organisation, Person]:
    """What the registry holds before the import: FIA, the Legal Aid Society, one person."""
    fia = registry_services.organisation_create(
        actor=None,
        name="Federal Investigation Agency",
        acronym="FIA",
        kind=Organisation.Kind.GOVERNMENT,
        country="PAK",
    )
    society = registry_services.organisation_create(
        actor=None, name="Legal Aid Society", kind=Organisation.Kind.CIVIL_SOCIETY, country="PAK"
    )
    person = registry_services.person_create(
        actor=None,
        name="Zeeshan Existing",
        organisation=society,
        email="zeeshan.existing@example.org",
        phone="+92 300 9990001",
    )
    return fia, society, person
