"""Indicators fed by data: an action plan's KPI takes its values from a dataset's statistic.

A feed names a monthly statistic (victims referred to assistance per month, say). When the
dataset gets a new version, every feed on it is recomputed and each reporting period's value
recorded on the indicator through the tracking service, its source naming the version. Values
reach whoever reads the plan, so a period whose count is below the dataset's threshold (and
above zero) is not recorded: the feed says how many were held back.
"""

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.core.audit import audit_created, audit_record
from palermo.core.models import AuditEvent, User
from palermo.core.permissions import require
from palermo.evidence import permissions, storage
from palermo.evidence import statistics as stats
from palermo.evidence.models import Dataset, DatasetVersion, IndicatorFeed
from palermo.evidence.schema import Kind
from palermo.tracking import permissions as tracking_permissions
from palermo.tracking import progress
from palermo.tracking.models import Indicator
from palermo.tracking.services.measurements import measurement_problems, measurement_report

# The statistics a feed can take: counts of victims per month of a date.
MONTHLY = {
    "victims_per_month_referred": "month_referred",
    "victims_per_month_identified": "month_identified",
}


def _statistic(name: str) -> stats.Statistic:
    if name not in MONTHLY:
        raise ValidationError({"statistic": _("Choose a monthly count of victims.")})
    return stats.monthly(MONTHLY[name])


@transaction.atomic
def feed_create(
    *, actor: User, indicator: Indicator, dataset: Dataset, statistic: str
) -> IndicatorFeed:
    """Feed an indicator from a dataset: its owner's analyst, for a plan they may shape."""
    require(permissions.can_manage_dataset(actor, dataset))
    require(tracking_permissions.can_view_plan(actor, indicator.measure.plan))
    if dataset.kind != Kind.VICTIMS:
        raise ValidationError({"dataset": _("Only victim records can feed an indicator.")})
    _statistic(statistic)
    feed = IndicatorFeed(
        indicator=indicator, dataset=dataset, statistic=statistic, created_by=actor
    )
    feed.full_clean()
    feed.save()
    audit_created(actor=actor, obj=feed)
    version = dataset.versions.order_by("-number").first()
    if version is not None:
        feed_refresh(feed, version)
    return feed


def _monthly_counts(feed: IndicatorFeed, version: DatasetVersion) -> dict[str, int]:
    table = stats.run(_statistic(feed.statistic), [storage.absolute(version.path)])
    column = MONTHLY[feed.statistic]
    return {row[column]: int(row["victims"] or 0) for row in table.to_pylist() if row[column]}


def feed_refresh(feed: IndicatorFeed, version: DatasetVersion) -> dict[str, Any]:
    """Record the indicator's values from this version; answer what was done."""
    indicator = feed.indicator
    threshold = feed.dataset.suppression_threshold
    by_period: dict[datetime.date, int] = defaultdict(int)
    for month, count in _monthly_counts(feed, version).items():
        year, number = (int(part) for part in month.split("-"))
        day = datetime.date(year, number, 1)
        by_period[progress.period_start(day, indicator.frequency)] += count
    recorded, held_back, skipped = 0, 0, 0
    source = f"{feed.dataset.name} v{version.number}"[:255]
    today = timezone.localdate()
    for period, count in sorted(by_period.items()):
        if 0 < count < threshold:
            held_back += 1
            continue
        if measurement_problems(indicator, period, Decimal(count), today):
            skipped += 1
            continue
        current = indicator.measurements.filter(period=period).first()
        if current is not None and current.value == count and current.source == source:
            continue
        measurement_report(
            actor=None, indicator=indicator, period=period, value=count, source=source
        )
        recorded += 1
    result = {"recorded": recorded, "held_back": held_back, "outside_plan": skipped}
    feed.last_version = version
    feed.last_run_at = timezone.now()
    feed.last_result = result
    feed.save(update_fields=["last_version", "last_run_at", "last_result"])
    audit_record(
        actor=None,
        action=AuditEvent.Action.UPDATE,
        obj=feed,
        object_repr=f"{feed} from {version}: {recorded} values recorded, {held_back} held back",
    )
    return result


def refresh_for_version(version: DatasetVersion) -> None:
    """Run after a version's transaction commits: every feed of its dataset is recomputed."""
    for feed in IndicatorFeed.objects.filter(dataset_id=version.dataset_id).select_related(
        "indicator", "dataset"
    ):
        with transaction.atomic():
            feed_refresh(feed, version)


@transaction.atomic
def feed_delete(*, actor: User, feed: IndicatorFeed) -> None:
    """Stop feeding an indicator; the values already recorded stay, with their source."""
    require(permissions.can_manage_dataset(actor, feed.dataset))
    audit_record(actor=actor, action=AuditEvent.Action.DELETE, obj=feed)
    feed.delete()


def feedable_indicators(user: Any) -> Any:
    """Indicators of the plans the user may see that no dataset feeds yet."""
    from palermo.core.scope import scope_filter

    return (
        Indicator.objects.filter(scope_filter(user, "measure__plan__country"))
        .filter(evidence_feed__isnull=True)
        .select_related("measure__plan")
        .order_by("measure__plan__title", "measure__number", "name")
    )
