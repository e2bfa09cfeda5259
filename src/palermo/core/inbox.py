"""What needs each person now: one inbox, filled by the apps through a small registry.

Core knows no app. Each app registers, in its `AppConfig.ready`, a provider with
`inbox_register`, naming the kinds of item it gives (answers to draft, approvals waiting,
action items, ...) and their group labels. A provider takes the reader and today's date and
returns the items waiting for that reader, already limited to what the reader may see; one
provider may give several kinds when they come from the same reads. The inbox page and the
dashboard's counts both read `inbox_for`, so they cannot disagree.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise

from palermo.core.permissions import is_active_user

Text = str | Promise


@dataclass(frozen=True)
class InboxItem:
    """One thing waiting for the reader: what it is, where to act, by when and why."""

    kind: str
    title: str
    link: str
    why: Text
    due: datetime.date | None = None
    overdue: bool = False


@dataclass(frozen=True)
class InboxGroup:
    """The items of one kind, overdue ones first, then by due date."""

    kind: str
    label: Text
    items: list[InboxItem]

    @property
    def count(self) -> int:
        return len(self.items)


Provider = Callable[[Any, datetime.date], list[InboxItem]]


@dataclass(frozen=True)
class _Source:
    kinds: dict[str, Text]
    provider: Provider
    order: int


# By provider, so that registering one twice keeps one.
_sources: dict[Provider, _Source] = {}


def inbox_register(provider: Provider, *, kinds: dict[str, Text], order: int = 100) -> None:
    """List `provider`'s items in every reader's inbox, one group per kind, in `kinds` order."""
    _sources[provider] = _Source(dict(kinds), provider, order)


def inbox_kinds() -> set[str]:
    return {kind for source in _sources.values() for kind in source.kinds}


def _sort_key(item: InboxItem) -> tuple[bool, datetime.date, str]:
    return (not item.overdue, item.due or datetime.date.max, item.title)


def inbox_for(user: Any, today: datetime.date | None = None) -> list[InboxGroup]:
    """The non-empty groups of what waits for `user`, in the registered order."""
    if not is_active_user(user):
        return []
    today = today or timezone.localdate()
    groups = []
    for source in sorted(_sources.values(), key=lambda s: s.order):
        found = source.provider(user, today)
        for kind, label in source.kinds.items():
            items = sorted((item for item in found if item.kind == kind), key=_sort_key)
            if items:
                groups.append(InboxGroup(kind, label, items))
    return groups


def inbox_first(groups: list[InboxGroup], limit: int) -> list[InboxItem]:
    """The `limit` most pressing items across the groups: overdue first, then by due date."""
    return sorted((item for group in groups for item in group.items), key=_sort_key)[:limit]


def inbox_count(groups: list[InboxGroup]) -> int:
    return sum(group.count for group in groups)
