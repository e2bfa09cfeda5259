"""Filters of a statistic: equality or membership on any dimension, and a range of years.

Every value reaches the query as a literal built by SQLGlot, never as text pasted into SQL.
`None` among the values matches the unknown (null) value; for a flag group it matches the
records with none of the group's flags. Drilling down is filtering on the value clicked.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from palermo.evidence.schema import Kind
from palermo.evidence.statistics.dimensions import YEAR_COLUMN, Dimension, Form, dimension

UNKNOWN_FLAG = "The group %(group)s has no flag named %(value)s."
EMPTY_FILTER = "A filter on %(name)s needs at least one value."


@dataclass(frozen=True)
class Filters:
    values: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None

    def condition(self, kind: Kind) -> exp.Condition | None:
        """The WHERE condition for records of this kind, or None when nothing is filtered."""
        parts: list[exp.Condition] = [
            value_condition(dimension(kind, name), values) for name, values in self.values.items()
        ]
        year = exp.column(YEAR_COLUMN[kind])
        if self.year_from is not None:
            parts.append(year >= exp.convert(self.year_from))
        if self.year_to is not None:
            parts.append(year <= exp.convert(self.year_to))
        return exp.and_(*parts) if parts else None

    def with_value(self, name: str, value: Any) -> "Filters":
        """These filters narrowed to one value of a dimension (a drill-down)."""
        return Filters(
            values={**self.values, name: (value,)},
            year_from=self.year_from,
            year_to=self.year_to,
        )


def key_expression(dim: Dimension) -> exp.Expression:
    """The expression of a column or month dimension's value (not for flag groups)."""
    column = exp.column(dim.column)
    if dim.form is Form.MONTH:
        return exp.TimeToStr(this=column, format=exp.Literal.string("%Y-%m"))
    return column


def any_flag(dim: Dimension) -> exp.Condition:
    return exp.or_(*(exp.column(column) for column in dim.flag_columns()))


def flag_condition(dim: Dimension, value: str | None) -> exp.Condition:
    """Records with this flag of the group, or (None) with none of them."""
    if value is None:
        return exp.not_(exp.paren(any_flag(dim)))
    if value not in dim.values:
        raise ValueError(UNKNOWN_FLAG % {"group": dim.name, "value": value})
    return exp.column(f"{dim.column}_{value}")


def value_condition(dim: Dimension, values: tuple[Any, ...]) -> exp.Condition:
    if not values:
        raise ValueError(EMPTY_FILTER % {"name": dim.name})
    if dim.form is Form.FLAGS:
        return exp.paren(exp.or_(*(flag_condition(dim, value) for value in values)))
    key = key_expression(dim)
    known = [value for value in values if value is not None]
    parts: list[exp.Condition] = []
    if known:
        parts.append(exp.In(this=key.copy(), expressions=[exp.convert(v) for v in known]))
    if len(known) < len(values):
        parts.append(exp.Is(this=key.copy(), expression=exp.null()))
    return exp.paren(exp.or_(*parts))
