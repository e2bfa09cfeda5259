"""k-anonymity over chosen quasi-identifiers, by generalisation and record suppression.

A table is k-anonymous over its quasi-identifiers when every combination of their values that
occurs (an equivalence class) occurs at least k times. To get there:

- each quasi-identifier is generalised to one level of its hierarchy (`hierarchies.py`), the
  same level for every record (full-domain generalisation);
- the records still in a class smaller than k are suppressed (left out), provided they are at
  most `max_suppression` of the records;
- among the combinations of levels (the lattice) that qualify, the one with the least
  information loss wins: loss = (1 - s) * g + s, where g is the mean over the quasi-identifiers
  of level / height (0 as recorded, 1 fully generalised) and s the share of records
  suppressed (a suppressed record loses everything). Ties go to the fewer suppressed.

The search is exact (branch and bound): levels are visited in order of g, and since the loss
is at least g, it stops at the first combination whose g is no smaller than the best loss
found. It never reads records one by one: the records are grouped once into their distinct
combinations of recorded values with a count, and each combination of levels regroups the
classes of a finer one already computed (numpy over integer codes). The top of the lattice
(everything `*`) always qualifies when there are at least k records.
"""

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from palermo.evidence.privacy.hierarchies import Hierarchy, categorical

Codes = npt.NDArray[np.int64]
Node = tuple[int, ...]
_KEY_LIMIT = 2**62


def k_anonymity(table: pa.Table, quasi_identifiers: Sequence[str]) -> int:
    """The k a table has: the size of its smallest equivalence class (0 when it is empty).

    A null is a value like any other: the records whose citizenship is unknown form classes.
    """
    if table.num_rows == 0:
        return 0
    classes = table.group_by(list(quasi_identifiers)).aggregate([([], "count_all")])
    return int(pc.min(classes["count_all"]).as_py())


@dataclass(frozen=True)
class Anonymised:
    """The k-anonymous table and how it was reached."""

    table: pa.Table  # the records kept, their quasi-identifiers generalised (as text)
    k: int  # the k asked for
    k_reached: int  # the smallest class among the records kept (0 if none is kept)
    levels: dict[str, int]
    level_names: dict[str, str]
    suppressed: pa.Array  # row numbers (int64) of the input records left out
    records: int  # in the input
    information_loss: float

    @property
    def suppression_rate(self) -> float:
        return len(self.suppressed) / self.records if self.records else 0.0

    def report(self) -> dict[str, object]:
        return {
            "k": self.k,
            "k_reached": self.k_reached,
            "levels": self.level_names,
            "records": self.records,
            "suppressed": len(self.suppressed),
            "suppression_rate": round(self.suppression_rate, 6),
            "information_loss": round(self.information_loss, 6),
        }


@dataclass
class _Attribute:
    name: str
    hierarchy: Hierarchy
    records: Codes  # each record's index in `dictionary`
    level_codes: list[Codes]  # per level: dictionary index -> code at that level
    level_values: list[list[str | None]]  # per level: code -> generalised value
    ups: list[Codes]  # per level below the top: code -> code one level up

    def cardinality(self, level: int) -> int:
        return len(self.level_values[level])


def _attribute(name: str, column: pa.ChunkedArray, hierarchy: Hierarchy) -> _Attribute:
    text = column.combine_chunks()
    if not pa.types.is_string(text.type):
        text = pc.cast(text, pa.string())
    encoded = pc.dictionary_encode(text, null_encoding="encode")
    dictionary: list[str | None] = encoded.dictionary.to_pylist()
    level_codes: list[Codes] = []
    level_values: list[list[str | None]] = []
    for level in range(hierarchy.height + 1):
        generalised = [hierarchy.generalise(value, level) for value in dictionary]
        distinct = list(dict.fromkeys(generalised))
        position = {value: code for code, value in enumerate(distinct)}
        level_codes.append(np.array([position[value] for value in generalised], dtype=np.int64))
        level_values.append(distinct)
    ups: list[Codes] = []
    for level in range(hierarchy.height):
        up = np.full(len(level_values[level]), -1, dtype=np.int64)
        up[level_codes[level]] = level_codes[level + 1]
        if not np.array_equal(up[level_codes[level]], level_codes[level + 1]):
            raise ValueError(f"The hierarchy of {name} is not a tree at level {level + 1}.")
        ups.append(up)
    records = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return _Attribute(name, hierarchy, records, level_codes, level_values, ups)


def _combine(codes: Sequence[Codes], cardinalities: Sequence[int]) -> Codes:
    """One integer per row that is equal exactly when all the codes are."""
    key = np.zeros(len(codes[0]), dtype=np.int64)
    span = 1
    for column, cardinality in zip(codes, cardinalities, strict=True):
        if span * cardinality >= _KEY_LIMIT:
            distinct, key = np.unique(key, return_inverse=True)
            span = len(distinct)
        key = key * cardinality + column
        span *= cardinality
    return key


@dataclass
class _Classes:
    codes: list[Codes]  # per attribute, one code per class
    sizes: Codes


