"""The review API: one sub-router per topic, assembled here."""

from ninja import Router

router = Router()
router.add_router("/", "palermo.reviews.api.reviews.router")
router.add_router("/", "palermo.reviews.api.answers.router")
router.add_router("/", "palermo.reviews.api.peer_review.router")
router.add_router("/", "palermo.reviews.api.parallel.router")
router.add_router("/", "palermo.reviews.api.xlsform.router")
