"""Writing generated rows the way real files come: BOM, CRLF, no final newline, in chunks.

Generators build a chunk of rows column by column (one `random.choices` per column, not one
call per cell) and hand the rows here, so a 10^6-row file never sits in memory whole.
"""

import csv
import io
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

CHUNK = 50_000


@dataclass(frozen=True)
class BadRow:
    """The one refused cell a bad-row writer put into an otherwise loadable file."""

    row: int  # spreadsheet row number (the header is row 1)
    column: str  # the column's name in the file
    value: str


@dataclass(frozen=True)
class Dirt:
    """How a file is dirtied: what real copies of the source look like."""

    bom: bool = False
    crlf: bool = False
    final_newline: bool = True


def write_csv(
    path: Path,
    header: Sequence[str],
    chunks: Iterable[Iterable[Sequence[str]]],
    *,
    delimiter: str = ",",
    dirt: Dirt | None = None,
) -> Path:
    dirt = dirt or Dirt()
    terminator = "\r\n" if dirt.crlf else "\n"
    pending = ""
    with path.open("w", encoding="utf-8-sig" if dirt.bom else "utf-8", newline="") as handle:
        for chunk in [[header], *chunks]:
            buffer = io.StringIO()
            csv.writer(buffer, delimiter=delimiter, lineterminator=terminator).writerows(chunk)
            handle.write(pending)
            pending = buffer.getvalue()
        handle.write(pending if dirt.final_newline else pending.rstrip("\r\n"))
    return path


def weighted(rng: random.Random, table: dict[str, float], k: int) -> list[str]:
    return rng.choices(list(table), weights=list(table.values()), k=k)


def flags(rng: random.Random, probability: float, k: int, *, no: str = "") -> list[str]:
    return rng.choices(["1", no], weights=[probability, 1 - probability], k=k)


def sprinkle(
    rng: random.Random, column: list[str], rate: float, change: Callable[[str], str]
) -> None:
    """Change about `rate` of the column's cells in place (the dirt of hand-kept files)."""
    count = int(len(column) * rate)
    for index in rng.sample(range(len(column)), min(count, len(column))):
        column[index] = change(column[index])


class Groups:
    """The rows of a chunk by group (a form of exploitation), to draw values group by group."""

    def __init__(self, groups: list[str]) -> None:
        self.size = len(groups)
        self.positions: dict[str, list[int]] = {}
        for index, group in enumerate(groups):
            self.positions.setdefault(group, []).append(index)

    def draw(self, make: Callable[[str, int], list[str]]) -> list[str]:
        """One value per row drawn from the row's group's distribution (`make(group, k)`)."""
        result = [""] * self.size
        for group, indexes in self.positions.items():
            for index, value in zip(indexes, make(group, len(indexes)), strict=True):
                result[index] = value
        return result


def chunk_sizes(rows: int) -> Iterable[tuple[int, int]]:
    """(first row index, size) of each chunk."""
    for start in range(0, rows, CHUNK):
        yield start, min(CHUNK, rows - start)


def seeded(seed: int) -> random.Random:
    """The generators' one source of randomness: the same seed, the same file."""
    return random.Random(seed)  # noqa: S311 - reproducible test data, not a secret
