import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from palermo.engagement.models import Alliance
from tests.browser.conftest import screenshot
from tests.browser.test_dashboard import sign_in
from tests.browser.test_engagement import demo  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_records_figures_and_plans_an_event_known_to_the_month(
    page: Page,
    live_server: LiveServer,
    demo: None,  # noqa: F811
) -> None:
    alliance = Alliance.objects.get()
    sign_in(page, live_server, "coordinator")

    page.goto(f"{live_server.url}{alliance.get_absolute_url()}#pane-growth")
    page.get_by_role("link", name="Record the figures of a year").click()
    page.get_by_label("Year").fill("2021")
    page.get_by_label("Member organisations").fill("28")
    page.get_by_label("Individual experts").fill("40")
    page.get_by_label("Source").fill("Founding meeting attendance list")
    page.get_by_role("button", name="Record the figures").click()

    expect(page.get_by_role("status")).to_contain_text("The figures for 2021 were recorded.")
    row = page.get_by_role("row", name="2021")
    expect(row).to_contain_text("Founding meeting attendance list")
    screenshot(page, "alliance-membership-figures")
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 800})

    page.goto(f"{live_server.url}/en/engagement/events/new/")
    page.get_by_label("Date known to the").select_option("month")
    expect(page.get_by_label("Starts on")).to_be_hidden()
    expect(page.get_by_label("Ends on")).to_be_hidden()
    page.get_by_label("Kind").select_option(label="Roundtable")
    page.get_by_label("Title").fill("Roundtable on legal aid")
    page.get_by_label("Month").fill("2027-04")
    screenshot(page, "event-form-month")
    page.get_by_role("button", name="Add the event").click()

    expect(page.get_by_role("heading", name="Roundtable on legal aid")).to_be_visible()
    expect(page.get_by_text("April 2027").first).to_be_visible()
