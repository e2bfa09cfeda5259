"""The analyst's evidence pages in a browser: statistics and chart, a release, a phone's width."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from palermo.core.demo import demo_load as accounts_demo_load
from palermo.evidence.demo import demo_load as evidence_demo_load
from tests.browser.conftest import screenshot
from tests.browser.test_dashboard import sign_in


@pytest.fixture
def demo(settings: object, tmp_path: Path) -> None:
    settings.PALERMO_DEMO = True  # type: ignore[attr-defined]
    settings.PALERMO_EVIDENCE_ROOT = tmp_path / "evidence"  # type: ignore[attr-defined]
    accounts_demo_load()
    evidence_demo_load()


def test_the_analyst_reads_a_statistic_with_its_chart_and_the_portal_shows_the_release(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    sign_in(page, live_server, "analyst")
    page.get_by_role("link", name="Evidence", exact=True).first.click()
    page.get_by_role("link", name="Synthetic national TIP case database (demo)").click()
    page.get_by_role("link", name="Statistics and charts").click()
    page.get_by_label("Statistic", exact=True).select_option("victims_by_age_band")
    page.get_by_role("button", name="Show").click()

    expect(page.get_by_role("heading", name="Victims by age band")).to_be_visible()
    expect(page.locator(".vega-chart svg, .vega-chart canvas").first).to_be_visible()
    screenshot(page, "evidence-statistics")
    page.set_viewport_size({"width": 390, "height": 800})
    # The chart follows its container's width once it has drawn again at the new size.
    page.wait_for_function("document.documentElement.scrollWidth <= 390", timeout=10_000)
    screenshot(page, "evidence-statistics-390")

    page.goto(f"{live_server.url}/en/portal/statistics/")
    page.get_by_role("link", name="Victims by sex").click()
    expect(page.get_by_role("table")).to_contain_text("Female")
