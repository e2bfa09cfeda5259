import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from palermo.core.demo import demo_load as accounts_demo_load
from palermo.engagement.demo import demo_load as engagement_demo_load
from tests.browser.conftest import pick, screenshot
from tests.browser.test_dashboard import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COORDINATING_ORGANISATION = "Civil Society Alliance (demo coordinating think tank)"
TITLE = "Steering group meeting on the parallel report"
ACTION = "Circulate the draft parallel report to the alliance members"


@pytest.fixture
def demo(settings: object) -> None:
    settings.PALERMO_DEMO = True  # type: ignore[attr-defined]
    accounts_demo_load()
    engagement_demo_load()


def test_the_coordinator_records_a_meeting_its_minutes_and_closes_an_action_item(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    today = timezone.localdate()
    due = today + datetime.timedelta(days=14)
    sign_in(page, live_server, "coordinator")

    page.get_by_role("link", name="Events", exact=True).click()
    page.get_by_role("link", name="Add an event").first.click()
    assert page.url == f"{live_server.url}/en/engagement/events/new/"
    page.get_by_label("Kind").select_option(label="Meeting")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Starts on").fill(today.isoformat())
    page.get_by_label("City").fill("Islamabad")
    page.get_by_role("button", name="Add the event").click()

    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    event_url = page.url
    page.get_by_role("tab", name="Minutes").click()
    page.get_by_role("link", name="Record minutes").click()
    assert page.url == f"{event_url}minutes/"

    page.get_by_label("Summary").fill("The steering group agreed the outline of the report.")
    page.get_by_role("button", name="Record the minutes").click()
    expect(page.get_by_role("status")).to_contain_text("The minutes were recorded.")
    page.get_by_role("textbox", name="Decision", exact=True).fill(
        "Share the draft before the next meeting."
    )
    page.get_by_role("button", name="Add the decision").click()
    decision = page.get_by_role("article", name="Decision 1")
    expect(decision).to_contain_text("Share the draft before the next meeting.")

    decision.get_by_role("link", name="Add an action item").click()
    page.get_by_role("textbox", name="Action", exact=True).fill(ACTION)
    pick(page, "id_owner_organisation", "Civil Society Alliance", COORDINATING_ORGANISATION)
    page.get_by_label("Due on").fill(due.isoformat())
    page.get_by_role("button", name="Add the action item").click()
    expect(decision.get_by_role("row", name=ACTION)).to_contain_text("Open")

    decision.get_by_role("link", name=ACTION).click()
    expect(page.get_by_role("heading", name="Action item")).to_contain_text("Open")
    page.get_by_label("Status").select_option(label="Done")
    page.get_by_role("textbox", name="Follow-up note").fill("Sent to all members by e-mail.")
    page.get_by_role("button", name="Save the update").click()

    expect(page.get_by_role("heading", name="Action item")).to_contain_text("Done")
    notes = page.get_by_role("region", name="Follow-up notes")
    expect(notes).to_contain_text("Sent to all members by e-mail.")
    expect(notes).to_contain_text("status changed from Open to Done")

    page.goto(f"{live_server.url}/en/engagement/calendar/{today.year}/{today.month}/")
    calendar = page.get_by_role("table")
    expect(calendar).to_contain_text(today.strftime("%B %Y"))
    today_cell = calendar.locator("td[aria-current='date']")
    expect(today_cell.get_by_role("link", name=TITLE)).to_be_visible()
    screenshot(page, "engagement-calendar")

    page.goto(f"{live_server.url}/en/engagement/action-items/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=ACTION))
    expect(row).to_contain_text(COORDINATING_ORGANISATION)
    expect(row.get_by_role("cell").last).to_have_text("Done")
    expect(page.get_by_role("link", name="Export to Excel")).to_be_visible()
    screenshot(page, "engagement-action-items")
