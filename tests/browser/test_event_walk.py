"""The coordinator's event walk, counted in clicks: an event, its participants (picked and
pasted), minutes, a decision and an action item. Issue 14 measured 36 clicks before pickers."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from palermo.core.demo import demo_load as accounts_demo_load
from palermo.engagement.demo import demo_load as engagement_demo_load
from palermo.engagement.models import Event
from tests.browser.conftest import pick, screenshot
from tests.browser.test_dashboard import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Steering group meeting with the experts"
COORDINATING_ORGANISATION = "Civil Society Alliance (demo coordinating think tank)"
CLICKS_BEFORE = 36


@pytest.fixture
def demo(settings: object) -> None:
    settings.PALERMO_DEMO = True  # type: ignore[attr-defined]
    accounts_demo_load()
    engagement_demo_load()


class Clicks:
    """Counts what a person does with the mouse: a click, a field focused, a list opened."""

    def __init__(self) -> None:
        self.count = 0

    def click(self, locator: Locator) -> None:
        self.count += 1
        locator.click()

    def fill(self, locator: Locator, text: str) -> None:
        self.count += 1  # focusing the field; typing is not a click
        locator.fill(text)

    def choose(self, locator: Locator, label: str) -> None:
        self.count += 2  # open the list, pick the entry
        locator.select_option(label=label)

    def pick(self, page: Page, control: Locator, typed: str, option: str, *, focus: bool) -> None:
        """Type into a picker and click the entry it offers (the picker keeps the focus)."""
        if focus:
            self.click(control)
        control.press_sequentially(typed)
        self.click(page.locator(".ts-dropdown .option", has_text=option).first)


def test_the_coordinator_records_an_event_with_participants_in_fewer_clicks(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    today = timezone.localdate()
    clicks = Clicks()
    sign_in(page, live_server, "coordinator")

    clicks.click(page.get_by_role("link", name="Events", exact=True))
    clicks.click(page.get_by_role("link", name="Add an event").first)
    clicks.choose(page.get_by_label("Kind"), "Meeting")
    clicks.fill(page.get_by_label("Title"), TITLE)
    clicks.fill(page.get_by_label("Starts on"), today.isoformat())
    clicks.fill(page.get_by_label("City"), "Islamabad")
    screenshot(page, "event-form-pickers")
    clicks.click(page.get_by_role("button", name="Add the event"))
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    event_url = page.url

    people = page.locator("#id_people-ts-control")
    clicks.pick(page, people, "expert 01", "Demo expert 01", focus=True)
    clicks.pick(page, people, "expert 02", "Demo expert 02", focus=False)
    clicks.fill(page.get_by_label("Or paste a list of names"), "Demo expert 03\nDemo Expert 04")
    screenshot(page, "event-participants-picker")
    clicks.click(page.get_by_role("button", name="Add the participants"))
    expect(page.get_by_role("heading", name="Confirm the participants")).to_be_visible()
    screenshot(page, "event-participants-confirm")
    clicks.click(page.get_by_role("button", name="Add the ticked participants"))
    expect(page.get_by_role("status")).to_contain_text("4 participants were added.")
    participants = page.get_by_role("tabpanel", name="Participants")
    for number in ("01", "02", "03", "04"):
        expect(participants).to_contain_text(f"Demo expert {number}")

    clicks.click(page.get_by_role("tab", name="Minutes"))
    clicks.click(page.get_by_role("link", name="Record minutes"))
    clicks.fill(page.get_by_label("Summary"), "The group agreed the outline of the report.")
    clicks.click(page.get_by_role("button", name="Record the minutes"))
    clicks.fill(
        page.get_by_role("textbox", name="Decision", exact=True), "Share the draft by e-mail."
    )
    clicks.click(page.get_by_role("button", name="Add the decision"))
    decision = page.get_by_role("article", name="Decision 1")
    clicks.click(decision.get_by_role("link", name="Add an action item"))
    clicks.fill(page.get_by_role("textbox", name="Action", exact=True), "Circulate the draft.")
    clicks.count += 2  # open the picker, click the entry (typing is not a click)
    pick(page, "id_owner_organisation", "Civil Society Alliance", COORDINATING_ORGANISATION)
    clicks.fill(page.get_by_label("Due on"), today.isoformat())
    clicks.click(page.get_by_role("button", name="Add the action item"))
    expect(decision.get_by_role("row", name="Circulate the draft.")).to_contain_text("Open")

    page.goto(event_url)
    screenshot(page, "event-detail-danger-zone")
    event = Event.objects.get(title=TITLE)
    assert event.participants.count() == 4
    assert clicks.count < CLICKS_BEFORE, clicks.count
    print(f"event walk: {clicks.count} clicks (was {CLICKS_BEFORE})")  # noqa: T201


def test_the_pickers_read_right_to_left_in_urdu(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    event = Event.objects.filter(country="PAK").order_by("pk").first()
    assert event is not None
    sign_in(page, live_server, "coordinator")

    page.goto(f"{live_server.url}/ur/engagement/events/{event.pk}/")
    wrapper = page.locator("#id_people-ts-control").locator("xpath=../..")
    expect(wrapper).to_have_class(re.compile(r"\brtl\b"))
    wrapper.click()
    page.keyboard.type("expert 0")
    expect(page.locator(".ts-dropdown .option").first).to_be_visible()
    screenshot(page, "event-participants-picker-ur")

    page.goto(f"{live_server.url}/en/reports/new/plan_progress/")
    expect(page.locator("input[type=month][name=period]")).to_be_visible()
    screenshot(page, "report-plan-month-picker")
