"""The core API: health, the signed-in user, tokens, users, the audit trail and search.

One sub-router per topic, assembled here.
"""

from ninja import Router

router = Router(tags=["core"])
router.add_router("/", "palermo.core.api.health.router")
router.add_router("/", "palermo.core.api.users.router")
router.add_router("/", "palermo.core.api.tokens.router")
router.add_router("/", "palermo.core.api.audit.router")
router.add_router("/", "palermo.core.api.search.router")
