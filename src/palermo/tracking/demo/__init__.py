"""The tracking demo: the alliance's and the statements' recommendations, then the 14-point plan.

Idempotent: a second run finds what exists and writes nothing.
"""

from django.db import transaction

from palermo.tracking.demo import plans, recommendations


@transaction.atomic
def demo_load() -> dict[str, int]:
    counts = recommendations.load()
    counts.update(plans.load())
    return counts
