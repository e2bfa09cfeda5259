"""Privacy before publication: small-cell suppression, k-anonymity, differentially private counts.

Pure functions over pyarrow tables and plain values; nothing here touches the database. A
release (issue 15) is a table that has passed these checks.
"""

from palermo.evidence.privacy.dp import Budget, BudgetExceededError, NoisyRelease, dp_count_table
from palermo.evidence.privacy.hierarchies import Hierarchy, age_bands, categorical, countries, years
from palermo.evidence.privacy.kanon import Anonymised, k_anonymise, k_anonymity
from palermo.evidence.privacy.suppression import (
    TOTAL,
    Reason,
    Suppressed,
    SuppressedTable,
    suppress_counts,
    suppress_table,
)

__all__ = [
    "TOTAL",
    "Anonymised",
    "Budget",
    "BudgetExceededError",
    "Hierarchy",
    "NoisyRelease",
    "Reason",
    "Suppressed",
    "SuppressedTable",
    "age_bands",
    "categorical",
    "countries",
    "dp_count_table",
    "k_anonymise",
    "k_anonymity",
    "suppress_counts",
    "suppress_table",
    "years",
]
