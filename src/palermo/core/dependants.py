"""What stops a record from being deleted, told in words: the kinds of records that depend on it."""

from collections import Counter
from typing import Any

from django.db.models import ProtectedError, RestrictedError
from django.utils.text import format_lazy

from palermo.core import messages


def dependants_count(error: ProtectedError | RestrictedError) -> list[dict[str, Any]]:
    """Each kind of record that depends on the one being deleted, with how many there are."""
    objects = (
        error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
    )
    counts = Counter(type(obj)._meta for obj in objects)
    return [
        {
            "model": opts.label_lower,
            "name": str(opts.verbose_name if count == 1 else opts.verbose_name_plural),
            "count": count,
        }
        for opts, count in sorted(counts.items(), key=lambda item: item[0].label_lower)
    ]


def dependants_message(error: ProtectedError | RestrictedError) -> str:
    """A sentence naming what depends on the record ("… depend on it: 1 recommendation.")."""
    what = ", ".join(f"{item['count']} {item['name']}" for item in dependants_count(error))
    return str(format_lazy(messages.RECORD_IN_USE, what=what))
