"""Import stakeholders (organisations and their people) from a CSV or XLSX list.

Upload → plan (header row found, column mapping, duplicates and possible matches, warnings and
errors per row; nothing written) → commit (the whole file in one transaction, or nothing).
"""

from palermo.engagement.importers.columns import FIELDS, IGNORE, guess_field, resolve_mapping
from palermo.engagement.importers.commit import ImportResult, ImportRowsError, commit_import
from palermo.engagement.importers.matching import normalise_name
from palermo.engagement.importers.planning import MAX_ROWS, plan_import
from palermo.engagement.importers.plans import ImportPlan, RowPlan
from palermo.engagement.importers.reading import GUESS_KIND

__all__ = [
    "FIELDS",
    "GUESS_KIND",
    "IGNORE",
    "MAX_ROWS",
    "ImportPlan",
    "ImportRowsError",
    "ImportResult",
    "RowPlan",
    "commit_import",
    "guess_field",
    "normalise_name",
    "plan_import",
    "resolve_mapping",
]
