"""Privacy before publication: suppression, k-anonymity and DP counts (evidence.privacy)."""

import itertools
import math

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pycanon import anonymity

from palermo.evidence.privacy import (
    TOTAL,
    Budget,
    BudgetExceededError,
    Reason,
    Suppressed,
    SuppressedTable,
    age_bands,
    categorical,
    countries,
    dp_count_table,
    k_anonymise,
    k_anonymity,
    suppress_counts,
    suppress_table,
    years,
)
from palermo.evidence.privacy.dp import BUDGET_EXCEEDED
from palermo.evidence.privacy.hierarchies import ALL, m49_regions

# --- the attacker ---------------------------------------------------------------------------


def lines(table: SuppressedTable) -> list[tuple[list[tuple[str, ...]], tuple[str, ...]]]:
    """Every row, column, ... of the published table: its inner cells and its total."""
    found = []
    for axis, categories in enumerate(table.categories):
        others = [(*cats, TOTAL) for i, cats in enumerate(table.categories) if i != axis]
        for fixed in itertools.product(*others):
            cells = [(*fixed[:axis], category, *fixed[axis:]) for category in categories]
            found.append((cells, (*fixed[:axis], TOTAL, *fixed[axis:])))
    return found


def recovered_by_subtraction(table: SuppressedTable) -> dict[tuple[str, ...], int]:
    """What an attacker works out from the published cells: in any line with exactly one
    unknown cell (its total included), that cell; repeated while anything new is learnt."""
    known = {key: value for key, value in table.cells.items() if isinstance(value, int)}
    recovered: dict[tuple[str, ...], int] = {}
    progress = True
    while progress:
        progress = False
        for cells, total in lines(table):
            unknown = [key for key in [*cells, total] if key not in known]
            if len(unknown) != 1:
                continue
            (key,) = unknown
            inner = sum(known[cell] for cell in cells if cell in known)
            value = inner if key == total else known[total] - inner
            known[key] = recovered[key] = value
            progress = True
    return recovered


def check_protected(table: SuppressedTable) -> None:
    for key, value in table.cells.items():
        if isinstance(value, int):
            assert value == table.true_counts[key]
            assert not 0 < value < table.threshold, key
        elif value.reason is Reason.PRIMARY:
            assert 0 < table.true_counts[key] < table.threshold
    assert recovered_by_subtraction(table) == {}
    for cells, total in lines(table):
        hidden = [key for key in cells if isinstance(table.cells[key], Suppressed)]
        if hidden and isinstance(table.cells[total], int):
            assert len(hidden) >= 2
            assert sum(table.true_counts[key] for key in hidden) >= table.threshold


# --- suppression: hand-worked ---------------------------------------------------------------


def test_two_by_two_with_one_small_cell_hides_a_rectangle():
    counts = {("F", "0-17"): 3, ("F", "18+"): 40, ("M", "0-17"): 25, ("M", "18+"): 60}

    table = suppress_counts(counts, dimensions=["sex", "age"], threshold=11)

    shown = {key: str(value) for key, value in table.cells.items()}
    assert shown == {
        ("F", "0-17"): "<11",
        ("F", "18+"): "x",
        ("F", TOTAL): "43",
        ("M", "0-17"): "x",
        ("M", "18+"): "x",
        ("M", TOTAL): "85",
        (TOTAL, "0-17"): "28",
        (TOTAL, "18+"): "100",
        (TOTAL, TOTAL): "128",
    }
    assert table.summary() == {
        "threshold": 11,
        "cells": 9,
        "suppressed": 4,
        "primary": 1,
        "secondary": 3,
    }


def test_one_dimension_hides_the_smallest_cell_that_lifts_the_hidden_sum_to_k():
    counts = {("a",): 3, ("b",): 0, ("c",): 50, ("d",): 60}

    table = suppress_counts(counts, dimensions=["form"], threshold=11)

    assert [str(table.cells[(key,)]) for key in ("a", "b", "c", "d", TOTAL)] == [
        "<11",
        "0",
        "x",
        "60",
        "113",
    ]


