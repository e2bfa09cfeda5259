"""Statistics written once, as SQLGlot expressions every engine runs in its own dialect.

A statistic reads the records of one kind from the table `RECORDS` (each engine binds that
name to the Parquet files it is given) and answers one table: its dimensions, then its
measures, sorted by the dimensions (null, the unknown value, last). It declares its label,
dimensions, measures and chart so a page can show a table and a chart without knowing SQL.

The rules, each tested on hand-worked files:
- victims are counted once per value of a column dimension, and once per flag of a flag group
  they have (null for none), so flag-group counts can exceed the number of victims;
- combinations nobody falls in are not rows (no zero counts);
- a sum of published counts that includes a suppressed cell (`<5`) is not a number: its value
  is null and `suppressed` is true; cells the source did not give are counted apart;
- an index profile holds the scores of the country and of the peers the caller names.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import reduce
from itertools import product

import pyarrow as pa
from sqlglot import exp

from palermo.evidence.schema import Kind
from palermo.evidence.statistics.dimensions import Dimension, Form, Order, dimension, gettext_noop
from palermo.evidence.statistics.filters import Filters, flag_condition, key_expression

# The name every statistic reads its records from; engines bind it to Parquet files.
RECORDS = "evidence_records"

TOO_MANY_DIMENSIONS = "A statistic counts by at most three dimensions."
NOT_A_DATE = "%(name)s is not a month dimension."
NO_COUNTRY = "An index profile needs a country."


class Chart(StrEnum):
    """How a statistic is drawn (see `charts.py`)."""

    BAR = "bar"  # categories, longest bar first
    COLUMN = "column"  # an ordered scale: years, age bands
    LINE = "line"  # a series over months
    TREND = "trend"  # by year, one line per value of a second dimension
    HEATMAP = "heatmap"  # a cross-tab of two dimensions
    FLOW = "flow"  # citizenship to country of exploitation
    AGGREGATES = "aggregates"  # published counts with suppressed cells marked
    SCORES = "scores"  # index scores across editions


@dataclass(frozen=True)
class Measure:
    name: str
    label: str  # marked with gettext_noop
    arrow_type: pa.DataType


VICTIMS_MEASURE = Measure("victims", gettext_noop("Victims"), pa.int64())
AGGREGATE_MEASURES = (
    Measure("value", gettext_noop("Value"), pa.int64()),
    Measure("suppressed", gettext_noop("Includes a suppressed value"), pa.bool_()),
    Measure("cells", gettext_noop("Published cells"), pa.int64()),
    Measure("suppressed_cells", gettext_noop("Suppressed cells"), pa.int64()),
    Measure("missing_cells", gettext_noop("Cells not given"), pa.int64()),
)
SCORE_MEASURES = (
    Measure("score", gettext_noop("Score"), pa.float32()),
    Measure("country_name", gettext_noop("Name in the edition"), pa.string()),
    Measure("subject", gettext_noop("Country profiled"), pa.bool_()),
)


@dataclass(frozen=True)
class Statistic:
    name: str  # stable identifier: `victims_by_sex`
    label: str  # gettext_noop text, may hold %(first)s ... (see `title`)
    kind: Kind
    dimensions: tuple[str, ...]
    measures: tuple[Measure, ...]
    chart: Chart
    build: Callable[[Filters], exp.Query] = field(compare=False, repr=False)
    label_args: tuple[tuple[str, str], ...] = ()  # (placeholder, dimension name or text)

    def query(self, filters: Filters | None = None) -> exp.Query:
        return self.build(filters or Filters())

    def sql(self, dialect: str, filters: Filters | None = None) -> str:
        return self.query(filters).sql(dialect=dialect)

    def dimension_objects(self) -> list[Dimension]:
        return [dimension(self.kind, name) for name in self.dimensions]

    @property
    def schema(self) -> pa.Schema:
        """The result's columns and types, the same on every engine."""
        return pa.schema(
            [(dim.name, dim.arrow_type) for dim in self.dimension_objects()]
            + [(measure.name, measure.arrow_type) for measure in self.measures]
        )


