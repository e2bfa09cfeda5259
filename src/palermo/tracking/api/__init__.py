"""The tracking API: one sub-router per topic, assembled here (string paths load lazily)."""

from ninja import Router

router = Router(tags=["tracking"])
# -- recommendations
router.add_router("/", "palermo.tracking.api.recommendations.router")
# -- action plans, measures, indicators, measurements
router.add_router("/", "palermo.tracking.api.plans.router")
# -- data maintenance templates
router.add_router("/", "palermo.tracking.api.datatemplates.router")
# -- dashboards
router.add_router("/", "palermo.tracking.api.dashboards.router")
