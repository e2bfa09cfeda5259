"""Seeded generators of files in the three CTDC layouts, with a Pakistan-like profile.

Invented records, no real person: most victims are citizens of Pakistan or its neighbours and
exploited in Pakistan or the Gulf; forced labour (brick kilns, agriculture, domestic work)
is the commonest form and mostly men and boys, sexual exploitation mostly women and girls.
With `dirt`, the files carry what real copies carry and the loaders must read: a BOM, CRLF line
ends, no final newline, both gender vocabularies, trailing spaces, blank cells, `sectorOf...`
column names, flags written `0`.
"""

import random
from collections.abc import Callable, Iterator
from pathlib import Path

from palermo.evidence.generators._profile import (
    AGE_BANDS,
    AGES,
    ALPHA2,
    CITIZENSHIP,
    EXPLOITED_IN,
    FORMS,
    MONTHS,
    OTHER_VOCABULARY,
    SEX,
    YEARS,
)
from palermo.evidence.generators._writing import (
    BadRow,
    Dirt,
    Groups,
    chunk_sizes,
    flags,
    seeded,
    sprinkle,
    weighted,
    write_csv,
)

# (column, probability under labour, under sexual, under other)
MEANS = (
    ("meansDebtBondageEarnings", 0.45, 0.20, 0.15),
    ("meansThreats", 0.30, 0.45, 0.25),
    ("meansAbusePsyPhySex", 0.25, 0.55, 0.20),
    ("meansFalsePromises", 0.35, 0.40, 0.30),
    ("meansDrugsAlcohol", 0.02, 0.15, 0.03),
    ("meansDenyBasicNeeds", 0.15, 0.10, 0.08),
    ("meansExcessiveWorkHours", 0.40, 0.15, 0.10),
    ("meansWithholdDocs", 0.20, 0.15, 0.10),
)
SECTORS = {
    "typeOfLabourAgriculture": 0.30,
    "typeOfLabourConstruction": 0.22,
    "typeOfLabourDomesticWork": 0.20,
    "typeOfLabourHospitality": 0.05,
    "": 0.23,
}
SEXUAL_TYPES = {"typeOfSexProstitution": 0.85, "typeOfSexPornography": 0.08, "": 0.07}
RECRUITERS = {
    "recruiterRelationIntimatePartner": 0.10,
    "recruiterRelationFriend": 0.20,
    "recruiterRelationFamily": 0.33,
    "recruiterRelationOther": 0.20,
    "": 0.17,
}
SYNTHETIC_HEADER = (
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "citizenship",
    "CountryOfExploitation",
    "traffickMonths",
    *(name for name, *_ in MEANS),
    "isForcedLabour",
    "isSexualExploit",
    "isOtherExploit",
    *(name for name in SECTORS if name),
    *(name for name in SEXUAL_TYPES if name),
    *(name for name in RECRUITERS if name),
)


def _victims(rng: random.Random, n: int) -> dict[str, list[str]]:
    """One chunk of victims, column by column, in the synthetic layout's vocabulary."""
    forms = weighted(rng, FORMS, n)
    groups = Groups(forms)
    columns: dict[str, list[str]] = {
        "yearOfRegistration": weighted(rng, YEARS, n),
        "gender": groups.draw(lambda form, k: weighted(rng, SEX[form], k)),
        "ageBroad": groups.draw(lambda form, k: rng.choices(AGE_BANDS, weights=AGES[form], k=k)),
        "citizenship": weighted(rng, CITIZENSHIP, n),
        "CountryOfExploitation": weighted(rng, EXPLOITED_IN, n),
        "traffickMonths": weighted(rng, MONTHS, n),
        "isForcedLabour": ["1" if form in ("labour", "both") else "" for form in forms],
        "isSexualExploit": ["1" if form in ("sexual", "both") else "" for form in forms],
        "isOtherExploit": ["1" if form == "other" else "" for form in forms],
    }
    for name, labour, sexual, other in MEANS:
        chance = {"labour": labour, "sexual": sexual, "other": other, "both": max(labour, sexual)}
        columns[name] = groups.draw(_flags_by_form(rng, chance))
    one_of = {
        **_one_of(rng, groups, SECTORS, ("labour", "both")),
        **_one_of(rng, groups, SEXUAL_TYPES, ("sexual", "both")),
        **_one_of(rng, groups, RECRUITERS, ("labour", "sexual", "other", "both")),
    }
    columns.update(one_of)
    return columns


def _flags_by_form(rng: random.Random, chance: dict[str, float]) -> Callable[[str, int], list[str]]:
    def make(form: str, k: int) -> list[str]:
        return flags(rng, chance[form], k)

    return make


