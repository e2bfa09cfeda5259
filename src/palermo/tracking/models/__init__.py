"""Recommendations and their progress; action plans, measures, indicators and measurements."""

from palermo.tracking.models.plans import (
    ActionPlan,
    Indicator,
    Measure,
    Measurement,
    period_label,
)
from palermo.tracking.models.recommendations import (
    Recommendation,
    RecommendationUpdate,
    SdgTarget,
    Status,
    Theme,
)

__all__ = [
    "ActionPlan",
    "Indicator",
    "Measure",
    "Measurement",
    "Recommendation",
    "RecommendationUpdate",
    "SdgTarget",
    "Status",
    "Theme",
    "period_label",
]
