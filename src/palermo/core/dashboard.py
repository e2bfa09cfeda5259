"""The home page's "what needs me now" panels. Each app adds its own with `register_panel`."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from palermo.core import permissions
from palermo.core.roles import Role
from palermo.core.selectors import users as user_selectors

Text = str | Promise


@dataclass
class Panel:
    title: Text
    text: Text
    action_label: Text = ""
    action_url: str = ""
    items: list[tuple[Text, str]] = field(default_factory=list)
    order: int = 100


PanelBuilder = Callable[[Any], Panel | None]
_builders: list[PanelBuilder] = []


def register_panel(builder: PanelBuilder) -> PanelBuilder:
    _builders.append(builder)
    return builder


def panels_for(user: Any) -> list[Panel]:
    panels = [panel for builder in _builders if (panel := builder(user)) is not None]
    return sorted(panels, key=lambda panel: panel.order)


# What each role will find here, said plainly until their work arrives.
ROLE_FIRST_STEPS: dict[Role, Text] = {
    Role.SECRETARIAT: _(
        "Set up the team: create accounts for the focal persons of each ministry and agency, "
        "give them their roles, and check the audit log."
    ),
    Role.FOCAL_PERSON: _(
        "When the secretariat assigns you articles of a review, the answers you have to draft "
        "appear here with their deadlines."
    ),
    Role.PEER_REVIEWER: _(
        "When a review you are assigned to is submitted, the answers to study and your "
        "observations appear here."
    ),
    Role.CS_COORDINATOR: _(
        "Register the alliance's organisations, then plan its consultations and the parallel "
        "report; open items will be listed here."
    ),
    Role.CS_MEMBER: _(
        "The questionnaires and government answers shared with you, and your action items, "
        "appear here."
    ),
    Role.PLAN_MONITOR: _(
        "The indicators your body reports each month appear here, with the reports that are due."
    ),
    Role.ANALYST: _(
        "Datasets you load and the statistics you prepare for publication appear here."
    ),
    Role.OBSERVER: _("The reviews you observe appear here, read-only."),
}


@register_panel
def no_role_panel(user: Any) -> Panel | None:
    if permissions.role_names(user) or user.is_superuser:
        return None
    return Panel(
        title=_("Your account has no role yet"),
        text=_(
            "Ask the review secretariat to give you the role you work in (focal person, "
            "reviewer, civil-society member, ...). Until then there is nothing to do here."
        ),
        order=0,
    )


@register_panel
def secretariat_panel(user: Any) -> Panel | None:
    if not permissions.can_manage_users(user):
        return None
    # Both counts in one query.
    counts = (
        user_selectors.user_list(user=user)
        .order_by()
        .aggregate(
            total=Count("pk", distinct=True),
            without_role=Count("pk", filter=Q(role_grants__isnull=True), distinct=True),
        )
    )
    without_role = counts["without_role"]
    items: list[tuple[Text, str]] = [
        (_("%(count)s accounts") % {"count": counts["total"]}, reverse("user-list")),
    ]
    if without_role:
        items.append(
            (
                _("%(count)s accounts without a role") % {"count": without_role},
                reverse("user-list") + "?role=none",
            )
        )
    return Panel(
        title=_("Team"),
        text=ROLE_FIRST_STEPS[Role.SECRETARIAT],
        action_label=_("Create an account"),
        action_url=reverse("user-create"),
        items=items,
        order=10,
    )


@register_panel
def role_steps_panel(user: Any) -> Panel | None:
    roles = [role for role in Role if role in permissions.role_names(user)]
    steps = [ROLE_FIRST_STEPS[role] for role in roles if role is not Role.SECRETARIAT]
    if not steps:
        return None
    return Panel(
        title=_("Where to start"),
        text=_("What your role does here; the panels beside this one list what waits for you."),
        items=[(step, "") for step in steps],
        order=20,
    )
