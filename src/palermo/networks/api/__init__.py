"""The networks app's API: each topic's router, assembled under one."""

from ninja import Router

from palermo.networks.api import analyses, collections, entities, resolution

router = Router()
router.add_router("/", collections.router)
router.add_router("/", entities.router)
router.add_router("/", resolution.router)
router.add_router("/", analyses.router)