def test_zeros_are_published_and_a_small_total_is_suppressed():
    counts = {("a",): 4, ("b",): 0, ("c",): 3}

    table = suppress_counts(counts, dimensions=["form"], threshold=11)

    assert table.cells[("b",)] == 0
    assert table.cells[(TOTAL,)] == Suppressed(Reason.PRIMARY, 11)
    assert str(table.cells[(TOTAL,)]) == "<11"
    check_protected(table)


def test_without_margins_only_small_cells_are_suppressed():
    counts = {("F", "0-17"): 3, ("F", "18+"): 40}

    table = suppress_counts(counts, dimensions=["sex", "age"], threshold=11, margins=False)

    assert table.cells == {("F", "0-17"): Suppressed(Reason.PRIMARY, 11), ("F", "18+"): 40}


def test_suppress_table_adds_duplicates_labels_nulls_and_fills_missing_combinations():
    records = pa.table(
        {
            "sex": ["female", "female", None, "male"],
            "year": [2020, 2020, 2021, 2021],
            "count": [10, 5, 30, 40],
        }
    )

    table = suppress_table(records, dimensions=["sex", "year"], threshold=5)

    assert table.true_counts[("female", "2020")] == 15
    assert table.true_counts[("unknown", "2021")] == 30
    assert table.true_counts[("male", "2020")] == 0
    published = table.to_arrow()
    assert published.column_names == ["sex", "year", "value", "suppressed", "shown"]
    assert published.num_rows == 4 * 3


def test_to_arrow_keeps_suppressed_values_null():
    table = suppress_counts({("a",): 3, ("b",): 30}, dimensions=["form"], threshold=11)

    rows = table.to_arrow().to_pylist()

    assert rows == [
        {"form": "a", "value": None, "suppressed": True, "shown": "<11"},
        {"form": "b", "value": None, "suppressed": True, "shown": "x"},
        {"form": TOTAL, "value": 33, "suppressed": False, "shown": "33"},
    ]


# --- suppression: random tables -------------------------------------------------------------

small_counts = st.one_of(st.integers(0, 3), st.integers(0, 15), st.integers(0, 200))


@st.composite
def count_tables(draw: st.DrawFn, dims: int) -> dict[tuple[str, ...], int]:
    sizes = [draw(st.integers(1, 5 if dims < 3 else 3)) for _ in range(dims)]
    keys = itertools.product(*([f"c{i}" for i in range(size)] for size in sizes))
    return {key: draw(small_counts) for key in keys}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=st.one_of(count_tables(1), count_tables(2)), threshold=st.sampled_from([5, 11]))
def test_random_tables_publish_nothing_small_and_nothing_recoverable(counts, threshold):
    dims = [f"d{i}" for i in range(len(next(iter(counts))))]

    table = suppress_counts(counts, dimensions=dims, threshold=threshold)

    check_protected(table)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=count_tables(3), threshold=st.sampled_from([5, 11]))
def test_random_three_way_tables_are_protected_too(counts, threshold):
    table = suppress_counts(counts, dimensions=["a", "b", "c"], threshold=threshold)

    check_protected(table)


def test_the_attacker_does_recover_a_lone_suppressed_cell():
    """The check is not vacuous: primary suppression alone gives a cell away."""
    table = suppress_counts({("a",): 3, ("b",): 30}, dimensions=["form"], threshold=11)
    cells = dict(table.cells)
    cells[("b",)] = 30
    exposed = SuppressedTable(
        table.dimensions, table.categories, 11, True, cells, table.true_counts
    )

    assert recovered_by_subtraction(exposed) == {("a",): 3}


# --- hierarchies ----------------------------------------------------------------------------


def test_age_bands_merge_upward():
    ages = age_bands()

    assert [ages.generalise(band, 1) for band in ("0-8", "9-17", "18-20", "27-29", "48+")] == [
        "0-17",
        "0-17",
        "18-29",
        "18-29",
        "48+",
    ]
    assert ages.generalise("30-38", 2) == "18+"
    assert ages.generalise("30-38", 3) == ALL
    assert ages.generalise(None, 2) is None


def test_countries_go_to_m49_subregion_then_region():
    hierarchy = countries()

    assert [hierarchy.generalise("PAK", level) for level in range(4)] == [
        "PAK",
        "Southern Asia",
        "Asia",
        ALL,
    ]
    assert hierarchy.generalise("KEN", 1) == "Sub-Saharan Africa"
    assert hierarchy.generalise("XXX", 2) == "XXX"
    assert len(m49_regions()) >= 240


