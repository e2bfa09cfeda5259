"""Messages users see, as constants that services raise and tests assert."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Registry: organisations and people
ORGANISATION_PARENT_LOOP = _("An organisation cannot sit under one of its own branches.")
ORGANISATION_PARENT_OTHER_STATE = _("The parent organisation belongs to another State.")
PERSON_NEEDS_COUNTRY = _("Give the person's organisation or their country.")
PHONE_INVALID = _("“%(value)s” is not a valid phone number.")
ORGANISATION_IN_USE = _(
    "This organisation still has people, memberships, statements or action items; "
    "move or remove them first."
)
PERSON_IN_USE = _(
    "This person still takes part in events, alliances or action items; remove them there first."
)

# Alliances
MEMBER_ALREADY_ACTIVE = _("This member already belongs to the alliance.")
MEMBERSHIP_ALREADY_ENDED = _("This membership has already ended.")
YEAR_INVALID = _("Give the year as a number, for example 2024.")
MEMBERSHIP_FIGURE_YEAR_TAKEN = _(
    "The alliance already has figures for this year; change them instead of adding new ones."
)
DATES_ISO = _("Write dates as YYYY-MM-DD, separated by commas.")

# Events, statements, calendar
PARTICIPANT_ALREADY_ADDED = _("This person is already a participant in the event.")
FILE_EMPTY = _("The file is empty; choose another one.")
STATEMENT_ORGANISATION_NOT_VISIBLE = _("Choose an organisation of the event's State.")

# Minutes, decisions and action items
MINUTES_EXIST = _("This meeting already has minutes.")
ACTION_ITEM_STATUS_UNCHANGED = _("The action item already has this status.")
NOTE_EMPTY = _("Write a note or change the status.")
ACTION_ITEM_READ_ONLY = _(
    "Only the item's owner (the person or organisation named above), the review secretariat "
    "or a civil-society coordinator of this State can report progress on it."
)
ACTION_ITEM_NEEDS_OWNER = _("Name who owns the action: a person or an organisation.")
ACTION_ITEM_OWNER_OTHER_STATE = _(
    "The owner belongs to another State; choose someone from this State or an international body."
)
ACTION_ITEM_DUE_SOON = gettext_noop("Action item due on %(due)s: %(action)s (%(event)s).")
ACTION_ITEM_MISSED = gettext_noop("Overdue action item: %(action)s (%(event)s) was due on %(due)s.")

# Stakeholder import
IMPORT_NO_ROWS = _("The file has a header row but no stakeholders; fill in at least one row.")
IMPORT_HAS_ERRORS = _("Rows with errors: %(count)s. Nothing was imported.")
IMPORT_ROW_ERROR = _("Row %(row)s: %(error)s")
IMPORT_ROW_EMPTY = _("The row has neither an organisation nor a person's name.")
IMPORT_EMAIL_INVALID = _("“%(value)s” is not a valid e-mail address.")
IMPORT_KIND_UNKNOWN = _("The kind “%(value)s” is not one of: %(allowed)s.")
IMPORT_TOO_LONG = _("The %(field)s is longer than %(max)s characters.")
IMPORT_MAPPING_UNKNOWN_FIELD = _("“%(value)s” is not a field a column can be imported into.")
IMPORT_MAPPING_UNKNOWN_COLUMN = _("The file has no column “%(column)s”.")
IMPORT_MAPPING_FIELD_TWICE = _(
    "Two columns are imported into “%(field)s”; choose one column for each field."
)
IMPORT_MAPPING_NOT_JSON = _("Give the mapping as a JSON object from column header to field.")
IMPORT_UPLOAD_EXPIRED = _("The upload expired; upload the file again.")
IMPORT_MAPPING_CHANGED = _(
    "The columns were mapped differently, so the preview was updated; check it and import again."
)
IMPORT_NO_HEADER = _(
    "No header row was found in the first %(rows)s rows: no row names the columns this import "
    "knows, such as %(expected)s. Rename the columns, or say which row holds the header."
)
IMPORT_HEADER_ROW_EMPTY = _(
    "Row %(row)s cannot be the header: it is empty or past the end of the sheet (%(rows)s rows)."
)
IMPORT_PHONE_UNVERIFIED = _(
    "“%(value)s” could not be verified as a phone number; it is kept as written."
)
IMPORT_PLACE_FOLDED = _("Only a place: read as the place of row %(row)s (%(place)s).")
IMPORT_PLACE_NOT_ORGANISATION = _("“%(value)s” is a place, not an organisation; read as the city.")
IMPORT_JOB_TITLE_FOLDED = _("Only a job title: read as the title of the person of row %(row)s.")
IMPORT_JOB_TITLE_NOT_ORGANISATION = _(
    "“%(value)s” is a job title, not an organisation; read as the person's title."
)
IMPORT_NOTHING_LEFT = _("Nothing to import: the row names no organisation and no person.")
IMPORT_PERSON_IN_ORGANISATION = _(
    "“%(value)s” looks like a person's name; taken out of the organisation's name."
)
IMPORT_NAME_SPLIT = _("Read from the name: %(parts)s.")
IMPORT_KIND_GUESSED = _("Kind guessed from the name: %(kind)s.")
IMPORT_SHEET_UNKNOWN = _("The workbook has no sheet “%(sheet)s”.")
IMPORT_PERSON_NOT_ORGANISATION = _(
    "“%(value)s” is a person's name, not an organisation; read as the person."
)
IMPORT_KIND_VALUE_UNKNOWN = _("“%(kind)s” is not a kind of organisation.")
