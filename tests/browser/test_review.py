import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from palermo.core.demo import demo_load as accounts_demo_load
from palermo.instruments.demo import demo_load as legislation_demo_load
from palermo.reviews.demo import demo_load as review_demo_load
from tests.browser.conftest import screenshot
from tests.browser.test_dashboard import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings: object) -> None:
    settings.PALERMO_DEMO = True  # type: ignore[attr-defined]
    accounts_demo_load()
    legislation_demo_load()
    review_demo_load()


def test_the_secretariat_walks_the_review_to_the_side_by_side_page(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    sign_in(page, live_server, "secretariat")
    page.get_by_role("link", name="Reviews", exact=True).click()
    page.get_by_role("link", name="Pakistan — cluster 1 (2021)").click()

    expect(page.get_by_text("Under peer review")).to_be_visible()
    page.get_by_role("tab", name="Observations").click()
    expect(page.locator("#pane-observations")).to_contain_text("stand-alone offence")
    page.get_by_role("tab", name="Reviewers").click()
    expect(page.locator("#pane-reviewers")).to_contain_text("Tonga")
    expect(page.locator("#pane-reviewers")).to_contain_text("Djibouti")

    page.get_by_role("link", name="Side by side and compliance matrix").click()
    expect(page.get_by_role("heading", name="Compliance matrix")).to_be_visible()
    expect(page.locator("table").first).to_contain_text("Disagree")
    screenshot(page, "review-side-by-side-secretariat")


def test_a_civil_society_member_reads_a_shared_draft_comments_and_sees_side_by_side(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    sign_in(page, live_server, "member")
    page.get_by_role("link", name="Reviews", exact=True).click()
    page.get_by_role("link", name="Pakistan — cluster 1 (2021)").click()
    page.get_by_role("link", name="Civil society's assessment").click()

    expect(page.get_by_text("Assessment by Pakistan Bar Council")).to_be_visible()
    expect(page.get_by_text("Submitted", exact=True)).to_be_visible()
    screenshot(page, "review-civil-society-member")

    page.get_by_role("link", name="Side by side").click()
    expect(page.get_by_role("heading", name="Compliance matrix")).to_be_visible()
    screenshot(page, "review-side-by-side-member")
