"""The GLOTIP loader: sums match a hand count, `<5` stays suppressed, repeats are handled."""

import csv
from collections import Counter
from pathlib import Path

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palermo.evidence.generators import glotip as generate
from palermo.evidence.loaders import detect, glotip
from palermo.evidence.schema import AGGREGATES

HEADER = ",".join(generate.HEADER)


def raw_rows(path: Path) -> list[dict[str, str]]:
    """The distinct rows of the file as the csv module reads them, cells stripped by hand."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [tuple(cell.strip() for cell in row) for row in csv.reader(handle)]
    header, seen = rows[0], dict.fromkeys(rows[1:])
    return [dict(zip(header, row, strict=True)) for row in seen]


def hand_sums(rows: list[dict[str, str]], dimension: str, by: str) -> Counter[str]:
    sums: Counter[str] = Counter()
    for row in rows:
        if row["Dimension"] == dimension and row["txtVALUE"] != "<5":
            sums[row[by]] += int(row["txtVALUE"].replace(",", ""))
    return sums


def loaded_sums(table: pa.Table, dimension: str, by: str) -> Counter[str]:
    sums: Counter[str] = Counter()
    for row in table.to_pylist():
        if row["dimension"] == dimension and row["value"] is not None:
            sums[row[by]] += row["value"]
    return sums


def write_rows(path: Path, *rows: str) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def row(value: str, *, sex: str = "Female", source: str = "Police", year: str = "2020") -> str:
    return (
        f"PAK,Pakistan,Asia,Southern Asia,Detected trafficking victims,Total,Total,{sex},"
        f'Total,{year},Counts,"{value}",{source}'
    )


def test_generated_file_gives_the_hand_sums_by_sex_age_and_form(tmp_path: Path) -> None:
    path = generate.write(tmp_path / "glotip.csv", 3000, seed=1)
    rows = raw_rows(path)

    loaded = glotip.GLOTIP.load(path)

    assert loaded.ok, loaded.errors
    assert loaded.table.schema == AGGREGATES
    assert loaded.table.num_rows == len(rows) == 3000
    assert loaded_sums(loaded.table, "Total", "sex") == hand_sums(rows, "Total", "Sex")
    assert loaded_sums(loaded.table, "Total", "age") == hand_sums(rows, "Total", "Age")
    form = "by form of exploitation"
    assert loaded_sums(loaded.table, form, "category") == hand_sums(rows, form, "Category")


def test_small_counts_stay_suppressed_and_are_never_numbers(tmp_path: Path) -> None:
    path = generate.write(tmp_path / "glotip.csv", 2000, seed=2)
    rows = raw_rows(path)

    table = glotip.GLOTIP.load(path).table

    suppressed = [r for r in table.to_pylist() if r["suppressed"]]
    assert len(suppressed) == sum(r["txtVALUE"] == "<5" for r in rows) > 0
    assert all(r["value"] is None for r in suppressed)


def test_thousands_commas_and_text_years_are_read(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "g.csv", row("1,757"), row("12,345,678", sex="Male"))

    rows = glotip.GLOTIP.load(path).table.to_pylist()

    assert [(r["value"], r["suppressed"], r["year"]) for r in rows] == [
        (1757, False, 2020),
        (12_345_678, False, 2020),
    ]


def test_exact_duplicates_are_dropped_with_a_note(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "g.csv", row("<5"), row("9", sex="Male"), row("<5 "), row("<5"))

    loaded = glotip.GLOTIP.load(path)

    assert loaded.ok
    assert loaded.table.num_rows == 2
    assert "2 exact duplicate rows dropped (row 4, 5)." in loaded.notes


def test_a_repeated_key_with_the_same_count_is_dropped_with_a_note(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "g.csv", row("40"), row("40", source="Courts"))

    loaded = glotip.GLOTIP.load(path)

    assert loaded.ok
    assert loaded.table.column("source").to_pylist() == ["Police"]
    assert any("repeat another row's key with the same count" in note for note in loaded.notes)


def test_a_repeated_key_with_another_count_is_an_error_naming_both_rows(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    conflict = generate.write_with_conflict(path, 500, seed=3)

    loaded = glotip.GLOTIP.load(path)

    assert not loaded.ok
    (error,) = loaded.errors
    assert (error.row, error.column) == (conflict.second, "txtVALUE")
    assert error.message.startswith(f"Rows {conflict.first} and {conflict.second} give the same")


def test_a_bad_row_is_an_error_naming_its_row_and_column(tmp_path: Path) -> None:
    for name in ("g.csv", "g.xlsx"):
        path = tmp_path / name
        bad = generate.write_with_bad_row(path, 400, seed=4)

        loaded = glotip.GLOTIP.load(path)

        assert loaded.error_count == 1
        (error,) = loaded.errors
        assert (error.row, error.column) == (bad.row, "txtVALUE")
        assert error.message == '"about 40" is not a count (a whole number, 1,757 or <5).'


def test_unknown_sex_and_empty_indicator_are_errors(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "g.csv", row("3", sex="Femal"), row("4").replace("Detected", ""))
    broken = path.read_text().replace(" trafficking victims,Total", ",Total")
    path.write_text(broken)

    loaded = glotip.GLOTIP.load(path)

    assert [(e.row, e.column) for e in loaded.errors] == [(2, "Sex"), (3, "Indicator")]
    assert loaded.errors[1].message == "The Indicator is empty."


def test_xlsx_export_with_a_title_row_loads_like_the_csv(tmp_path: Path) -> None:
    csv_path = generate.write(tmp_path / "g.csv", 600, seed=5)
    xlsx_path = generate.write(tmp_path / "g.xlsx", 600, seed=5)

    assert detect(xlsx_path) is glotip.GLOTIP
    from_csv = glotip.GLOTIP.load(csv_path)
    from_xlsx = glotip.GLOTIP.load(xlsx_path)

    assert from_xlsx.ok, from_xlsx.errors
    assert from_xlsx.table.equals(from_csv.table)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(0, 10_000), rows=st.integers(1, 800), dirt=st.booleans())
def test_any_seed_gives_a_loadable_file_with_the_hand_sums(
    tmp_path: Path, seed: int, rows: int, dirt: bool
) -> None:
    path = generate.write(tmp_path / f"g-{seed}.csv", rows, seed, dirt)
    raw = raw_rows(path)

    loaded = glotip.GLOTIP.load(path)

    assert loaded.ok, loaded.errors
    assert loaded.table.num_rows == len(raw) == rows
    assert loaded_sums(loaded.table, "Total", "sex") == hand_sums(raw, "Total", "Sex")
    assert sum(loaded.table.column("suppressed").to_pylist()) == sum(
        r["txtVALUE"] == "<5" for r in raw
    )
