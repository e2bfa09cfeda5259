"""Reports the user asked for appear in the inbox when they are ready, or when they failed."""

import datetime

import pytest
from django.utils import timezone

from palermo.core.inbox import inbox_for
from palermo.core.roles import Role
from palermo.reports.models import GeneratedReport
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _report(user: object, status: str, finished_days_ago: int, error: str = "") -> GeneratedReport:
    # Test data written directly: the inbox reads finished reports, however they finished.
    return GeneratedReport.objects.create(
        kind="unknown-kind",
        language="en",
        fmt="pdf",
        status=status,
        error=error,
        created_by=user,
        finished_at=timezone.now() - datetime.timedelta(days=finished_days_ago),
    )


def test_recent_finished_and_failed_reports_of_the_requester_are_listed() -> None:
    user = make_user("secretariat", Role.SECRETARIAT)
    other = make_user("someone", Role.SECRETARIAT)
    done = _report(user, GeneratedReport.Status.DONE, 1)
    failed = _report(user, GeneratedReport.Status.FAILED, 2, error="The plan has no measures.")
    _report(user, GeneratedReport.Status.DONE, 30)
    _report(user, GeneratedReport.Status.RUNNING, 0)
    _report(other, GeneratedReport.Status.DONE, 1)

    (group,) = inbox_for(user)

    assert group.kind == "reports"
    assert [item.link for item in group.items] == [
        failed.get_absolute_url(),
        done.get_absolute_url(),
    ]
    assert str(group.items[0].why) == "Generation failed: The plan has no measures."
    assert str(group.items[1].why) == "Ready to read and download (PDF)."
