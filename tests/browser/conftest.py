from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path("var/screenshots")
# Both test passes run at once on two cores: a page after a form's post can take longer than
# Playwright's default 5 s to arrive. Waiting longer changes no verdict, only how long a
# failing test takes to say so.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, settings: object) -> Iterator[Page]:
    # The live test server speaks plain http, where a browser drops "Secure" cookies.
    settings.SESSION_COOKIE_SECURE = False  # type: ignore[attr-defined]
    settings.CSRF_COOKIE_SECURE = False  # type: ignore[attr-defined]
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    yield page
    context.close()
    assert errors == [], f"The browser console reported errors: {errors}"


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def pick(page: Page, field_id: str, typed: str, option: str) -> None:
    """Choose in a picker (Tom Select) as a person does: click it, type, click the entry.

    On a loaded machine the list may be redrawn between finding the entry and clicking it,
    so the choice is checked on the select itself and made again if it did not hold."""
    wrapper = page.locator(f"#{field_id}-ts-control").locator(
        "xpath=ancestor::div[contains(@class, 'ts-wrapper')]"
    )
    chosen = page.locator(f"#{field_id} option:checked", has_text=option).first
    for attempt in range(3):
        wrapper.locator(".ts-control").click()
        page.keyboard.type(typed)
        wrapper.locator(".ts-dropdown .option", has_text=option).first.click()
        try:
            expect(chosen).to_be_attached(timeout=5_000)
            return
        except AssertionError:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
