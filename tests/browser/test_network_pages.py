"""The demo analyst's network pages nobody had opened in a browser, in English and in Urdu.

Possible duplicates (a pair decided with the keyboard alone), the decision log (empty, then
with that decision), the import's check page (a file that reads, one that does not) and the
network brief's collection picker: each opened in both languages, with axe-core finding
nothing serious or critical, no page scrolling sideways at 390 px, and a screenshot of each
to look at.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from palermo.core.demo import demo_load as accounts_demo_load
from palermo.networks.demo import NAME
from palermo.networks.demo import demo_load as networks_demo_load
from palermo.networks.models import Collection
from tests.browser.conftest import pick, screenshot
from tests.browser.test_accessibility import (
    AXE_OPTIONS,
    NARROW,
    WIDE,
    WIDEST,
    axe_problems,
    report,
)
from tests.browser.test_dashboard import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("en", "ur")
GOOD: list[dict[str, Any]] = [
    {"id": "p-new", "schema": "Person", "properties": {"name": ["نوید صابر"]}},
    {
        "id": "emp-new",
        "schema": "Employment",
        "properties": {"employee": ["p-new"], "employer": ["o-elsewhere"]},
    },
]
BAD: list[dict[str, Any]] = [
    {"id": "p-bad", "schema": "Person", "properties": {"birthDate": ["2024-13-40"]}},
    {"id": "x-bad", "schema": "Spaceship", "properties": {}},
]


@pytest.fixture
def demo(settings: object, tmp_path: Path) -> int:
    settings.PALERMO_DEMO = True  # type: ignore[attr-defined]
    settings.PALERMO_EVIDENCE_ROOT = tmp_path / "evidence"  # type: ignore[attr-defined]
    accounts_demo_load()
    networks_demo_load()
    return Collection.objects.get(name=NAME).pk


def _ftm(tmp_path: Path, name: str, entities: list[dict[str, Any]]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in entities) + "\n")
    return path


def _check(page: Page, name: str, found: dict[str, list[str]]) -> None:
    """axe at full width, nothing sideways at 390 px, and a screenshot of each."""
    page.set_viewport_size(WIDE)
    page.wait_for_load_state("networkidle")
    for problem in axe_problems(page, AXE_OPTIONS):
        found.setdefault(problem, []).append(name)
    screenshot(page, f"network-{name}")
    page.set_viewport_size(NARROW)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > NARROW["width"]:
        found.setdefault(f"{width} px wide: {page.evaluate(WIDEST)}", []).append(name)
    screenshot(page, f"network-{name}-390")
    page.set_viewport_size(WIDE)


def _open(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, f"{url} answered {response.status}"


def test_the_analyst_walks_duplicates_decisions_import_check_and_the_brief_picker(
    page: Page, live_server: LiveServer, demo: int, tmp_path: Path
) -> None:
    found: dict[str, list[str]] = {}
    base = f"{live_server.url}/{{language}}/networks/{demo}"
    sign_in(page, live_server, "analyst")

    for language in LANGUAGES:
        _open(page, base.format(language=language) + "/decisions/")
        expect(page.locator("main .empty-state")).to_be_visible()
        _check(page, f"decisions-empty-{language}", found)

    for language in LANGUAGES:
        _open(page, base.format(language=language) + "/duplicates/")
        expect(page.locator("main section.card").first).to_contain_text("رانا طفیل")
        _check(page, f"duplicates-{language}", found)

    # Decided with the keyboard alone: from the pair's heading, Tab to "The same", Enter.
    _open(page, base.format(language="en") + "/duplicates/")
    pair = page.locator("main section.card", has_text="رانا طفیل").first
    pair.get_by_role("link").first.focus()
    for _press in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "The same":
            break
    else:
        pytest.fail("The decision buttons cannot be reached with the keyboard.")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").or_(page.locator(".alert-success"))).to_contain_text("Merged")

    for language in LANGUAGES:
        _open(page, base.format(language=language) + "/decisions/")
        expect(page.locator("main table")).to_contain_text("Rana Tufail")
        expect(page.locator("main table")).to_contain_text("رانا طفیل")
        _check(page, f"decisions-{language}", found)

    for language in LANGUAGES:
        for kind, entities in (("ok", GOOD), ("errors", BAD)):
            _open(page, base.format(language=language) + "/import/")
            page.locator("input[name=file]").set_input_files(
                _ftm(tmp_path, f"{kind}.ftm.json", entities)
            )
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_load_state("networkidle")
            expect(page.locator("main .alert")).to_be_visible()
            _check(page, f"import-check-{kind}-{language}", found)

    for language in LANGUAGES:
        _open(page, f"{live_server.url}/{language}/reports/new/network_brief/")
        pick(page, "id_collection", "Western", NAME)
        expect(page.locator("#id_collection option:checked")).to_have_text(NAME)
        # The list closes once the choice is made, uncovering the fields below it.
        expect(page.locator("#id_collection-ts-control")).to_have_attribute(
            "aria-expanded", "false"
        )
        _check(page, f"brief-form-{language}", found)

    assert found == {}, "axe-core or the 390 px check found:\n" + report(found)
