"""Differentially private count tables (OpenDP), and the privacy budget a dataset spends.

- A count table is released with discrete Laplace noise (the geometric mechanism) on each of
  its inner cells, zeros included: with every person counted in at most `contributions` cells,
  the cells' L1 sensitivity is `contributions`, the noise scale is contributions / epsilon, and
  the release spends epsilon (as OpenDP's own accounting states it).
- After the noise, counts below zero become zero; margins, where wanted, are added up from the
  released cells, never counted again: post-processing spends nothing more.
- The cells are every combination of the categories passed, or of those present: categories
  taken from the data reveal which are empty, so pass them when that matters.
- A `Budget` is a value: the dataset's total epsilon and the releases charged to it. Charging
  returns a new budget and refuses to go past the total; the caller stores it.
- The noise comes from OpenDP, which draws from the operating system's secure source and cannot
  be seeded: that is the one for releases. A numpy Generator may be passed instead to draw the
  same distribution repeatably (tests, demos); such a release is only as private as its seed.
"""

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from palermo.evidence.privacy.suppression import UNKNOWN

BUDGET_EXCEEDED = "This release would spend more privacy budget than the dataset has left."


class BudgetExceededError(Exception):
    pass


@dataclass(frozen=True)
class Charge:
    release: str
    epsilon: float


@dataclass(frozen=True)
class Budget:
    """A dataset's privacy budget: its total epsilon and what each release spent."""

    total: float
    charges: tuple[Charge, ...] = field(default=())

    @property
    def spent(self) -> float:
        return sum(charge.epsilon for charge in self.charges)

    @property
    def remaining(self) -> float:
        return self.total - self.spent

    def charge(self, release: str, epsilon: float) -> "Budget":
        """The budget after this release; BudgetExceededError if it would overspend."""
        if epsilon <= 0:
            raise ValueError("Epsilon must be positive.")
        if self.spent + epsilon > self.total + 1e-12:
            raise BudgetExceededError(BUDGET_EXCEEDED)
        return Budget(self.total, (*self.charges, Charge(release, epsilon)))

    def to_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "charges": [{"release": c.release, "epsilon": c.epsilon} for c in self.charges],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Budget":
        return cls(
            total=float(data["total"]),
            charges=tuple(
                Charge(str(c["release"]), float(c["epsilon"])) for c in data.get("charges", [])
            ),
        )


@dataclass(frozen=True)
class NoisyRelease:
    table: pa.Table  # the dimensions and `count`, one row per inner cell
    epsilon: float
    scale: float
    budget: Budget  # the budget after this release


def _opendp_noise(counts: list[int], scale: float, contributions: int) -> tuple[list[int], float]:
    import opendp.prelude as dp  # imported here: a large library most requests never need

    dp.enable_features("contrib")
    space = dp.vector_domain(dp.atom_domain(T=int)), dp.l1_distance(T=int)
    measurement = space >> dp.m.then_laplace(scale=scale)
    return list(measurement(counts)), float(measurement.map(contributions))


def _numpy_noise(counts: list[int], scale: float, rng: np.random.Generator) -> list[int]:
    # Discrete Laplace as the difference of two geometric draws with p = 1 - exp(-1/scale).
    p = -np.expm1(-1 / scale)
    noise = rng.geometric(p, len(counts)) - rng.geometric(p, len(counts))
    return [int(value) for value in np.asarray(counts, dtype=np.int64) + noise]


def dp_count_table(
    table: pa.Table,
    *,
    dimensions: Sequence[str],
    epsilon: float,
    budget: Budget,
    release: str,
    count: str = "count",
    categories: Mapping[str, Sequence[str]] | None = None,
    contributions: int = 1,
    rng: np.random.Generator | None = None,
) -> NoisyRelease:
    """Release a count table with noise for `epsilon`, charged to `budget` first."""
    if contributions < 1:
        raise ValueError("A person counts in at least one cell.")
    budget_after = budget.charge(release, epsilon)  # refuses before any noise is drawn
    grouped = table.group_by(list(dimensions)).aggregate([(count, "sum")])
    true: dict[tuple[str, ...], int] = {}
    for row in grouped.to_pylist():
        key = tuple(UNKNOWN if row[name] is None else str(row[name]) for name in dimensions)
        true[key] = true.get(key, 0) + int(row[f"{count}_sum"] or 0)
    axes = [
        list(categories[name])
        if categories and name in categories
        else sorted({key[axis] for key in true})
        for axis, name in enumerate(dimensions)
    ]
    keys = list(itertools.product(*axes))
    counts = [true.get(key, 0) for key in keys]
    scale = contributions / epsilon
    if rng is None:
        noisy, spent = _opendp_noise(counts, scale, contributions)
        if spent > epsilon + 1e-12:  # pragma: no cover - OpenDP agrees with the formula
            raise BudgetExceededError(BUDGET_EXCEEDED)
    else:
        noisy = _numpy_noise(counts, scale, rng)
    columns: dict[str, pa.Array] = {
        name: pa.array([key[axis] for key in keys], pa.string())
        for axis, name in enumerate(dimensions)
    }
    columns["count"] = pa.array([max(0, value) for value in noisy], pa.int64())
    return NoisyRelease(pa.table(columns), epsilon=epsilon, scale=scale, budget=budget_after)
