import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from palermo.core.demo import demo_load as accounts_demo_load
from palermo.engagement.demo import demo_load as engagement_demo_load
from palermo.engagement.models import Organisation, Person
from palermo.engagement.services import registry as registry_services
from tests.browser.conftest import screenshot
from tests.browser.test_dashboard import sign_in
from tests.engagement import messy_lists

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def demo(settings: object) -> None:
    settings.PALERMO_DEMO = True  # type: ignore[attr-defined]
    accounts_demo_load()
    engagement_demo_load()


def test_the_coordinator_imports_the_alliances_own_list(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    sign_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/en/engagement/organisations/import/")
    page.get_by_label("Stakeholder list").set_input_files(
        {"name": "alliance.xlsx", "mimeType": XLSX, "buffer": messy_lists.alliance_list()}
    )
    page.get_by_role("button", name="Preview the import").click()

    expect(page.get_by_role("heading", name="Preview of alliance.xlsx")).to_be_visible()
    expect(page.locator("#header-found")).to_contain_text("The header was found in row 3")
    expect(page.get_by_label("Header row")).to_have_value("3")
    expect(page.get_by_label("Category")).to_have_value("sector")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Only a place: read as the place of row 4 (Gojra).")
    expect(table).to_contain_text("Read from the name: acronym “CERP”, city “Lahore”.")
    expect(table).to_contain_text("Kind guessed from the name: International organisation.")
    screenshot(page, "engagement-import-preview")
    page.set_viewport_size({"width": 390, "height": 800})
    screenshot(page, "engagement-import-preview-390")
    # The page fits (the preview's table scrolls inside its own box, the top bar wraps).
    assert page.evaluate("document.documentElement.scrollWidth <= 390")
    screenshot(page, "engagement-import-preview-390")
    page.set_viewport_size({"width": 1280, "height": 800})

    page.get_by_role("button", name="Import 12 rows").click()

    expect(page.get_by_role("heading", name="alliance.xlsx was imported")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("7 organisations created")
    assert Organisation.objects.get(acronym="CERP").city == "Lahore"
    assert Person.objects.get(name="Bilal Example").title == "Lawyer"


def test_a_possible_match_is_merged_only_once_ticked(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    governance = registry_services.organisation_create(
        actor=None,
        name="Centre for Governance Research",
        kind=Organisation.Kind.CIVIL_SOCIETY,
        country="PAK",
    )
    sign_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/en/engagement/organisations/import/")
    page.get_by_label("Stakeholder list").set_input_files(
        {"name": "near.xlsx", "mimeType": XLSX, "buffer": messy_lists.near_duplicates_list()}
    )
    page.get_by_role("button", name="Preview the import").click()

    merge = page.get_by_label("Merge into “Centre for Governance Research”")
    expect(merge).not_to_be_checked()
    expect(page.get_by_role("table")).to_contain_text("score 94")
    screenshot(page, "engagement-import-possible-match")
    merge.check()
    page.get_by_role("button", name="Update the preview").click()
    expect(page.get_by_label("Merge into “Centre for Governance Research”")).to_be_checked()
    expect(page.get_by_role("table")).to_contain_text("merged into it")
    page.get_by_role("button", name="Import 11 rows").click()

    expect(page.get_by_role("heading", name="near.xlsx was imported")).to_be_visible()
    assert not Organisation.objects.filter(name="Centre for Governance Research Pakistan")
    assert Organisation.objects.filter(name="Centre for Governance Research").get() == governance
