"""The internal shapes of evidence records: what every loader writes and every statistic reads.

A dataset holds records of one *kind*. Each kind is one Arrow schema; a loader maps a source
layout (CTDC, GLOTIP, HTCDS ...) onto it and a version stores it as one Parquet file. Nothing
outside this module names a column by a literal that is not declared here.

Conventions, the same in every kind:
- countries are ISO 3166 alpha-3 codes (`PAK`), upper case; unknown is null, never `-99`;
- flags are booleans and never null: a source's `1` is true, blank or `0` is false;
- a value the source suppressed (GLOTIP's `<5`) is null with `suppressed` true, never a number;
- bands keep the source's bounds as text in one spelling: `9-17`, `18-20`, `2005-2013`,
  `60+`; `year` is filled only where the source gives one year.
"""

from enum import StrEnum

import pyarrow as pa


class Kind(StrEnum):
    """What one record of a dataset is."""

    VICTIMS = "victims"  # one identified victim (CTDC, HTCDS, a national case database)
    VICTIM_PERPETRATOR = "victim_perpetrator"  # one victim-perpetrator pair (CTDC condensed)
    AGGREGATES = "aggregates"  # one published count (GLOTIP long export)
    INDEX_SCORES = "index_scores"  # one country's score on one indicator in one edition (OC Index)
    INCIDENTS = "incidents"  # one incident of dead or missing migrants (IOM MMP)


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    TRANSGENDER = "transgender"
    NONCONFORMING = "nonconforming"
    UNKNOWN = "unknown"


# Forms of exploitation, means of control, labour sectors, types of sexual exploitation and the
# recruiter's relation: each value is one boolean column `<prefix>_<value>`.
EXPLOITATION = ("forced_labour", "sexual", "other")
MEANS = (
    "debt_bondage",
    "threats",
    "abuse",
    "false_promises",
    "drugs_alcohol",
    "deny_basic_needs",
    "excessive_hours",
    "withhold_documents",
)
SECTORS = (
    "agriculture",
    "construction",
    "domestic_work",
    "hospitality",
    "manufacturing",
    "fishing",
    "mining",
    "begging",
    "other",
)
SEXUAL = ("prostitution", "pornography", "other")
RECRUITER = ("intimate_partner", "friend", "family", "other")

FLAG_GROUPS: dict[str, tuple[str, ...]] = {
    "exploitation": EXPLOITATION,
    "means": MEANS,
    "sector": SECTORS,
    "sexual": SEXUAL,
    "recruiter": RECRUITER,
}


def flag_columns(group: str) -> list[str]:
    """The boolean columns of one flag group, e.g. `exploitation_forced_labour`."""
    return [f"{group}_{value}" for value in FLAG_GROUPS[group]]


VICTIMS = pa.schema(
    [
        pa.field("record_id", pa.string(), nullable=False),  # the source's id, or the row number
        pa.field("year", pa.int16()),  # year of registration or identification
        pa.field("year_band", pa.string()),  # when only a band is known: `2005-2013`
        pa.field("date_identified", pa.date32()),  # where the source has a date (HTCDS)
        pa.field("date_referred", pa.date32()),  # referred to assistance (HTCDS), if ever
        pa.field("sex", pa.string()),  # a Sex value
        pa.field("age_band", pa.string()),  # `0-8`, `9-17`, `18-20`, ..., `48+`
        pa.field("is_minor", pa.bool_()),  # under 18 when identified, if known
        pa.field("citizenship", pa.string()),  # ISO alpha-3
        pa.field("country_of_exploitation", pa.string()),  # ISO alpha-3
        pa.field("months_trafficked", pa.int16()),
        *[
            pa.field(column, pa.bool_(), nullable=False)
            for group in FLAG_GROUPS
            for column in flag_columns(group)
        ],
    ]
)

