"""Spreadsheets of the reference layer."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from palermo.core.spreadsheets import workbook_bytes
from palermo.instruments.selectors.coverage import CoverageMatrix

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GAP_FILL = PatternFill("solid", fgColor="F8D7DA")
COVERED_FILL = PatternFill("solid", fgColor="D1E7DD")
COVERAGE_HEADERS = ("cluster", "instrument", "article", "title", "party", "status", "provisions")


def coverage_status(covered: bool, party: bool) -> str:
    if covered:
        return _("Covered")
    return _("Gap") if party else _("Not party")


def coverage_xlsx(matrix: CoverageMatrix) -> bytes:
    """One row per article with the State's mapped provisions; gaps filled red, covered green."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Coverage")
    sheet.append([_("Coverage of %(state)s") % {"state": matrix.state.display_name}])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append([str(header) for header in COVERAGE_HEADERS])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for group in matrix.groups:
        for row in group.rows:
            provisions = "; ".join(str(mapping.provision) for mapping in row.provisions)
            status = coverage_status(bool(row.provisions), row.party)
            sheet.append(
                [
                    group.cluster.number if group.cluster else "",
                    group.instrument.code,
                    row.article.code,
                    row.article.title,
                    _("yes") if row.party else _("no"),
                    status,
                    provisions,
                ]
            )
            fill = COVERED_FILL if row.provisions else (GAP_FILL if row.is_gap else None)
            if fill is not None:
                sheet.cell(row=sheet.max_row, column=6).fill = fill
    totals = workbook.create_sheet(_("Per cluster"))
    totals.append([_("cluster"), _("articles"), _("covered"), _("gaps")])
    for cluster, count, covered, gaps in matrix.cluster_totals():
        totals.append([str(cluster) if cluster else _("Not in a cluster"), count, covered, gaps])
    for column, width in zip("ABCDEFG", (9, 11, 12, 60, 7, 10, 80), strict=True):
        sheet.column_dimensions[column].width = width
    return workbook_bytes(workbook)
