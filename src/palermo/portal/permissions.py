"""Who may read what on the portal: anyone, signed in or not, what the secretariat published.

The portal has no roles; its one rule is the one the reports app lists published reports by
(`reports.selectors.report_published_list`), checked again on the report a visitor opens.
"""

from palermo.reports.models import GeneratedReport


def can_read_report(report: GeneratedReport) -> bool:
    """Anyone may read a report that is done and published; no one reads any other here."""
    return report.published and report.status == GeneratedReport.Status.DONE