VICTIM_PERPETRATOR = pa.schema(
    [
        pa.field("record_id", pa.string(), nullable=False),
        pa.field("year", pa.int16()),
        pa.field("year_band", pa.string()),
        # Multi-valued in the source (`Female;Male`): the values, each a Sex value.
        pa.field("victim_sex", pa.list_(pa.string())),
        pa.field("victim_is_minor", pa.bool_()),  # majorityStatus: Minor -> true
        pa.field("exploitation_forced_labour", pa.bool_(), nullable=False),
        pa.field("exploitation_sexual", pa.bool_(), nullable=False),
        pa.field("victim_region", pa.string()),  # UN region of citizenship, as the source names it
        pa.field("exploitation_region", pa.string()),  # UN region of exploitation
        pa.field("perpetrator_is_exploiter", pa.bool_(), nullable=False),
        pa.field("perpetrator_sex", pa.list_(pa.string())),
        pa.field("perpetrator_age_band", pa.string()),
        pa.field("perpetrator_region", pa.string()),
        pa.field("perpetrator_relation", pa.list_(pa.string())),
        pa.field("perpetrator_paid_money", pa.bool_(), nullable=False),
        pa.field("perpetrator_recruiter_broker", pa.bool_(), nullable=False),
        pa.field("perpetrator_transaction", pa.bool_(), nullable=False),
        pa.field("perpetrator_control_abuse_kidnap", pa.bool_(), nullable=False),
    ]
)

AGGREGATES = pa.schema(
    [
        pa.field("country", pa.string()),  # ISO alpha-3; null for a regional figure
        pa.field("region", pa.string()),
        pa.field("subregion", pa.string()),
        pa.field("indicator", pa.string(), nullable=False),  # `detected victims`, `convicted` ...
        pa.field("dimension", pa.string(), nullable=False),  # `Total`, `by form of exploitation`
        pa.field("category", pa.string(), nullable=False),  # the dimension's value
        pa.field("sex", pa.string(), nullable=False),  # Total/Female/Male/Other/Unknown
        pa.field("age", pa.string(), nullable=False),  # Total/18 years or over/0 to 17 years/...
        pa.field("year", pa.int16(), nullable=False),
        pa.field("unit", pa.string()),
        pa.field("value", pa.int64()),  # null when suppressed or not given
        pa.field("suppressed", pa.bool_(), nullable=False),  # `<5` in the source
        pa.field("source", pa.string()),
    ]
)

INDEX_SCORES = pa.schema(
    [
        pa.field(
            "country", pa.string(), nullable=False
        ),  # ISO alpha-3, whatever the edition's name
        pa.field("country_name", pa.string(), nullable=False),  # as the edition spells it
        pa.field("edition", pa.int16(), nullable=False),  # 2021, 2023, 2025
        pa.field("pillar", pa.string(), nullable=False),  # criminality | resilience
        pa.field("indicator", pa.string(), nullable=False),  # snake_case: human_trafficking ...
        pa.field("score", pa.float32()),  # 1-10 in half points
    ]
)

INCIDENTS = pa.schema(
    [
        pa.field("record_id", pa.string(), nullable=False),
        pa.field("date", pa.date32()),
        pa.field("year", pa.int16()),
        pa.field("region", pa.string()),
        pa.field("dead", pa.int32()),
        pa.field("missing", pa.int32()),
        pa.field("dead_and_missing", pa.int32()),
        pa.field("survivors", pa.int32()),
        pa.field("females", pa.int32()),
        pa.field("males", pa.int32()),
        pa.field("children", pa.int32()),
        pa.field("cause", pa.string()),
        pa.field("location", pa.string()),
        pa.field("latitude", pa.float64()),
        pa.field("longitude", pa.float64()),
        pa.field("route", pa.string()),
    ]
)

SCHEMAS: dict[Kind, pa.Schema] = {
    Kind.VICTIMS: VICTIMS,
    Kind.VICTIM_PERPETRATOR: VICTIM_PERPETRATOR,
    Kind.AGGREGATES: AGGREGATES,
    Kind.INDEX_SCORES: INDEX_SCORES,
    Kind.INCIDENTS: INCIDENTS,
}

# Columns that can single a victim out: never published unaggregated, the quasi-identifiers a
# k-anonymity check starts from.
QUASI_IDENTIFIERS: dict[Kind, tuple[str, ...]] = {
    Kind.VICTIMS: ("year", "sex", "age_band", "citizenship", "country_of_exploitation"),
    Kind.VICTIM_PERPETRATOR: ("year_band", "victim_is_minor", "victim_region"),
}
