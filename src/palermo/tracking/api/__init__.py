"""The tracking API: one sub-router per topic, assembled here (string paths load lazily)."""

from ninja import Router

router = Router(tags=["tracking"])
# -- recommendations
# -- action plans, measures, indicators, measurements
# -- data maintenance templates
# -- dashboards
