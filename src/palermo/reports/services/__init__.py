"""Reports' writes: requesting and generating, recovering abandoned ones, publishing, files."""

from palermo.reports.services.generation import (
    EXTENSIONS,
    report_fail,
    report_generate,
    report_kind_get,
    report_path_for,
    report_request,
    report_retry,
)
from palermo.reports.services.publishing import (
    UnpublishableContentError,
    report_file_open,
    report_publish,
    report_unpublish,
    report_unpublishable,
)
from palermo.reports.services.recovery import (
    MAX_ATTEMPTS,
    Recovery,
    report_is_stale,
    report_recover_if_stale,
    report_recover_stale,
)

__all__ = [
    "EXTENSIONS",
    "MAX_ATTEMPTS",
    "Recovery",
    "UnpublishableContentError",
    "report_fail",
    "report_file_open",
    "report_generate",
    "report_is_stale",
    "report_kind_get",
    "report_path_for",
    "report_publish",
    "report_recover_if_stale",
    "report_recover_stale",
    "report_request",
    "report_retry",
    "report_unpublish",
    "report_unpublishable",
]
