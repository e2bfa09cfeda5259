"""Reference data is public to read; writes follow the same permissions as the pages.

One sub-router per topic, assembled here.
"""

from ninja import Router

router = Router(tags=["instruments"])
router.add_router("/", "palermo.instruments.api.instruments.router")
router.add_router("/", "palermo.instruments.api.states.router")
router.add_router("/", "palermo.instruments.api.legislation.router")
