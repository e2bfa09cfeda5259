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

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
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
    # A count of victims by its dimensions that can share a scan with others (`shared_plan`);
    # `known` names the dimensions whose unknown value is not a row (a monthly series).
    counts: bool = field(default=False, compare=False, repr=False)
    known: tuple[str, ...] = field(default=(), compare=False, repr=False)

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


def _flag_combinations(groups: list[Dimension]) -> list[tuple[str | None, ...]]:
    """Every combination of one flag (or none) per group."""
    return list(product(*([*group.values, None] for group in groups)))


def _flag_counts(groups: list[Dimension], prefix: str = "") -> list[exp.Expr]:
    """One COUNT_IF per combination of flags, named `{prefix}c{position}`."""
    counts: list[exp.Expr] = []
    for position, combination in enumerate(_flag_combinations(groups)):
        condition = exp.and_(
            *(
                flag_condition(group, value)
                for group, value in zip(groups, combination, strict=True)
            )
        )
        # COUNT_IF: DuckDB counts booleans about twice as fast as COUNT(CASE ...).
        counts.append(exp.alias_(exp.CountIf(this=condition), f"{prefix}c{position}"))
    return counts


def _count_query(
    kind: Kind,
    dims: list[Dimension],
    filters: Filters,
    required: Sequence[exp.Condition] = (),
    wide: exp.Query | None = None,
) -> exp.Query:
    """Victims by the dimensions: one scan, then (for flag groups) one row per flag.

    `wide`, for flag groups without column dimensions, is a query answering the counts
    `c0`, `c1` ... already made (by `shared_plan`), read instead of scanning the records.
    """
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
    combinations = _flag_combinations(groups)
    if wide is None:
        scanned = _where(exp.select(*keys, *_flag_counts(groups)).from_(RECORDS), conditions)
        wide = scanned.group_by(*grouping) if grouping else scanned

    # The counts of the few groups, one row per combination: a small table turned long.
    combination_rows = []
    for position, combination in enumerate(combinations):
        row: list[object] = [position]
        for group, value in zip(groups, combination, strict=True):
            rank = len(group.values) if value is None else group.values.index(value)
            row += [value, rank]
        combination_rows.append(tuple(row))
    combination_columns = ["_combination"]
    for group in groups:
        combination_columns += [group.name, f"_order_{group.name}"]
    pick = exp.Case(this=exp.column("_combination", table="f"))
    for position in range(len(combinations)):
        pick = pick.when(exp.convert(position), exp.column(f"c{position}", table="wide"))
    long = (
        exp.select(
            *(exp.column(dim.name, table="wide") for dim in plain),
            *(exp.column(name, table="f") for name in combination_columns[1:]),
            exp.alias_(pick, "victims"),
        )
        .from_("wide")
        .join(
            exp.values(combination_rows, alias="f", columns=combination_columns),
            join_type="cross",
        )
    )
    return (
        exp.select(*outer_columns)
        .from_(long.subquery("unpivoted"))
        .where(exp.column("victims") > exp.convert(0))
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
        label_args=tuple(zip(("first", "second", "third"), names, strict=False)),
        counts=True,
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
        counts=True,
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
        counts=True,
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
        counts=True,
        known=(name,),
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


@dataclass(frozen=True)
class SharedPlan:
    """Statistics answered from a few shared scans of the records instead of one each.

    `scans` are queries over `RECORDS`, each to be kept as a table under its name; `queries`
    holds, for each statistic in order, its query over those tables (or over `RECORDS` when
    it shares nothing). Each statistic's answer is the one its own query gives.
    """

    scans: dict[str, exp.Query]
    queries: list[exp.Query]


COUNTED = "_counted"  # counts by column dimensions, one grouping set each
FLAGGED = "_flagged"  # the flag counts of every flag-group statistic, one row


def _plain_statistic(statistic: Statistic) -> bool:
    return (
        statistic.counts
        and statistic.kind is Kind.VICTIMS
        and all(dim.form is not Form.FLAGS for dim in statistic.dimension_objects())
    )


def _flag_statistic(statistic: Statistic) -> bool:
    return (
        statistic.counts
        and statistic.kind is Kind.VICTIMS
        and not statistic.known
        and bool(statistic.dimensions)
        and all(dim.form is Form.FLAGS for dim in statistic.dimension_objects())
    )


def shared_plan(statistics: Sequence[Statistic], filters: Filters | None = None) -> SharedPlan:
    """The statistics in as few scans of the records as their kinds allow.

    Counts by column dimensions come from one GROUPING SETS query by the source columns
    (a set per statistic, none kept that another set holds: the year rolls up from year and
    sex), each statistic then summing its rows; counts by flag groups come from one query of
    every statistic's COUNT_IFs. A month is grouped by its date and formatted afterwards
    (thousands of dates, not a million rows, pass through the format).
    """
    filters = filters or Filters()
    plain = [statistic for statistic in statistics if _plain_statistic(statistic)]
    flagged = [statistic for statistic in statistics if _flag_statistic(statistic)]
    condition = filters.condition(Kind.VICTIMS) if len(plain) > 1 or len(flagged) > 1 else None
    scans: dict[str, exp.Query] = {}
    queries: dict[int, exp.Query] = {}

    if len(plain) > 1:
        wanted = {
            frozenset(dim.column for dim in statistic.dimension_objects()) for statistic in plain
        }
        sets = [
            kept
            for kept in sorted(wanted, key=lambda s: (-len(s), sorted(s)))
            if not any(kept < other for other in wanted)
        ]
        columns = sorted({column for kept in sets for column in kept})
        flags = {column: f"_g_{column}" for column in columns}
        select = exp.select(
            *(exp.column(column) for column in columns),
            *(
                exp.alias_(exp.Anonymous(this="GROUPING", expressions=[exp.column(c)]), flag)
                for c, flag in flags.items()
            ),
            exp.alias_(exp.Count(this=exp.Star()), "victims"),
        ).from_(RECORDS)
        select = _where(select, [condition])
        grouping_sets = exp.GroupingSets(
            expressions=[
                exp.Tuple(expressions=[exp.column(column) for column in sorted(kept)])
                for kept in sets
            ]
        )
        scans[COUNTED] = select.group_by(grouping_sets)
        for statistic in plain:
            dims = statistic.dimension_objects()
            needed = {dim.column for dim in dims}
            kept = next(kept for kept in sets if needed <= kept)
            in_set = [
                exp.EQ(
                    this=exp.column(flags[column]),
                    expression=exp.convert(0 if column in kept else 1),
                )
                for column in columns
            ]
            known = [
                exp.not_(exp.Is(this=exp.column(dim.column), expression=exp.null()))
                for dim in dims
                if dim.name in statistic.known
            ]
            total = exp.cast(exp.Sum(this=exp.column("victims")), exp.DataType.build("BIGINT"))
            summed = _where(
                exp.select(
                    *(exp.alias_(key_expression(dim), dim.name) for dim in dims),
                    exp.alias_(total, "victims"),
                ).from_(COUNTED),
                [*in_set, *known],
            )
            if dims:
                summed = summed.group_by(*(key_expression(dim) for dim in dims))
            query = exp.select(
                *(exp.column(dim.name) for dim in dims), exp.column("victims")
            ).from_(summed.subquery("counted"))
            order = [key for dim in dims for key in _order_keys(dim)]
            queries[id(statistic)] = query.order_by(*order) if order else query

    if len(flagged) > 1:
        counts = []
        for position, statistic in enumerate(flagged):
            groups = statistic.dimension_objects()
            counts += _flag_counts(groups, prefix=f"s{position}_")
            wide = exp.select(
                *(
                    exp.alias_(exp.column(f"s{position}_c{index}"), f"c{index}")
                    for index in range(len(_flag_combinations(groups)))
                )
            ).from_(FLAGGED)
            queries[id(statistic)] = _count_query(Kind.VICTIMS, groups, filters, wide=wide)
        scans[FLAGGED] = _where(exp.select(*counts).from_(RECORDS), [condition])

    return SharedPlan(
        scans=scans,
        queries=[
            queries[id(statistic)] if id(statistic) in queries else statistic.query(filters)
            for statistic in statistics
        ],
    )


def _filters_key(filters: Filters | None) -> tuple[object, ...] | None:
    """Filters as a hashable key, or None when a value cannot be one."""
    if filters is None:
        filters = Filters()
    key = (
        tuple(sorted((name, tuple(values)) for name, values in filters.values.items())),
        filters.year_from,
        filters.year_to,
    )
    try:
        hash(key)
    except TypeError:
        return None
    return key


def shared_sql(
    statistics: Sequence[Statistic], filters: Filters | None, dialect: str
) -> tuple[dict[str, str], list[str]]:
    """`shared_plan` written in a dialect: the scans by name, then each statistic's query.

    Count statistics are defined by their name, kind, dimensions and known dimensions, so
    the SQL of a list made only of them is kept (a page of charts asks for the same again).
    """
    filters_key = _filters_key(filters)
    if filters_key is None or not all(statistic.counts for statistic in statistics):
        return _write(shared_plan(statistics, filters), dialect)
    key = (tuple((s.name, s.kind, s.dimensions, s.known) for s in statistics), filters_key, dialect)
    with _sql_lock:
        written = _sql_cache.get(key)
    if written is None:
        written = _write(shared_plan(statistics, filters), dialect)
        with _sql_lock:
            _sql_cache[key] = written
            while len(_sql_cache) > SQL_CACHE_SIZE:
                _sql_cache.pop(next(iter(_sql_cache)))
    scans, queries = written
    return dict(scans), list(queries)


SQL_CACHE_SIZE = 64
_sql_cache: dict[tuple[object, ...], tuple[dict[str, str], list[str]]] = {}
_sql_lock = threading.Lock()


def _write(plan: SharedPlan, dialect: str) -> tuple[dict[str, str], list[str]]:
    return (
        {name: scan.sql(dialect=dialect) for name, scan in plan.scans.items()},
        [query.sql(dialect=dialect) for query in plan.queries],
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
