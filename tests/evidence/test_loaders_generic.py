"""A hand-kept CSV/XLSX onto VICTIMS through a user's column mapping."""

import csv
import random
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palermo.evidence.loaders.base import RowError
from palermo.evidence.loaders.generic import MappedLayout, MappingError
from palermo.evidence.schema import VICTIMS

HEADER = ["Case No", "Sex", "Age", "Nationality", "Date registered", "Exploitation", "Kiln"]
MAPPING = {
    "Case No": "record_id",
    "Sex": "sex",
    "Age": "age",
    "Nationality": "citizenship",
    "Date registered": "date_identified",
    "Exploitation": "exploitation",
    "Kiln": "sector_manufacturing",
}
VALUES = {
    "Sex": {"F": "female", "M": "male", "TG": "transgender"},
    "Exploitation": {"Forced labour": "forced_labour", "Sexual": "sexual", "Begging": "other"},
    "Kiln": {"Y": "1"},
}
BANDS = [(8, "0-8"), (17, "9-17"), (20, "18-20"), (23, "21-23"), (26, "24-26"), (29, "27-29")]
BANDS += [(38, "30-38"), (47, "39-47"), (200, "48+")]


def _ministry_rows(seed: int, rows: int) -> list[list[str]]:
    """A register as a ministry keeps it: codes, blanks, stray spaces, two country spellings."""
    rng = random.Random(seed)  # noqa: S311 - invented data
    lines = []
    for number in range(1, rows + 1):
        forms = rng.choice(["Forced labour", "Sexual", "Forced labour; Sexual", "Begging", ""])
        lines.append(
            [
                f"PK-{number:05d}",
                rng.choice(["F", "M", "M ", "TG", "f", ""]),
                rng.choice(["", str(rng.randint(6, 60))]),
                rng.choice(["Pakistan", "PAK", "PK", "Afghanistan", ""]),
                f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2019, 2025)}",
                forms,
                "Y" if "Forced labour" in forms and rng.random() < 0.5 else "",
            ]
        )
    return lines


def _write(path: Path, lines: list[list[str]]) -> Path:
    if path.suffix == ".xlsx":
        workbook = openpyxl.Workbook()
        for line in [HEADER, *lines]:
            workbook.active.append(line)  # type: ignore[union-attr]
        workbook.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows([HEADER, *lines])
    return path


def _hand_counts(lines: list[list[str]]) -> dict[str, Counter]:
    sexes = {"f": "female", "m": "male", "tg": "transgender", "": None}
    forms: Counter[str] = Counter()
    bands: Counter[str | None] = Counter()
    for line in lines:
        age = line[2]
        bands[next(band for top, band in BANDS if int(age) <= top) if age else None] += 1
        forms["forced_labour"] += "Forced labour" in line[5]
        forms["sexual"] += "Sexual" in line[5]
        forms["other"] += "Begging" in line[5]
    return {
        "sex": Counter(sexes[line[1].strip().lower()] for line in lines),
        "age_band": bands,
        "forms": forms,
    }


def _counts(table) -> dict[str, Counter]:  # type: ignore[no-untyped-def]
    return {
        "sex": Counter(table.column("sex").to_pylist()),
        "age_band": Counter(table.column("age_band").to_pylist()),
        "forms": Counter(
            {
                form: sum(table.column(f"exploitation_{form}").to_pylist())
                for form in ("forced_labour", "sexual", "other")
            }
        ),
    }


@pytest.mark.parametrize("name", ["register.csv", "register.xlsx"])
def test_a_register_loads_with_the_counts_computed_by_hand(tmp_path: Path, name: str) -> None:
    lines = _ministry_rows(seed=9, rows=150)
    path = _write(tmp_path / name, lines)
    layout = MappedLayout(MAPPING, VALUES)

    loaded = layout.load(path)

    assert loaded.ok, loaded.errors
    assert loaded.table.schema.equals(VICTIMS)
    assert _counts(loaded.table) == _hand_counts(lines)
    table = loaded.table
    assert table.column("record_id").to_pylist() == [line[0] for line in lines]
    kilns = sum(line[6] == "Y" for line in lines)
    assert sum(table.column("sector_manufacturing").to_pylist()) == kilns
    assert set(table.column("citizenship").to_pylist()) == {"PAK", "AFG", None}
    minors = [int(line[2]) < 18 if line[2] else None for line in lines]
    assert table.column("is_minor").to_pylist() == minors
    assert table.column("year").to_pylist() == [int(line[4][-4:]) for line in lines]


def test_one_bad_row_names_its_row_and_column(tmp_path: Path) -> None:
    lines = _ministry_rows(seed=1, rows=12)
    lines[4][1] = "X"
    path = _write(tmp_path / "register.csv", lines)

    loaded = MappedLayout(MAPPING, VALUES).load(path)

    assert not loaded.ok
    assert loaded.error_count == 1
    error = loaded.errors[0]
    assert (error.row, error.column) == (6, "Sex")
    assert error.message.startswith('"X" is not a sex')


def test_a_missing_column_is_refused_before_any_row(tmp_path: Path) -> None:
    path = _write(tmp_path / "register.csv", _ministry_rows(seed=1, rows=3))

    loaded = MappedLayout({"Gender": "sex"}).load(path)

    assert loaded.errors == [RowError(1, "Gender", 'The file has no column "Gender" in row 1.')]
    assert loaded.table.num_rows == 0


def test_a_title_above_the_header_is_skipped(tmp_path: Path) -> None:
    lines = _ministry_rows(seed=2, rows=10)
    lines[3][1] = "X"
    path = tmp_path / "register.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["Register of victims, 2024"], [], HEADER, *lines])

    loaded = MappedLayout.from_dict({"columns": MAPPING, "values": VALUES, "header_row": 3}).load(
        path
    )

    assert [(e.row, e.column) for e in loaded.errors] == [(7, "Sex")]


def test_a_mapping_onto_no_column_is_refused() -> None:
    with pytest.raises(MappingError, match="nationality"):
        MappedLayout({"Nationality": "nationality"})
    with pytest.raises(MappingError, match="sex"):
        MappedLayout({"Sex": "sex", "Gender": "sex"})


def test_sniff_needs_every_mapped_column() -> None:
    layout = MappedLayout(MAPPING, VALUES)

    assert layout.sniff([*HEADER, "Notes"])
    assert not layout.sniff(HEADER[:-1])


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 100_000), rows=st.integers(0, 40))
def test_any_register_loads_with_hand_counts(tmp_path: Path, seed: int, rows: int) -> None:
    lines = _ministry_rows(seed, rows)
    path = _write(tmp_path / f"register-{seed}.csv", lines)

    loaded = MappedLayout.from_dict({"columns": MAPPING, "values": VALUES}).load(path)

    assert loaded.ok, loaded.errors
    assert _counts(loaded.table) == _hand_counts(lines)