def test_years_go_to_nested_periods():
    hierarchy = years(widths=(5, 10), origin=2000)

    assert [hierarchy.generalise("2017", level) for level in range(4)] == [
        "2017",
        "2015-2019",
        "2010-2019",
        ALL,
    ]
    with pytest.raises(ValueError, match="divide"):
        years(widths=(3, 5))


# --- k-anonymity ----------------------------------------------------------------------------

AGES = ["0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+"]
COUNTRIES = ["PAK", "AFG", "IND", "BGD", "NPL", "ARE", "SAU", "GBR", "ITA", "KEN", "NGA"]


def victims(rows: int, seed: int) -> pa.Table:
    rng = np.random.default_rng(seed)
    return pa.table(
        {
            "record_id": [str(i) for i in range(rows)],
            "year": pa.array(rng.integers(2010, 2024, rows), pa.int16()),
            "sex": rng.choice(["female", "male"], rows, p=[0.7, 0.3]),
            "age_band": rng.choice(AGES, rows),
            "citizenship": rng.choice(COUNTRIES, rows, p=np.linspace(11, 1, 11) / 66),
            "country_of_exploitation": rng.choice(COUNTRIES, rows),
        }
    )


QIS = ["year", "sex", "age_band", "citizenship", "country_of_exploitation"]
HIERARCHIES = {
    "year": years(widths=(2, 4, 8), origin=2010),
    "sex": categorical("sex"),
    "age_band": age_bands(),
    "citizenship": countries(),
    "country_of_exploitation": countries(),
}


def pycanon_k(table: pa.Table, qis: list[str]) -> int:
    return int(anonymity.k_anonymity(pd.DataFrame(table.select(qis).to_pydict()), qis))


def test_k_anonymity_agrees_with_pycanon():
    table = victims(2000, seed=1)

    for qis in (["sex"], ["sex", "age_band"], QIS[:3], QIS):
        assert k_anonymity(table, qis) == pycanon_k(table, qis)


def test_k_anonymise_reaches_k_by_pycanon_and_reports_what_it_did():
    table = victims(3000, seed=2)

    result = k_anonymise(
        table, k=5, quasi_identifiers=QIS, hierarchies=HIERARCHIES, max_suppression=0.05
    )

    assert pycanon_k(result.table, QIS) == result.k_reached >= 5
    assert result.table.num_rows + len(result.suppressed) == 3000
    assert len(result.suppressed) <= 0.05 * 3000
    suppressed_ids = set(table.take(result.suppressed).column("record_id").to_pylist())
    assert suppressed_ids.isdisjoint(result.table.column("record_id").to_pylist())
    assert set(result.levels) == set(QIS)
    assert result.level_names["sex"] in ("sex", ALL)
    assert result.report()["suppressed"] == len(result.suppressed)


def test_k_anonymise_keeps_a_table_that_is_already_k_anonymous():
    table = pa.table({"sex": ["female"] * 6 + ["male"] * 5, "age_band": ["18-20"] * 11})

    result = k_anonymise(
        table, k=5, quasi_identifiers=["sex", "age_band"], hierarchies={"age_band": age_bands()}
    )

    assert result.levels == {"sex": 0, "age_band": 0}
    assert len(result.suppressed) == 0
    assert result.information_loss == 0
    assert result.k_reached == 5


def test_k_anonymise_merges_age_bands_before_suppressing_more_than_allowed():
    table = pa.table({"age_band": ["0-8"] * 3 + ["9-17"] * 3 + ["18-20"] * 6})

    result = k_anonymise(
        table,
        k=5,
        quasi_identifiers=["age_band"],
        hierarchies={"age_band": age_bands()},
        max_suppression=0.0,
    )

    assert result.level_names == {"age_band": "bands 0/18/30/48"}
    assert sorted(result.table.column("age_band").to_pylist()) == ["0-17"] * 6 + ["18-29"] * 6


def test_k_anonymise_suppresses_a_lone_record_when_allowed():
    table = pa.table({"age_band": ["0-8"] + ["18-20"] * 20})

    result = k_anonymise(
        table,
        k=5,
        quasi_identifiers=["age_band"],
        hierarchies={"age_band": age_bands()},
        max_suppression=0.05,
    )

    assert result.levels == {"age_band": 0}
    assert result.suppressed.to_pylist() == [0]
    assert result.k_reached == 20


