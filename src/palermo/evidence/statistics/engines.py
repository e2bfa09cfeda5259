"""Engines run a statistic over Parquet files: DuckDB on this machine, Spark past it.

Both take the statistic's one SQLGlot expression and write it in their dialect; both answer
a pyarrow table in the statistic's schema, so the same statistic gives the same table on
either (tested). DuckDB is the default; `PALERMO_EVIDENCE_ENGINE=spark` (a Django setting or
the environment) runs statistics on Spark, which reads the same Parquet files from storage
its workers share; `PALERMO_SPARK_MASTER` names the cluster (local threads by default).
A Spark session costs seconds to start, so one is started on first use and then reused.
"""

import logging
import os
import threading
import uuid
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import duckdb
import pyarrow as pa
from sqlglot import exp

from palermo.evidence.statistics.definitions import RECORDS, Statistic, shared_plan, shared_sql
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

    def run_many(
        self,
        statistics: Sequence[Statistic],
        parquet_paths: Sequence[str | Path],
        filters: Filters | None = None,
    ) -> list[pa.Table]: ...


def _paths(parquet_paths: Sequence[str | Path]) -> list[str]:
    if not parquet_paths:
        raise ValueError(NO_FILES)
    return [str(Path(path).resolve()) for path in parquet_paths]


def _conform(table: pa.Table, statistic: Statistic) -> pa.Table:
    """The engine's answer in the statistic's declared column types."""
    schema = statistic.schema
    return table.select(schema.names).cast(schema)


def _bind(query: exp.Query, table_name: str | dict[str, str]) -> exp.Query:
    """The query reading `table_name` where it reads the placeholder `RECORDS`.

    A mapping binds several placeholders (the shared scans of `shared_plan` too).
    """
    names = table_name if isinstance(table_name, dict) else {RECORDS: table_name}
    bound = query.copy()
    for table in bound.find_all(exp.Table):
        if table.name in names and not table.args.get("db"):
            table.set("this", exp.to_identifier(names[table.name]))
    return bound


class DuckDBEngine:
    """Statistics on DuckDB, in memory, one database per engine and process.

    Opening a DuckDB database costs tens of milliseconds, so each call takes a cursor (its
    own connection) on the engine's database; the records' view and the shared scans are
    temporary, seen by that cursor alone, so calls from several threads do not meet.
    """

    name = "duckdb"

    def __init__(self, *, threads: int | None = None) -> None:
        self.threads = threads
        self._database: duckdb.DuckDBPyConnection | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._database is None or self._pid != os.getpid():  # new, or forked
                self._database = duckdb.connect()
                self._pid = os.getpid()
                if self.threads:
                    self._database.execute(f"SET threads = {int(self.threads)}")
            return self._database.cursor()

    def run(
        self,
        statistic: Statistic,
        parquet_paths: Sequence[str | Path],
        filters: Filters | None = None,
    ) -> pa.Table:
        return self.run_many([statistic], parquet_paths, filters)[0]

    def run_many(
        self,
        statistics: Sequence[Statistic],
        parquet_paths: Sequence[str | Path],
        filters: Filters | None = None,
    ) -> list[pa.Table]:
        """Several statistics over the same files in one connection (a page of charts).

        They share scans (`shared_plan`): the counts by column dimensions come from one
        grouping-sets query and the flag-group counts from another, each kept as a small
        temporary table the statistics then read, instead of one pass over the file each.
        """
        files = exp.Array(expressions=[exp.Literal.string(path) for path in _paths(parquet_paths)])
        read = exp.select(exp.Star()).from_(
            exp.Table(
                this=exp.Anonymous(
                    this="read_parquet",
                    expressions=[
                        files,
                        exp.EQ(this=exp.var("union_by_name"), expression=exp.true()),
                    ],
                )
            )
        )
        scans, queries = shared_sql(statistics, filters, "duckdb")
        with self._cursor() as connection:
            connection.execute(f"CREATE TEMP VIEW {RECORDS} AS {read.sql(dialect='duckdb')}")
            for name, scan in scans.items():
                connection.execute(f"CREATE TEMP TABLE {name} AS {scan}")
            return [
                _conform(connection.sql(query).to_arrow_table(), statistic)
                for statistic, query in zip(statistics, queries, strict=True)
            ]


