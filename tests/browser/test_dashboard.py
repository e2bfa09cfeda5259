import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from palermo.core.demo import demo_load
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings: object) -> None:
    settings.PALERMO_DEMO = True  # type: ignore[attr-defined]
    demo_load()


def sign_in(page: Page, live_server: LiveServer, username: str) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("palermo-demo-2024")
    page.get_by_role("button", name="Sign in").click()


def test_the_secretariat_signs_in_sees_the_dashboard_and_switches_to_urdu(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    sign_in(page, live_server, "secretariat")

    expect(page.get_by_role("heading", name="Welcome, Demo Secretariat")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main navigation")).to_contain_text("Audit log")
    expect(page.locator("header")).to_contain_text("Pakistan")
    screenshot(page, "dashboard-en")

    page.get_by_role("button", name="Language").click()
    page.get_by_role("button", name="اردو").click()

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    assert page.url.endswith("/ur/")
    screenshot(page, "dashboard-ur")


def test_the_login_page_lists_the_demo_accounts(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    page.goto(f"{live_server.url}/en/accounts/login/")

    demo_card = page.get_by_role("region", name="Demo accounts")
    for username in (
        "secretariat",
        "focal",
        "reviewer",
        "coordinator",
        "member",
        "monitor",
        "analyst",
    ):
        expect(demo_card).to_contain_text(username)


def test_a_wrong_password_is_told_plainly(page: Page, live_server: LiveServer, demo: None) -> None:
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Username").fill("secretariat")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("alert")).to_contain_text(
        "Please enter a correct username and password"
    )
