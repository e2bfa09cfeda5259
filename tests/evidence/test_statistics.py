"""Statistics on DuckDB give the tables worked out by hand from the small files."""

from pathlib import Path
from typing import Any

import pytest

from palermo.evidence.statistics import (
    DuckDBEngine,
    Filters,
    SparkEngine,
    aggregates_table,
    crosstab,
    engine_name,
    flows,
    get_engine,
    index_profile,
    monthly,
    standard,
    trend,
    victims_by,
)
from palermo.evidence.statistics.definitions import COUNTED, FLAGGED, Statistic, shared_plan
from tests.evidence.statistics_records import (
    random_victim_rows,
    write_aggregates,
    write_index,
    write_victims,
)

ENGINE = DuckDBEngine()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("statistics")
    return {
        "victims": write_victims(folder / "victims.parquet"),
        "aggregates": write_aggregates(folder / "aggregates.parquet"),
        "index": write_index(folder / "index.parquet"),
    }


def rows(statistic: Statistic, path: Path, filters: Filters | None = None) -> list[tuple[Any, ...]]:
    table = ENGINE.run(statistic, [path], filters)
    assert table.schema == statistic.schema
    return [tuple(row.values()) for row in table.to_pylist()]


def test_victims_by_sex_in_declared_order_with_unknown_last(files: dict[str, Path]) -> None:
    assert rows(victims_by("sex"), files["victims"]) == [
        ("female", 4),
        ("male", 3),
        ("transgender", 1),
        (None, 1),
    ]


def test_victims_by_year(files: dict[str, Path]) -> None:
    assert rows(victims_by("year"), files["victims"]) == [
        (2019, 3),
        (2020, 3),
        (2021, 2),
        (None, 1),
    ]


def test_age_bands_sort_by_their_lower_bound(files: dict[str, Path]) -> None:
    assert rows(victims_by("age_band"), files["victims"]) == [
        ("0-8", 1),
        ("9-17", 2),
        ("18-20", 3),
        ("21-23", 1),
        ("48+", 1),
        (None, 1),
    ]


def test_citizenship_and_country_of_exploitation(files: dict[str, Path]) -> None:
    assert rows(victims_by("citizenship"), files["victims"]) == [
        ("AFG", 1),
        ("BGD", 1),
        ("PAK", 6),
        (None, 1),
    ]
    assert rows(victims_by("country_of_exploitation"), files["victims"]) == [
        ("ARE", 3),
        ("IRN", 1),
        ("PAK", 4),
        ("SAU", 1),
    ]


def test_a_victim_counts_under_every_flag_of_a_group(files: dict[str, Path]) -> None:
    """Victim 2 is under both forms; victim 6 has none and counts under null."""
    assert rows(victims_by("exploitation"), files["victims"]) == [
        ("forced_labour", 4),
        ("sexual", 4),
        ("other", 1),
        (None, 1),
    ]


def test_means_of_control_sector_and_recruiter(files: dict[str, Path]) -> None:
    assert rows(victims_by("means"), files["victims"]) == [
        ("debt_bondage", 2),
        ("threats", 2),
        ("abuse", 1),
        ("false_promises", 1),
        ("withhold_documents", 1),
        (None, 4),
    ]
    assert rows(victims_by("sector"), files["victims"]) == [
        ("agriculture", 1),
        ("construction", 1),
        ("domestic_work", 1),
        ("begging", 1),
        (None, 5),
    ]
    assert rows(victims_by("recruiter"), files["victims"]) == [
        ("intimate_partner", 1),
        ("friend", 1),
        ("family", 3),
        (None, 4),
    ]


def test_crosstab_of_two_columns(files: dict[str, Path]) -> None:
    assert rows(crosstab("year", "sex"), files["victims"]) == [
        (2019, "female", 2),
        (2019, "male", 1),
        (2020, "female", 1),
        (2020, "male", 1),
        (2020, None, 1),
        (2021, "male", 1),
        (2021, "transgender", 1),
        (None, "female", 1),
    ]


