"""The engagement API: one sub-router per topic, assembled here."""

from ninja import Router

from palermo.engagement.api.registry import router as registry_router

router = Router(tags=["engagement"])
router.add_router("/", registry_router)
# -- events, statements, calendar (add_router lines below)
# -- minutes and action items
# -- stakeholder import