def _ordered(expression: exp.Expression) -> exp.Ordered:
    return exp.Ordered(this=expression, desc=False, nulls_first=False)


def _order_keys(dim: Dimension) -> list[exp.Ordered]:
    column = exp.column(dim.name)
    if dim.form is Form.FLAGS:
        return [_ordered(exp.column(f"_order_{dim.name}"))]
    if dim.order is Order.BAND:
        bound = exp.RegexpExtract(
            this=column.copy(),
            expression=exp.Literal.string("^[0-9]+"),
            group=exp.Literal.number(0),
        )
        return [_ordered(exp.TryCast(this=bound, to=exp.DataType.build("INT"))), _ordered(column)]
    if dim.order is Order.DECLARED and dim.values:
        case = exp.Case(this=column.copy())
        for position, value in enumerate(dim.values):
            case = case.when(exp.convert(value), exp.convert(position))
        return [_ordered(case.else_(exp.convert(len(dim.values)))), _ordered(column)]
    return [_ordered(column)]


def _where(select: exp.Select, conditions: Sequence[exp.Condition | None]) -> exp.Select:
    present = [condition for condition in conditions if condition is not None]
    return select.where(exp.and_(*present)) if present else select


def _count_query(
    kind: Kind, dims: list[Dimension], filters: Filters, required: Sequence[exp.Condition] = ()
) -> exp.Query:
    """Victims by the dimensions: one scan, then (for flag groups) one row per flag."""
    plain = [dim for dim in dims if dim.form is not Form.FLAGS]
    groups = [dim for dim in dims if dim.form is Form.FLAGS]
    keys = [exp.alias_(key_expression(dim), dim.name) for dim in plain]
    grouping = [key_expression(dim) for dim in plain]
    conditions = [filters.condition(kind), *required]
    outer_columns = [exp.column(dim.name) for dim in dims] + [exp.column("victims")]
    order = [key for dim in dims for key in _order_keys(dim)]

    if not groups:
        inner = _where(
            exp.select(*keys, exp.alias_(exp.Count(this=exp.Star()), "victims")).from_(RECORDS),
            conditions,
        )
        if grouping:
            inner = inner.group_by(*grouping)
        counted = exp.select(*outer_columns).from_(inner.subquery("counted"))
        return counted.order_by(*order) if order else counted

    # Every combination of one flag (or none) per group, counted in the same scan.
    choices = [[*group.values, None] for group in groups]
    combinations = list(product(*choices))
    counts = []
    for position, combination in enumerate(combinations):
        condition = exp.and_(
            *(flag_condition(group, value) for group, value in zip(groups, combination))
        )
        case = exp.Case().when(condition, exp.convert(1))
        counts.append(exp.alias_(exp.Count(this=case), f"c{position}"))
    wide = _where(exp.select(*keys, *counts).from_(RECORDS), conditions)
    if grouping:
        wide = wide.group_by(*grouping)

    parts: list[exp.Select] = []
    for position, combination in enumerate(combinations):
        columns: list[exp.Expression] = [exp.column(dim.name) for dim in plain]
        for group, value in zip(groups, combination):
            literal = (
                exp.convert(value)
                if value is not None
                else exp.cast(exp.null(), exp.DataType.build("TEXT"))
            )
            columns.append(exp.alias_(literal, group.name))
            rank = len(group.values) if value is None else group.values.index(value)
            columns.append(exp.alias_(exp.convert(rank), f"_order_{group.name}"))
        columns.append(exp.alias_(exp.column(f"c{position}"), "victims"))
        parts.append(
            exp.select(*columns).from_("wide").where(exp.column(f"c{position}") > exp.convert(0))
        )
    union: exp.Query = reduce(lambda left, right: exp.union(left, right, distinct=False), parts)
    return (
        exp.select(*outer_columns)
        .from_(union.subquery("unpivoted"))
        .order_by(*order)
        .with_("wide", as_=wide)
    )


