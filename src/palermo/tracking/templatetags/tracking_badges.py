"""The colour of a recommendation status's badge, for the badge template and hot lists alike."""

from django import template

from palermo.tracking.models import Status

register = template.Library()

STATUS_TONES: dict[str, str] = {
    Status.IMPLEMENTED: "success",
    Status.PARTLY_IMPLEMENTED: "warning",
    Status.IN_PROGRESS: "warning",
    Status.NOT_ACCEPTED: "danger",
}


@register.filter
def recommendation_tone(status: str) -> str:
    """Bootstrap's colour name for a status: green when done, amber under way, red refused."""
    return STATUS_TONES.get(status, "secondary")
