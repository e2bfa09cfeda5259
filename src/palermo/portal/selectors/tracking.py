"""What the public reads of the action plans and recommendations: what was published.

Tracking lets no anonymous visitor read a plan or a recommendation (`tracking.permissions`
reads through the State scope, which needs a signed-in user). The secretariat makes a plan
public by publishing its progress report on the portal; the portal then shows the plan as of
the newest published report's month, through the same read (`reports.builders.selectors.
plan_progress`, i.e. `tracking.selectors.standing`), so the portal and the published report
agree. The recommendations the public plans answer (through their measures, or the plan they
came from) are public with them.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from palermo.reports.builders import selectors as builder_selectors
from palermo.reports.builders.plan_progress import parse_period
from palermo.reports.selectors import reports as report_selectors
from palermo.tracking.models import ActionPlan, Recommendation, Theme
from palermo.tracking.selectors.standing import Standings

PLAN_REPORT = "plan_progress"


def _published_periods(country: str | None) -> dict[int, datetime.date]:
    """Each plan with a published progress report, and the newest month published."""
    reports = report_selectors.report_published_list().filter(kind=PLAN_REPORT)
    if country:
        reports = reports.filter(country__iso3=country)
    newest: dict[int, datetime.date] = {}
    for params in reports.values_list("params", flat=True):
        try:
            plan_id, period = int(params["plan"]), parse_period(str(params["period"]))
        except (KeyError, TypeError, ValueError, ValidationError):
            continue
        if plan_id not in newest or period > newest[plan_id]:
            newest[plan_id] = period
    return newest


def public_plans(country: str | None = None) -> QuerySet[ActionPlan]:
    plans = ActionPlan.objects.filter(pk__in=list(_published_periods(country)))
    if country:
        plans = plans.filter(country=country)
    return plans.select_related("owner").order_by("-starts_on", "title")


@dataclass(frozen=True)
class PublicPlan:
    plan: ActionPlan
    period: datetime.date
    standing: Standings

    @property
    def as_of(self) -> datetime.date:
        return self.standing.as_of


def public_plan_get(plan_id: int, country: str | None = None) -> PublicPlan:
    """A public plan's standing at the end of its newest published month; 404 otherwise."""
    periods = _published_periods(country)
    plan = public_plans(country).filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    period = periods[plan.pk]
    return PublicPlan(plan, period, builder_selectors.plan_progress(plan=plan, period=period))


def public_recommendations(
    country: str | None = None, *, status: str = "", theme: str = "", search: str = ""
) -> QuerySet[Recommendation]:
    plans = public_plans(country)
    found = Recommendation.objects.filter(
        Q(measures__plan__in=plans) | Q(action_plan__in=plans)
    ).distinct()
    if status:
        found = found.filter(status=status)
    if theme:
        found = found.filter(themes__code=theme)
    if search:
        found = found.filter(Q(title__icontains=search) | Q(text__icontains=search))
    return found.order_by("-issued_on", "reference", "pk")


def public_recommendation_get(recommendation_id: int, country: str | None = None) -> Recommendation:
    found = public_recommendations(country).filter(pk=recommendation_id).first()
    if found is None:
        raise Http404
    return found


def public_themes(country: str | None = None) -> QuerySet[Theme]:
    return Theme.objects.filter(
        recommendations__in=public_recommendations(country).values("pk")
    ).distinct()


def public_plans_of(recommendation: Recommendation, country: str | None = None) -> list[ActionPlan]:
    """The public plans answering a recommendation (the measures are shown with them)."""
    plans = public_plans(country)
    return list(
        plans.filter(
            Q(measures__recommendations=recommendation) | Q(source_recommendations=recommendation)
        ).distinct()
    )