def test_crosstab_of_two_flag_groups(files: dict[str, Path]) -> None:
    assert rows(crosstab("exploitation", "recruiter"), files["victims"]) == [
        ("forced_labour", "friend", 1),
        ("forced_labour", "family", 2),
        ("forced_labour", None, 1),
        ("sexual", "intimate_partner", 1),
        ("sexual", "friend", 1),
        ("sexual", "family", 1),
        ("sexual", None, 1),
        ("other", None, 1),
        (None, None, 1),
    ]


def test_crosstab_of_a_flag_group_and_a_column(files: dict[str, Path]) -> None:
    assert rows(crosstab("sex", "exploitation"), files["victims"]) == [
        ("female", "forced_labour", 1),
        ("female", "sexual", 3),
        ("female", "other", 1),
        ("male", "forced_labour", 3),
        ("transgender", "sexual", 1),
        (None, None, 1),
    ]


def test_flows_from_citizenship_to_country_of_exploitation(files: dict[str, Path]) -> None:
    assert rows(flows(), files["victims"]) == [
        ("AFG", "PAK", 1),
        ("BGD", "PAK", 1),
        ("PAK", "ARE", 3),
        ("PAK", "PAK", 2),
        ("PAK", "SAU", 1),
        (None, "IRN", 1),
    ]


def test_trend_by_year_and_sex(files: dict[str, Path]) -> None:
    assert rows(trend(), files["victims"]) == [(2019, 3), (2020, 3), (2021, 2), (None, 1)]
    assert rows(trend("sex"), files["victims"]) == rows(crosstab("year", "sex"), files["victims"])


def test_victims_referred_and_identified_per_month(files: dict[str, Path]) -> None:
    assert rows(monthly("month_referred"), files["victims"]) == [
        ("2019-02", 2),
        ("2020-06", 1),
        ("2021-02", 2),
    ]
    assert rows(monthly("month_identified"), files["victims"]) == [
        ("2019-01", 2),
        ("2019-03", 1),
        ("2020-06", 1),
        ("2021-02", 2),
    ]


def test_filters_on_a_column_and_a_year_range(files: dict[str, Path]) -> None:
    filters = Filters({"sex": ("female",)}, year_from=2019, year_to=2020)
    assert rows(victims_by("exploitation"), files["victims"], filters) == [
        ("forced_labour", 1),
        ("sexual", 2),
        ("other", 1),
    ]
    assert rows(victims_by("sex"), files["victims"], Filters(year_to=2019)) == [
        ("female", 2),
        ("male", 1),
    ]


def test_filters_on_unknown_values_and_flags(files: dict[str, Path]) -> None:
    assert rows(victims_by("year"), files["victims"], Filters({"sex": (None,)})) == [(2020, 1)]
    assert rows(victims_by("sex"), files["victims"], Filters({"sex": ("male", None)})) == [
        ("male", 3),
        (None, 1),
    ]
    no_form = Filters({"exploitation": (None,)})
    assert rows(victims_by("country_of_exploitation"), files["victims"], no_form) == [("IRN", 1)]
    either = Filters({"means": ("threats", "abuse")})
    assert rows(victims_by(), files["victims"], either) == [(3,)]


def test_drill_down_narrows_to_the_value_clicked(files: dict[str, Path]) -> None:
    filters = Filters({"citizenship": ("PAK",)}).with_value("country_of_exploitation", "ARE")
    assert rows(victims_by("age_band"), files["victims"], filters) == [("9-17", 1), ("18-20", 2)]


def test_a_month_filter(files: dict[str, Path]) -> None:
    filters = Filters({"month_referred": ("2019-02",)})
    assert rows(victims_by(), files["victims"], filters) == [(2,)]


def test_filter_values_are_literals_never_sql(files: dict[str, Path]) -> None:
    filters = Filters({"sex": ("x' OR 1=1 --",)})
    assert rows(victims_by(), files["victims"], filters) == [(0,)]


