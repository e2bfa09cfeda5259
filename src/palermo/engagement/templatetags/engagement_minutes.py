"""Template helpers for an event's minutes, for pages that only have the event at hand."""

from typing import Any

from django import template

from palermo.engagement import permissions
from palermo.engagement.models import Event, Minutes
from palermo.engagement.selectors import minutes as minutes_selectors

register = template.Library()


@register.simple_tag
def event_minutes_summary(event: Event, user: Any) -> dict[str, Any]:
    """The event's minutes (or None), its counts, and whether this user may record them."""
    summary = minutes_selectors.minutes_summary(event=event)
    return {
        "minutes": summary.minutes,
        "decisions": summary.decisions,
        "open_items": summary.open_items,
        "overdue_items": summary.overdue_items,
        "can_record": permissions.can_record_minutes(user, event),
    }


@register.filter
def has_minutes(event: Event) -> bool:
    """`{% if event|has_minutes %}`, where `{% if event.minutes %}` would raise for none."""
    return Minutes.objects.filter(event=event).exists()
