"""What every loader is: a source layout read onto one kind's schema, all or nothing.

A loader reads a file it is given (CSV, XLSX ...) and answers a `Loaded`: the records as an
Arrow table in its kind's schema, the row-level errors, and notes on what it noticed without
refusing (exact duplicate rows, non-unique keys, a renamed column). A file with any error is
not stored: the import service writes nothing and shows the errors. Loaders know nothing of
Django; they are pure functions of the file, so tests and the benchmark call them directly.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyarrow as pa

from palermo.evidence.schema import SCHEMAS, Kind

# Errors past this many are counted, not listed: the user fixes the pattern, not 10,000 rows.
MAX_ERRORS = 200


@dataclass(frozen=True)
class RowError:
    """One refused value: where it is, as the user sees the file, and why."""

    row: int  # the row number as a spreadsheet shows it (the header is row 1 unless moved)
    column: str  # the column's name in the file, or "" for the whole row
    message: str


@dataclass
class Loaded:
    table: pa.Table
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0  # all errors, including those past MAX_ERRORS
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error_count == 0 and not self.errors


class Layout(Protocol):
    """A source layout: `sniff` recognises a header, `load` reads a whole file."""

    name: str  # stable identifier, e.g. "ctdc_synthetic"
    label: str  # what the import page shows
    kind: Kind

    def sniff(self, header: list[str]) -> bool: ...

    def load(self, path: Path) -> Loaded: ...


def conform(table: pa.Table, kind: Kind) -> pa.Table:
    """The table with exactly its kind's columns, in order and types (missing columns null)."""
    schema = SCHEMAS[kind]
    columns = []
    for schema_field in schema:
        if schema_field.name in table.column_names:
            columns.append(table.column(schema_field.name).cast(schema_field.type))
        elif not schema_field.nullable and pa.types.is_boolean(schema_field.type):
            columns.append(pa.array([False] * table.num_rows, pa.bool_()))
        else:
            columns.append(pa.nulls(table.num_rows, schema_field.type))
    return pa.Table.from_arrays(columns, schema=schema)
