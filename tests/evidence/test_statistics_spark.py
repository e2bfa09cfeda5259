"""The same statistics give the same tables on DuckDB and on Spark (local mode).

One Spark session serves the module (it costs seconds to start). Skipped, with the reason,
only where pyspark or Java is missing; `make test` installs both.
"""

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from palermo.evidence.statistics import (
    DuckDBEngine,
    Filters,
    SparkEngine,
    aggregates_table,
    crosstab,
    index_profile,
    monthly,
    standard,
    victims_by,
)
from palermo.evidence.statistics.definitions import Statistic
from palermo.evidence.statistics.engines import spark_session
from tests.evidence.statistics_records import (
    random_victim_rows,
    write_aggregates,
    write_index,
    write_victims,
)

pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("pyspark") is None,
        reason="pyspark is not installed (make test installs it with the dev extras)",
    ),
    pytest.mark.skipif(
        shutil.which("java") is None,
        reason="no Java runtime for Spark (make test installs openjdk-17-jre-headless)",
    ),
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas"),
]

DUCKDB = DuckDBEngine()


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkEngine]:
    session = spark_session()
    yield SparkEngine(session)
    session.stop()
    spark_session.cache_clear()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("spark")
    return {
        "victims": write_victims(folder / "victims.parquet"),
        "random": write_victims(folder / "random.parquet", random_victim_rows(400, seed=15)),
        "aggregates": write_aggregates(folder / "aggregates.parquet"),
        "index": write_index(folder / "index.parquet"),
    }


def same(
    spark: SparkEngine, statistic: Statistic, paths: list[Path], filters: Filters | None = None
) -> None:
    expected = DUCKDB.run(statistic, paths, filters)
    answered = spark.run(statistic, paths, filters)
    assert answered.schema == expected.schema, statistic.name
    assert answered.to_pylist() == expected.to_pylist(), statistic.name
    assert expected.num_rows > 0, statistic.name


def test_standard_statistics(spark: SparkEngine, files: dict[str, Path]) -> None:
    distinct = {statistic.sql("spark"): statistic for statistic in standard().values()}
    for statistic in distinct.values():
        same(spark, statistic, [files["victims"], files["random"]])


def test_cross_tabs_and_filters(spark: SparkEngine, files: dict[str, Path]) -> None:
    paths = [files["random"]]
    filters = Filters(
        {"sex": ("female", None), "exploitation": ("sexual", None), "month_identified": ("2019-05",
         "2020-01", None)},
        year_from=2019,
        year_to=2020,
    )  # fmt: skip
    same(spark, crosstab("age_band", "means"), paths, filters)
    same(spark, crosstab("exploitation", "sector"), paths)
    same(spark, victims_by("year", "sex", "recruiter"), paths, Filters(year_to=2020))
    same(spark, monthly("month_identified"), paths, Filters({"citizenship": ("PAK", "AFG")}))
    same(spark, victims_by(), paths, Filters({"sex": ("x' OR 1=1 --",)}))
    same(spark, victims_by("is_minor"), paths)


def test_published_figures_and_index_scores(spark: SparkEngine, files: dict[str, Path]) -> None:
    same(spark, aggregates_table(), [files["aggregates"]])
    same(spark, aggregates_table(), [files["aggregates"]], Filters({"dimension": ("Total",)}))
    same(spark, index_profile("PAK", ["IND", "AFG"]), [files["index"]])
    same(spark, index_profile("PAK", ["IRN"]), [files["index"]], Filters(year_from=2023))


def test_shared_scans_on_spark(spark: SparkEngine, files: dict[str, Path]) -> None:
    """`run_many` shares scans on Spark too; each table is DuckDB's (shared or alone)."""
    paths = [files["victims"], files["random"]]
    statistics = [
        *standard().values(),
        victims_by(),
        crosstab("means", "sector"),
        monthly("month_identified"),
    ]
    for filters in (None, Filters({"sex": ("female", None)}, year_from=2019)):
        expected = DUCKDB.run_many(statistics, paths, filters)
        answered = spark.run_many(statistics, paths, filters)
        for statistic, mine, theirs in zip(statistics, answered, expected, strict=True):
            assert mine.schema == theirs.schema, statistic.name
            assert mine.to_pylist() == theirs.to_pylist(), statistic.name
    views = [table.name for table in spark.session.catalog.listTables()]
    assert not [name for name in views if name.startswith(("counted_", "flagged_"))]