def victims_by(*names: str) -> Statistic:
    """Victims counted by up to three dimensions (none: the total)."""
    if len(names) > 3:
        raise ValueError(TOO_MANY_DIMENSIONS)
    dims = [dimension(Kind.VICTIMS, name) for name in names]
    if not names:
        label, chart = gettext_noop("Victims"), Chart.BAR
    elif len(names) == 1:
        label = gettext_noop("Victims by %(first)s")
        chart = Chart.COLUMN if dims[0].ordered else Chart.BAR
    elif len(names) == 2:
        label = gettext_noop("Victims by %(first)s and %(second)s")
        chart = Chart.HEATMAP
    else:
        label = gettext_noop("Victims by %(first)s, %(second)s and %(third)s")
        chart = Chart.HEATMAP
    return Statistic(
        name="_".join(("victims_by", *names)) if names else "victims",
        label=label,
        kind=Kind.VICTIMS,
        dimensions=names,
        measures=(VICTIMS_MEASURE,),
        chart=chart,
        build=lambda filters: _count_query(Kind.VICTIMS, dims, filters),
        label_args=tuple(zip(("first", "second", "third"), names)),
    )


def crosstab(first: str, second: str) -> Statistic:
    """Victims by any two dimensions, for a table with one as rows and one as columns."""
    return victims_by(first, second)


def flows() -> Statistic:
    """Victims from each citizenship to each country of exploitation, for a flow chart."""
    base = victims_by("citizenship", "country_of_exploitation")
    return Statistic(
        name="flows",
        label=gettext_noop("Flows from citizenship to country of exploitation"),
        kind=base.kind,
        dimensions=base.dimensions,
        measures=base.measures,
        chart=Chart.FLOW,
        build=base.build,
    )


def trend(by: str | None = None) -> Statistic:
    """Victims by year, optionally one series per value of a second dimension."""
    names = ("year",) if by is None else ("year", by)
    base = victims_by(*names)
    return Statistic(
        name="trend" if by is None else f"trend_by_{by}",
        label=gettext_noop("Victims per year")
        if by is None
        else gettext_noop("Victims per year by %(second)s"),
        kind=base.kind,
        dimensions=base.dimensions,
        measures=base.measures,
        chart=Chart.TREND,
        build=base.build,
        label_args=base.label_args,
    )


def monthly(name: str = "month_referred") -> Statistic:
    """Victims per month of a date (identified, referred to assistance); no row for no date."""
    dim = dimension(Kind.VICTIMS, name)
    if dim.form is not Form.MONTH:
        raise ValueError(NOT_A_DATE % {"name": name})
    dated = exp.not_(exp.Is(this=exp.column(dim.column), expression=exp.null()))
    labels = {
        "month_referred": gettext_noop("Victims referred to assistance per month"),
        "month_identified": gettext_noop("Victims identified per month"),
    }
    return Statistic(
        name=f"victims_per_{name}",
        label=labels[name],
        kind=Kind.VICTIMS,
        dimensions=(name,),
        measures=(VICTIMS_MEASURE,),
        chart=Chart.LINE,
        build=lambda filters: _count_query(Kind.VICTIMS, [dim], filters, required=[dated]),
    )


def _aggregate_query(dims: list[Dimension], filters: Filters) -> exp.Query:
    suppressed = exp.column("suppressed")
    suppressed_cells = exp.Count(this=exp.Case().when(suppressed, exp.convert(1)))
    missing = exp.and_(
        exp.Is(this=exp.column("value"), expression=exp.null()), exp.not_(suppressed)
    )
    total = exp.cast(exp.Sum(this=exp.column("value")), exp.DataType.build("BIGINT"))
    any_suppressed = suppressed_cells.copy() > exp.convert(0)
    inner = _where(
        exp.select(
            *(exp.alias_(exp.column(dim.column), dim.name) for dim in dims),
            exp.alias_(exp.Case().when(any_suppressed.copy(), exp.null()).else_(total), "value"),
            exp.alias_(any_suppressed, "suppressed"),
            exp.alias_(exp.Count(this=exp.Star()), "cells"),
            exp.alias_(suppressed_cells, "suppressed_cells"),
            exp.alias_(exp.Count(this=exp.Case().when(missing, exp.convert(1))), "missing_cells"),
        ).from_(RECORDS),
        [filters.condition(Kind.AGGREGATES)],
    ).group_by(*(exp.column(dim.column) for dim in dims))
    return (
        exp.select(*(exp.column(name) for name in (*(d.name for d in dims), *AGGREGATE_NAMES)))
        .from_(inner.subquery("summed"))
        .order_by(*(key for dim in dims for key in _order_keys(dim)))
    )


