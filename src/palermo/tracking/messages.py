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
MEASUREMENT_ALREADY_VERIFIED = _("This value is already verified.")
RETURN_NEEDS_REASON = _("Say why the value is returned, so the reporting body can correct it.")

# Recommendations

# Data maintenance templates

# Dashboards
