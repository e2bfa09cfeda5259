"""A minimal layout for testing the app around the loaders: the VICTIMS schema as plain CSV."""

import csv
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from palermo.evidence.loaders.base import Loaded, RowError, conform
from palermo.evidence.schema import VICTIMS, Kind

HEADER = ["record_id", "year", "sex", "age_band", "citizenship", "exploitation_sexual"]


@dataclass
class PlainVictims:
    name: str = "test_plain_victims"
    label: str = "Plain victims CSV (tests)"
    kind: Kind = Kind.VICTIMS

    def sniff(self, header: list[str]) -> bool:
        return header == HEADER

    def load(self, path: Path) -> Loaded:
        rows: dict[str, list[object]] = {name: [] for name in HEADER}
        errors = []
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            for number, row in enumerate(reader, start=2):
                try:
                    year = int(row["year"]) if row["year"] else None
                except ValueError:
                    errors.append(RowError(number, "year", f"“{row['year']}” is not a year."))
                    continue
                rows["record_id"].append(row["record_id"])
                rows["year"].append(year)
                rows["sex"].append(row["sex"] or None)
                rows["age_band"].append(row["age_band"] or None)
                rows["citizenship"].append(row["citizenship"] or None)
                rows["exploitation_sexual"].append(row["exploitation_sexual"] == "1")
        table = pa.table(
            {name: pa.array(values, VICTIMS.field(name).type) for name, values in rows.items()}
        )
        return Loaded(conform(table, Kind.VICTIMS), errors, len(errors))


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


ROWS = [
    ["c1", "2021", "female", "18-20", "PAK", "1"],
    ["c2", "2022", "male", "9-17", "AFG", ""],
    ["c3", "2022", "female", "21-23", "PAK", "1"],
]


@dataclass
class ReferralDates:
    """Victims with only a referral date (`record_id,date_referred`), for indicator feeds."""

    name: str = "test_referral_dates"
    label: str = "Referral dates (tests)"
    kind: Kind = Kind.VICTIMS

    def sniff(self, header: list[str]) -> bool:
        return header == ["record_id", "date_referred"]

    def load(self, path: Path) -> Loaded:
        import datetime

        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        table = pa.table(
            {
                "record_id": pa.array([row["record_id"] for row in rows], pa.string()),
                "date_referred": pa.array(
                    [datetime.date.fromisoformat(row["date_referred"]) for row in rows],
                    pa.date32(),
                ),
            }
        )
        return Loaded(conform(table, Kind.VICTIMS))


def write_referrals(path: Path, months: dict[str, int]) -> Path:
    """`months` like {"2025-01": 12}: that many victims referred on the 15th of the month."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", "date_referred"])
        for month, count in months.items():
            for number in range(count):
                writer.writerow([f"{month}-{number}", f"{month}-15"])
    return path
