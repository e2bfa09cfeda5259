"""The demo network's graph page in Chromium: drawn, searched, a path, a topic, a phone's width."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from palermo.core.demo import demo_load as accounts_demo_load
from palermo.networks.demo import NAME
from palermo.networks.demo import demo_load as networks_demo_load
from tests.browser.conftest import screenshot
from tests.browser.test_dashboard import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings: object) -> None:
    settings.PALERMO_DEMO = True  # type: ignore[attr-defined]
    accounts_demo_load()
    networks_demo_load()


def test_the_analyst_opens_the_graph_searches_a_node_and_finds_a_path(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    sign_in(page, live_server, "analyst")
    page.goto(f"{live_server.url}/en/networks/")
    page.get_by_role("link", name=NAME).click()
    page.get_by_role("link", name="Graph", exact=True).click()

    expect(page.locator("#network")).to_have_attribute("data-loaded", "true", timeout=15_000)
    expect(page.locator("#graph-canvas canvas").first).to_be_visible()
    page.get_by_label("Find an entity").fill("Hamid Karimi")
    page.get_by_label("Find an entity").press("Enter")
    expect(page.locator("#network")).to_have_attribute("data-focused", "hamid")
    expect(page.locator("#graph-selection")).to_contain_text("Hamid Karimi")
    page.get_by_label("Path from").fill("Rana Tufail")
    page.get_by_label("to", exact=True).fill("Imtiaz Qureshi")
    page.get_by_role("button", name="Find a path").click()
    expect(page.locator("#network")).to_have_attribute("data-path", "rana imtiaz")
    screenshot(page, "network-graph")
    page.get_by_label("Topic").select_option(label="Human trafficking")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.locator("#graph-status")).to_have_text("4 entities and 4 links shown.")

    page.set_viewport_size({"width": 390, "height": 800})
    page.wait_for_function("document.documentElement.scrollWidth <= 390", timeout=10_000)
    screenshot(page, "network-graph-390")