_session_lock = threading.Lock()


@lru_cache(maxsize=1)
def spark_session() -> "SparkSession":
    """The one Spark session of this process, started on first use."""
    from pyspark.sql import SparkSession

    # py4j says goodbye at interpreter exit, after logging's streams may be closed.
    logging.getLogger("py4j").setLevel(logging.WARNING)
    with _session_lock:
        session = (
            SparkSession.builder.master(os.environ.get("PALERMO_SPARK_MASTER", "local[2]"))
            .appName("palermo-evidence")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        return session


class SparkEngine:
    """Statistics on Spark; the files of a version are read once and kept as a view.

    A version's Parquet file never changes, so the view of a list of files is kept for the
    next statistic over the same files (the few most recent lists only).
    """

    name = "spark"
    KEEP_VIEWS = 8

    def __init__(self, session: "SparkSession | None" = None) -> None:
        self._session = session
        self._views: dict[tuple[str, ...], str] = {}
        self._lock = threading.Lock()

    @property
    def session(self) -> "SparkSession":
        if self._session is None:
            self._session = spark_session()
        return self._session

    def _view(self, paths: list[str]) -> str:
        key = tuple(paths)
        with self._lock:
            if key in self._views:
                self._views[key] = self._views.pop(key)  # most recently used last
                return self._views[key]
            view = f"{RECORDS}_{uuid.uuid4().hex}"
            reader = self.session.read.option("mergeSchema", "true")
            reader.parquet(*paths).createOrReplaceTempView(view)
            self._views[key] = view
            while len(self._views) > self.KEEP_VIEWS:
                oldest = next(iter(self._views))
                self.session.catalog.dropTempView(self._views.pop(oldest))
            return view

    def run(
        self,
        statistic: Statistic,
        parquet_paths: Sequence[str | Path],
        filters: Filters | None = None,
    ) -> pa.Table:
        view = self._view(_paths(parquet_paths))
        sql = _bind(statistic.query(filters), view).sql(dialect="spark")
        return _conform(self.session.sql(sql).toArrow(), statistic)

    def run_many(
        self,
        statistics: Sequence[Statistic],
        parquet_paths: Sequence[str | Path],
        filters: Filters | None = None,
    ) -> list[pa.Table]:
        """Several statistics sharing scans as on DuckDB (`shared_plan`).

        Each shared scan is cached as a temporary view under a name of this call alone and
        dropped afterwards; the statistics then read those small tables.
        """
        plan = shared_plan(statistics, filters)
        if not plan.scans:
            return [self.run(statistic, parquet_paths, filters) for statistic in statistics]
        names = {RECORDS: self._view(_paths(parquet_paths))}
        names |= {name: f"{name.strip('_')}_{uuid.uuid4().hex}" for name in plan.scans}
        frames = []
        try:
            for name, scan in plan.scans.items():
                frame = self.session.sql(_bind(scan, names).sql(dialect="spark")).cache()
                frame.createOrReplaceTempView(names[name])
                frames.append(frame)
            return [
                _conform(
                    self.session.sql(_bind(query, names).sql(dialect="spark")).toArrow(),
                    statistic,
                )
                for statistic, query in zip(statistics, plan.queries, strict=True)
            ]
        finally:
            for name in plan.scans:
                self.session.catalog.dropTempView(names[name])
            for frame in frames:
                frame.unpersist()


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
    """The engine named, or the configured one; one instance of each per process."""
    chosen = (name or engine_name()).lower()
    if chosen not in ENGINES:
        raise ValueError(UNKNOWN_ENGINE % {"name": chosen})
    return _engine(chosen)


@lru_cache(maxsize=len(ENGINES))
def _engine(name: str) -> Engine:
    return SparkEngine() if name == "spark" else DuckDBEngine()


def run(
    statistic: Statistic,
    parquet_paths: Sequence[str | Path],
    filters: Filters | None = None,
    *,
    engine: Engine | None = None,
) -> pa.Table:
    """The statistic over these files on the given or the configured engine."""
    return (engine or get_engine()).run(statistic, parquet_paths, filters)
