"""The Counter Trafficking Data Collaborative's layouts: two of victims, one of pairs.

- The Global Synthetic Dataset (codebook 2, 2024): one synthetic victim per row, `,`-separated,
  alpha-3 countries, flags `1` or blank, age bands written `0--8`, sectors named `typeOf...` or,
  in some releases, `sectorOf...`, gender as `Woman/Man/Trans...` or `Female/Male`.
- The k-anonymised Global Dataset (older, k = 11): ~63 columns, `;`-separated, alpha-2
  countries, `-99` for missing, flags `1`/`0`, the terms of use written into the first header
  cell before the first column's name.
- The victim-perpetrator condensed dataset: 16 columns, years as bands, several values in one
  cell joined with `;`.

Every value is read by the converters of `_values`; the two victim layouts share one reader and
differ in how they are recognised (and in their notes).
"""

import re
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from palermo.evidence.loaders import _values as values
from palermo.evidence.loaders._reading import (
    MISSING,
    BadValueError,
    Errors,
    Source,
    combine_flags,
    convert,
    read,
    row_numbers,
    strip_bom,
)
from palermo.evidence.loaders.base import Loaded, conform
from palermo.evidence.schema import Kind

MISSING_COLUMN = "The column {column} is missing."
NOTICE_REMOVED = "The first header cell carried a notice (the terms of use); read as {column}."
NOT_KEPT = "Columns read but not kept (no place in the internal schema): {columns}."
NOT_RECOGNISED = "Columns not recognised and ignored: {columns}."
SUPPRESSED_BY_SOURCE = (
    "The source suppressed records with rare combinations to reach k = 11; counts are of the "
    "published records."
)
SYNTHETIC_NOTE = (
    "The records are differentially private synthetic records, not real victims; small counts "
    "are not reliable."
)
SEVERAL_VALUES = "{count} rows give several values in {column}; read as unknown."


def column_key(name: str) -> str:
    """A column name as compared: case, spaces and the `sectorOf`/`typeOf` renaming ignored."""
    key = re.sub(r"[\s_]", "", strip_bom(name)).lower()
    if key.startswith("sectorof"):
        return "typeof" + key.removeprefix("sectorof")
    if key.startswith("sector"):
        return "typeoflabour" + key.removeprefix("sector")
    return key


# Source flag columns of both victim layouts, and the schema columns each sets.
FLAGS: dict[str, tuple[str, ...]] = {
    "isForcedLabour": ("exploitation_forced_labour",),
    "isSexualExploit": ("exploitation_sexual",),
    "isOtherExploit": ("exploitation_other",),
    "isSexAndLabour": ("exploitation_forced_labour", "exploitation_sexual"),
    "isForcedMarriage": ("exploitation_other",),
    "isForcedMilitary": ("exploitation_other",),
    "isOrganRemoval": ("exploitation_other",),
    "isSlaveryAndPractices": ("exploitation_other",),
    "meansDebtBondageEarnings": ("means_debt_bondage",),
    "meansOfControlDebtBondage": ("means_debt_bondage",),
    "meansOfControlTakesEarnings": ("means_debt_bondage",),
    "meansOfControlRestrictsFinancialAccess": ("means_debt_bondage",),
    "meansThreats": ("means_threats",),
    "meansOfControlThreats": ("means_threats",),
    "meansOfControlThreatOfLawEnforcement": ("means_threats",),
    "meansAbusePsyPhySex": ("means_abuse",),
    "meansOfControlPsychologicalAbuse": ("means_abuse",),
    "meansOfControlPhysicalAbuse": ("means_abuse",),
    "meansOfControlSexualAbuse": ("means_abuse",),
    "meansFalsePromises": ("means_false_promises",),
    "meansOfControlFalsePromises": ("means_false_promises",),
    "meansDrugsAlcohol": ("means_drugs_alcohol",),
    "meansOfControlPsychoactiveSubstances": ("means_drugs_alcohol",),
    "meansDenyBasicNeeds": ("means_deny_basic_needs",),
    "meansOfControlWithholdsNecessities": ("means_deny_basic_needs",),
    "meansOfControlRestrictsMedicalCare": ("means_deny_basic_needs",),
    "meansExcessiveWorkHours": ("means_excessive_hours",),
    "meansOfControlExcessiveWorkingHours": ("means_excessive_hours",),
    "meansWithholdDocs": ("means_withhold_documents",),
    "meansOfControlWithholdsDocuments": ("means_withhold_documents",),
    "typeOfLabourAgriculture": ("sector_agriculture",),
    "typeOfLabourAquafarming": ("sector_fishing",),
    "typeOfLabourFishing": ("sector_fishing",),
    "typeOfLabourBegging": ("sector_begging",),
    "typeOfLabourConstruction": ("sector_construction",),
    "typeOfLabourDomesticWork": ("sector_domestic_work",),
    "typeOfLabourHospitality": ("sector_hospitality",),
    "typeOfLabourManufacturing": ("sector_manufacturing",),
    "typeOfLabourMiningOrDrilling": ("sector_mining",),
    "typeOfLabourMining": ("sector_mining",),
    "typeOfLabourIllicitActivities": ("sector_other",),
    "typeOfLabourPeddling": ("sector_other",),
    "typeOfLabourTransportation": ("sector_other",),
    "typeOfLabourOther": ("sector_other",),
    "typeOfSexProstitution": ("sexual_prostitution",),
    "typeOfSexPornography": ("sexual_pornography",),
    "typeOfSexRemoteInteractiveServices": ("sexual_other",),
    "typeOfSexPrivateSexualServices": ("sexual_other",),
    "typeOfSexOther": ("sexual_other",),
    "recruiterRelationIntimatePartner": ("recruiter_intimate_partner",),
    "recruiterRelationFriend": ("recruiter_friend",),
    "recruiterRelationFamily": ("recruiter_family",),
    "recruiterRelationOther": ("recruiter_other",),
}
VALUES = (
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "majorityStatus",
    "citizenship",
    "CountryOfExploitation",
    "traffickMonths",
)
REQUIRED = (
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "citizenship",
    "CountryOfExploitation",
    "isForcedLabour",
    "isSexualExploit",
)
# Columns of the older dataset that we know and leave out (concatenations, "not specified").
KNOWN_NOT_KEPT = (
    "Datasource",
    "majorityStatusAtExploit",
    "majorityEntry",
    "meansOfControlRestrictsMovement",
    "meansOfControlUsesChildren",
    "meansOfControlOther",
    "meansOfControlNotSpecified",
    "meansOfControlConcatenated",
    "typeOfExploitConcatenated",
    "typeOfLabourNotSpecified",
    "typeOfLabourConcatenated",
    "typeOfSexConcatenated",
    "isAbduction",
    "recruiterRelationUnknown",
)
VICTIM_COLUMNS = (*VALUES, *FLAGS, *KNOWN_NOT_KEPT)
VICTIM_KEYS = {column_key(name): name for name in VICTIM_COLUMNS}