def test_unknown_dimensions_and_flags_are_refused() -> None:
    with pytest.raises(ValueError, match="no dimension named colour"):
        victims_by("colour")
    with pytest.raises(ValueError, match="no flag named piracy"):
        victims_by("sex").query(Filters({"exploitation": ("piracy",)}))
    with pytest.raises(ValueError, match="at most three"):
        victims_by("year", "sex", "age_band", "citizenship")
    with pytest.raises(ValueError, match="not a month dimension"):
        monthly("year")


def test_a_sum_over_a_suppressed_cell_is_suppressed(files: dict[str, Path]) -> None:
    """AFG's `<5` females stay unknown in the 2020 sum; PAK's missing 2021 female is apart."""
    filters = Filters({"dimension": ("Total",), "age": ("Total",)})
    assert rows(aggregates_table(), files["aggregates"], filters) == [
        # indicator, year, sex, value, suppressed, cells, suppressed cells, cells not given
        ("convicted", 2020, "Total", None, True, 1, 1, 0),
        ("detected victims", 2020, "Total", 112, False, 2, 0, 0),
        ("detected victims", 2020, "Female", None, True, 2, 1, 0),
        ("detected victims", 2020, "Male", 49, False, 2, 0, 0),
        ("detected victims", 2021, "Total", 87, False, 2, 0, 0),
        ("detected victims", 2021, "Female", None, False, 1, 0, 1),
        ("detected victims", 2021, "Male", 30, False, 1, 0, 0),
    ]


def test_a_single_published_cell_keeps_its_suppression(files: dict[str, Path]) -> None:
    filters = Filters({"country": ("AFG",), "sex": ("Female",)})
    assert rows(aggregates_table("country", "year"), files["aggregates"], filters) == [
        ("AFG", 2020, None, True, 1, 1, 0),
    ]


def test_index_profile_of_a_country_beside_the_peers_given(files: dict[str, Path]) -> None:
    assert rows(index_profile("PAK", ["IND", "AFG"]), files["index"]) == [
        ("criminality", "arms_trafficking", 2021, "PAK", 7.5, "Pakistan", True),
        ("criminality", "arms_trafficking", 2023, "PAK", 8.0, "Pakistan", True),
        ("criminality", "human_trafficking", 2021, "PAK", 6.5, "Pakistan", True),
        ("criminality", "human_trafficking", 2021, "IND", 6.0, "India", False),
        ("criminality", "human_trafficking", 2021, "AFG", 8.0, "Afghanistan", False),
        ("criminality", "human_trafficking", 2023, "PAK", 7.0, "Pakistan", True),
        ("criminality", "human_trafficking", 2023, "IND", 6.5, "India", False),
        ("criminality", "human_trafficking", 2023, "AFG", 8.5, "Afghanistan", False),
    ]


def test_index_profile_filtered_to_an_indicator_and_editions(files: dict[str, Path]) -> None:
    filters = Filters({"indicator": ("human_trafficking",)}, year_from=2023)
    assert rows(index_profile("pak", ["IRN"]), files["index"], filters) == [
        ("criminality", "human_trafficking", 2023, "PAK", 7.0, "Pakistan", True),
        ("criminality", "human_trafficking", 2023, "IRN", 7.5, "Iran (Islamic Republic of)", False),
    ]


def test_several_files_are_read_as_one(files: dict[str, Path]) -> None:
    table = ENGINE.run(victims_by(), [files["victims"], files["victims"]])
    assert table.to_pylist() == [{"victims": 18}]


def test_several_statistics_in_one_connection(files: dict[str, Path]) -> None:
    first, second = ENGINE.run_many([victims_by("year"), victims_by()], [files["victims"]])
    assert first.equals(ENGINE.run(victims_by("year"), [files["victims"]]))
    assert second.to_pylist() == [{"victims": 9}]


def test_every_standard_statistic_runs(files: dict[str, Path]) -> None:
    for statistic in standard().values():
        table = ENGINE.run(statistic, [files["victims"]])
        assert table.schema == statistic.schema
        assert table.num_rows > 0, statistic.name


