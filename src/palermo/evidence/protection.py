"""The three ways a release protects its table, each answering the cells to publish.

- **suppression** (the default): the statistic as counted, small cells and their complements
  suppressed at the dataset's threshold (`releases.suppress`).
- **k-anonymity**: the records counted are first made k-anonymous over the quasi-identifiers
  the analyst chose (`privacy.kanon`: age bands merge, country -> sub-region -> region, year ->
  period; records still in a class smaller than k are left out); the statistic is then counted
  from those records, and small cells suppressed as in the default.
- **differentially private counts**: every inner cell gets discrete Laplace noise for the
  epsilon chosen (`privacy.dp`), charged to the dataset's budget; noisy counts below zero are
  zero. Small noisy cells are then suppressed as in the default: that is post-processing and
  spends nothing more, and it keeps the rule that nothing published is below the threshold.

Reading the records is the caller's business (a granted analyst, audited); these functions
only count.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
from sqlglot import exp

from palermo.evidence import privacy
from palermo.evidence import statistics as stats
from palermo.evidence.privacy import hierarchies
from palermo.evidence.schema import QUASI_IDENTIFIERS, Kind
from palermo.evidence.statistics.definitions import RECORDS
from palermo.evidence.statistics.dimensions import Form

COUNT = "victims"
# At most this share of the records may be left out to reach k (else more generalisation).
MAX_SUPPRESSION = 0.05
K_MOST = 1000
EPSILON_MOST = 10.0


@dataclass(frozen=True)
class Protected:
    """A table ready for small-cell suppression, and what protecting it did."""

    table: pa.Table  # the statistic's dimensions and `victims`
    details: dict[str, Any] = field(default_factory=dict)
    epsilon: float | None = None
    generalised: frozenset[str] = frozenset()  # dimensions whose values were generalised


def quasi_identifier_choices(kind: str) -> tuple[str, ...]:
    return QUASI_IDENTIFIERS.get(Kind(kind), ())


def filtered_records(path: Path, kind: str, filters: stats.Filters | None) -> pa.Table:
    """The version's records the filters keep (the same conditions the statistics use)."""
    query = exp.select("*").from_(RECORDS)
    condition = (filters or stats.Filters()).condition(Kind(kind))
    if condition is not None:
        query = query.where(condition)
    with duckdb.connect() as connection:
        connection.read_parquet([str(path)]).create_view(RECORDS)
        return connection.sql(query.sql("duckdb")).to_arrow_table()


def count_records(statistic: stats.Statistic, records: pa.Table) -> pa.Table:
    """The statistic counted over records held in memory (generalised ones, say).

    The same query as over a version; a generalised column keeps its text (`18-29`, `Southern
    Asia`), so only the count is cast.
    """
    with duckdb.connect() as connection:
        connection.register(RECORDS, records)
        table = connection.sql(statistic.sql("duckdb", None)).to_arrow_table()
    names = [*statistic.dimensions, COUNT]
    table = table.select(names)
    return table.set_column(len(names) - 1, COUNT, table.column(COUNT).cast(pa.int64()))


def k_anonymous(
    statistic: stats.Statistic,
    records: pa.Table,
    *,
    k: int,
    quasi_identifiers: Sequence[str],
) -> Protected:
    """Count the statistic from the records made k-anonymous over the quasi-identifiers."""
    if not 2 <= k <= K_MOST:
        raise ValueError(f"k must be between 2 and {K_MOST}.")
    unknown = sorted(set(quasi_identifiers) - set(QUASI_IDENTIFIERS[Kind.VICTIMS]))
    if unknown or not quasi_identifiers:
        raise ValueError("Choose the quasi-identifiers among the offered ones.")
    anonymised = privacy.k_anonymise(
        records,
        k=k,
        quasi_identifiers=list(quasi_identifiers),
        hierarchies=hierarchies.victims(),
        max_suppression=MAX_SUPPRESSION,
    )
    report = anonymised.report()
    details = {
        "k": k,
        "k_reached": report["k_reached"],
        "quasi_identifiers": list(quasi_identifiers),
        "levels": report["levels"],
        "records": report["records"],
        "records_suppressed": report["suppressed"],
    }
    generalised = frozenset(name for name, level in anonymised.levels.items() if level > 0)
    return Protected(count_records(statistic, anonymised.table), details, generalised=generalised)


def contributions(statistic: stats.Statistic) -> int:
    """In how many cells one victim can count: one, or every flag of a flag group."""
    most = 1
    for dimension in statistic.dimension_objects():
        if dimension.form is Form.FLAGS:
            most *= len(dimension.values)
    return most


def differentially_private(
    statistic: stats.Statistic,
    counted: pa.Table,
    *,
    epsilon: float,
    budget: privacy.Budget,
    release: str,
    categories: dict[str, list[str]],
    rng: np.random.Generator | None = None,
) -> Protected:
    """The counted table with noise for epsilon; BudgetExceededError past the budget."""
    if not 0 < epsilon <= EPSILON_MOST:
        raise ValueError(f"Epsilon must be above 0 and at most {EPSILON_MOST:g}.")
    noisy = privacy.dp_count_table(
        counted,
        dimensions=list(statistic.dimensions),
        epsilon=epsilon,
        budget=budget,
        release=release,
        count=COUNT,
        categories=categories,
        contributions=contributions(statistic),
        rng=rng,
    )
    table = noisy.table.rename_columns([*statistic.dimensions, COUNT])
    details = {
        "epsilon": epsilon,
        "scale": round(noisy.scale, 6),
        "budget": budget.total,
        "budget_left": round(noisy.budget.remaining, 6),
    }
    return Protected(table, details, epsilon=epsilon)