def clean_header(header: list[str], known: dict[str, str]) -> tuple[list[str], bool]:
    """The header with each known column in its canonical spelling, and whether a notice was cut.

    The k-anonymised dataset writes its terms of use into the first header cell, before the
    first column's name: the cell is read as the longest known name it ends with.
    """
    cells = [known.get(column_key(cell), strip_bom(cell).strip()) for cell in header]
    if cells and column_key(cells[0]) not in known:
        first = column_key(cells[0])
        endings = [key for key in known if first.endswith(key)]
        if endings:
            cells[0] = known[max(endings, key=len)]
            return cells, True
    return cells, False


def _positions(header: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        positions.setdefault(name, index)
    return positions


class _Reader:
    """One file's columns by canonical name, converted with their errors collected."""

    def __init__(self, source: Source, header: list[str]) -> None:
        self.source = source
        self.header = header
        self.positions = _positions(header)
        self.errors = source.errors

    def file_name(self, name: str) -> str:
        """The column's name as the file spells it (`sectorOf...`), the notice left out."""
        position = self.positions[name]
        written = strip_bom(self.source.header[position]).strip()
        return name if position == 0 and column_key(written) != column_key(name) else written

    def has(self, name: str) -> bool:
        return name in self.positions

    def text(self, name: str) -> pa.Array:
        return self.source.columns[self.positions[name]]

    def convert(
        self,
        name: str,
        converter: Callable[[str], object],
        type_: pa.DataType,
        *,
        quiet: bool = False,
    ) -> pa.Array:
        """The column converted, or all nulls where the file lacks it."""
        if not self.has(name):
            return pa.nulls(self.source.num_rows, type_)
        errors = Errors() if quiet else self.errors
        return convert(
            self.text(name),
            converter,
            type_,
            name=self.file_name(name),
            source=self.source,
            errors=errors,
        )

    def several(self, name: str) -> int:
        """How many cells of the column hold several `;`-joined values."""
        if not self.has(name):
            return 0
        return int(pc.sum(pc.match_substring(self.text(name), ";")).as_py() or 0)

    def missing(self, required: tuple[str, ...]) -> list[str]:
        """The required columns the file lacks, each an error (a file not read lacks all)."""
        if self.source.unreadable:
            return list(required)
        absent = [name for name in required if not self.has(name)]
        for name in absent:
            self.errors.add(self.source.header_row, name, MISSING_COLUMN.format(column=name))
        return absent


def _header_notes(header: list[str], known: dict[str, str], kept: set[str], cut: bool) -> list[str]:
    notes = [NOTICE_REMOVED.format(column=header[0])] if cut else []
    not_kept = [name for name in header if name in known.values() and name not in kept]
    unknown = [name for name in header if name not in known.values() and name]
    if not_kept:
        notes.append(NOT_KEPT.format(columns=", ".join(not_kept)))
    if unknown:
        notes.append(NOT_RECOGNISED.format(columns=", ".join(unknown)))
    return notes


def _load_victims(path: Path, sniff: Callable[[list[str]], bool], notes: list[str]) -> Loaded:
    source = read(path, sniff)
    header, cut = clean_header(source.header, VICTIM_KEYS)
    reader = _Reader(source, header)
    notes = source.notes + _header_notes(header, VICTIM_KEYS, {*VALUES, *FLAGS}, cut) + notes
    if reader.missing(REQUIRED):
        empty = conform(pa.table({"record_id": pa.array([], pa.string())}), Kind.VICTIMS)
        return Loaded(empty, reader.errors.listed(), reader.errors.count, notes)

    band = reader.convert("ageBroad", values.age_band, pa.string())
    minor_from_band = convert(
        band.fill_null(""),
        lambda value: values.band_is_minor(value or None),
        pa.bool_(),
        name="ageBroad",
        source=source,
        errors=Errors(),
    )
    minor = pc.coalesce(
        minor_from_band, reader.convert("majorityStatus", values.majority, pa.bool_())
    )
    columns: dict[str, pa.Array] = {
        "record_id": row_numbers(source),
        "year": reader.convert("yearOfRegistration", values.year, pa.int16()),
        "sex": reader.convert("gender", values.sex, pa.string()),
        "age_band": band,
        "is_minor": minor,
        "citizenship": reader.convert("citizenship", values.country, pa.string()),
        "country_of_exploitation": reader.convert(
            "CountryOfExploitation", values.country, pa.string()
        ),
        "months_trafficked": reader.convert(
            "traffickMonths", lambda value: values.months(value)[0], pa.int16()
        ),
        "months_trafficked_band": reader.convert(
            "traffickMonths", lambda value: values.months(value)[1], pa.string(), quiet=True
        ),
    }
    targets: dict[str, list[pa.Array]] = {}
    for name, schema_columns in FLAGS.items():
        if reader.has(name):
            flag = reader.convert(name, values.flag, pa.bool_())
            for schema_column in schema_columns:
                targets.setdefault(schema_column, []).append(flag)
    for schema_column, flags in targets.items():
        columns[schema_column] = combine_flags(flags, source.num_rows)
    table = conform(pa.table(columns), Kind.VICTIMS)
    return Loaded(table, reader.errors.listed(), reader.errors.count, notes)


def _keys(header: list[str], known: dict[str, str]) -> set[str]:
    return set(clean_header(header, known)[0])


class CtdcSynthetic:
    """CTDC Global Synthetic Dataset: one synthetic victim per row."""

    name = "ctdc_synthetic"
    label = "CTDC Global Synthetic Dataset (victims)"
    kind = Kind.VICTIMS

    def sniff(self, header: list[str]) -> bool:
        columns = _keys(header, VICTIM_KEYS)
        older = any(name.startswith("meansOfControl") for name in columns)
        return set(REQUIRED) <= columns and not older and "Datasource" not in columns

    def load(self, path: Path) -> Loaded:
        return _load_victims(path, self.sniff, [SYNTHETIC_NOTE])


class CtdcKAnonymised:
    """CTDC k-anonymised Global Dataset (older, k = 11): one victim per row."""

    name = "ctdc_k_anonymised"
    label = "CTDC k-anonymised Global Dataset (victims, k = 11)"
    kind = Kind.VICTIMS

    def sniff(self, header: list[str]) -> bool:
        columns = _keys(header, VICTIM_KEYS)
        older = any(name.startswith("meansOfControl") for name in columns)
        return set(REQUIRED) <= columns and (older or "Datasource" in columns)

    def load(self, path: Path) -> Loaded:
        return _load_victims(path, self.sniff, [SUPPRESSED_BY_SOURCE])


# The victim-perpetrator condensed dataset.
VP_COLUMNS = (
    "yearRegister",
    "gender",
    "majorityStatus",
    "isForcedLabour",
    "isSexualExploit",
    "UN_COO_Region",
    "UN_COE_Region",
    "IP_Exploiter",
    "IP_Gender",
    "IP_ageBroad",
    "IP_citizen_UNRegion",
    "IP_Relation",
    "IP_PayMoney",
    "IP_RecruiterBroker",
    "IP_TransactionProcess",
    "IP_ControlAbuseKidnap",
)
VP_KEYS = {column_key(name): name for name in VP_COLUMNS}
VP_REQUIRED = ("yearRegister", "gender", "isForcedLabour", "isSexualExploit", "IP_Exploiter")
VP_FLAGS = {
    "isForcedLabour": "exploitation_forced_labour",
    "isSexualExploit": "exploitation_sexual",
    "IP_Exploiter": "perpetrator_is_exploiter",
    "IP_PayMoney": "perpetrator_paid_money",
    "IP_RecruiterBroker": "perpetrator_recruiter_broker",
    "IP_TransactionProcess": "perpetrator_transaction",
    "IP_ControlAbuseKidnap": "perpetrator_control_abuse_kidnap",
}
RELATIONS = {
    "intimatepartner": "intimate_partner",
    "partner": "intimate_partner",
    "friend": "friend",
    "family": "family",
    "familymember": "family",
    "relative": "family",
    "other": "other",
    "unknown": "unknown",
}


def _relations(value: str) -> list[str] | None:
    found = []
    for part in value.split(";"):
        part = part.strip()
        if part in MISSING:
            continue
        relation = RELATIONS.get(re.sub(r"[\s_\-]", "", part).lower())
        if relation is None:
            raise BadValueError(
                f'"{part}" is not a known relation (Intimate Partner, Friend, Family, Other).'
            )
        found.append(relation)
    return list(dict.fromkeys(found)) or None


def _single(converter: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """A converter of one value that reads a cell with several as unknown."""

    def single(value: str) -> str | None:
        parts = {converter(part.strip()) for part in value.split(";")} - {None}
        return parts.pop() if len(parts) == 1 else None

    return single


class CtdcVictimPerpetrator:
    """CTDC victim-perpetrator synthetic dataset (condensed): one pair per row."""

    name = "ctdc_victim_perpetrator"
    label = "CTDC victim-perpetrator synthetic dataset (condensed)"
    kind = Kind.VICTIM_PERPETRATOR

    def sniff(self, header: list[str]) -> bool:
        return {"yearRegister", "IP_Exploiter", "IP_Relation"} <= _keys(header, VP_KEYS)

    def load(self, path: Path) -> Loaded:
        source = read(path, self.sniff)
        header, cut = clean_header(source.header, VP_KEYS)
        reader = _Reader(source, header)
        notes = [*source.notes, *_header_notes(header, VP_KEYS, set(VP_COLUMNS), cut)]
        notes.append(SYNTHETIC_NOTE)
        if reader.missing(VP_REQUIRED):
            empty = conform(pa.table({"record_id": pa.array([], pa.string())}), self.kind)
            return Loaded(empty, reader.errors.listed(), reader.errors.count, notes)
        text = pa.list_(pa.string())
        columns: dict[str, pa.Array] = {
            "record_id": row_numbers(source),
            "year": reader.convert(
                "yearRegister", lambda value: values.year_or_band(value)[0], pa.int16()
            ),
            "year_band": reader.convert(
                "yearRegister",
                lambda value: values.year_or_band(value)[1],
                pa.string(),
                quiet=True,
            ),
            "victim_sex": reader.convert("gender", values.sexes, text),
            "victim_is_minor": reader.convert("majorityStatus", values.majority, pa.bool_()),
            "victim_region": reader.convert("UN_COO_Region", values.text, pa.string()),
            "exploitation_region": reader.convert("UN_COE_Region", values.text, pa.string()),
            "perpetrator_sex": reader.convert("IP_Gender", values.sexes, text),
            "perpetrator_age_band": reader.convert(
                "IP_ageBroad", _single(values.age_band), pa.string()
            ),
            "perpetrator_region": reader.convert(
                "IP_citizen_UNRegion", _single(values.text), pa.string()
            ),
            "perpetrator_relation": reader.convert("IP_Relation", _relations, text),
        }
        for name, schema_column in VP_FLAGS.items():
            columns[schema_column] = reader.convert(name, values.flag, pa.bool_()).fill_null(False)
        for name in ("IP_ageBroad", "IP_citizen_UNRegion"):
            count = reader.several(name)
            if count:
                notes.append(SEVERAL_VALUES.format(count=count, column=name))
        table = conform(pa.table(columns), self.kind)
        return Loaded(table, reader.errors.listed(), reader.errors.count, notes)


SYNTHETIC = CtdcSynthetic()
K_ANONYMISED = CtdcKAnonymised()
VICTIM_PERPETRATOR = CtdcVictimPerpetrator()