def _one_of(
    rng: random.Random, groups: Groups, choices: dict[str, float], applies: tuple[str, ...]
) -> dict[str, list[str]]:
    """Flag columns of which each row sets at most one (rows of other forms set none)."""
    chosen = groups.draw(lambda form, k: weighted(rng, choices, k) if form in applies else [""] * k)
    return {name: ["1" if pick == name else "" for pick in chosen] for name in choices if name}


def _dirty_victims(rng: random.Random, columns: dict[str, list[str]]) -> None:
    gender = columns["gender"]
    sprinkle(rng, gender, 0.10, lambda value: OTHER_VOCABULARY.get(value, value))
    sprinkle(rng, gender, 0.01, lambda value: "NonConforming")
    sprinkle(rng, gender, 0.02, lambda value: "")
    sprinkle(rng, gender, 0.01, lambda value: value + " ")
    sprinkle(rng, columns["ageBroad"], 0.04, lambda value: "")
    sprinkle(rng, columns["citizenship"], 0.03, lambda value: "")
    sprinkle(rng, columns["CountryOfExploitation"], 0.01, lambda value: value + "  ")
    sprinkle(rng, columns["yearOfRegistration"], 0.01, lambda value: "")
    sprinkle(rng, columns["meansThreats"], 0.02, lambda value: value or "0")


