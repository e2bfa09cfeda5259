"""Messages users see, as constants that services raise and tests assert."""

from django.utils.translation import gettext_lazy as _

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

# Events, statements, calendar

# Minutes, decisions and action items
MINUTES_EXIST = _("This meeting already has minutes.")
ACTION_ITEM_STATUS_UNCHANGED = _("The action item already has this status.")
NOTE_EMPTY = _("Write a note or change the status.")

# Stakeholder import
