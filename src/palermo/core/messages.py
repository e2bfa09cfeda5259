"""Messages users see, as constants that services raise and tests assert."""

from django.utils.translation import gettext_lazy as _

AUDIT_APPEND_ONLY = "The audit log is append-only: its entries cannot be changed or deleted."
NOT_ALLOWED = _("You do not have permission to do this.")
USERNAME_TAKEN = _("A user with this username already exists.")
UNKNOWN_ROLE = _("This role does not exist.")
ROLE_ALREADY_GRANTED = _("This user already has this role.")
TOKEN_NOT_FOUND = _("This token does not exist.")
TOKEN_ALREADY_REVOKED = _("This token was already revoked.")
TOKEN_DAYS_RANGE = _("A token must expire after 1 to 365 days.")
LOCKED_OUT = _(
    "Too many failed sign-in attempts for this account. It is locked for %(minutes)s minutes; "
    "try again later or ask the review secretariat to unlock it."
)
DEMO_ACCOUNT_OFF = _("Demo accounts can only sign in while Palermo runs in demo mode.")
FILE_EMPTY = _("The file is empty.")
UPLOAD_LIMIT = _("At most %(max)s MB.")
IMPORT_LIMIT = _("At most %(max)s MB and %(rows)s rows.")
FILE_TOO_LARGE = _(
    "The file is larger than %(max)s MB, the most Palermo accepts; upload a smaller one."
)
IMPORT_TOO_MANY_ROWS = _(
    "The file has more than %(max)s rows, the most one import takes; split it into smaller files."
)
IMPORT_TOO_MANY_BLANK_ROWS = _(
    "The file has more than %(max)s rows, most of them empty; delete the empty rows and upload it "
    "again."
)
WORKBOOK_TOO_LARGE = _(
    "The workbook unpacks to more than %(max)s MB, the most Palermo reads; upload a smaller one."
)
WORKBOOK_UNREADABLE = _("The file is not a readable XLSX workbook.")
REQUEST_TOO_LARGE = _(
    "The request is larger than %(max)s MB, the most this server accepts; upload a smaller file."
)
DOCUMENT_KIND_REFUSED = _(
    "The file is not a PDF, Word (.docx or .doc), OpenDocument text (.odt), RTF or plain text "
    "document; save the law in one of these formats and upload it again."
)
RECORD_IN_USE = _(
    "This record cannot be deleted while other records depend on it: {what}. "
    "Remove or reassign them first."
)
RECORD_CONFLICT = _("This change clashes with a record that already exists.")
VALUE_MISSING = _("A required value is missing.")
VALUE_OUT_OF_RANGE = _("A value is too large or otherwise out of range for this field.")
REQUEST_REFUSED = _("The request was refused as malformed or unsafe.")
