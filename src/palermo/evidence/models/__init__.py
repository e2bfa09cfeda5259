"""Datasets of case data and statistics, their immutable versions, and who may read records.

Metadata lives here, records do not: every import writes one Parquet file (see `storage`) and
one `DatasetVersion` row that names it by checksum. A version is never changed or deleted
once written; a correction is a new version.
"""

from palermo.evidence.models.datasets import (
    CrimeType,
    Dataset,
    DatasetGrant,
    DatasetKind,
    DatasetVersion,
    ImmutableError,
    Sensitivity,
)
from palermo.evidence.models.links import IndicatorFeed, StatisticLink
from palermo.evidence.models.releases import Release

__all__ = [
    "CrimeType",
    "Dataset",
    "DatasetGrant",
    "DatasetKind",
    "DatasetVersion",
    "ImmutableError",
    "IndicatorFeed",
    "Release",
    "Sensitivity",
    "StatisticLink",
]
