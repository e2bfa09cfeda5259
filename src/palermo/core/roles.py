"""The roles of MISSION.md, granted per user and optionally scoped to one record."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Review secretariat")
    FOCAL_PERSON = "focal_person", _("Government focal person")
    PEER_REVIEWER = "peer_reviewer", _("Peer reviewer")
    CS_COORDINATOR = "cs_coordinator", _("Civil-society coordinator")
    CS_MEMBER = "cs_member", _("Civil-society member")
    PLAN_MONITOR = "plan_monitor", _("Plan monitor")
    ANALYST = "analyst", _("Analyst")
    # Read-only access to the reviews one is attached to (a scoped grant).
    OBSERVER = "observer", _("Observer")
