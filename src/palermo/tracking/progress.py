"""How an indicator stands: progress towards its target, on track or not, and missing reports.

Pure functions over plain values, so the rules can be checked by hand:

- Progress is the share of the way from baseline to target covered by the latest value:
  (value - baseline) / (target - baseline) when increasing, (baseline - value) /
  (baseline - target) when decreasing, and 1 - |target - value| / |target - baseline| when
  the indicator must reach a value (overshooting counts against it).
- The expected path runs in a straight line from the baseline (on its date) to the target
  (on its date): by a given day, the expected progress is the share of that time elapsed.
- On track: progress at least as expected. At risk: behind by no more than AT_RISK_MARGIN
  of the whole way. Off track: further behind.
- A period is due once it has ended and GRACE_DAYS have passed; a due period without a value
  is overdue. Periods are counted from the one after the baseline date to the one holding the
  target date.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

AT_RISK_MARGIN = Decimal("0.10")
GRACE_DAYS = 15


class Track(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


MONTHS_IN = {"monthly": 1, "quarterly": 3, "yearly": 12}


def period_start(day: datetime.date, frequency: str) -> datetime.date:
    """The first day of the period holding `day`."""
    months = MONTHS_IN[frequency]
    month = ((day.month - 1) // months) * months + 1
    return datetime.date(day.year, month, 1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def period_end(start: datetime.date, frequency: str) -> datetime.date:
    return add_months(start, MONTHS_IN[frequency]) - datetime.timedelta(days=1)


def periods(
    baseline_date: datetime.date, target_date: datetime.date, frequency: str
) -> list[datetime.date]:
    """Every reporting period after the baseline's, up to the one holding the target date."""
    step = MONTHS_IN[frequency]
    current = add_months(period_start(baseline_date, frequency), step)
    last = period_start(target_date, frequency)
    found = []
    while current <= last:
        found.append(current)
        current = add_months(current, step)
    return found


def due_periods(
    baseline_date: datetime.date,
    target_date: datetime.date,
    frequency: str,
    today: datetime.date,
) -> list[datetime.date]:
    """The periods whose report is due by `today` (ended, plus the grace days)."""
    grace = datetime.timedelta(days=GRACE_DAYS)
    return [
        start
        for start in periods(baseline_date, target_date, frequency)
        if period_end(start, frequency) + grace < today
    ]


def overdue_periods(
    baseline_date: datetime.date,
    target_date: datetime.date,
    frequency: str,
    reported: set[datetime.date],
    today: datetime.date,
) -> list[datetime.date]:
    return [
        start
        for start in due_periods(baseline_date, target_date, frequency, today)
        if start not in reported
    ]


def progress(direction: str, baseline: Decimal, target: Decimal, value: Decimal) -> Decimal:
    """Share of the way from baseline to target (1 = there; may exceed 1 or fall below 0)."""
    distance = target - baseline
    if distance == 0:
        return Decimal(1) if value == target else Decimal(0)
    if direction == "reach":
        return 1 - abs(target - value) / abs(distance)
    return (value - baseline) / distance


def expected_progress(
    baseline_date: datetime.date, target_date: datetime.date, day: datetime.date
) -> Decimal:
    """Share of the way the straight path from baseline to target has covered by `day`."""
    total = (target_date - baseline_date).days
    elapsed = (day - baseline_date).days
    if total <= 0:
        return Decimal(1)
    return min(Decimal(1), max(Decimal(0), Decimal(elapsed) / Decimal(total)))


def expected_value(
    baseline: Decimal,
    target: Decimal,
    baseline_date: datetime.date,
    target_date: datetime.date,
    day: datetime.date,
) -> Decimal:
    return baseline + (target - baseline) * expected_progress(baseline_date, target_date, day)


def track(actual: Decimal, expected: Decimal) -> Track:
    if actual >= expected:
        return Track.ON_TRACK
    if actual >= expected - AT_RISK_MARGIN:
        return Track.AT_RISK
    return Track.OFF_TRACK


@dataclass(frozen=True)
class Standing:
    """Where an indicator stands after its latest value."""

    track: Track
    progress: Decimal | None = None
    expected: Decimal | None = None
    latest_value: Decimal | None = None
    latest_period: datetime.date | None = None


def standing(
    *,
    direction: str,
    baseline: Decimal,
    target: Decimal,
    baseline_date: datetime.date,
    target_date: datetime.date,
    frequency: str,
    values: dict[datetime.date, Decimal],
) -> Standing:
    """Judge the latest value against the expected path at the end of its period."""
    if not values:
        return Standing(Track.NO_DATA)
    latest = max(values)
    actual = progress(direction, baseline, target, values[latest])
    expected = expected_progress(baseline_date, target_date, period_end(latest, frequency))
    return Standing(track(actual, expected), actual, expected, values[latest], latest)
