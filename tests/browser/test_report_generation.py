"""A browser generates a report from its page, waits for the task, and downloads the PDF."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from palermo.core.demo import demo_load as accounts_demo_load
from palermo.instruments.demo import demo_load as legislation_demo_load
from palermo.reports import registry, renderers
from palermo.reviews.demo import demo_load as review_demo_load
from palermo.reviews.models import Review
from tests.browser.conftest import screenshot
from tests.browser.test_dashboard import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings: Any, tmp_path: Any) -> None:
    settings.PALERMO_DEMO = True
    settings.MEDIA_ROOT = tmp_path
    # The live server runs in this process: the immediate backend generates the report in the
    # request that queues it, once its transaction commits; the page then polls its status.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    accounts_demo_load()
    legislation_demo_load()
    review_demo_load()


def test_the_secretariat_generates_a_self_assessment_and_downloads_the_pdf(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    if registry.get("self_assessment") is None:
        pytest.skip("No `self_assessment` report kind is registered (its builder is missing).")
    if not hasattr(renderers, "render"):
        pytest.skip("palermo.reports.renderers.render does not exist yet.")
    review = Review.objects.get(state__iso3="PAK", cluster__number=1)
    sign_in(page, live_server, "secretariat")

    page.goto(f"{live_server.url}/en/reports/new/self_assessment/?review={review.pk}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Self-assessment report")
    page.locator("#id_fmt").select_option("pdf")
    page.locator("#id_language").select_option("en")
    page.get_by_role("button", name="Generate the report").click()

    status = page.locator("#report-status")
    expect(status).to_contain_text("Done", timeout=30_000)
    screenshot(page, "report-generated")
    with page.expect_download() as download_info:
        status.get_by_role("link", name="Download the PDF file").click()
    path = download_info.value.path()

    assert download_info.value.suggested_filename.endswith(".pdf")
    assert path.read_bytes().startswith(b"%PDF")
