"""Panels: one app shows its part on another app's page without the page importing it.

An app that may not be imported by the page's app (evidence on a recommendation or an article
page) registers a provider for the page's model label in its `AppConfig.ready`. The page asks
for `panels_for(user, obj)` (or writes `{% object_panels obj %}` in its template) and renders
what comes back; it never learns which apps spoke. A provider answers None when it has
nothing for this reader, and checks its own app's permissions: a panel is a read like any
other.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Panel:
    """A titled section rendered with its own template and context."""

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


Provider = Callable[[Any, Any], Panel | None]

_providers: dict[str, list[Provider]] = {}


def panel_register(model_label: str, provider: Provider) -> None:
    """Show `provider`'s panel on pages of `model_label` (e.g. "tracking.recommendation")."""
    known = _providers.setdefault(model_label.lower(), [])
    if provider not in known:
        known.append(provider)


def panels_for(user: Any, obj: Any) -> list[Panel]:
    """The panels the apps offer this reader on this object's page, in their order."""
    label = obj._meta.label_lower
    found = [provider(user, obj) for provider in _providers.get(label, [])]
    return sorted((panel for panel in found if panel is not None), key=lambda p: p.order)
