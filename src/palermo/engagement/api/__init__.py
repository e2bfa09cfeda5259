"""The engagement API: one sub-router per topic, assembled here."""

from ninja import Router

from palermo.engagement.api.alliances import router as alliances_router
from palermo.engagement.api.registry import router as registry_router

router = Router(tags=["engagement"])
router.add_router("/", registry_router)
router.add_router("/", alliances_router)
# -- events, statements, calendar (add_router lines below)
router.add_router("/", "palermo.engagement.api.events.router")
# -- minutes and action items
router.add_router("/", "palermo.engagement.api.minutes.router")
# -- stakeholder import
router.add_router("/", "palermo.engagement.api.imports.router")