def test_k_anonymise_finds_the_least_lossy_generalisation():
    """Against brute force over every combination of levels."""
    table = victims(600, seed=3)
    qis = ["year", "age_band", "citizenship"]
    k, rate = 4, 0.03

    result = k_anonymise(
        table, k=k, quasi_identifiers=qis, hierarchies=HIERARCHIES, max_suppression=rate
    )

    best = math.inf
    heights = [HIERARCHIES[name].height for name in qis]
    for node in itertools.product(*(range(h + 1) for h in heights)):
        generalised = {
            name: [
                HIERARCHIES[name].generalise(str(v), level) for v in table.column(name).to_pylist()
            ]
            for name, level in zip(qis, node, strict=True)
        }
        sizes = pd.DataFrame(generalised).value_counts()
        suppressed = int(sizes[sizes < k].sum())
        if suppressed > rate * table.num_rows:
            continue
        share = suppressed / table.num_rows
        g = sum(level / h for level, h in zip(node, heights, strict=True)) / len(node)
        best = min(best, (1 - share) * g + share)
    assert result.information_loss == pytest.approx(best)


def test_k_anonymise_refuses_fewer_records_than_k():
    with pytest.raises(ValueError, match="fewer records"):
        k_anonymise(pa.table({"sex": ["female"] * 3}), k=5, quasi_identifiers=["sex"])


# --- differential privacy -------------------------------------------------------------------

COUNTS = pa.table(
    {
        "sex": ["female", "male"] * 10,
        "year": [str(2005 + i // 2) for i in range(20)],
        "count": [0, 1, 2, 3, 50, 100, 7, 8, 0, 0] * 2,
    }
)


def test_budget_refuses_to_overspend_and_records_each_release():
    budget = Budget(total=1.0).charge("victims by sex", 0.6)

    with pytest.raises(BudgetExceededError, match=BUDGET_EXCEEDED):
        budget.charge("victims by year", 0.5)

    after = budget.charge("victims by year", 0.4)
    assert [c.release for c in after.charges] == ["victims by sex", "victims by year"]
    assert after.remaining == pytest.approx(0.0)
    assert budget.spent == pytest.approx(0.6)  # the budget charged is not changed
    assert Budget.from_dict(after.to_dict()) == after


def test_a_release_over_budget_draws_nothing():
    budget = Budget(total=0.5)

    with pytest.raises(BudgetExceededError):
        dp_count_table(COUNTS, dimensions=["sex", "year"], epsilon=1.0, budget=budget, release="r")


def test_seeded_noise_repeats_and_counts_stay_non_negative_integers():
    def release(seed: int) -> list[int]:
        result = dp_count_table(
            COUNTS,
            dimensions=["sex", "year"],
            epsilon=0.5,
            budget=Budget(total=1.0),
            release="victims by sex and year",
            rng=np.random.default_rng(seed),
        )
        assert result.budget.spent == pytest.approx(0.5)
        assert result.scale == pytest.approx(2.0)
        return result.table.column("count").to_pylist()

    first = release(7)
    assert first == release(7)
    assert first != release(8)
    assert all(isinstance(value, int) and value >= 0 for value in first)
    assert first != COUNTS.column("count").to_pylist()


def test_opendp_noise_is_applied_to_every_cell_including_empty_ones():
    result = dp_count_table(
        COUNTS,
        dimensions=["sex", "year"],
        epsilon=0.1,
        budget=Budget(total=1.0),
        release="victims by sex and year",
        categories={"sex": ["female", "male", "unknown"]},
    )

    rows = result.table.to_pylist()
    assert len(rows) == 3 * 10  # every combination, the empty `unknown` ones too
    assert all(isinstance(row["count"], int) and row["count"] >= 0 for row in rows)
    truth = {(row["sex"], row["year"]): row["count"] for row in COUNTS.to_pylist()}
    # With scale 10 a cell keeps its count with probability about 0.05: never all 30 of them.
    assert any(row["count"] != truth.get((row["sex"], row["year"]), 0) for row in rows)
    assert result.budget.spent == pytest.approx(0.1)
