"""Messages users see, as constants that services raise and tests assert."""

from django.utils.translation import gettext_lazy as _

UNKNOWN_KIND = _("This kind of report does not exist.")
FORMAT_NOT_OFFERED = _("This report cannot be generated in this format.")
UNKNOWN_LANGUAGE = _("Palermo does not offer this language.")
NOT_READY = _("This report is not ready yet.")
FILE_MISSING = _("The file of this report is missing; generate the report again.")
ALREADY_PUBLISHED = _("This report is already published.")
NOT_PUBLISHED = _("This report is not published.")
PUBLISH_ONLY_DONE = _("Only a report that was generated successfully can be published.")
GENERATION_FAILED = _(
    "The report could not be generated because of an unexpected error. Try again later; if it "
    "fails again, tell the administrator (the error is in the server's log)."
)
WORKER_STOPPED = _("The worker stopped while building this report.")
RETRY_ONLY_FAILED = _("Only a report that failed can be tried again.")
RECORD_GONE = _("The record this report is about no longer exists, or you may no longer see it.")
PUBLISH_NEEDS_CONFIRMATION = _(
    "This report holds what is not yet meant for the public: %(contents)s. Confirm to publish "
    "it anyway."
)
