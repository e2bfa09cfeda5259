"""The evidence panels on other apps' pages: the statistics linked to what the page shows.

Registered with `core.panels` for recommendations, indicators and articles, so those apps
show the chain without importing evidence.
"""

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from palermo.core.panels import Panel, panel_register
from palermo.core.permissions import is_active_user
from palermo.evidence import links, permissions


def may_start_link(user: Any, target: Any) -> bool:
    """Whether the page offers "Link a statistic": the target's editors and dataset managers."""
    sees, edits = permissions.target_rules(user, target)
    return sees and (edits or permissions.is_analyst(user))


def linked_statistics_panel(user: Any, target: Any) -> Panel | None:
    if not is_active_user(user):
        return None
    shown = links.links_for(user, target)
    can_link = may_start_link(user, target)
    if not shown and not can_link:
        return None
    label = target._meta.label_lower
    return Panel(
        title=_("Statistics linked"),
        template="evidence/_links_panel.html",
        context={
            "links": shown,
            "target": target,
            "can_link": can_link,
            "link_url": reverse("evidence:link-create")
            + "?"
            + urlencode({"target": f"{label}:{target.pk}"}),
        },
    )


def register() -> None:
    for label in links.TARGETS:
        panel_register(label, linked_statistics_panel)
