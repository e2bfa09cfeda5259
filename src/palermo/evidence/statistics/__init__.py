"""Statistics over evidence records, written once and run on DuckDB or Spark.

`definitions` builds each statistic as one SQLGlot expression, `engines` runs it over the
Parquet files of dataset versions, `charts` draws a result as Vega-Lite and `exports` writes
it as CSV or XLSX. Nothing here touches the database: callers pass Parquet paths they have
already been allowed to read.
"""

from palermo.evidence.statistics.definitions import (
    RECORDS,
    STANDARD_DIMENSIONS,
    Chart,
    Measure,
    Statistic,
    aggregates_table,
    crosstab,
    flows,
    index_profile,
    monthly,
    standard,
    trend,
    victims_by,
)
from palermo.evidence.statistics.dimensions import DIMENSIONS, Dimension, Form, dimension
from palermo.evidence.statistics.engines import (
    DuckDBEngine,
    Engine,
    SparkEngine,
    engine_name,
    get_engine,
    run,
)
from palermo.evidence.statistics.filters import Filters

__all__ = [
    "DIMENSIONS",
    "RECORDS",
    "STANDARD_DIMENSIONS",
    "Chart",
    "Dimension",
    "DuckDBEngine",
    "Engine",
    "Filters",
    "Form",
    "Measure",
    "SparkEngine",
    "Statistic",
    "aggregates_table",
    "crosstab",
    "dimension",
    "engine_name",
    "flows",
    "get_engine",
    "index_profile",
    "monthly",
    "run",
    "standard",
    "trend",
    "victims_by",
]
