"""In Urdu, text people wrote and mixed values read in their own direction on the main pages.

One browser, one sign-in, the demo data set: every page is checked by measuring, not by reading
the HTML — the computed direction of each isolate the text filters made, and for each Latin
sentence the DOM's range rectangles of its final full stop or question mark (right of its last
letter, and right of its first letter on the same line), and for each value such as ``2025-Q4``
or ``12 meetings`` its first character left of its last.
"""

import io
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from palermo.engagement.models import Event
from palermo.reviews.models import ArticleAnswer, Review
from palermo.tracking.models import ActionPlan, Recommendation
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Returns the problems found in <main>, each a short sentence naming the text.
MEASURE_DIRECTION = r"""
() => {
  const main = document.querySelector("main");
  const strong = (text) => {
    for (const ch of text) {
      if (/\p{Script=Latin}/u.test(ch)) return "ltr";
      if (/[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(ch)) return "rtl";
    }
    return null;
  };
  const skipped = (element) =>
    element.closest("select, textarea, script, style, .vega-chart, [hidden], .visually-hidden") ||
    element.getClientRects().length === 0;
  const rectOf = (node, index) => {
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + 1);
    const rects = range.getClientRects();
    return rects.length ? rects[0] : null;
  };
  const problems = [];
  let checked = 0;

  // 1. Every isolate resolves its direction from its own text.
  for (const element of main.querySelectorAll('bdi, [dir="auto"], .user-text > p')) {
    const expected = strong(element.textContent);
    if (!expected || skipped(element)) continue;
    checked += 1;
    const actual = getComputedStyle(element).direction;
    if (actual !== expected) {
      problems.push(`${actual} instead of ${expected}: ${element.textContent.trim().slice(0, 80)}`);
    }
  }

  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.data;
    const trimmed = text.trim();
    if (!trimmed || skipped(node.parentElement)) continue;

    // 2. A Latin sentence: ltr, its final punctuation at its right end.
    if (/^\p{Script=Latin}.*\s.*[.?!]$/su.test(trimmed)) {
      checked += 1;
      const direction = getComputedStyle(node.parentElement).direction;
      if (direction !== "ltr") problems.push(`sentence in ${direction}: ${trimmed.slice(0, 80)}`);
      const first = text.indexOf(trimmed[0]);
      const last = text.lastIndexOf(trimmed.at(-1));
      let letter = last - 1;
      while (letter > first && !/[\p{L}\p{N}]/u.test(text[letter])) letter -= 1;
      const [firstRect, letterRect, lastRect] = [first, letter, last].map((i) => rectOf(node, i));
      if (!firstRect || !letterRect || !lastRect) continue;
      const sameLine = Math.abs(firstRect.top - lastRect.top) < 2;
      if (lastRect.left < letterRect.left || (sameLine && lastRect.left < firstRect.left)) {
        problems.push(`final punctuation on the left: ${trimmed.slice(0, 80)}`);
      }
    }

    // 3. A number with a Latin unit or a percent sign, or a period like 2025-Q4: in order.
    if (/^\d[\d.,]*(\s?%|[\s-]?\p{Script=Latin}+)$/u.test(trimmed)) {
      checked += 1;
      const first = text.indexOf(trimmed[0]);
      const last = text.lastIndexOf(trimmed.at(-1));
      const [firstRect, lastRect] = [rectOf(node, first), rectOf(node, last)];
      if (firstRect && lastRect && Math.abs(firstRect.top - lastRect.top) < 2 &&
          lastRect.left < firstRect.left) {
        problems.push(`value reversed: ${trimmed}`);
      }
    }
  }
  return {checked, problems};
}
"""


@pytest.fixture
def demo(settings: Any) -> None:
    settings.PALERMO_DEMO = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("demo", stdout=io.StringIO())


def main_pages() -> dict[str, str]:
    review = Review.objects.order_by("pk").first()
    assert review is not None
    answer = ArticleAnswer.objects.filter(review=review).order_by("pk").first()
    assert answer is not None
    recommendation = Recommendation.objects.order_by("pk").first()
    plan = ActionPlan.objects.order_by("pk").first()
    event = Event.objects.exclude(description="").order_by("pk").first()
    assert recommendation is not None
    assert plan is not None
    assert event is not None
    return {
        "dashboard": "/ur/",
        "reviews": "/ur/reviews/",
        "review": f"/ur/reviews/{review.pk}/",
        "answer": f"/ur/reviews/{review.pk}/answers/{answer.pk}/",
        "side-by-side": f"/ur/reviews/{review.pk}/side-by-side/",
        "recommendations": "/ur/tracking/recommendations/",
        "recommendation-board": "/ur/tracking/recommendations/board/",
        "recommendation": f"/ur/tracking/recommendations/{recommendation.pk}/",
        "plan-dashboard": f"/ur/tracking/plans/{plan.pk}/dashboard/",
        "organisations": "/ur/engagement/organisations/",
        "people": "/ur/engagement/people/",
        "events": "/ur/engagement/events/",
        "event": f"/ur/engagement/events/{event.pk}/",
        "reports": "/ur/reports/",
        "evidence": "/ur/evidence/",
    }


def test_urdu_pages_keep_text_and_values_in_their_own_direction(
    page: Page, live_server: LiveServer, demo: None
) -> None:
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Username").fill("secretariat")
    page.get_by_label("Password").fill("palermo-demo-2024")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    found: dict[str, list[str]] = {}
    for name, path in main_pages().items():
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None
        assert response.status == 200, path
        assert page.locator("html").get_attribute("dir") == "rtl"
        result = page.evaluate(MEASURE_DIRECTION)
        assert result["checked"] > 0, f"{name}: nothing holding user text was found"
        if result["problems"]:
            found[name] = result["problems"]
        screenshot(page, f"urdu-direction-{name}")

    assert found == {}
