"""Where a plan stands on a stated day: the one read model of progress, tracks and overdue reports.

The rules live in `palermo.tracking.progress`; this module only gathers the values they need
and presents the result once, typed, for every surface: the plan page, the plan dashboard, the
API, the plan progress report and the home panel. Each surface states the day it judged by
(`as_of`), so two figures for the same plan differ only when their days do.

A value counts when its period began on or before `as_of`, whatever its verification state
(a returned value still fills its period: it awaits a correction, not a report). A period is
overdue when it ended before `as_of` and holds no value.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Prefetch, QuerySet

from palermo.engagement.models import Organisation
from palermo.tracking import progress
from palermo.tracking.charts import track_labels
from palermo.tracking.models import ActionPlan, Indicator, Measure, Measurement, period_label
from palermo.tracking.progress import Track

# Worst first: a measure takes the colour of its worst indicator. An indicator without data
# outranks one on track, so a missing report is not hidden behind a good one.
TRACK_SEVERITY = {Track.OFF_TRACK: 3, Track.AT_RISK: 2, Track.NO_DATA: 1, Track.ON_TRACK: 0}


def percent(share: Decimal | None) -> float | None:
    """A share as a percentage with one decimal, as every surface prints it."""
    return None if share is None else round(float(share * 100), 1)


@dataclass(frozen=True)
class IndicatorStanding:
    """An indicator on `as_of`: its values, where it stands, which reports are due and missing."""

    indicator: Indicator
    as_of: datetime.date
    standing: progress.Standing
    values: dict[datetime.date, Decimal]
    overdue: list[datetime.date]
    due: list[datetime.date]

    @property
    def progress_percent(self) -> float | None:
        return percent(self.standing.progress)

    @property
    def expected_percent(self) -> float | None:
        return percent(self.standing.expected)

    @property
    def latest_label(self) -> str:
        latest = self.standing.latest_period
        return "" if latest is None else period_label(latest, self.indicator.frequency)

    @property
    def track_label(self) -> str:
        return track_labels()[self.standing.track]

    @property
    def overdue_labels(self) -> list[str]:
        return [period_label(period, self.indicator.frequency) for period in self.overdue]


@dataclass(frozen=True)
class MeasureStanding:
    """A measure's indicators, their average progress and the worst indicator's track."""

    measure: Measure
    indicators: list[IndicatorStanding]

    @property
    def reporting(self) -> int:
        return sum(1 for item in self.indicators if item.standing.progress is not None)

    @property
    def progress_percent(self) -> float | None:
        shares = [i.standing.progress for i in self.indicators if i.standing.progress is not None]
        return percent(sum(shares, Decimal(0)) / len(shares)) if shares else None

    @property
    def track(self) -> Track:
        return max(
            (item.standing.track for item in self.indicators),
            key=TRACK_SEVERITY.__getitem__,
            default=Track.NO_DATA,
        )

    def row(self) -> dict[str, Any]:
        """The measure as a chart and table row (numbers as floats)."""
        track = self.track
        return {
            "measure": str(self.measure),
            "number": self.measure.number,
            "indicators": len(self.indicators),
            "reporting": self.reporting,
            "progress": self.progress_percent,
            "track": str(track),
            "track_label": track_labels()[track],
        }


@dataclass(frozen=True)
class OverdueReport:
    indicator: Indicator
    period: datetime.date

    @property
    def label(self) -> str:
        return period_label(self.period, self.indicator.frequency)


@dataclass(frozen=True)
class BodyOverdue:
    """The reports one body owes, oldest first."""

    body: Organisation
    reports: list[OverdueReport]

    @property
    def count(self) -> int:
        return len(self.reports)

    @property
    def indicator_count(self) -> int:
        return len({report.indicator.pk for report in self.reports})

    def row(self) -> dict[str, Any]:
        """The body as a chart and table row."""
        return {"body": self.body.name, "overdue": self.count, "indicators": self.indicator_count}


@dataclass(frozen=True)
class Standings:
    """Indicators on one day, and what they add up to: per measure, per body, in all.

    `plan` is the plan they belong to when they are one plan's (`plan_standing`).
    """

    as_of: datetime.date
    indicators: list[IndicatorStanding]
    measures: list[MeasureStanding]
    plan: ActionPlan | None = None

    @cached_property
    def overdue(self) -> list[BodyOverdue]:
        return overdue_by_body(self.indicators)

    @property
    def overdue_count(self) -> int:
        return sum(len(item.overdue) for item in self.indicators)

    @cached_property
    def measure_rows(self) -> list[dict[str, Any]]:
        return [measure.row() for measure in self.measures]

    @cached_property
    def overdue_rows(self) -> list[dict[str, Any]]:
        return [group.row() for group in self.overdue]

    def overdue_by_plan(self) -> dict[int, int]:
        counts: dict[int, int] = defaultdict(int)
        for item in self.indicators:
            counts[item.indicator.measure.plan_id] += len(item.overdue)
        return counts


def indicator_standing(
    indicator: Indicator, as_of: datetime.date, measurements: Iterable[Measurement] | None = None
) -> IndicatorStanding:
    """One indicator on `as_of`, from `measurements` (its prefetched ones when not given)."""
    if measurements is None:
        measurements = indicator.measurements.all()
    return _standing(indicator, as_of, {m.period: m.value for m in measurements})


def _standing(
    indicator: Indicator, as_of: datetime.date, reported: dict[datetime.date, Decimal]
) -> IndicatorStanding:
    values = {period: value for period, value in reported.items() if period <= as_of}
    standing = progress.standing(
        direction=indicator.direction,
        baseline=indicator.baseline_value,
        target=indicator.target_value,
        baseline_date=indicator.baseline_date,
        target_date=indicator.target_date,
        frequency=indicator.frequency,
        values=values,
    )
    dates = (indicator.baseline_date, indicator.target_date, indicator.frequency)
    return IndicatorStanding(
        indicator=indicator,
        as_of=as_of,
        standing=standing,
        values=values,
        overdue=progress.overdue_periods(*dates, set(values), as_of),
        due=progress.due_periods(*dates, as_of),
    )


def indicator_standings(
    indicators: QuerySet[Indicator], as_of: datetime.date, *, values_only: bool = False
) -> list[IndicatorStanding]:
    """Each indicator on `as_of`, in the queryset's order, in three queries.

    `values_only` reads only each measurement's period and value, as plain values rather than
    records, which is all the standing needs, for callers that show nothing else of them.
    """
    indicators = indicators.select_related("measure", "reporting_body")
    if not values_only:
        measurements = Measurement.objects.order_by("period")
        return [
            indicator_standing(indicator, as_of)
            for indicator in indicators.prefetch_related(
                Prefetch("measurements", queryset=measurements)
            )
        ]
    found = list(indicators)
    reported: dict[int, dict[datetime.date, Decimal]] = defaultdict(dict)
    rows = Measurement.objects.filter(indicator__in=[indicator.pk for indicator in found])
    for indicator_id, period, value in rows.order_by("period").values_list(
        "indicator_id", "period", "value"
    ):
        reported[indicator_id][period] = value
    return [_standing(indicator, as_of, reported[indicator.pk]) for indicator in found]


def standings(
    indicators: QuerySet[Indicator],
    measures: Iterable[Measure],
    as_of: datetime.date,
    plan: ActionPlan | None = None,
) -> Standings:
    """The indicators on `as_of`, grouped under `measures` in their order."""
    items = indicator_standings(indicators, as_of)
    by_measure: dict[int, list[IndicatorStanding]] = defaultdict(list)
    for item in items:
        by_measure[item.indicator.measure_id].append(item)
    return Standings(
        as_of=as_of,
        indicators=items,
        measures=[MeasureStanding(m, by_measure.get(m.pk, [])) for m in measures],
        plan=plan,
    )


def plan_standing(
    *, plan: ActionPlan, as_of: datetime.date, measures: QuerySet[Measure] | None = None
) -> Standings:
    """Where the plan stands on `as_of`: every surface that shows a plan's standing reads this.

    `measures` may bring the plan's measures with what a page prints of them prefetched.
    """
    if measures is None:
        measures = plan.measures.select_related("lead")
    return standings(
        Indicator.objects.filter(measure__plan=plan).order_by("measure__number", "pk"),
        measures.order_by("number"),
        as_of,
        plan=plan,
    )


def overdue_by_body(items: Iterable[IndicatorStanding]) -> list[BodyOverdue]:
    """Overdue reports grouped by reporting body, the body owing most first."""
    grouped: dict[int, list[OverdueReport]] = {}
    bodies: dict[int, Organisation] = {}
    for item in items:
        body = item.indicator.reporting_body
        for period in item.overdue:
            bodies[body.pk] = body
            grouped.setdefault(body.pk, []).append(OverdueReport(item.indicator, period))
    result = [
        BodyOverdue(bodies[pk], sorted(reports, key=lambda r: (r.period, r.indicator.pk)))
        for pk, reports in grouped.items()
    ]
    return sorted(result, key=lambda group: (-group.count, group.body.name))
