"""The IOM Missing Migrants Project export onto INCIDENTS, older and newer columns."""

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palermo.evidence.generators import mmp as generator
from palermo.evidence.loaders import LAYOUTS, detect
from palermo.evidence.loaders.base import RowError
from palermo.evidence.loaders.mmp import MissingMigrantsLayout
from palermo.evidence.schema import INCIDENTS

LAYOUT = MissingMigrantsLayout()
COUNTS = {
    "old": {
        "dead": "Number Dead",
        "females": "Number of Females",
        "children": "Number of Children",
    },
    "new": {
        "dead": "Number of Dead",
        "females": "Number of Females",
        "children": "Number of Children",
    },
}


def _raw(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("columns", ["old", "new"])
def test_generated_export_gives_the_sums_computed_by_hand(tmp_path: Path, columns: str) -> None:
    path = generator.write(tmp_path / "mmp.csv", 300, seed=8, columns=columns)  # type: ignore[arg-type]
    raw = _raw(path)

    loaded = LAYOUT.load(path)

    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert loaded.ok, loaded.errors
    assert loaded.table.schema.equals(INCIDENTS)
    table = loaded.table
    assert table.num_rows == len(raw)
    for column, header in COUNTS[columns].items():
        cells = [row[header] for row in raw]
        assert table.column(column).null_count == sum(cell == "" for cell in cells)
        assert sum(v or 0 for v in table.column(column).to_pylist()) == sum(
            int(cell) for cell in cells if cell
        )
    date_header = "Reported Date" if columns == "old" else "Incident Date"
    first = dt.datetime.strptime(raw[0][date_header], "%B %d, %Y").date()  # noqa: DTZ007
    assert table.column("date")[0].as_py() == first
    assert table.column("year").to_pylist() == [d.year for d in table.column("date").to_pylist()]
    coordinates = raw[0]["Location Coordinates" if columns == "old" else "Coordinates"]
    latitude, longitude = (float(part) for part in coordinates.split(","))
    assert table.column("latitude")[0].as_py() == latitude
    assert table.column("longitude")[0].as_py() == longitude


def test_one_bad_row_names_its_row_and_column(tmp_path: Path) -> None:
    path = generator.write(tmp_path / "mmp.csv", 10, seed=1, columns="new")
    raw = _raw(path)
    raw[3]["Coordinates"] = "91.2, 61.4"
    raw[6]["Incident Date"] = "Febtember 3, 2019"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(raw[0]))
        writer.writeheader()
        writer.writerows(raw)

    loaded = LAYOUT.load(path)

    assert not loaded.ok
    assert [(e.row, e.column) for e in loaded.errors] == [(5, "Coordinates"), (8, "Incident Date")]
    assert loaded.errors[0] == RowError(
        5,
        "Coordinates",
        '"91.2, 61.4" is off the globe (latitude -90 to 90, longitude -180 to 180).',
    )


def test_xlsx_and_detection(tmp_path: Path) -> None:
    path = generator.write(tmp_path / "mmp.xlsx", 20, seed=2, columns="old")

    assert detect(path) is LAYOUTS["iom_mmp"]
    assert LAYOUT.load(path).table.num_rows == 20


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 100_000), columns=st.sampled_from(["old", "new"]))
def test_any_seed_loads_without_error(tmp_path: Path, seed: int, columns: str) -> None:
    path = generator.write(tmp_path / f"mmp-{seed}.csv", 40, seed, columns=columns)  # type: ignore[arg-type]

    loaded = LAYOUT.load(path)

    assert loaded.ok, loaded.errors
    assert loaded.table.num_rows == 40
