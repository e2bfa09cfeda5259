"""Who may generate each kind of report: whoever may see what the report is about.

A review's reports (self-assessment, parallel report, compliance matrix) follow the review;
the plan progress report follows the action plan; the annual report follows the alliance.
What a report then shows is still limited by the apps' selectors (a user who may not read
draft answers or observations does not find them in the document either).
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from palermo.engagement.models import Alliance
from palermo.engagement.permissions import can_view_alliance
from palermo.reviews.models import Review
from palermo.reviews.permissions import can_consolidate, can_view_review
from palermo.tracking.models import ActionPlan
from palermo.tracking.permissions import can_view_plan

NOT_ALLOWED = _("You may not generate this report.")


def can_generate_review_report(user: Any, review: Review) -> bool:
    return can_view_review(user, review)


def can_generate_parallel_report(user: Any, review: Review) -> bool:
    """The parallel report prints every organisation's submission: whoever may read them all."""
    return can_view_review(user, review) and (user.is_superuser or can_consolidate(user, review))


def can_generate_plan_progress(user: Any, plan: ActionPlan) -> bool:
    return can_view_plan(user, plan)


def can_generate_annual_report(user: Any, alliance: Alliance) -> bool:
    return can_view_alliance(user, alliance)
