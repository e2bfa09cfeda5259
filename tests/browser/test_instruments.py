import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from palermo.core.demo import demo_load as accounts_demo_load
from palermo.instruments.demo import demo_load as legislation_demo_load
from tests.browser.conftest import screenshot
from tests.browser.test_dashboard import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings: object) -> None:
    settings.PALERMO_DEMO = True  # type: ignore[attr-defined]
    accounts_demo_load()
    legislation_demo_load()


def test_a_focal_person_finds_the_gaps_of_cluster_one_and_maps_a_provision(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    sign_in(page, live_server, "focal")
    page.get_by_role("link", name="Coverage matrix").first.click()
    page.get_by_label("Cluster").select_option("1")
    page.get_by_role("button", name="Show").click()

    expect(page.get_by_role("heading", name="Coverage matrix — Pakistan")).to_be_visible()
    gaps = page.locator("tbody .badge", has_text="Gap")
    expect(gaps).to_have_count(5)
    screenshot(page, "coverage-pak-cluster-1")

    page.get_by_role("link", name="National legislation").first.click()
    page.get_by_role("link", name="Anti-Terrorism Act, 1997").click()
    page.locator("summary", has_text="Map to an article").first.click()
    page.get_by_label("Article", exact=True).first.fill("untoc:15")
    page.get_by_label("How the provision implements it").first.fill("Jurisdiction over terrorism.")
    page.get_by_role("button", name="Map", exact=True).first.click()

    expect(page.locator(".alert-success")).to_contain_text("now implements untoc:15")
    page.goto(f"{live_server.url}/en/instruments/coverage/?state=PAK&cluster=1")
    expect(page.locator("tbody .badge", has_text="Gap")).to_have_count(4)


def test_search_from_the_top_bar_highlights_matches(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    sign_in(page, live_server, "analyst")
    page.get_by_role("searchbox", name="Search").fill("money laundering")
    page.keyboard.press("Enter")

    amla = page.get_by_role("link", name="Anti-Money Laundering Act, 2010 (AMLA 2010)")
    expect(amla).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()
    screenshot(page, "search-money-laundering")
