"""A synthetic Pakistan case database in the HTCDS layouts: the Excel template or a Kobo export.

Invented records only, no real person behind any row: trafficking cases identified each month
from 2019 to 2025, most referred on to assistance; forced labour in brick kilns (debt bondage,
whole families) and agriculture, domestic work (many children), sexual exploitation, begging,
forced marriage; citizens of Pakistan with some Afghans and Bangladeshis. Names and contact
fields are left blank. Header spellings follow the Human Trafficking Case Data Standard (HTCDS)
by IOM, CC BY 4.0.

With `dirt` the file looks typed by hand: blank cells, trailing spaces, labels ending in a
non-breaking space (as the form's own labels do), dates in several valid spellings, a BOM.
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from palermo.evidence.generators._files import BadRow, spoil, write_table
from palermo.evidence.generators._pakistan import ABROAD, PROFILES, RECRUITMENT, TOWNS
from palermo.evidence.loaders._htcds_choices import CHOICES, GENDER, STATUS

# Row 1 and row 2 of the HTCDS Excel template v2.0, as published (one column has no name).
TEMPLATE_NAMES = [
    "cas_CaseOwner",
    "prs_Salutation",
    "prs_FirstName",
    "prs_SecondName",
    "con_Consent",
    "prs_Birthdate",
    "prs_Gender",
    "prs_Citizenship",
    "prs_Title",
    "prs_Email",
    "prs_HomePhone",
    "prs_MobilePhone",
    "prs_MailingCity",
    "prs_MailingCountry",
    "prs_MailingState",
    "prs_MailingStreet",
    "prs_MailingPostalCode",
    "vic_TraffickingStatus",
    "vic_TraffickinStatusDecisionMakingOrg",
    "vic_MethodOfRecruitment",
    "vic_LocationOfRecruitment",
    "vic_MethodsOfControl",
    "vic_TypeOfExploitation",
    "vic_ForcedLabourIndustry",
    "vic_TypeOfSexExploitation",
    "vic_LocationOfExploitation",
    "cas_Status",
    "cas_ReferringOrganisation",
    "cas_IncomingReferralDate",
    "cas_ReferringPrimaryCaseWorker",
    "cas_ReasonForIncomingReferral",
    "cas_IncomingReferralDetails",
    "cas_ReferredOrganisation",
    "cas_ReferredPrimaryCaseWorker",
    "-",
    "cas_OutgoingReferralDate",
    "cas_OutgoingReferralDetails",
    "cas_ReasonForCaseClosure",
]
TEMPLATE_LABELS = [
    "Case Owner",
    "Salutation",
    "First Name",
    "Second Name",
    "Consent",
    "Birthdate",
    "Gender",
    "Citizenship",
    "Title",
    "Email",
    "Home Phone",
    "Mobile Phone",
    "Mailing Street",
    "Mailing City",
    "Mailing State/Province",
    "Mailing Zip/Postal Code",
    "Mailing Country",
    "Trafficking Status",
    "Trafficking Status Decision Making Organization",
    "Method of Recruitment",
    "Location of Recruitment",
    "Methods of Control",
    "Type of Exploitation",
    "Forced Labour Industry",
    "Type of Sex Exploitation",
    "Location of Exploitation",
    "Status",
    "Referring Organisation",
    "Incoming Referral Date",
    "Referring Primary Case Worker",
    "Reason for Incoming Referral",
    "Incoming Referral Details",
    "Referred Organisation",
    "Referred Primary Case Worker",
    "Reason for Outgoing Referral",
    "Outgoing Referral Date",
    "Outgoing Referral Details",
    "Reason for Case Closure",
]
# The questions of the XLSForm we fill, name -> label; the national form adds the standard's
# cas_OutgoingReferralDate.
KOBO_QUESTIONS = {
    "start": "start",
    "end": "end",
    "con_Consent": "Consent",
    "prs_First_Name": "First Name",
    "prs_Birthdate": "Birthdate",
    "prs_Gender": "Gender",
    "prs_Citizenship": "Citizenship",
    "vic_MethodOfRecruitment": "Method of Recruitment",
    "vic_TraffickingStatus": "Trafficking Status",
    "vic_Methods_of_Control": "Methods of Control",
    "vic_TypeOfExploitation": "Type of Exploitation",
    "vic_ForcedLabourIndustry": "Forced Labour Industry",
    "vic_TypeOfSexExploitation": "Type of Sex Exploitation",
    "vic_LocationOfExploitation": "Location of Exploitation",
    "cas_IncomingReferralDate": "Incoming Referral Date",
    "cas_OutgoingReferralDate": "Outgoing Referral Date",
}
VERSION = "vSmt4GQA3C9uBMLPEVfgND"
KOBO_META = ("__version__", "_id", "_uuid", "_submission_time", "_index")
MULTIPLE_LISTS = {
    "vic_MethodOfRecruitment": "methodofrecruitment",
    "vic_Methods_of_Control": "methodsofcontrol",
    "vic_TypeOfExploitation": "typeofexploitation",
    "vic_ForcedLabourIndustry": "forcedlabourindustry",
    "vic_TypeOfSexExploitation": "typeofsexexploitation",
}
TEMPLATE_FIELD = {"vic_Methods_of_Control": "vic_MethodsOfControl"}
COUNTRY_NAMES = {"PK": "Pakistan", "AF": "Afghanistan", "BD": "Bangladesh"}

Layout = Literal["template", "kobo"]


@dataclass
class Case:
    number: int
    gender: str
    citizenship: str
    born: dt.date
    identified: dt.date
    referred: dt.date | None
    status: str
    location: str
    chosen: dict[str, list[str]] = field(default_factory=dict)  # question -> choice names


def _labels(listed: str) -> dict[str, str]:
    return {name: label for name, label, _ in CHOICES[listed]}


def _record(rng: random.Random, number: int) -> Case:
    names = list(PROFILES)
    profile = PROFILES[rng.choices(names, [PROFILES[n][0] for n in names])[0]]
    _weight, sexes, child_share, types, industries, means = profile
    gender = rng.choices(["Feminine", "Masculine", "TransgenderFeminine"], sexes)[0]
    year, month = 2019 + rng.randrange(7), 1 + rng.randrange(12)
    identified = dt.date(year, month, 1 + rng.randrange(28))
    adult = int(rng.triangular(18, 60, 24))
    years = rng.randint(6, 17) if rng.random() < child_share else adult
    born = identified - dt.timedelta(days=365 * years + rng.randrange(300))
    types = list(types)
    if years < 18 and types == ["ForcedLabour"] and rng.random() < 0.3:
        types.append("ChildLabour")
    kinds = ["Prostitution", "Pornography", "PrivateSexualServices"]
    sex_types = [rng.choices(kinds, [0.8, 0.1, 0.1])[0]] if "SexualExploitation" in types else []
    referred = identified + dt.timedelta(days=rng.randrange(60)) if rng.random() < 0.8 else None
    return Case(
        number=number,
        gender=gender,
        citizenship=rng.choices(["PK", "AF", "BD"], [0.88, 0.08, 0.04])[0],
        born=born,
        identified=identified,
        referred=referred,
        status=rng.choices([s for s, _ in STATUS], [0.25, 0.7, 0.05])[0],
        location=rng.choice(ABROAD) if rng.random() < 0.05 else "Pakistan",
        chosen={
            "vic_MethodOfRecruitment": [rng.choices(*RECRUITMENT)[0]],
            "vic_Methods_of_Control": [m for m, p in means.items() if rng.random() < p],
            "vic_TypeOfExploitation": types,
            "vic_ForcedLabourIndustry": list(industries),
            "vic_TypeOfSexExploitation": sex_types,
        },
    )


def _date(rng: random.Random, day: dt.date | None, dirt: bool, cell: bool) -> object:
    if day is None:
        return ""
    if not dirt:
        return day.isoformat()
    spelling = rng.randrange(4 if cell else 3)
    if spelling == 0:
        return day.strftime("%d/%m/%Y")
    if spelling == 1:
        return day.strftime("%B %d, %Y").replace(" 0", " ")
    if spelling == 2:
        return day.isoformat()
    return dt.datetime(day.year, day.month, day.day)  # noqa: DTZ001 - an Excel date cell


def _multiple(
    rng: random.Random, question: str, chosen: list[str], labels: bool, dirt: bool
) -> str:
    if not chosen:
        return ""
    if labels:
        named = _labels(MULTIPLE_LISTS[question])
        texts = [named[choice] for choice in chosen]
        joiner = rng.choice(["; ", ", "]) if dirt else "; "
        return joiner.join(texts)
    return " ".join(chosen)


def _dirty(rng: random.Random, value: object, dirt: bool, blank: float = 0.0) -> object:
    if not dirt or not isinstance(value, str) or not value:
        return value
    if rng.random() < blank:
        return ""
    return value + " " if rng.random() < 0.1 else value


def write(
    path: Path,
    rows: int,
    seed: int,
    dirt: bool = True,
    *,
    layout: Layout = "template",
    labels: bool = False,
    split: bool = False,
) -> Path:
    """Write `rows` invented cases; Kobo exports as CSV (`;`, BOM) or XLSX by the suffix.

    `labels` writes a Kobo export "with labels" (headers and answers); `split` adds one 0/1
    column per choice of each select_multiple question, as Kobo does on request.
    """
    rng = random.Random(seed)  # noqa: S311 - invented data, no secret
    gender_label = {
        name: label + "\xa0" for name, label, _ in GENDER if name != "NonSpecifiedUnknown"
    }
    records = [_record(rng, number) for number in range(1, rows + 1)]
    if layout == "template":
        body = [_template_row(rng, record, dirt, gender_label) for record in records]
        names = [None if name == "-" else name for name in TEMPLATE_NAMES]
        return write_table(path, [[None, *names], [None, *TEMPLATE_LABELS], *body])
    header, body = _kobo(rng, records, dirt, labels, split, gender_label)
    return write_table(path, [header, *body], delimiter=";", bom=dirt)


def _template_row(
    rng: random.Random, case: Case, dirt: bool, gender_label: dict[str, str]
) -> list[object]:
    row: dict[str, object] = dict.fromkeys(TEMPLATE_NAMES, "")
    row["cas_CaseOwner"] = f"Officer {rng.randint(1, 12)}"
    row["con_Consent"] = "Yes"
    born = None if dirt and rng.random() < 0.1 else case.born
    row["prs_Birthdate"] = _date(rng, born, dirt, True)
    row["prs_Gender"] = _dirty(rng, gender_label[case.gender] if dirt else case.gender, dirt, 0.03)
    country = COUNTRY_NAMES[case.citizenship] if rng.random() < 0.5 else case.citizenship
    row["prs_Citizenship"] = _dirty(rng, country, dirt, 0.02)
    row["vic_TraffickingStatus"] = dict(STATUS)[case.status]
    for question, chosen in case.chosen.items():
        text = _multiple(rng, question, chosen, labels=rng.random() < 0.7, dirt=dirt)
        row[TEMPLATE_FIELD.get(question, question)] = _dirty(rng, text, dirt)
    town = dirt and rng.random() < 0.05
    row["vic_LocationOfExploitation"] = rng.choice(TOWNS) if town else case.location
    row["cas_IncomingReferralDate"] = _date(rng, case.identified, dirt, True)
    row["cas_OutgoingReferralDate"] = _date(rng, case.referred, dirt, True)
    row["cas_Status"] = "Closed Referred" if case.referred else "Active"
    return [case.number, *(row[name] if row[name] != "" else None for name in TEMPLATE_NAMES)]


def _kobo(
    rng: random.Random,
    records: list[Case],
    dirt: bool,
    labels: bool,
    split: bool,
    gender_label: dict[str, str],
) -> tuple[list[str], list[list[object]]]:
    names = list(KOBO_QUESTIONS)
    split_columns = (
        [
            (question, choice, label)
            for question in MULTIPLE_LISTS
            for choice, label in _labels(MULTIPLE_LISTS[question]).items()
        ]
        if split
        else []
    )
    group = "victim/" if dirt else ""

    def title(name: str) -> str:
        text = KOBO_QUESTIONS[name] if labels else name
        return group + text if name.startswith("vic_") else text

    header = [title(name) for name in names]
    header += [f"{title(q)}/{label if labels else choice}" for q, choice, label in split_columns]
    header += list(KOBO_META)
    body = []
    for case in records:
        day = case.identified.isoformat()
        born = "" if dirt and rng.random() < 0.1 else case.born.isoformat()
        values: dict[str, object] = {
            "start": f"{day}T10:{rng.randrange(60):02d}:00.000+05:00",
            "end": f"{day}T11:{rng.randrange(60):02d}:00.000+05:00",
            "con_Consent": "Yes" if labels else "TRUE",
            "prs_Birthdate": born,
            "prs_Gender": gender_label[case.gender] if labels else case.gender,
            "prs_Citizenship": COUNTRY_NAMES[case.citizenship] if labels else case.citizenship,
            "vic_TraffickingStatus": dict(STATUS)[case.status] if labels else case.status,
            "vic_LocationOfExploitation": case.location,
            "cas_IncomingReferralDate": day,
            "cas_OutgoingReferralDate": case.referred.isoformat() if case.referred else "",
        }
        for question, chosen in case.chosen.items():
            values[question] = _multiple(rng, question, chosen, labels, dirt)
        blank = {"prs_Gender": 0.02}
        row = [_dirty(rng, values.get(name, ""), dirt, blank.get(name, 0.0)) for name in names]
        row += [int(choice in case.chosen[q]) for q, choice, _ in split_columns]
        row += [VERSION, 100000 + case.number, f"uuid-{rng.getrandbits(64):016x}"]
        row += [f"{day}T12:00:00", case.number]
        body.append(row)
    return header, body


def write_kobo(
    path: Path,
    rows: int,
    seed: int,
    dirt: bool = True,
    *,
    labels: bool = False,
    split: bool = False,
) -> Path:
    """A KoboToolbox export of the HTCDS form (see `write`)."""
    return write(path, rows, seed, dirt, layout="kobo", labels=labels, split=split)


def write_with_bad_row(path: Path, rows: int, seed: int) -> BadRow:
    """An Excel template but for one gender outside the form's choices, in the middle row."""
    write(path, rows, seed)
    return spoil(path, row=3 + rows // 2, column="prs_Gender", value="Alien")


def write_kobo_with_bad_row(path: Path, rows: int, seed: int) -> BadRow:
    """A Kobo export but for one gender outside the form's choices, in the middle row."""
    write_kobo(path, rows, seed, dirt=False)
    return spoil(path, row=2 + rows // 2, column="prs_Gender", value="Alien", delimiter=";")