def test_engine_is_duckdb_unless_spark_is_set(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The setting wins; without one (Django not set up), the environment decides."""
    monkeypatch.delenv("PALERMO_EVIDENCE_ENGINE", raising=False)
    del settings.PALERMO_EVIDENCE_ENGINE
    assert engine_name() == "duckdb"
    assert isinstance(get_engine(), DuckDBEngine)
    monkeypatch.setenv("PALERMO_EVIDENCE_ENGINE", "spark")
    assert engine_name() == "spark"
    settings.PALERMO_EVIDENCE_ENGINE = "duckdb"
    assert engine_name() == "duckdb"
    settings.PALERMO_EVIDENCE_ENGINE = "Spark"
    engine = get_engine()
    assert isinstance(engine, SparkEngine)
    assert engine._session is None  # nothing started until a statistic runs
    settings.PALERMO_EVIDENCE_ENGINE = "oracle"
    with pytest.raises(ValueError, match="must be duckdb or spark"):
        engine_name()


@pytest.mark.parametrize(
    "filters",
    [
        None,
        Filters(values={"sex": ("female", None)}, year_from=2019),
        Filters(values={"means": ("threats", None), "month_referred": ("2021-03",)}),
    ],
)
def test_shared_scans_answer_what_each_statistic_answers_alone(
    tmp_path: Path, files: dict[str, Path], filters: Filters | None
) -> None:
    """`run_many` shares two scans among count statistics; every table is the one `run` gives."""
    random = write_victims(tmp_path / "random.parquet", random_victim_rows(400, seed=3))
    paths = [files["victims"], random]
    statistics = [
        *standard().values(),
        victims_by(),
        crosstab("sex", "age_band"),
        crosstab("means", "sector"),
        crosstab("exploitation", "sex"),
        monthly("month_identified"),
        victims_by("month_referred"),
    ]
    plan = shared_plan(statistics, filters)
    assert set(plan.scans) == {COUNTED, FLAGGED}
    shared = ENGINE.run_many(statistics, paths, filters)
    for statistic, table in zip(statistics, shared, strict=True):
        alone = ENGINE.run(statistic, paths, filters)
        assert table.schema == statistic.schema, statistic.name
        assert table.to_pylist() == alone.to_pylist(), statistic.name


def test_calls_from_several_threads_keep_their_own_files(
    tmp_path: Path, files: dict[str, Path]
) -> None:
    """Each call reads through its own cursor: its view and shared scans are its alone."""
    from concurrent.futures import ThreadPoolExecutor

    random = write_victims(tmp_path / "random.parquet", random_victim_rows(300, seed=8))
    statistics = list(standard().values())
    expected = {
        path: [table.to_pylist() for table in DuckDBEngine().run_many(statistics, [path])]
        for path in (files["victims"], random)
    }
    engine = DuckDBEngine(threads=1)
    with ThreadPoolExecutor(max_workers=4) as pool:
        work = [files["victims"], random] * 4
        answers = pool.map(lambda path: engine.run_many(statistics, [path]), work)
        for path, tables in zip(work, answers, strict=True):
            assert [table.to_pylist() for table in tables] == expected[path]


def test_the_sql_of_a_page_is_kept_per_filters(files: dict[str, Path]) -> None:
    statistics = [victims_by("sex"), victims_by("year"), trend("sex")]
    women = Filters(values={"sex": ("female",)})
    first = ENGINE.run_many(statistics, [files["victims"]], women)
    everyone = ENGINE.run_many(statistics, [files["victims"]])
    again = ENGINE.run_many(statistics, [files["victims"]], women)
    assert [t.to_pylist() for t in first] == [t.to_pylist() for t in again]
    assert first[0].to_pylist() != everyone[0].to_pylist()
    assert (
        first[0].to_pylist() == ENGINE.run(victims_by("sex"), [files["victims"]], women).to_pylist()
    )
