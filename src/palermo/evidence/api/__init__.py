"""The evidence API: one sub-router per topic, assembled here."""

from ninja import Router

from palermo.evidence.api.datasets import router as datasets_router
from palermo.evidence.api.links import router as links_router
from palermo.evidence.api.statistics import router as statistics_router

router = Router(tags=["evidence"])
router.add_router("/", datasets_router)
router.add_router("/", statistics_router)
# Statistics linked to recommendations, indicators and articles.
router.add_router("/", links_router)
