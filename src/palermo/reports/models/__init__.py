"""Generated reports: what was asked for, by whom, its file and who may read it."""

from palermo.reports.models.reports import GeneratedReport, report_path

__all__ = ["GeneratedReport", "report_path"]
