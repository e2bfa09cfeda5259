"""Reporting indicator values, correcting them (history kept), and verifying them."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from palermo.core.audit import audit_created, audited_update
from palermo.core.models import User
from palermo.core.permissions import require
from palermo.tracking import messages, permissions, progress
from palermo.tracking.models import Indicator, Measurement, period_label


def measurement_problems(
    indicator: Indicator, period: datetime.date, value: Decimal, today: datetime.date
) -> list[str]:
    """Why this value cannot be recorded for this period (empty when it can)."""
    problems: list[str] = []
    frequency = indicator.frequency
    if progress.period_start(period, frequency) != period:
        problems.append(
            str(messages.PERIOD_NOT_A_PERIOD)
            % {"period": period.isoformat(), "frequency": indicator.get_frequency_display().lower()}
        )
        return problems
    allowed = progress.periods(indicator.baseline_date, indicator.target_date, frequency)
    if allowed and not allowed[0] <= period <= allowed[-1]:
        problems.append(
            str(messages.PERIOD_OUTSIDE_PLAN)
            % {
                "period": period_label(period, frequency),
                "first": period_label(allowed[0], frequency),
                "last": period_label(allowed[-1], frequency),
            }
        )
    elif period > today:
        problems.append(
            str(messages.PERIOD_IN_FUTURE) % {"period": period_label(period, frequency)}
        )
    low, high = indicator.plausible_min, indicator.plausible_max
    if (low is not None and value < low) or (high is not None and value > high):
        problems.append(
            str(messages.VALUE_IMPLAUSIBLE)
            % {
                "value": value,
                "low": "—" if low is None else low,
                "high": "—" if high is None else high,
            }
        )
    return problems


@transaction.atomic
def measurement_report(
    *,
    actor: User | None,
    indicator: Indicator,
    period: datetime.date,
    value: Decimal | int | str,
    source: str = "",
    note: str = "",
    today: datetime.date | None = None,
) -> Measurement:
    """Record the value for a period, or correct the one recorded (the history keeps it)."""
    if actor is not None:
        require(permissions.can_report(actor, indicator))
    amount = Decimal(str(value))
    problems = measurement_problems(indicator, period, amount, today or timezone.localdate())
    if problems:
        raise ValidationError(problems)
    existing = Measurement.objects.filter(indicator=indicator, period=period).first()
    if existing is None:
        measurement = Measurement(
            indicator=indicator,
            period=period,
            value=amount,
            source=source.strip(),
            note=note.strip(),
            reported_by=actor,
        )
        measurement.full_clean()
        measurement.save()
        audit_created(actor=actor, obj=measurement)
        return measurement
    if existing.value == amount and existing.source == source.strip() and not note.strip():
        raise ValidationError(messages.MEASUREMENT_UNCHANGED)
    audited_update(
        actor=actor,
        obj=existing,
        fields={
            "value": amount,
            "source": source.strip(),
            "note": note.strip(),
            "state": Measurement.State.REPORTED,
            "reported_by": actor,
            "reported_at": timezone.now(),
            "verified_by": None,
            "verified_at": None,
        },
    )
    return existing


@transaction.atomic
def measurement_verify(*, actor: User | None, measurement: Measurement) -> Measurement:
    if actor is not None:
        require(permissions.can_verify(actor, measurement))
    if measurement.state == Measurement.State.VERIFIED:
        raise ValidationError(messages.MEASUREMENT_ALREADY_VERIFIED)
    audited_update(
        actor=actor,
        obj=measurement,
        fields={
            "state": Measurement.State.VERIFIED,
            "verified_by": actor,
            "verified_at": timezone.now(),
        },
    )
    return measurement


@transaction.atomic
def measurement_return(*, actor: User | None, measurement: Measurement, reason: str) -> Measurement:
    """Send a value back to the reporting body for correction, saying why."""
    if actor is not None:
        require(permissions.can_verify(actor, measurement))
    if not reason.strip():
        raise ValidationError(messages.RETURN_NEEDS_REASON)
    note = f"{measurement.note}\n{reason.strip()}".strip()
    audited_update(
        actor=actor,
        obj=measurement,
        fields={"state": Measurement.State.RETURNED, "note": note},
    )
    return measurement
