"""Data maintenance templates: an XLSX per plan, reporting body and month that round-trips.

Download (`template_build`) → fill in Excel → upload: `template_plan` says what each row
would record (nothing written), `template_commit` records every filled row or nothing.
Which indicators a month's template holds is explained in `rules`.
"""

from palermo.tracking.datatemplates.build import template_build, template_filename
from palermo.tracking.datatemplates.commit import TemplateRowsError, UploadResult, template_commit
from palermo.tracking.datatemplates.planning import RowPlan, UploadPlan, template_plan
from palermo.tracking.datatemplates.rules import (
    default_month,
    indicator_period,
    may_open_templates,
    may_use_template,
    month_start,
    reporting_period,
    template_bodies,
    template_indicators,
    template_months,
)

__all__ = [
    "RowPlan",
    "TemplateRowsError",
    "UploadPlan",
    "UploadResult",
    "default_month",
    "indicator_period",
    "may_open_templates",
    "may_use_template",
    "month_start",
    "reporting_period",
    "template_bodies",
    "template_build",
    "template_commit",
    "template_filename",
    "template_indicators",
    "template_months",
    "template_plan",
]
