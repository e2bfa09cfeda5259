"""Messages users see, as constants that services raise and tests assert."""

from django.utils.translation import gettext_lazy as _

# Plans, measures, indicators, measurements
PERIOD_NOT_A_PERIOD = _("“%(period)s” is not the first day of a %(frequency)s reporting period.")
PERIOD_OUTSIDE_PLAN = _(
    "The period %(period)s lies outside the indicator's reporting periods (%(first)s to %(last)s)."
)
PERIOD_IN_FUTURE = _("The period %(period)s has not started yet.")
VALUE_IMPLAUSIBLE = _(
    "%(value)s is outside the plausible range for this indicator (%(low)s to %(high)s)."
)
MEASUREMENT_UNCHANGED = _("The value and source are the same as before; nothing was changed.")
INDICATOR_REPORT_READ_ONLY = _(
    "Values are reported by the plan monitors of %(body)s and by the secretariat; the plan's "
    "owner verifies them or returns them for correction."
)
MEASUREMENT_ALREADY_VERIFIED = _("This value is already verified.")
RETURN_NEEDS_REASON = _("Say why the value is returned, so the reporting body can correct it.")

# Recommendations
RECOMMENDATION_NEEDS_COUNTRY = _("Say which State the recommendation is addressed to.")
RECOMMENDATION_LINK_OTHER_STATE = _(
    "The linked record belongs to another State than the recommendation."
)
RECOMMENDATION_BODY_OTHER_STATE = _(
    "“%(name)s” belongs to another State; choose bodies of the recommendation's own State."
)
RECOMMENDATION_NEEDS_SOURCE_TITLE = _("Give the title of the report the recommendation comes from.")
RECOMMENDATION_IN_MEASURES = _(
    "The recommendation is linked to measures of an action plan; unlink it from them first."
)
RECOMMENDATION_EMPTY_TEXT = _("Write the recommendation's text.")
RECOMMENDATION_UNKNOWN_CODES = _("Unknown %(what)s: %(codes)s.")
EXTRACT_NOTHING = _("Write at least one recommendation, one per line.")
UPDATE_IN_FUTURE = _("The date of a progress update cannot lie in the future.")
UPDATE_EMPTY_NARRATIVE = _("Say what happened: the narrative cannot be empty.")
EVIDENCE_EMPTY = _("The evidence file is empty; choose another one.")

# Data maintenance templates
TEMPLATE_NOT_XLSX = _(
    "The file is not an Excel workbook (.xlsx); upload the template downloaded from this page."
)
TEMPLATE_NO_METADATA = _(
    "The workbook is not a Palermo data maintenance template (its hidden description sheet is "
    "missing); download the template again and fill that one in."
)
TEMPLATE_METADATA_BROKEN = _(
    "The hidden description of this template was changed; download the template again."
)
TEMPLATE_VERSION = _(
    "The template was made for another version (%(version)s) of this form; download it again."
)
TEMPLATE_OTHER_PLAN = _(
    "This template belongs to another action plan (number %(plan)s); upload it on that plan's page."
)
TEMPLATE_BODY_UNKNOWN = _("The reporting body of this template no longer exists.")
TEMPLATE_NO_ROWS = _("The template has no indicator rows; nothing can be recorded from it.")
TEMPLATE_NOTHING_TO_RECORD = _(
    "No value is filled in; enter at least one value, then upload the template again."
)
TEMPLATE_HAS_ERRORS = _("Rows with errors: %(count)s. Nothing was recorded.")
TEMPLATE_ROW_ERROR = _("Row %(row)s: %(error)s")
TEMPLATE_MONTH_INVALID = _("“%(value)s” is not a month; choose one from the list.")
TEMPLATE_BODY_INVALID = _("Choose a reporting body from the list.")
TEMPLATE_UPLOAD_EXPIRED = _("The upload expired; upload the template again.")
TEMPLATE_ROW_NO_INDICATOR = _(
    "The row has a value but no indicator number; enter values only in the template's own rows."
)
TEMPLATE_ROW_UNKNOWN_INDICATOR = _("There is no indicator number %(id)s.")
TEMPLATE_ROW_OTHER_PLAN = _("The indicator “%(indicator)s” belongs to another action plan.")
TEMPLATE_ROW_OTHER_BODY = _(
    "The indicator “%(indicator)s” is reported by %(body)s, not by the body of this template."
)
TEMPLATE_ROW_NOT_DUE = _(
    "The indicator “%(indicator)s” has no reporting period ending in this template's month."
)
TEMPLATE_ROW_WRONG_PERIOD = _(
    "The row is for the period “%(row)s”, but this template reports the indicator for %(expected)s."
)
TEMPLATE_ROW_DUPLICATE = _(
    "The indicator “%(indicator)s” already has a row (row %(row)s); keep one row per indicator."
)
TEMPLATE_ROW_NOT_A_NUMBER = _(
    "“%(value)s” is not a number; enter digits only, with a point before any decimals."
)
TEMPLATE_ROW_VALUE_FORMAT = _(
    "%(value)s cannot be stored: use at most 12 digits before the decimal point and 2 after it."
)
TEMPLATE_ROW_SOURCE_TOO_LONG = _("The source is longer than 255 characters.")
TEMPLATE_ROW_NOT_ALLOWED = _("You may not report values for the indicator “%(indicator)s”.")
TEMPLATE_ACTION_CREATE = _("New value: %(value)s.")
TEMPLATE_ACTION_CORRECT = _("Correction: %(old)s → %(new)s.")
TEMPLATE_ACTION_EMPTY = _("Left empty; nothing is recorded.")
TEMPLATE_ACTION_UNCHANGED = _("Same value and source as recorded; nothing changes.")

# Dashboards
