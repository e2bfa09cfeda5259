"""The side navigation, built per user from what their roles allow."""

import functools
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from palermo.core import permissions


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    children: tuple["NavItem", ...] = field(default_factory=tuple)
    # A fragment loaded after the page that shows a count beside the label (htmx).
    badge_url_name: str = ""

    @property
    def badge_url(self) -> str:
        return reverse(self.badge_url_name) if self.badge_url_name else ""

    @property
    def url(self) -> str:
        if not self.url_name:
            return ""
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        return _reverse(self.url_name, get_language(), get_script_prefix(), urlconf)


@functools.lru_cache(maxsize=512)
def _reverse(url_name: str, language: str | None, prefix: str, urlconf: str) -> str:
    """A navigation address, resolved once per language, prefix and URLconf.

    Every page shows the whole navigation and reads each address three times (the link, and
    twice to mark the current page).
    """
    return reverse(url_name, urlconf=urlconf)


def navigation_for(user: Any) -> list[NavItem]:
    if not permissions.is_active_user(user):
        return []
    items = [
        NavItem(_("Dashboard"), "dashboard"),
        NavItem(_("Inbox"), "inbox", badge_url_name="inbox-badge"),
        NavItem(_("Reviews"), "reviews:review-list"),
        NavItem(
            _("Instruments"),
            "",
            (
                NavItem(_("Convention and Protocols"), "instruments:instrument-list"),
                NavItem(_("Review clusters"), "instruments:cluster-list"),
                NavItem(_("States and ratifications"), "instruments:state-list"),
                NavItem(_("National legislation"), "instruments:law-list"),
                NavItem(_("Coverage matrix"), "instruments:coverage"),
            ),
        ),
        NavItem(
            _("Engagement"),
            "",
            (
                NavItem(_("Organisations"), "engagement:organisation-list"),
                NavItem(_("People"), "engagement:person-list"),
                NavItem(_("Alliances"), "engagement:alliance-list"),
                NavItem(_("Events"), "engagement:event-list"),
                NavItem(_("Calendar"), "engagement:calendar-month"),
                NavItem(_("Action items"), "engagement:action-item-list"),
            ),
        ),
        NavItem(
            _("Tracking"),
            "",
            (
                NavItem(_("Recommendations"), "tracking:recommendation-list"),
                NavItem(_("Action plans"), "tracking:plan-list"),
                NavItem(_("My reporting"), "tracking:my-reporting"),
                NavItem(_("Tracking dashboard"), "tracking:dashboard"),
            ),
        ),
        NavItem(_("Reports"), "reports:report-list"),
        NavItem(_("Evidence"), "evidence:dataset-list"),
        NavItem(_("Networks"), "networks:collection-list"),
        NavItem(_("Public portal"), "portal:home"),
    ]
    admin_items = []
    if permissions.can_manage_users(user):
        admin_items.append(NavItem(_("Users and roles"), "user-list"))
    if permissions.can_view_audit_log(user):
        admin_items.append(NavItem(_("Audit log"), "audit-list"))
    if admin_items:
        items.append(NavItem(_("Admin"), "", tuple(admin_items)))
    return items


# The rendered navigation by (language, prefix, URLconf, the items' addresses, current page).
_rendered: dict[tuple[Any, ...], SafeString] = {}
_RENDERED_MAX = 512


def navigation_html(items: list[NavItem], path: str) -> SafeString:
    """The side navigation as HTML, `path` marked as the current page.

    Rendered once per language, set of items and current page, then reused: every page shows
    it, and its labels and addresses change only with the language (the catalogues and the
    URLconf are fixed while the server runs). Only the addresses of the items go into the key,
    so pages that are not in the navigation share one copy.
    """
    if not items:
        return mark_safe("")  # noqa: S308 - empty
    shape = tuple((item.url_name, tuple(c.url_name for c in item.children)) for item in items)
    urls = {c.url for item in items for c in (item, *item.children)}
    current = path if path in urls else ""
    key = (get_language(), get_script_prefix(), get_urlconf(), shape, current)
    html = _rendered.get(key)
    if html is None:
        html = mark_safe(  # noqa: S308 - rendered (and escaped) by the template
            render_to_string("core/includes/navigation.html", {"items": items, "current": current})
        )
        if len(_rendered) >= _RENDERED_MAX:
            _rendered.clear()
        _rendered[key] = html
    return html
