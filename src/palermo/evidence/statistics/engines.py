"""Engines run a statistic over Parquet files: DuckDB on this machine, Spark past it.

Both take the statistic's one SQLGlot expression and write it in their dialect; both answer
a pyarrow table in the statistic's schema, so the same statistic gives the same table on
either (tested). DuckDB is the default; `PALERMO_EVIDENCE_ENGINE=spark` (a Django setting or
the environment) runs statistics on Spark, which reads the same Parquet files from storage
its workers share; `PALERMO_SPARK_MASTER` names the cluster (local threads by default).
A Spark session costs seconds to start, so one is started on first use and then reused.
"""

import os
import threading
import uuid
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import duckdb
import pyarrow as pa
from sqlglot import exp

from palermo.evidence.statistics.definitions import RECORDS, Statistic
from palermo.evidence.statistics.filters import Filters

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

ENGINES = ("duckdb", "spark")
UNKNOWN_ENGINE = "PALERMO_EVIDENCE_ENGINE is %(name)s; it must be duckdb or spark."
NO_FILES = "A statistic needs at least one Parquet file."


class Engine(Protocol):
    name: str

    def run(
        self,
        statistic: Statistic,
        parquet_paths: Sequence[str | Path],
        filters: Filters | None = None,
    ) -> pa.Table: ...


def _paths(parquet_paths: Sequence[str | Path]) -> list[str]:
    if not parquet_paths:
        raise ValueError(NO_FILES)
    return [str(Path(path).resolve()) for path in parquet_paths]


def _conform(table: pa.Table, statistic: Statistic) -> pa.Table:
    """The engine's answer in the statistic's declared column types."""
    schema = statistic.schema
    return table.select(schema.names).cast(schema)


def _bind(query: exp.Query, table_name: str) -> exp.Query:
    """The query reading `table_name` where it reads the placeholder `RECORDS`."""
    bound = query.copy()
    for table in bound.find_all(exp.Table):
        if table.name == RECORDS and not table.args.get("db"):
            table.set("this", exp.to_identifier(table_name))
    return bound


class DuckDBEngine:
    name = "duckdb"

    def __init__(self, *, threads: int | None = None) -> None:
        self.threads = threads

    def run(
        self,
        statistic: Statistic,
        parquet_paths: Sequence[str | Path],
        filters: Filters | None = None,
    ) -> pa.Table:
        paths = _paths(parquet_paths)
        with duckdb.connect() as connection:
            if self.threads:
                connection.execute(f"SET threads = {int(self.threads)}")
            connection.read_parquet(paths, union_by_name=True).create_view(RECORDS)
            sql = statistic.sql("duckdb", filters)
            table = connection.sql(sql).to_arrow_table()
        return _conform(table, statistic)


_session_lock = threading.Lock()


@lru_cache(maxsize=1)
def spark_session() -> "SparkSession":
    """The one Spark session of this process, started on first use."""
    from pyspark.sql import SparkSession

    with _session_lock:
        session = (
            SparkSession.builder.master(os.environ.get("PALERMO_SPARK_MASTER", "local[2]"))
            .appName("palermo-evidence")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        return session


class SparkEngine:
    name = "spark"

    def __init__(self, session: Any = None) -> None:
        self._session = session

    @property
    def session(self) -> "SparkSession":
        if self._session is None:
            self._session = spark_session()
        return self._session

    def run(
        self,
        statistic: Statistic,
        parquet_paths: Sequence[str | Path],
        filters: Filters | None = None,
    ) -> pa.Table:
        paths = _paths(parquet_paths)
        session = self.session
        # A view per run: concurrent runs in one session never read each other's files.
        view = f"{RECORDS}_{uuid.uuid4().hex}"
        session.read.option("mergeSchema", "true").parquet(*paths).createOrReplaceTempView(view)
        try:
            sql = _bind(statistic.query(filters), view).sql(dialect="spark")
            table = session.sql(sql).toArrow()
        finally:
            session.catalog.dropTempView(view)
        return _conform(table, statistic)


def engine_name() -> str:
    """The configured engine: the Django setting if there is one, else the environment."""
    name = None
    try:
        from django.conf import settings

        if settings.configured:
            name = getattr(settings, "PALERMO_EVIDENCE_ENGINE", None)
    except ImportError:  # pragma: no cover - Django is a dependency
        pass
    name = (name or os.environ.get("PALERMO_EVIDENCE_ENGINE") or "duckdb").strip().lower()
    if name not in ENGINES:
        raise ValueError(UNKNOWN_ENGINE % {"name": name})
    return name


def get_engine(name: str | None = None) -> Engine:
    """The engine named, or the configured one."""
    chosen = (name or engine_name()).lower()
    if chosen == "spark":
        return SparkEngine()
    if chosen == "duckdb":
        return DuckDBEngine()
    raise ValueError(UNKNOWN_ENGINE % {"name": chosen})


def run(
    statistic: Statistic,
    parquet_paths: Sequence[str | Path],
    filters: Filters | None = None,
    *,
    engine: Engine | None = None,
) -> pa.Table:
    """The statistic over these files on the given or the configured engine."""
    return (engine or get_engine()).run(statistic, parquet_paths, filters)
