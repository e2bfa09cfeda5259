"""On-track status and overdue reports, checked against cases worked out by hand."""

import datetime
from decimal import Decimal

import pytest

from palermo.tracking import progress
from palermo.tracking.progress import Track

D = datetime.date
YEAR = (D(2025, 1, 1), D(2026, 1, 1))  # 365 days from baseline to target


def standing(
    direction: str, baseline: str, target: str, frequency: str, values: dict
) -> progress.Standing:
    return progress.standing(
        direction=direction,
        baseline=Decimal(baseline),
        target=Decimal(target),
        baseline_date=YEAR[0],
        target_date=YEAR[1],
        frequency=frequency,
        values={period: Decimal(value) for period, value in values.items()},
    )


# June 2025 ends on 30 June: 180 of 365 days, so 0.4932 of the way is expected.
@pytest.mark.parametrize(
    ("value", "expected_track", "expected_progress"),
    [
        ("150", Track.ON_TRACK, Decimal("0.5")),
        ("145", Track.AT_RISK, Decimal("0.45")),
        ("120", Track.OFF_TRACK, Decimal("0.2")),
        ("230", Track.ON_TRACK, Decimal("1.3")),
    ],
)
def test_an_increasing_indicator_monthly(
    value: str, expected_track: Track, expected_progress: Decimal
) -> None:
    result = standing("increase", "100", "200", "monthly", {D(2025, 6, 1): value})

    assert result.track == expected_track
    assert result.progress == expected_progress
    assert round(result.expected, 4) == Decimal("0.4932")  # type: ignore[arg-type]


# The second quarter (April to June) also ends on 30 June.
@pytest.mark.parametrize(
    ("value", "expected_track"),
    [
        ("40", Track.ON_TRACK),
        ("42", Track.AT_RISK),
        ("48", Track.OFF_TRACK),
        ("25", Track.ON_TRACK),
    ],
)
def test_a_decreasing_indicator_quarterly(value: str, expected_track: Track) -> None:
    result = standing("decrease", "50", "30", "quarterly", {D(2025, 4, 1): value})

    assert result.track == expected_track


def test_reaching_a_value_counts_overshooting_against_it() -> None:
    overshoot = standing("reach", "60", "100", "monthly", {D(2025, 12, 1): "120"})
    exact = standing("reach", "60", "100", "monthly", {D(2025, 12, 1): "100"})

    assert (overshoot.progress, overshoot.track) == (Decimal("0.5"), Track.OFF_TRACK)
    assert (exact.progress, exact.track) == (Decimal("1"), Track.ON_TRACK)


def test_the_latest_period_decides_even_after_a_missing_month() -> None:
    result = standing(
        "increase", "100", "200", "monthly", {D(2025, 4, 1): "105", D(2025, 6, 1): "150"}
    )

    assert (result.latest_period, result.track) == (D(2025, 6, 1), Track.ON_TRACK)


def test_no_value_means_no_data() -> None:
    assert standing("increase", "100", "200", "monthly", {}).track == Track.NO_DATA


def test_expected_value_on_the_straight_path() -> None:
    halfway = D(2025, 7, 2)  # 182 of 365 days

    value = progress.expected_value(Decimal(100), Decimal(200), *YEAR, halfway)

    assert round(value, 2) == Decimal("149.86")


def test_monthly_periods_run_after_the_baselines_month_to_the_targets() -> None:
    found = progress.periods(D(2024, 12, 31), D(2025, 12, 31), "monthly")

    assert found == [D(2025, month, 1) for month in range(1, 13)]


def test_a_missing_month_is_overdue_once_its_grace_days_have_passed() -> None:
    reported = {D(2025, 1, 1), D(2025, 3, 1)}
    args = (D(2024, 12, 31), D(2025, 12, 31), "monthly", reported)

    # March ends on the 31st; with 15 days' grace its report is due after 15 April.
    assert progress.overdue_periods(*args, today=D(2025, 4, 15)) == [D(2025, 2, 1)]
    assert progress.overdue_periods(*args, today=D(2025, 4, 16)) == [D(2025, 2, 1)]
    assert progress.due_periods(D(2024, 12, 31), D(2025, 12, 31), "monthly", D(2025, 4, 15)) == [
        D(2025, 1, 1),
        D(2025, 2, 1),
    ]
    assert progress.overdue_periods(*args[:3], set(), today=D(2025, 4, 16)) == [
        D(2025, 1, 1),
        D(2025, 2, 1),
        D(2025, 3, 1),
    ]


def test_quarterly_reports_fall_due_after_each_quarter() -> None:
    overdue = progress.overdue_periods(
        D(2024, 12, 31), D(2025, 12, 31), "quarterly", set(), today=D(2025, 8, 1)
    )

    assert overdue == [D(2025, 1, 1), D(2025, 4, 1)]


@pytest.mark.parametrize(
    ("day", "frequency", "start"),
    [
        (D(2025, 5, 17), "monthly", D(2025, 5, 1)),
        (D(2025, 5, 17), "quarterly", D(2025, 4, 1)),
        (D(2025, 12, 31), "quarterly", D(2025, 10, 1)),
        (D(2025, 5, 17), "yearly", D(2025, 1, 1)),
    ],
)
def test_period_starts(day: datetime.date, frequency: str, start: datetime.date) -> None:
    assert progress.period_start(day, frequency) == start
