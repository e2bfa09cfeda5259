"""Small-cell suppression of a contingency table, with complementary suppression.

A count table (victims by sex and age band, say) is published with its margins: every
combination of categories and `Total`, down to the grand total. Before publication:

- **Primary**: every published cell, margins included, with 0 < n < k (the dataset's
  threshold: 11 for CTDC, 5 for GLOTIP) is suppressed and shown as `<k`.
- **Zeros are published.** A true zero says that nobody is in the cell, which singles nobody
  out; hiding zeros would also hide most of a sparse table. A zero may still be suppressed as a
  complement (below), and then it is shown like any other complement.
- **Complementary (secondary)**: a *line* is the cells along one dimension with the others
  fixed (a row, a column, or the margins along one dimension), together with its total. With
  the totals published, a line with exactly one suppressed cell gives it away by subtraction,
  so until a fixed point, in every line holding a suppressed cell:
  1. at least two of its cells (its total counted) are suppressed; and
  2. when its total is published, the suppressed cells together hold at least k, otherwise
     the published cells subtracted from the total would reveal a group below the threshold
     (and a group summing to zero would reveal every cell in it).
  A line missing either condition gets one more suppressed cell: the smallest of its
  unsuppressed cells (for the second condition the smallest non-zero one), its total only if
  it has no other cell left; then every line is checked again.
- Complements are shown as `x`, not `<k`: they are not small, and saying so gives the reader
  nothing the first rule does not already tell (every non-zero suppressed group is at least k).

What this guarantees: no suppressed cell can be worked out by subtraction along a row, a column
or any other line, even repeatedly (no line ever has exactly one unknown, so such an attacker
never starts). It is not an audit against linear programming over the whole table, which could
narrow a suppressed cell to an interval; the second rule keeps such an interval from being a
small one in the usual cases.
"""

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import pyarrow as pa

TOTAL = "Total"
UNKNOWN = "unknown"  # the label of a null category

Index = tuple[int, ...]


