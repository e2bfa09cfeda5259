"""Statistics of a version as the pages, API and reports ask for them: by name, with filters.

Which statistics a dataset offers depends on its kind; each is run on the configured engine
over the version's Parquet file. Figures computed from records before the privacy checks are
records too: `statistic_table` checks the grant and writes the audit event, like a records
page. Only a release (see `releases`) leaves the circle of granted analysts.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from palermo.core.audit import audit_record
from palermo.core.models import AuditEvent
from palermo.core.permissions import require
from palermo.evidence import permissions, storage
from palermo.evidence import statistics as stats
from palermo.evidence.models import DatasetVersion
from palermo.evidence.schema import Kind
from palermo.evidence.statistics import charts, labels

# Published counts: the tables a GLOTIP-like dataset is read by.
AGGREGATE_VIEWS = (("indicator", "year"), ("indicator", "sex"), ("indicator", "country"))


def statistics_for(kind: str) -> dict[str, stats.Statistic]:
    """The statistics offered for a kind of dataset, by name, in the order pages list them."""
    if kind == Kind.VICTIMS:
        return stats.standard()
    if kind == Kind.AGGREGATES:
        tables = [stats.aggregates_table(*names) for names in AGGREGATE_VIEWS]
        return {table.name: table for table in tables}
    return {}


def title(statistic: stats.Statistic) -> str:
    """The statistic's label in the active language, its dimensions named."""
    return labels.title(statistic)


def dimension_label(statistic: stats.Statistic, name: str) -> str:
    return labels.column_label(statistic, name)


def chart(result: "Result") -> dict[str, Any]:
    """The Vega-Lite chart of a result, drawn the same way on every page and report."""
    return charts.chart(result.statistic, result.table)


def filters_from(
    kind: str, values: Mapping[str, list[str]], year_from: int | None, year_to: int | None
) -> stats.Filters:
    """Filters from a page's or the API's parameters; unknown dimensions are left out."""
    known = stats.DIMENSIONS.get(Kind(kind), {})
    chosen: dict[str, tuple[Any, ...]] = {}
    for name, raw in values.items():
        if name not in known or not raw:
            continue
        dim = known[name]
        typed: list[Any] = []
        for value in raw:
            if value == "":
                typed.append(None)
            elif pa.types.is_integer(dim.arrow_type):
                try:
                    typed.append(int(value))
                except ValueError:
                    continue
            elif pa.types.is_boolean(dim.arrow_type):
                typed.append(value.lower() in {"1", "true", "yes"})
            else:
                typed.append(value)
        if typed:
            chosen[name] = tuple(typed)
    return stats.Filters(values=chosen, year_from=year_from, year_to=year_to)


@dataclass(frozen=True)
class Result:
    version: DatasetVersion
    statistic: stats.Statistic
    filters: stats.Filters
    table: pa.Table

    @property
    def rows(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self.table.to_pylist()
        return rows


def statistic_table(
    user: Any,
    version: DatasetVersion,
    statistic: stats.Statistic,
    filters: stats.Filters | None = None,
    *,
    where: str,
) -> Result:
    """A statistic over one version, for an analyst granted the dataset; audited."""
    require(permissions.can_read_records(user, version.dataset))
    filters = filters or stats.Filters()
    table = stats.run(statistic, [storage.absolute(version.path)], filters)
    described = "".join(f", {name}={list(values)}" for name, values in filters.values.items())
    audit_record(
        actor=user,
        action=AuditEvent.Action.VIEW,
        obj=version,
        object_repr=f"Statistic {statistic.name} of {version} ({where}{described})",
    )
    return Result(version, statistic, filters, table)