AGGREGATE_NAMES = tuple(measure.name for measure in AGGREGATE_MEASURES)


def aggregates_table(*names: str) -> Statistic:
    """Published counts (GLOTIP) summed by dimensions, by default indicator, year and sex.

    Filter to one breakdown, category and age (`dimension="Total"` ...) or the figures of
    overlapping breakdowns add up twice; the statistic sums what the filters leave.
    """
    names = names or ("indicator", "year", "sex")
    dims = [dimension(Kind.AGGREGATES, name) for name in names]
    return Statistic(
        name="_".join(("aggregates_by", *names)),
        label=gettext_noop("Published figures by %(names)s"),
        kind=Kind.AGGREGATES,
        dimensions=names,
        measures=AGGREGATE_MEASURES,
        chart=Chart.AGGREGATES,
        build=lambda filters: _aggregate_query(dims, filters),
        label_args=(("names", ", ".join(names)),),
    )


def index_profile(country: str, peers: Sequence[str] = ()) -> Statistic:
    """A country's Organized Crime Index scores across editions beside the peers named.

    The caller names the peers (neighbours, the region ...); nothing here guesses them.
    Rows: indicator by indicator, edition by edition, the country first, then the peers in
    the order given.
    """
    if not country:
        raise ValueError(NO_COUNTRY)
    countries = list(dict.fromkeys([country.upper(), *(peer.upper() for peer in peers)]))
    names = ("pillar", "indicator", "edition", "country")
    dims = [dimension(Kind.INDEX_SCORES, name) for name in names]

    def build(filters: Filters) -> exp.Query:
        position = exp.Case(this=exp.column("country"))
        for rank, code in enumerate(countries):
            position = position.when(exp.convert(code), exp.convert(rank))
        inner = _where(
            exp.select(
                *(exp.column(name) for name in names),
                exp.column("score"),
                exp.column("country_name"),
                exp.alias_(
                    exp.EQ(this=exp.column("country"), expression=exp.convert(countries[0])),
                    "subject",
                ),
                exp.alias_(position, "_order_country"),
            ).from_(RECORDS),
            [
                exp.In(this=exp.column("country"), expressions=[exp.convert(c) for c in countries]),
                filters.condition(Kind.INDEX_SCORES),
            ],
        )
        order = [key for dim in dims[:3] for key in _order_keys(dim)]
        order.append(_ordered(exp.column("_order_country")))
        return (
            exp.select(*(exp.column(name) for name in (*names, "score", "country_name", "subject")))
            .from_(inner.subquery("scores"))
            .order_by(*order)
        )

    return Statistic(
        name="index_profile",
        label=gettext_noop("Organized Crime Index scores of %(country)s beside its peers"),
        kind=Kind.INDEX_SCORES,
        dimensions=names,
        measures=SCORE_MEASURES,
        chart=Chart.SCORES,
        build=build,
        label_args=(("country", countries[0]),),
    )


# The standard statistics over victims, by name: one per dimension, the flows, the trend and
# the monthly referrals a KPI reads.
STANDARD_DIMENSIONS = (
    "year",
    "sex",
    "age_band",
    "citizenship",
    "country_of_exploitation",
    "exploitation",
    "means",
    "sector",
    "recruiter",
)


def standard() -> dict[str, Statistic]:
    statistics = [victims_by(name) for name in STANDARD_DIMENSIONS]
    statistics += [flows(), trend(), trend("sex"), monthly("month_referred")]
    return {statistic.name: statistic for statistic in statistics}
