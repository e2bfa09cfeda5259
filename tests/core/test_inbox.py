"""One inbox per person: the registry, the page, its badge, and the dashboard agreeing with it."""

import datetime
import re
from typing import Any

import pytest
from django.test import Client

from palermo.core import inbox
from palermo.core.inbox import InboxItem, inbox_count, inbox_for, inbox_kinds, inbox_register
from palermo.core.models import User
from palermo.core.roles import Role
from tests.factories import make_user
from tests.page_queries import load_demo, signed_in

pytestmark = pytest.mark.django_db

DASHBOARD_COUNT = re.compile(r'data-kind="([a-z_]+)">[^<]*<span class="badge[^"]*">(\d+)</span>')
INBOX_COUNT = re.compile(r'id="inbox-([a-z_]+)-title">[^<]*<span class="badge[^"]*">(\d+)</span>')


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """An empty registry for the test, the apps' providers restored after it."""
    sources: dict[str, Any] = {}
    monkeypatch.setattr(inbox, "_sources", sources)
    return sources


def _items(*specs: tuple[str, datetime.date | None, bool], kind: str = "k") -> Any:
    def provider(user: Any, today: datetime.date) -> list[InboxItem]:
        return [
            InboxItem(kind=kind, title=title, link="/x/", why="Because.", due=due, overdue=late)
            for title, due, late in specs
        ]

    return provider


def test_overdue_items_come_first_then_by_due_date(registry: dict[str, Any]) -> None:
    user = make_user("someone", Role.FOCAL_PERSON)
    inbox_register(
        _items(
            ("later", datetime.date(2030, 1, 2), False),
            ("no date", None, False),
            ("late", datetime.date(2020, 1, 1), True),
            ("sooner", datetime.date(2030, 1, 1), False),
        ),
        kinds={"k": "Things"},
    )

    groups = inbox_for(user)

    assert [item.title for item in groups[0].items] == ["late", "sooner", "later", "no date"]
    assert inbox_count(groups) == 4


def test_empty_groups_are_left_out_and_groups_keep_their_order(registry: dict[str, Any]) -> None:
    user = make_user("someone", Role.FOCAL_PERSON)
    inbox_register(_items(("one", None, False), kind="b"), kinds={"b": "B"}, order=2)
    inbox_register(_items(("two", None, False), kind="a"), kinds={"a": "A", "c": "C"}, order=1)
    inbox_register(_items(), kinds={"empty": "Empty"}, order=0)

    assert [group.kind for group in inbox_for(user)] == ["a", "b"]


def test_one_provider_fills_a_group_per_kind_in_its_order(registry: dict[str, Any]) -> None:
    user = make_user("someone", Role.FOCAL_PERSON)

    def provider(user: Any, today: datetime.date) -> list[InboxItem]:
        return [
            InboxItem(kind="first", title="a", link="/a/", why="A."),
            InboxItem(kind="second", title="b", link="/b/", why="B."),
            InboxItem(kind="first", title="c", link="/c/", why="C."),
        ]

    inbox_register(provider, kinds={"second": "Second", "first": "First"})

    groups = inbox_for(user)
    assert [(group.kind, group.count) for group in groups] == [("second", 1), ("first", 2)]


def test_registering_a_kind_twice_keeps_one(registry: dict[str, Any]) -> None:
    provider = _items(("one", None, False))
    inbox_register(provider, kinds={"k": "K"})
    inbox_register(provider, kinds={"k": "K"})

    assert len(registry) == 1


def test_an_inactive_user_has_no_inbox(registry: dict[str, Any]) -> None:
    user = make_user("gone", Role.FOCAL_PERSON)
    user.is_active = False
    inbox_register(_items(("one", None, False)), kinds={"k": "K"})

    assert inbox_for(user) == []


def test_the_apps_register_their_kinds() -> None:
    assert {
        "answers",
        "approvals",
        "observations",
        "action_items",
        "indicator_reports",
        "reports",
    } <= inbox_kinds()


def test_an_empty_inbox_says_what_it_is_for(client: Client) -> None:
    user = make_user("analyst", Role.ANALYST)
    client.force_login(user)

    page = client.get("/en/inbox/").content.decode()
    dashboard = client.get("/en/").content.decode()
    badge = client.get("/en/inbox/count/").content.decode()

    assert "Nothing needs you yet." in page
    assert "indicator reports due" in page
    assert "Nothing needs you yet." in dashboard
    assert badge.strip() == ""


def test_the_inbox_asks_to_sign_in(client: Client) -> None:
    response = client.get("/en/inbox/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_sidebar_links_the_inbox_with_a_lazy_badge(client: Client) -> None:
    client.force_login(make_user("analyst", Role.ANALYST))

    page = client.get("/en/").content.decode()

    assert 'href="/en/inbox/"' in page
    assert 'hx-get="/en/inbox/count/"' in page


def test_dashboard_and_inbox_agree_with_demo_data(settings: object) -> None:
    """The focal person, the coordinator and the plan monitor see the same counts twice."""
    load_demo(settings)
    seen = {}
    for username in ("focal", "coordinator", "monitor"):
        client = signed_in(username)
        dashboard = client.get("/en/").content.decode()
        page = client.get("/en/inbox/").content.decode()
        badge = client.get("/en/inbox/count/").content.decode()
        groups = inbox_for(User.objects.get(username=username))
        expected = {group.kind: group.count for group in groups}

        assert {k: int(n) for k, n in DASHBOARD_COUNT.findall(dashboard)} == expected
        assert {k: int(n) for k, n in INBOX_COUNT.findall(page)} == expected
        assert f">{inbox_count(groups)}<" in badge
        for group in groups:
            for item in group.items:
                assert f'href="{item.link}"' in page
        seen[username] = expected

    assert seen["focal"] == {"observations": 1}
    assert seen["coordinator"] == {"action_items": 1}
    assert seen["monitor"]["indicator_reports"] >= 1
