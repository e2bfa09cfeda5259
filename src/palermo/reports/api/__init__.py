"""The reports API: one sub-router per topic, assembled here."""

from ninja import Router

router = Router()
router.add_router("/", "palermo.reports.api.reports.router")
