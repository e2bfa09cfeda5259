from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from palermo.core import permissions
from palermo.core.dashboard import Panel, register_panel
from palermo.core.roles import Role
from palermo.instruments.models import Law, State
from palermo.instruments.selectors import coverage as coverage_selectors


@register_panel
def legislation_gaps_panel(user: Any) -> Panel | None:
    """For those who map national law: how many obligations still have no provision."""
    if not (permissions.is_secretariat(user) or permissions.has_role(user, Role.FOCAL_PERSON)):
        return None
    state = State.objects.filter(iso3=user.country).first()
    if state is None:
        return None
    gaps = coverage_selectors.coverage_gap_count(state)
    # Counted without the list's provision and mapping counts.
    laws = Law.objects.filter(state=state).count()
    url = reverse("instruments:coverage") + f"?state={state.iso3}"
    if laws == 0:
        return Panel(
            title=_("National legislation"),
            text=_(
                "No law is registered yet. Register the laws that implement the Convention "
                "and map their sections to its articles."
            ),
            action_label=_("Add a law"),
            action_url=reverse("instruments:law-create") + f"?state={state.iso3}",
            order=30,
        )
    return Panel(
        title=_("National legislation"),
        text=_("%(gaps)s articles under review have no mapped national provision.")
        % {"gaps": gaps},
        items=[
            (
                _("%(count)s laws registered") % {"count": laws},
                reverse("instruments:law-list") + f"?state={state.iso3}",
            )
        ],
        action_label=_("Open the coverage matrix"),
        action_url=url,
        order=30,
    )
