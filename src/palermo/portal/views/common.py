"""What every portal page needs."""

from django.conf import settings


def served_country() -> str | None:
    """The State this deployment serves (its reports only), or None for every State."""
    return settings.PALERMO_COUNTRY or None
