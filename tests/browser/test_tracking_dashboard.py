"""The plan dashboard draws its Vega-Lite charts in Chromium under the site's strict CSP."""

import datetime
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from palermo.tracking.models import ActionPlan, Recommendation, Status, Theme
from palermo.tracking.services import plans as plan_services
from palermo.tracking.services.measurements import measurement_report
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, make_indicator, make_organisation, make_plan, make_secretariat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = datetime.date

# Playwright's init scripts run outside the page's CSP: they can listen for its violations.
RECORD_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
});
"""


@pytest.fixture
def plan() -> ActionPlan:
    make_secretariat()
    plan = make_plan(make_organisation("National task force"), title="National plan 2025")
    police = make_organisation("Federal police")
    convictions = make_indicator(plan, name="Trafficking convictions", unit="cases")
    plan_services.measure_update(
        actor=None, measure=convictions.measure, title="Prosecute traffickers and shelter victims"
    )
    for month, value in {1: 104, 2: 112, 3: 121, 4: 125, 5: 131, 6: 138}.items():
        measurement_report(
            actor=None,
            indicator=convictions,
            period=D(2025, month, 1),
            value=value,
            today=D(2026, 1, 20),
        )
    shelters = plan_services.indicator_create(
        actor=None,
        measure=convictions.measure,
        name="Shelter places",
        unit="places",
        baseline_value=40,
        baseline_date=D(2024, 12, 31),
        target_value=100,
        target_date=D(2025, 12, 31),
        direction="increase",
        frequency="quarterly",
        reporting_body=police,
    )
    measurement_report(
        actor=None, indicator=shelters, period=D(2025, 1, 1), value=42, today=D(2026, 1, 20)
    )
    hotline = make_indicator(
        plan, reporting_body=police, name="Hotline calls answered", unit="calls"
    )
    plan_services.measure_update(
        actor=None, measure=hotline.measure, title="Run a national hotline"
    )
    return plan


@pytest.fixture
def csp_page(page: Page) -> Iterator[Page]:
    """The page fixture (which fails on console errors), failing on warnings and CSP too."""
    warnings: list[str] = []
    page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    yield page
    assert page.evaluate("window.cspViolations") == []
    assert warnings == [], f"The browser console reported warnings: {warnings}"


# What a drawn chart shows, measured in the page: its texts, the texts standing outside the SVG
# (clipped), legend labels lying over legend symbols or over each other, its accessible name.
MEASURE_CHART = """
(selector) => {
  const svg = document.querySelector(`${selector} svg`);
  const rect = (element) => element.getBoundingClientRect();
  const texts = (role) => [...svg.querySelectorAll(`.role-${role} text`)];
  const words = (elements) => elements.map((element) => element.textContent);
  const overlap = (a, b) =>
    a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
    a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const frame = rect(svg);
  const inside = (r) =>
    r.left >= frame.left - 0.5 && r.right <= frame.right + 0.5 &&
    r.top >= frame.top - 0.5 && r.bottom <= frame.bottom + 0.5;
  const symbols = [...svg.querySelectorAll(".role-legend-symbol path")].map(rect);
  const bars = [...svg.querySelectorAll(".mark-rect.role-mark path")].map(rect);
  const axisLabels = texts("axis-label");
  const legendLabels = texts("legend-label");
  const titles = ["title-text", "title-subtitle", "axis-title", "legend-title"].flatMap(texts);
  const over = (labels, boxes) =>
    labels.filter((label) => boxes.some((box) => overlap(rect(label), box)));
  return {
    axisLabels: words(axisLabels),
    legendLabels: words(legendLabels),
    titles: words(titles),
    outside: words([...svg.querySelectorAll("text")].filter((t) => !inside(rect(t)))),
    overlaps: words(over(legendLabels, symbols)),
    labelsOverBars: words(over(axisLabels, bars)),
    legendLabelOverlaps: words(legendLabels.filter((label, index) =>
      legendLabels.some((other, j) => j !== index && overlap(rect(label), rect(other))))),
    accessibleName: document.querySelector(selector).getAttribute("aria-label"),
  };
}
"""


def sign_in(page: Page, live_server: LiveServer, username: str) -> None:
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_the_plan_dashboard_draws_its_charts(
    csp_page: Page, live_server: LiveServer, plan: ActionPlan
) -> None:
    page = csp_page
    sign_in(page, live_server, "secretariat")

    page.goto(f"{live_server.url}/en/tracking/plans/{plan.pk}/dashboard/")

    expect(page.get_by_role("heading", name="Dashboard of National plan 2025")).to_be_visible()
    charts = page.locator(".vega-chart")
    expect(charts).to_have_count(3)
    expect(page.locator('.vega-chart[data-rendered="true"]')).to_have_count(3)
    expect(page.locator(".vega-chart svg")).to_have_count(3)
    # Two measures; the second has no value yet, so one bar.
    assert (
        page.locator('[data-spec-id="chart-progress"] svg .mark-rect.role-mark path').count() == 1
    )
    assert page.locator('[data-spec-id="chart-trend"] svg .mark-line.role-mark path').count() == 2
    assert page.locator('[data-spec-id="chart-trend"] svg .mark-rule.role-mark line').count() == 1
    assert page.locator('[data-spec-id="chart-overdue"] svg .mark-rect.role-mark path').count() == 2
    expect(page.locator('[data-spec-id="chart-progress"] svg')).to_contain_text(
        "Progress by measure"
    )
    assert page.evaluate("window.cspViolations") == []
    screenshot(page, "tracking-plan-dashboard")

    page.get_by_label("Indicator", exact=True).select_option(label="1. Shelter places")
    page.get_by_role("button", name="Show").click()

    expect(page.locator('[data-spec-id="chart-trend"] svg')).to_contain_text("Shelter places")
    expect(page.locator('[data-spec-id="chart-trend"] svg')).to_contain_text("Value (places)")
    assert page.evaluate("window.cspViolations") == []


def test_the_tracking_dashboard_draws_recommendations_and_overdue_reports(
    csp_page: Page, live_server: LiveServer, plan: ActionPlan
) -> None:
    page = csp_page
    # A transactional test may start from a flushed database: make the themes it needs.
    firearms, _ = Theme.objects.get_or_create(code="firearms", defaults={"name": "Firearms"})
    corruption, _ = Theme.objects.get_or_create(code="corruption", defaults={"name": "Corruption"})
    statuses = [Status.IMPLEMENTED, Status.IN_PROGRESS, Status.IN_PROGRESS, Status.NOT_STARTED]
    for number, status in enumerate(statuses):
        recommendation = Recommendation.objects.create(
            title=f"Recommendation {number}",
            text="Criminalise trafficking in all its forms.",
            country="PAK",
            source=Recommendation.Source.OTHER,
            issued_on=D(2025, 3, 1),
            status=status,
        )
        recommendation.themes.set([firearms, corruption][: number % 2 + 1])
    # Firearms: implemented, in progress (2), not started; corruption: in progress, not started.
    sign_in(page, live_server, "secretariat")

    page.goto(f"{live_server.url}/en/tracking/dashboard/")

    expect(page.locator('.vega-chart[data-rendered="true"]')).to_have_count(2)
    assert (
        page.locator('[data-spec-id="chart-recommendations"] svg .mark-rect.role-mark path').count()
        == 5
    )
    assert page.locator('[data-spec-id="chart-overdue"] svg .mark-rect.role-mark path').count() == 2
    assert page.evaluate("window.cspViolations") == []
    screenshot(page, "tracking-dashboard")


def test_the_urdu_plan_dashboard_draws_readable_charts(
    csp_page: Page, live_server: LiveServer, plan: ActionPlan
) -> None:
    page = csp_page
    sign_in(page, live_server, "secretariat")

    page.goto(f"{live_server.url}/ur/tracking/plans/{plan.pk}/dashboard/")

    expect(page.locator('.vega-chart[data-rendered="true"]')).to_have_count(3)
    screenshot(page, "tracking-plan-dashboard-ur")
    for chart in ("chart-progress", "chart-trend", "chart-overdue"):
        facts = page.evaluate(MEASURE_CHART, f'[data-spec-id="{chart}"]')
        assert facts["outside"] == [], chart
        assert facts["overlaps"] == [], chart
        assert facts["labelsOverBars"] == [], chart
        assert facts["legendLabelOverlaps"] == [], chart
        assert facts["accessibleName"], chart
        words = [label for label in facts["axisLabels"] if not label.replace("-", "").isdigit()]
        assert all(len(label) >= 8 and not label.endswith("…") for label in words), words
        assert not any(text.endswith("…") for text in facts["legendLabels"] + facts["titles"])
    progress = page.evaluate(MEASURE_CHART, '[data-spec-id="chart-progress"]')
    assert "1. Prosecute traffickers and shelter victims" in progress["axisLabels"]
    assert "2. Run a national hotline" in progress["axisLabels"]
    assert len(progress["legendLabels"]) == 4
    overdue = page.evaluate(MEASURE_CHART, '[data-spec-id="chart-overdue"]')
    assert "Federal police" in overdue["axisLabels"]
