"""Organisations and people, alliances, events, statements, minutes and action items."""

from palermo.engagement.models.alliances import Alliance, Membership, MembershipFigure
from palermo.engagement.models.events import (
    Attachment,
    CalendarFeed,
    Event,
    Participant,
    Statement,
)
from palermo.engagement.models.minutes import ActionItem, ActionItemNote, Decision, Minutes
from palermo.engagement.models.organisations import (
    Organisation,
    Person,
    Theme,
    validate_country_code,
)

__all__ = [
    "ActionItem",
    "ActionItemNote",
    "Alliance",
    "Attachment",
    "CalendarFeed",
    "Decision",
    "Event",
    "Membership",
    "MembershipFigure",
    "Minutes",
    "Organisation",
    "Participant",
    "Person",
    "Statement",
    "Theme",
    "validate_country_code",
]
