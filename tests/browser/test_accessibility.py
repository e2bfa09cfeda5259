"""axe-core finds no serious or critical problem, and no page scrolls sideways at 390 px.

Both checks walk the main pages in English and in Urdu over the full demo data set, one
browser context per role, each page opened once per language.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from palermo.engagement.models import Event
from palermo.reviews.models import ArticleAnswer, Review
from palermo.tracking.models import ActionPlan, Recommendation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
LANGUAGES = ("en", "ur")
WIDE = {"width": 1366, "height": 900}
NARROW = {"width": 390, "height": 844}
# target-size (WCAG 2.2, 24 px) is off in axe's defaults; phones need it.
AXE_OPTIONS = {"rules": {"target-size": {"enabled": True}}}
AXE_TARGET_SIZE_ONLY = {"runOnly": {"type": "rule", "values": ["target-size"]}}


@dataclass(frozen=True)
class MainPage:
    name: str
    path: str  # without the language prefix
    username: str


def main_pages() -> list[MainPage]:
    """The 16 pages people use most, each opened as a role that works on it."""
    review = Review.objects.order_by("pk").first()
    answers = ArticleAnswer.objects.filter(review=review).order_by("pk")
    answer = answers.filter(assignee__username="focal").first() or answers.first()
    recommendation = Recommendation.objects.order_by("pk").first()
    plan = ActionPlan.objects.order_by("pk").first()
    event = Event.objects.filter(minutes__isnull=False).order_by("pk").first()
    for record in (review, answer, recommendation, plan, event):
        assert record is not None, "The demo data is incomplete."

    def path(name: str, *args: int) -> str:
        return reverse(name, args=args).removeprefix("/en")

    secretariat = "secretariat"
    return [
        MainPage("dashboard", path("dashboard"), secretariat),
        MainPage("inbox", path("inbox"), "monitor"),
        MainPage("reviews", path("reviews:review-list"), secretariat),
        MainPage("review", path("reviews:review-detail", review.pk), secretariat),
        MainPage("answer", path("reviews:answer-detail", review.pk, answer.pk), "focal"),
        MainPage("side by side", path("reviews:side-by-side", review.pk), secretariat),
        MainPage("civil society", path("reviews:civil-society", review.pk), "member"),
        MainPage("recommendations", path("tracking:recommendation-list"), secretariat),
        MainPage(
            "recommendation",
            path("tracking:recommendation-detail", recommendation.pk),
            secretariat,
        ),
        MainPage("plan dashboard", path("tracking:plan-dashboard", plan.pk), secretariat),
        MainPage("organisations", path("engagement:organisation-list"), secretariat),
        MainPage("people", path("engagement:person-list"), secretariat),
        MainPage("events", path("engagement:event-list"), secretariat),
        MainPage("event", path("engagement:event-detail", event.pk), secretariat),
        MainPage("reports", path("reports:report-list"), secretariat),
        MainPage("evidence", path("evidence:dataset-list"), "analyst"),
    ]


@pytest.fixture
def demo_pages(settings: object) -> list[MainPage]:
    settings.PALERMO_DEMO = True  # type: ignore[attr-defined]
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    return main_pages()


@pytest.fixture
def signed_in(
    browser: Browser, live_server: LiveServer, settings: object
) -> Iterator[dict[str, Page]]:
    """One signed-in page per demo account, opened lazily."""
    settings.SESSION_COOKIE_SECURE = False  # type: ignore[attr-defined]
    settings.CSRF_COOKIE_SECURE = False  # type: ignore[attr-defined]

    class Pages(dict[str, Page]):
        def __missing__(self, username: str) -> Page:
            context = browser.new_context(locale="en-GB", viewport=WIDE)
            page = context.new_page()
            page.goto(f"{live_server.url}/en/accounts/login/")
            page.get_by_label("Username").fill(username)
            page.get_by_label("Password").fill("palermo-demo-2024")
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(f"{live_server.url}/en/")
            self[username] = page
            return page

    pages = Pages()
    yield pages
    for page in pages.values():
        page.context.close()


def open_page(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None, url
    assert response.status == 200, f"{url} answered {response.status}"
    page.wait_for_load_state("networkidle")
    # Charts draw after the page loads; measure them drawn.
    page.wait_for_function(
        "[...document.querySelectorAll('.vega-chart')].every((chart) => chart.dataset.rendered)"
    )


def axe_problems(page: Page, options: dict[str, object]) -> list[str]:
    """Run axe-core in the page; describe each serious or critical violation."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluate() runs outside the page's Content-Security-Policy, which forbids inline scripts.
        page.evaluate(AXE.read_text())
    results = page.evaluate(f"axe.run(document, {json.dumps(options)})")
    problems = []
    for violation in results["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        for node in violation["nodes"]:
            summary = " ".join(node["failureSummary"].split("\n")[1:2]).strip()
            problems.append(f"{violation['id']} {node['target']}: {summary}")
    return problems


def report(found: dict[str, list[str]]) -> str:
    """One line per problem, with the pages it is on."""
    return "\n".join(f"{problem} — on {', '.join(pages)}" for problem, pages in found.items())


def test_axe_finds_no_serious_or_critical_violation_on_the_main_pages(
    live_server: LiveServer, demo_pages: list[MainPage], signed_in: dict[str, Page]
) -> None:
    found: dict[str, list[str]] = {}
    for language in LANGUAGES:
        for main_page in demo_pages:
            page = signed_in[main_page.username]
            page.set_viewport_size(WIDE)
            open_page(page, f"{live_server.url}/{language}{main_page.path}")
            for problem in axe_problems(page, AXE_OPTIONS):
                found.setdefault(problem, []).append(f"{language} {main_page.name}")

    assert found == {}, "axe-core found:\n" + report(found)


def test_no_main_page_scrolls_sideways_at_390_px_and_tap_targets_are_24_px(
    live_server: LiveServer, demo_pages: list[MainPage], signed_in: dict[str, Page]
) -> None:
    found: dict[str, list[str]] = {}
    for language in LANGUAGES:
        for main_page in demo_pages:
            page = signed_in[main_page.username]
            page.set_viewport_size(NARROW)
            open_page(page, f"{live_server.url}/{language}{main_page.path}")
            where = f"{language} {main_page.name}"
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > NARROW["width"]:
                found[f"{where}: {width} px wide; sticking out: {page.evaluate(WIDEST)}"] = []
            for problem in axe_problems(page, AXE_TARGET_SIZE_ONLY):
                found.setdefault(problem, []).append(where)

    assert found == {}, "At 390 px:\n" + report(found)


# The elements that stick out past the viewport, outermost first, to say what to fix.
WIDEST = """
(() => {
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (!el.checkVisibility()) continue;
    const r = el.getBoundingClientRect();
    if (r.right > window.innerWidth + 1 || r.left < -1) {
      if (out.some((o) => o.el.contains(el))) continue;
      out.push({el, text: `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`
        + ` [${Math.round(r.left)}, ${Math.round(r.right)}]`});
    }
    if (out.length >= 5) break;
  }
  return out.map((o) => o.text);
})()
"""