def _regroup(codes: list[Codes], cardinalities: Sequence[int], weights: Codes | None) -> _Classes:
    distinct, inverse = np.unique(_combine(codes, cardinalities), return_inverse=True)
    inverse = inverse.reshape(-1)
    if weights is None:
        sizes = np.bincount(inverse, minlength=len(distinct)).astype(np.int64)
    else:
        sizes = np.bincount(inverse, weights=weights, minlength=len(distinct)).astype(np.int64)
    grouped = []
    for column in codes:
        first = np.empty(len(distinct), dtype=np.int64)
        first[inverse] = column
        grouped.append(first)
    return _Classes(grouped, sizes)


def k_anonymise(
    table: pa.Table,
    *,
    k: int,
    quasi_identifiers: Sequence[str],
    hierarchies: Mapping[str, Hierarchy] | None = None,
    max_suppression: float = 0.05,
) -> Anonymised:
    """The least lossy k-anonymous version of `table` (rules in the module docstring).

    A quasi-identifier without a hierarchy is kept or suppressed altogether (`categorical`).
    """
    if k < 1:
        raise ValueError("k must be at least 1.")
    if not 0 <= max_suppression <= 1:
        raise ValueError("The suppression rate must be between 0 and 1.")
    records = table.num_rows
    if records < k:
        raise ValueError("The table has fewer records than k.")
    given = hierarchies or {}
    attributes = [
        _attribute(name, table.column(name), given.get(name) or categorical(name))
        for name in quasi_identifiers
    ]
    heights = [attribute.hierarchy.height for attribute in attributes]

    def generalisation(node: Node) -> float:
        return sum(level / height for level, height in zip(node, heights, strict=True)) / len(node)

    def cardinalities(node: Node) -> list[int]:
        return [a.cardinality(level) for a, level in zip(attributes, node, strict=True)]

    bottom: Node = tuple(0 for _ in attributes)
    computed = {
        bottom: _regroup([a.records for a in attributes], cardinalities(bottom), weights=None)
    }
    order = sorted(itertools.product(*(range(h + 1) for h in heights)), key=generalisation)
    allowed = max_suppression * records
    best: tuple[float, int, Node] | None = None
    for node in order:
        loss_floor = generalisation(node)
        if best is not None and loss_floor >= best[0]:
            break
        classes = computed.get(node) or _from_finer(node, attributes, computed)
        computed[node] = classes
        suppressed = int(classes.sizes[classes.sizes < k].sum())
        if suppressed > allowed:
            continue
        rate = suppressed / records
        loss = (1 - rate) * loss_floor + rate
        if best is None or (loss, suppressed) < best[:2]:
            best = (loss, suppressed, node)
    if best is None:  # pragma: no cover - the top of the lattice always qualifies
        raise AssertionError("No generalisation qualifies.")
    return _apply(table, attributes, best[2], k, best[0])


def _from_finer(
    node: Node,
    attributes: Sequence[_Attribute],
    computed: Mapping[Node, _Classes],
) -> _Classes:
    """The classes of `node`, from the smallest class table one level below it."""
    finer = [
        (position, (*node[:position], level - 1, *node[position + 1 :]))
        for position, level in enumerate(node)
        if level > 0
    ]
    position, child = min(
        ((p, c) for p, c in finer if c in computed), key=lambda item: len(computed[item[1]].sizes)
    )
    source = computed[child]
    codes = list(source.codes)
    codes[position] = attributes[position].ups[child[position]][codes[position]]
    sizes = [a.cardinality(level) for a, level in zip(attributes, node, strict=True)]
    return _regroup(codes, sizes, source.sizes)


def _apply(
    table: pa.Table, attributes: Sequence[_Attribute], node: Node, k: int, loss: float
) -> Anonymised:
    codes = [a.level_codes[level][a.records] for a, level in zip(attributes, node, strict=True)]
    cardinalities = [a.cardinality(level) for a, level in zip(attributes, node, strict=True)]
    _, inverse, counts = np.unique(
        _combine(codes, cardinalities), return_inverse=True, return_counts=True
    )
    sizes = counts[inverse.reshape(-1)]
    keep = sizes >= k
    result = table
    for attribute, level, column in zip(attributes, node, codes, strict=True):
        values = pa.array(attribute.level_values[level], pa.string())
        generalised = pa.DictionaryArray.from_arrays(pa.array(column, pa.int32()), values)
        index = result.schema.get_field_index(attribute.name)
        result = result.set_column(index, attribute.name, pc.cast(generalised, pa.string()))
    kept = result.filter(pa.array(keep))
    return Anonymised(
        table=kept,
        k=k,
        k_reached=int(sizes[keep].min()) if keep.any() else 0,
        levels={a.name: level for a, level in zip(attributes, node, strict=True)},
        level_names={
            a.name: a.hierarchy.names[level] for a, level in zip(attributes, node, strict=True)
        },
        suppressed=pa.array(np.flatnonzero(~keep), pa.int64()),
        records=table.num_rows,
        information_loss=loss,
    )
