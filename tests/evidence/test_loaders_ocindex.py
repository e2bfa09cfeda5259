"""The Global Organized Crime Index editions onto INDEX_SCORES."""

import csv
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palermo.evidence.generators import ocindex as generator
from palermo.evidence.loaders import LAYOUTS, detect
from palermo.evidence.loaders.base import RowError
from palermo.evidence.loaders.ocindex import MESSAGE_EDITION, OCIndexLayout
from palermo.evidence.schema import INDEX_SCORES

LAYOUT = OCIndexLayout()


def _raw(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    return lines[0], lines[1:]


def _write(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


@pytest.mark.parametrize(("edition", "indicators"), [(2021, 30), (2023, 36), (2025, 36)])
def test_each_edition_loads_with_the_counts_computed_by_hand(
    tmp_path: Path, edition: int, indicators: int
) -> None:
    path = generator.write(
        tmp_path / "index.csv", 40, seed=edition, edition=edition, edition_column=False
    )
    header, rows = _raw(path)

    loaded = LAYOUT.load(path, edition=edition)

    assert loaded.ok, loaded.errors
    assert loaded.table.schema.equals(INDEX_SCORES)
    table = loaded.table
    filled = sum(cell != "" for row in rows for cell in row[1:])
    assert table.num_rows == 40 * indicators
    assert len(table) - table.column("score").null_count == filled
    assert set(table.column("edition").to_pylist()) == {edition}
    assert len(set(table.column("indicator").to_pylist())) == indicators
    by_pillar = Counter(table.column("pillar").to_pylist())
    assert by_pillar["resilience"] == 40 * 13
    pakistan = rows[0]
    trafficking = header.index("Human trafficking")
    scores = {r["indicator"]: r["score"] for r in table.to_pylist() if r["country"] == "PAK"}
    if pakistan[trafficking]:
        assert scores["human_trafficking"] == float(pakistan[trafficking])


def test_country_names_of_every_edition_give_one_code(tmp_path: Path) -> None:
    codes = {}
    for edition in (2021, 2023, 2025):
        path = generator.write(tmp_path / f"index_{edition}.csv", 12, seed=1, edition=edition)
        table = LAYOUT.load(path).table
        codes[edition] = dict(
            zip(
                table.column("country_name").to_pylist(),
                table.column("country").to_pylist(),
                strict=True,
            )
        )

    assert codes[2021]["Turkey"] == "TUR"
    assert codes[2023]["Türkiye"] == "TUR"
    assert set(codes[2021].values()) == set(codes[2023].values()) == set(codes[2025].values())


def test_headers_of_all_editions_map_to_one_indicator_set(tmp_path: Path) -> None:
    indicators = {}
    for edition in (2021, 2023, 2025):
        path = generator.write(tmp_path / f"index_{edition}.csv", 3, seed=2, edition=edition)
        indicators[edition] = set(LAYOUT.load(path).table.column("indicator").to_pylist())

    assert indicators[2023] == indicators[2025]
    assert indicators[2021] < indicators[2023]
    assert {"criminality", "resilience", "foreign_actors", "victim_and_witness_support"} <= (
        indicators[2021] & indicators[2025]
    )


def test_edition_from_a_column_from_the_name_or_refused(tmp_path: Path) -> None:
    with_column = generator.write(tmp_path / "a.csv", 5, seed=3)
    named = tmp_path / "ocindex_2021.csv"
    generator.write(named, 5, seed=3, edition=2021, edition_column=False)
    unnamed = generator.write(tmp_path / "scores.csv", 5, seed=3, edition_column=False)

    assert set(LAYOUT.load(with_column).table.column("edition").to_pylist()) == {2023}
    assert set(LAYOUT.load(named).table.column("edition").to_pylist()) == {2021}
    refused = LAYOUT.load(unnamed)
    assert refused.errors == [RowError(1, "", MESSAGE_EDITION)]
    assert refused.table.num_rows == 0


def test_one_bad_row_names_its_row_and_column(tmp_path: Path) -> None:
    header = ["Country", "Criminality", "Human trafficking", "Resilience", "Prevention"]
    rows: list[list[object]] = [
        ["Pakistan", 5.87, 7.5, 4.1, 4.0],
        ["Narnia", 5.0, 5.0, 5.0, 5.0],
        ["India", 5.5, 10.5, 5.0, 6.3],
        ["Nepal", 4.0, 4.5, 4.0, 4.5],
    ]
    path = _write(tmp_path / "index_2023.csv", header, rows)

    loaded = LAYOUT.load(path)

    assert not loaded.ok
    assert loaded.errors == [
        RowError(3, "Country", '"Narnia" is not a country name or ISO 3166 code we recognise.'),
        RowError(4, "Human trafficking", '"10.5" is outside the scale of 1 to 10.'),
        RowError(4, "Prevention", '"6.3" is not in half points (such as 6.5).'),
    ]


def test_registered_and_detected(tmp_path: Path) -> None:
    path = generator.write(tmp_path / "index.xlsx", 5, seed=4, edition=2021)

    assert detect(path) is LAYOUTS["ocindex"]
    assert LAYOUTS["ocindex"].load(path, edition=2021).ok  # type: ignore[call-arg]


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 100_000), edition=st.sampled_from([2021, 2023, 2025]))
def test_any_seed_loads_without_error(tmp_path: Path, seed: int, edition: int) -> None:
    path = generator.write(tmp_path / f"index-{seed}.csv", 30, seed, edition=edition)

    loaded = LAYOUT.load(path, edition=edition)

    assert loaded.ok, loaded.errors
    assert len(set(loaded.table.column("country").to_pylist())) == 30
