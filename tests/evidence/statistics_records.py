"""Small hand-made record files for the statistics tests (all invented, no real person)."""

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from palermo.evidence.schema import AGGREGATES, FLAG_GROUPS, INDEX_SCORES, VICTIMS

D = dt.date

# id, year, sex, age band, citizenship, country of exploitation, flags as
# `group:value,value group:value`, date identified, date referred to assistance
VICTIM_ROWS: list[tuple[Any, ...]] = [
    ("1", 2019, "female", "9-17", "PAK", "ARE",
     "exploitation:sexual means:threats,false_promises recruiter:family",
     D(2019, 1, 10), D(2019, 2, 1)),
    ("2", 2019, "female", "18-20", "PAK", "ARE",
     "exploitation:sexual,forced_labour means:debt_bondage sector:domestic_work recruiter:friend",
     D(2019, 1, 20), D(2019, 2, 15)),
    ("3", 2019, "male", "18-20", "PAK", "SAU",
     "exploitation:forced_labour means:debt_bondage,withhold_documents sector:construction",
     D(2019, 3, 5), None),
    ("4", 2020, "male", "21-23", "AFG", "PAK",
     "exploitation:forced_labour sector:agriculture recruiter:family", None, None),
    ("5", 2020, "female", "48+", "PAK", "PAK", "exploitation:other", D(2020, 6, 1), D(2020, 6, 2)),
    ("6", 2020, None, None, None, "IRN", "", None, None),
    ("7", 2021, "male", "0-8", "PAK", "PAK",
     "exploitation:forced_labour means:abuse sector:begging recruiter:family",
     D(2021, 2, 3), D(2021, 2, 4)),
    ("8", 2021, "transgender", "9-17", "BGD", "PAK",
     "exploitation:sexual means:threats recruiter:intimate_partner",
     D(2021, 2, 10), D(2021, 2, 20)),
    ("9", None, "female", "18-20", "PAK", "ARE", "exploitation:sexual", None, None),
]  # fmt: skip


def victim_record(row: tuple[Any, ...]) -> dict[str, Any]:
    (
        record_id,
        year,
        sex,
        age_band,
        citizenship,
        exploitation_country,
        flags,
        identified,
        referred,
    ) = row
    record: dict[str, Any] = {
        "record_id": record_id,
        "year": year,
        "sex": sex,
        "age_band": age_band,
        "is_minor": None if age_band is None else age_band in ("0-8", "9-17"),
        "citizenship": citizenship,
        "country_of_exploitation": exploitation_country,
        "date_identified": identified,
        "date_referred": referred,
    }
    chosen = dict(part.split(":") for part in flags.split())
    for group, values in FLAG_GROUPS.items():
        for value in values:
            record[f"{group}_{value}"] = value in chosen.get(group, "").split(",")
    return record


def write_victims(path: Path, rows: list[tuple[Any, ...]] = VICTIM_ROWS) -> Path:
    pq.write_table(pa.Table.from_pylist([victim_record(r) for r in rows], schema=VICTIMS), path)
    return path


def random_victim_rows(count: int, seed: int) -> list[tuple[Any, ...]]:
    """Seeded random victims with nulls everywhere a source leaves them."""
    rng = random.Random(seed)  # noqa: S311 - test data

    def maybe(values: list[Any]) -> Any:
        return rng.choice([*values, None])

    rows = []
    for number in range(count):
        flags = " ".join(
            f"{group}:{','.join(chosen)}"
            for group, values in FLAG_GROUPS.items()
            if (chosen := [value for value in values if rng.random() < 0.3])
        )
        day = D(2018, 1, 1) + dt.timedelta(days=rng.randrange(1500))
        referred = day + dt.timedelta(days=rng.randrange(60)) if rng.random() < 0.6 else None
        rows.append(
            (
                str(number),
                maybe([2018, 2019, 2020, 2021]),
                maybe(["female", "male", "transgender", "unknown"]),
                maybe(["0-8", "9-17", "18-20", "21-23", "48+"]),
                maybe(["PAK", "AFG", "BGD", "IND"]),
                maybe(["PAK", "ARE", "SAU", "IRN"]),
                flags,
                day if rng.random() < 0.8 else None,
                referred,
            )
        )
    return rows


# country, indicator, dimension, category, sex, age, year, value, suppressed
AGGREGATE_ROWS: list[tuple[Any, ...]] = [
    ("PAK", "detected victims", "Total", "Total", "Total", "Total", 2020, 100, False),
    ("PAK", "detected victims", "Total", "Total", "Female", "Total", 2020, 60, False),
    ("PAK", "detected victims", "Total", "Total", "Male", "Total", 2020, 40, False),
    ("AFG", "detected victims", "Total", "Total", "Total", "Total", 2020, 12, False),
    ("AFG", "detected victims", "Total", "Total", "Female", "Total", 2020, None, True),
    ("AFG", "detected victims", "Total", "Total", "Male", "Total", 2020, 9, False),
    ("PAK", "detected victims", "Total", "Total", "Total", "Total", 2021, 80, False),
    ("PAK", "detected victims", "Total", "Total", "Female", "Total", 2021, None, False),
    ("PAK", "detected victims", "Total", "Total", "Male", "Total", 2021, 30, False),
    ("AFG", "detected victims", "Total", "Total", "Total", "Total", 2021, 7, False),
    ("PAK", "detected victims", "by form", "Sexual", "Total", "Total", 2020, 70, False),
    ("PAK", "convicted", "Total", "Total", "Total", "Total", 2020, None, True),
]  # fmt: skip


def write_aggregates(path: Path) -> Path:
    records = [
        {
            "country": country,
            "region": "Asia",
            "subregion": "South Asia",
            "indicator": indicator,
            "dimension": breakdown,
            "category": category,
            "sex": sex,
            "age": age,
            "year": year,
            "unit": "Counts",
            "value": value,
            "suppressed": suppressed,
            "source": "Invented",
        }
        for (country, indicator, breakdown, category, sex, age, year, value, suppressed) in (
            AGGREGATE_ROWS
        )
    ]
    pq.write_table(pa.Table.from_pylist(records, schema=AGGREGATES), path)
    return path


# country, name in the edition, edition, indicator, score
INDEX_ROWS: list[tuple[Any, ...]] = [
    ("PAK", "Pakistan", 2021, "human_trafficking", 6.5),
    ("PAK", "Pakistan", 2023, "human_trafficking", 7.0),
    ("PAK", "Pakistan", 2021, "arms_trafficking", 7.5),
    ("PAK", "Pakistan", 2023, "arms_trafficking", 8.0),
    ("AFG", "Afghanistan", 2021, "human_trafficking", 8.0),
    ("AFG", "Afghanistan", 2023, "human_trafficking", 8.5),
    ("IND", "India", 2021, "human_trafficking", 6.0),
    ("IND", "India", 2023, "human_trafficking", 6.5),
    ("IRN", "Iran", 2021, "human_trafficking", 7.5),
    ("IRN", "Iran (Islamic Republic of)", 2023, "human_trafficking", 7.5),
]


def write_index(path: Path) -> Path:
    records = [
        {
            "country": country,
            "country_name": name,
            "edition": edition,
            "pillar": "criminality",
            "indicator": indicator,
            "score": score,
        }
        for country, name, edition, indicator, score in INDEX_ROWS
    ]
    pq.write_table(pa.Table.from_pylist(records, schema=INDEX_SCORES), path)
    return path