class Reason(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"


@dataclass(frozen=True)
class Suppressed:
    """A cell that is not published, and why."""

    reason: Reason
    threshold: int

    def __str__(self) -> str:
        return f"<{self.threshold}" if self.reason is Reason.PRIMARY else "x"


Published = int | Suppressed


@dataclass(frozen=True)
class SuppressedTable:
    """A count table as it may be published: each cell a count or a Suppressed marker.

    `cells` holds every published cell keyed by its categories, one per dimension, `TOTAL` in a
    margin; `true_counts` holds the counts before suppression and never leaves the server.
    """

    dimensions: tuple[str, ...]
    categories: tuple[tuple[str, ...], ...]
    threshold: int
    margins: bool
    cells: dict[tuple[str, ...], Published]
    true_counts: dict[tuple[str, ...], int] = field(repr=False)

    def suppressed(self, reason: Reason | None = None) -> list[tuple[str, ...]]:
        return [
            key
            for key, value in self.cells.items()
            if isinstance(value, Suppressed) and (reason is None or value.reason is reason)
        ]

    def summary(self) -> dict[str, int]:
        return {
            "threshold": self.threshold,
            "cells": len(self.cells),
            "suppressed": len(self.suppressed()),
            "primary": len(self.suppressed(Reason.PRIMARY)),
            "secondary": len(self.suppressed(Reason.SECONDARY)),
        }

    def to_arrow(self) -> pa.Table:
        """One row a cell: the dimensions, `value` (null when suppressed), `suppressed`, `shown`."""
        columns: dict[str, list[object]] = {name: [] for name in self.dimensions}
        values: list[int | None] = []
        flags: list[bool] = []
        shown: list[str] = []
        for key, cell in self.cells.items():
            for name, category in zip(self.dimensions, key, strict=True):
                columns[name].append(category)
            values.append(None if isinstance(cell, Suppressed) else cell)
            flags.append(isinstance(cell, Suppressed))
            shown.append(str(cell))
        arrays = {name: pa.array(column, pa.string()) for name, column in columns.items()}
        arrays["value"] = pa.array(values, pa.int64())
        arrays["suppressed"] = pa.array(flags, pa.bool_())
        arrays["shown"] = pa.array(shown, pa.string())
        return pa.table(arrays)


def _label(value: object) -> str:
    return UNKNOWN if value is None else str(value)


def suppress_table(
    table: pa.Table,
    *,
    dimensions: Sequence[str],
    threshold: int,
    count: str = "count",
    categories: Mapping[str, Sequence[str]] | None = None,
    margins: bool = True,
) -> SuppressedTable:
    """Suppress a count table given as rows of dimension values and a count column.

    Rows with the same categories are added up; a combination with no row counts zero. A null
    category is labelled `unknown`. `categories` fixes a dimension's categories and their order
    (otherwise those present, sorted).
    """
    grouped = table.group_by(list(dimensions)).aggregate([(count, "sum")])
    counts: dict[tuple[str, ...], int] = {}
    for row in grouped.to_pylist():
        key = tuple(_label(row[name]) for name in dimensions)
        counts[key] = counts.get(key, 0) + int(row[f"{count}_sum"] or 0)
    return suppress_counts(
        counts, dimensions=dimensions, threshold=threshold, categories=categories, margins=margins
    )


def suppress_counts(
    counts: Mapping[tuple[str, ...], int],
    *,
    dimensions: Sequence[str],
    threshold: int,
    categories: Mapping[str, Sequence[str]] | None = None,
    margins: bool = True,
) -> SuppressedTable:
    """Suppress a count table given as {(category, ...): count} over its inner cells."""
    if threshold < 1:
        raise ValueError("The threshold must be at least 1.")
    if any(value < 0 for value in counts.values()):
        raise ValueError("Counts cannot be negative.")
    dims = tuple(dimensions)
    cats = tuple(
        tuple(categories[name])
        if categories and name in categories
        else tuple(sorted({key[axis] for key in counts}))
        for axis, name in enumerate(dims)
    )
    position = [{category: index for index, category in enumerate(axis)} for axis in cats]
    sizes = tuple(len(axis) for axis in cats)
    values = _with_margins(counts, position, sizes, margins)
    lines = list(_lines(sizes)) if margins else []
    published = list(values)  # without margins, only the inner cells are there
    reasons = {index: Reason.PRIMARY for index in published if 0 < values[index] < threshold}
    _complete(reasons, values, lines, threshold)

    def key_of(index: Index) -> tuple[str, ...]:
        return tuple(
            TOTAL if i == len(axis) else axis[i] for i, axis in zip(index, cats, strict=True)
        )

    cells: dict[tuple[str, ...], Published] = {}
    for index in published:
        reason = reasons.get(index)
        cells[key_of(index)] = values[index] if reason is None else Suppressed(reason, threshold)
    return SuppressedTable(
        dimensions=dims,
        categories=cats,
        threshold=threshold,
        margins=margins,
        cells=cells,
        true_counts={key_of(index): values[index] for index in published},
    )


def _with_margins(
    counts: Mapping[tuple[str, ...], int],
    position: Sequence[Mapping[str, int]],
    sizes: Index,
    margins: bool,
) -> dict[Index, int]:
    """Every cell of the table, margins included: index n_i in dimension i is its total."""
    shape = [range(n + 1) if margins else range(n) for n in sizes]
    values = dict.fromkeys(itertools.product(*shape), 0)
    for key, value in counts.items():
        inner = tuple(axis[category] for axis, category in zip(position, key, strict=True))
        if not margins:
            values[inner] += value
            continue
        choices = [(i, n) for i, n in zip(inner, sizes, strict=True)]
        for index in itertools.product(*choices):
            values[index] += value
    return values


def _lines(sizes: Index) -> Iterable[tuple[list[Index], Index]]:
    """Each line of the table with margins: its inner cells along one axis, and its total."""
    for axis, size in enumerate(sizes):
        others = [range(n + 1) for i, n in enumerate(sizes) if i != axis]
        for fixed in itertools.product(*others):
            cells = [(*fixed[:axis], position, *fixed[axis:]) for position in range(size)]
            yield cells, (*fixed[:axis], size, *fixed[axis:])


def _complete(
    reasons: dict[Index, Reason],
    values: Mapping[Index, int],
    lines: Sequence[tuple[list[Index], Index]],
    threshold: int,
) -> None:
    """Add complementary suppressions until every line keeps its suppressed cells hidden."""
    changed = True
    while changed:
        changed = False
        for cells, total in lines:
            hidden = [cell for cell in cells if cell in reasons]
            count = len(hidden) + (total in reasons)
            if count == 0:
                continue
            hidden_sum = sum(values[cell] for cell in hidden)
            needs_sum = total not in reasons and hidden_sum < threshold
            if count >= 2 and not needs_sum:
                continue
            candidates = [
                cell
                for cell in cells
                if cell not in reasons and (values[cell] > 0 or not needs_sum)
            ]
            if candidates:
                chosen = min(candidates, key=lambda cell: (values[cell], cell))
            elif total not in reasons:
                chosen = total
            else:  # pragma: no cover - a suppressed total with every cell hidden has count >= 2
                raise AssertionError("A line cannot be protected.")
            reasons[chosen] = Reason.SECONDARY
            changed = True