def _rows(columns: dict[str, list[str]], header: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    return zip(*(columns[name] for name in header), strict=True)


def _place_bad(columns: dict[str, list[str]], start: int, n: int, bad: BadRow | None) -> None:
    if bad is not None and start <= bad.row - 2 < start + n:
        columns[bad.column][bad.row - 2 - start] = bad.value


def _sector_header(header: tuple[str, ...], renamed: bool) -> list[str]:
    if not renamed:
        return list(header)
    return [name.replace("typeOf", "sectorOf", 1) for name in header]


def write_synthetic(
    path: Path, rows: int, seed: int, dirt: bool = True, *, bad: BadRow | None = None
) -> Path:
    """A file in the CTDC Global Synthetic Dataset layout."""
    rng = seeded(seed)
    renamed = dirt and rng.random() < 0.5

    def chunks() -> Iterator[Iterator[tuple[str, ...]]]:
        for start, n in chunk_sizes(rows):
            columns = _victims(rng, n)
            if dirt:
                _dirty_victims(rng, columns)
            _place_bad(columns, start, n, bad)
            yield _rows(columns, SYNTHETIC_HEADER)

    header = _sector_header(SYNTHETIC_HEADER, renamed)
    return write_csv(path, header, chunks(), dirt=_file_dirt(dirt))


def _file_dirt(dirt: bool) -> Dirt:
    return Dirt(bom=True, crlf=True, final_newline=False) if dirt else Dirt()


def _bad_position(rows: int, seed: int) -> int:
    """The spreadsheet row of the bad cell: somewhere in the file, decided by the seed."""
    return seeded(seed * 7919 + 1).randrange(rows) + 2


def write_synthetic_with_bad_row(path: Path, rows: int, seed: int) -> BadRow:
    bad = BadRow(row=_bad_position(rows, seed), column="gender", value="Wman")
    write_synthetic(path, rows, seed, dirt=True, bad=bad)
    return bad


# The k-anonymised Global Dataset (older): `;`, alpha-2, -99, ~63 columns, a notice.
NOTICE = (
    "By using this data you agree to the CTDC terms of use; the data are provided as is and "
    "may not be used to identify any person. yearOfRegistration"
)
# Synthetic columns under their older names (several older ones fold into one synthetic).
OLDER = {
    "meansDebtBondageEarnings": "meansOfControlDebtBondage",
    "meansThreats": "meansOfControlThreats",
    "meansAbusePsyPhySex": "meansOfControlPhysicalAbuse",
    "meansFalsePromises": "meansOfControlFalsePromises",
    "meansDrugsAlcohol": "meansOfControlPsychoactiveSubstances",
    "meansDenyBasicNeeds": "meansOfControlWithholdsNecessities",
    "meansExcessiveWorkHours": "meansOfControlExcessiveWorkingHours",
    "meansWithholdDocs": "meansOfControlWithholdsDocuments",
}
K_ANONYMISED_HEADER = (
    "yearOfRegistration", "Datasource", "gender", "ageBroad", "majorityStatus",
    "majorityStatusAtExploit", "majorityEntry", "citizenship",
    "meansOfControlDebtBondage", "meansOfControlTakesEarnings",
    "meansOfControlRestrictsFinancialAccess", "meansOfControlThreats",
    "meansOfControlPsychologicalAbuse", "meansOfControlPhysicalAbuse",
    "meansOfControlSexualAbuse", "meansOfControlFalsePromises",
    "meansOfControlPsychoactiveSubstances", "meansOfControlRestrictsMovement",
    "meansOfControlRestrictsMedicalCare", "meansOfControlExcessiveWorkingHours",
    "meansOfControlUsesChildren", "meansOfControlThreatOfLawEnforcement",
    "meansOfControlWithholdsNecessities", "meansOfControlWithholdsDocuments",
    "meansOfControlOther", "meansOfControlNotSpecified", "meansOfControlConcatenated",
    "isForcedLabour", "isSexualExploit", "isOtherExploit", "isSexAndLabour", "isForcedMarriage",
    "isForcedMilitary", "isOrganRemoval", "isSlaveryAndPractices", "typeOfExploitConcatenated",
    "typeOfLabourAgriculture", "typeOfLabourAquafarming", "typeOfLabourBegging",
    "typeOfLabourConstruction", "typeOfLabourDomesticWork", "typeOfLabourHospitality",
    "typeOfLabourIllicitActivities", "typeOfLabourManufacturing", "typeOfLabourMiningOrDrilling",
    "typeOfLabourPeddling", "typeOfLabourTransportation", "typeOfLabourOther",
    "typeOfLabourNotSpecified", "typeOfLabourConcatenated", "typeOfSexProstitution",
    "typeOfSexPornography", "typeOfSexRemoteInteractiveServices",
    "typeOfSexPrivateSexualServices", "typeOfSexConcatenated", "isAbduction",
    "recruiterRelationIntimatePartner", "recruiterRelationFriend", "recruiterRelationFamily",
    "recruiterRelationOther", "recruiterRelationUnknown", "CountryOfExploitation",
)  # fmt: skip
MINOR_BANDS = ("0--8", "9--17")


def _k_anonymised(rng: random.Random, n: int, dirt: bool) -> dict[str, list[str]]:
    """One chunk in the older layout: the synthetic chunk recoded, the rest -99 or 0."""
    victims = _victims(rng, n)
    forms = ["labour" if flag else "sexual" if sex else "other" for flag, sex in zip(
        victims["isForcedLabour"], victims["isSexualExploit"], strict=True
    )]  # fmt: skip
    columns = {name: ["-99"] * n for name in K_ANONYMISED_HEADER}
    gender = [OTHER_VOCABULARY.get(value, value) for value in victims["gender"]]
    columns.update(
        {
            "yearOfRegistration": victims["yearOfRegistration"],
            "Datasource": weighted(rng, {"Case Management": 0.8, "Hotline": 0.2}, n),
            # k = 11: the rare values are suppressed to -99.
            "gender": [value if value in ("Female", "Male") else "-99" for value in gender],
            "ageBroad": victims["ageBroad"],
            "majorityStatus": [
                "Minor" if band in MINOR_BANDS else "Adult" for band in victims["ageBroad"]
            ],
            "citizenship": [ALPHA2[code] for code in victims["citizenship"]],
            "CountryOfExploitation": [ALPHA2[code] for code in victims["CountryOfExploitation"]],
            "typeOfExploitConcatenated": [
                {"labour": "Forced labour", "sexual": "Sexual exploitation"}.get(form, "Other")
                for form in forms
            ],
            "meansOfControlConcatenated": ["Debt bondage;Threats"] * n,
        }
    )
    for synthetic, older in OLDER.items():
        columns[older] = [value or "0" for value in victims[synthetic]]
    for name in SYNTHETIC_HEADER:
        if name.startswith(("is", "typeOf", "recruiter")):
            columns[name] = [value or "0" for value in victims[name]]
    if dirt:
        sprinkle(rng, columns["ageBroad"], 0.05, lambda value: "-99")
        sprinkle(rng, columns["citizenship"], 0.04, lambda value: "-99")
        sprinkle(rng, columns["gender"], 0.01, lambda value: value + " ")
    return columns


def write_k_anonymised(
    path: Path, rows: int, seed: int, dirt: bool = True, *, bad: BadRow | None = None
) -> Path:
    """A file in the CTDC k-anonymised Global Dataset layout (older, `;`-separated)."""
    rng = seeded(seed)

    def chunks() -> Iterator[Iterator[tuple[str, ...]]]:
        for start, n in chunk_sizes(rows):
            columns = _k_anonymised(rng, n, dirt)
            _place_bad(columns, start, n, bad)
            yield _rows(columns, K_ANONYMISED_HEADER)

    header = [NOTICE if dirt else "yearOfRegistration", *K_ANONYMISED_HEADER[1:]]
    return write_csv(path, header, chunks(), delimiter=";", dirt=_file_dirt(dirt))


def write_k_anonymised_with_bad_row(path: Path, rows: int, seed: int) -> BadRow:
    bad = BadRow(row=_bad_position(rows, seed), column="citizenship", value="QQ")
    write_k_anonymised(path, rows, seed, dirt=True, bad=bad)
    return bad


# The victim-perpetrator condensed dataset: one pair per row, years in bands, `;`-joined cells.
VICTIM_PERPETRATOR_HEADER = (
    "yearRegister", "gender", "majorityStatus", "isForcedLabour", "isSexualExploit",
    "UN_COO_Region", "UN_COE_Region", "IP_Exploiter", "IP_Gender", "IP_ageBroad",
    "IP_citizen_UNRegion", "IP_Relation", "IP_PayMoney", "IP_RecruiterBroker",
    "IP_TransactionProcess", "IP_ControlAbuseKidnap",
)  # fmt: skip
YEAR_BANDS = {"2005-2013": 0.12, "2014-2018": 0.30, "2019": 0.13, "2020": 0.13, "2021-2022": 0.27}
PAIR_SEX = {
    "labour": {"Male": 0.64, "Female": 0.33, "Female;Male": 0.03},
    "sexual": {"Female": 0.88, "Male": 0.09, "Female;Male": 0.03},
    "other": {"Female": 0.55, "Male": 0.42, "Female;Male": 0.03},
    "both": {"Female": 0.75, "Male": 0.22, "Female;Male": 0.03},
}
MAJORITY = {"Adult": 0.68, "Minor": 0.27, "": 0.05}
ORIGIN_REGIONS = {"Asia": 0.86, "Africa": 0.05, "Europe": 0.04, "Americas": 0.02, "": 0.03}
EXPLOITATION_REGIONS = {"Asia": 0.90, "Europe": 0.05, "Africa": 0.02, "": 0.03}
PERPETRATOR_SEX = {"Male": 0.62, "Female": 0.24, "Female;Male": 0.09, "": 0.05}
PERPETRATOR_AGE = {"18--29": 0.28, "30--38": 0.34, "39--47": 0.2, "48+": 0.1, "": 0.08}
RELATIONS = {
    "Family": 0.30,
    "Friend": 0.20,
    "Intimate Partner": 0.10,
    "Other": 0.20,
    "Family;Friend": 0.05,
    "": 0.15,
}
PERPETRATOR_FLAGS = {
    "IP_Exploiter": 0.70,
    "IP_PayMoney": 0.20,
    "IP_RecruiterBroker": 0.50,
    "IP_TransactionProcess": 0.15,
    "IP_ControlAbuseKidnap": 0.25,
}


def _pairs(rng: random.Random, n: int, dirt: bool) -> dict[str, list[str]]:
    forms = weighted(rng, FORMS, n)
    groups = Groups(forms)
    columns = {
        "yearRegister": weighted(rng, YEAR_BANDS, n),
        "gender": groups.draw(lambda form, k: weighted(rng, PAIR_SEX[form], k)),
        "majorityStatus": weighted(rng, MAJORITY, n),
        "isForcedLabour": ["1" if form in ("labour", "both") else "" for form in forms],
        "isSexualExploit": ["1" if form in ("sexual", "both") else "" for form in forms],
        "UN_COO_Region": weighted(rng, ORIGIN_REGIONS, n),
        "UN_COE_Region": weighted(rng, EXPLOITATION_REGIONS, n),
        "IP_Gender": weighted(rng, PERPETRATOR_SEX, n),
        "IP_ageBroad": weighted(rng, PERPETRATOR_AGE, n),
        "IP_citizen_UNRegion": weighted(rng, ORIGIN_REGIONS, n),
        "IP_Relation": weighted(rng, RELATIONS, n),
    }
    for name, probability in PERPETRATOR_FLAGS.items():
        columns[name] = flags(rng, probability, n)
    if dirt:
        sprinkle(rng, columns["yearRegister"], 0.02, lambda value: "")
        sprinkle(rng, columns["gender"], 0.01, lambda value: value + " ")
        sprinkle(rng, columns["IP_Relation"], 0.01, lambda value: value.replace(";", "; "))
    return columns


def write_victim_perpetrator(
    path: Path, rows: int, seed: int, dirt: bool = True, *, bad: BadRow | None = None
) -> Path:
    """A file in the CTDC victim-perpetrator condensed layout."""
    rng = seeded(seed)

    def chunks() -> Iterator[Iterator[tuple[str, ...]]]:
        for start, n in chunk_sizes(rows):
            columns = _pairs(rng, n, dirt)
            _place_bad(columns, start, n, bad)
            yield _rows(columns, VICTIM_PERPETRATOR_HEADER)

    file_dirt = Dirt(final_newline=False) if dirt else Dirt()
    return write_csv(path, VICTIM_PERPETRATOR_HEADER, chunks(), dirt=file_dirt)


def write_victim_perpetrator_with_bad_row(path: Path, rows: int, seed: int) -> BadRow:
    bad = BadRow(row=_bad_position(rows, seed), column="yearRegister", value="2013-2005")
    write_victim_perpetrator(path, rows, seed, dirt=True, bad=bad)
    return bad
