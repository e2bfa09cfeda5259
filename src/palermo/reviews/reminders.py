"""Deadline reminders: run daily (`palermo review_reminders`, e.g. from cron)."""

import datetime

from django.db import transaction
from django.utils import timezone

from palermo.core.models import Notification
from palermo.core.notifications import notify
from palermo.reviews import messages
from palermo.reviews.models import Milestone, Phase
from palermo.reviews.selectors.people import review_government_users
from palermo.reviews.services.common import path

SOON = datetime.timedelta(days=7)


@transaction.atomic
def send_reminders(today: datetime.date | None = None) -> int:
    """Tell the State's government users of deadlines due within a week or missed; once each."""
    today = today or timezone.localdate()
    sent = 0
    milestones = Milestone.objects.filter(
        done_at__isnull=True, due__isnull=False, due__lte=today + SOON
    )
    for milestone in milestones.exclude(review__phase=Phase.CONCLUDED).select_related(
        "review__state", "review__cluster"
    ):
        late = milestone.due < today  # type: ignore[operator]
        fields = {
            "milestone": milestone.get_kind_display(),
            "review": str(milestone.review),
            "due": str(milestone.due),
        }
        template = messages.NOTIFY_LATE if late else messages.NOTIFY_DUE
        text = template % fields
        recipients = [
            user
            for user in review_government_users(milestone.review)
            if not Notification.objects.filter(user=user, text=text).exists()
        ]
        sent += len(
            notify(
                recipients,
                template,
                path("reviews:review-detail", milestone.review_id) + "#pane-deadlines",
                fields,
            )
        )
    return sent
