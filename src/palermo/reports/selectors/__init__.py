"""Every read of generated reports, limited to what the reader may read in full."""

from palermo.reports.selectors.reports import report_get, report_list, report_published_list

__all__ = ["report_get", "report_list", "report_published_list"]
