"""Two walks of issue 14, counted in clicks, with screenshots kept in docs/walks/:
the focal person answers an article and sends it, from the inbox; the secretariat
generates a plan's progress report. (The coordinator's event walk is test_event_walk.py.)"""

import io
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from palermo.core.demo import demo_load as accounts_demo_load
from palermo.core.models import User
from palermo.engagement.models import Organisation
from palermo.instruments.demo import demo_load as legislation_demo_load
from palermo.instruments.models import Cluster, State
from palermo.reports.models import GeneratedReport
from palermo.reviews.models import AnswerStatus, ArticleAnswer
from palermo.reviews.services import answers as answer_services
from palermo.reviews.services import opening as opening_services
from tests.browser.test_dashboard import sign_in
from tests.browser.test_event_walk import Clicks
from tests.browser.test_report_generation import db_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The committed pictures are refreshed with PALERMO_WALK_SCREENSHOTS=1; otherwise a run leaves
# the working tree as it found it and keeps its pictures under var/.
ROOT = Path(__file__).resolve().parents[2]
WALKS = (
    ROOT / "docs" / "walks"
    if os.environ.get("PALERMO_WALK_SCREENSHOTS") == "1"
    else ROOT / "var" / "screenshots" / "walks"
)
# Before the inbox: the dashboard's review, then its article (2 clicks to reach the form, not 1).
FOCAL_MOST_CLICKS = 7
PLAN_REPORT_MOST_CLICKS = 6


def walk_screenshot(page: Page, name: str) -> None:
    """What the person sees, the viewport only, small enough to keep in the repository."""
    WALKS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(WALKS / f"{name}.png"), full_page=False)


@pytest.fixture
def assigned_answer(settings: Any) -> ArticleAnswer:
    """An open review of Pakistan with one article given to the demo focal person's body."""
    settings.PALERMO_DEMO = True
    accounts_demo_load()
    legislation_demo_load()
    secretariat = User.objects.get(username="secretariat")
    review = opening_services.review_open(
        actor=secretariat,
        state=State.objects.get(iso3="PAK"),
        cluster=Cluster.objects.get(number=1),
        year=2026,
    )
    answer = review.answers.get(article__instrument__code="untoc", article__number=6)
    body = Organisation.objects.get(name="Federal Investigation Agency")
    answer_services.answer_assign(actor=secretariat, answers=[answer], body=body)
    answer.refresh_from_db()
    return answer


def test_the_focal_person_answers_and_sends_an_article_from_the_inbox(
    page: Page, live_server: LiveServer, assigned_answer: ArticleAnswer
) -> None:
    versions_before = assigned_answer.history.count()
    clicks = Clicks()
    sign_in(page, live_server, "focal")
    summary = page.get_by_role("region", name="What needs you now")
    expect(summary).to_contain_text("Answers to draft")
    walk_screenshot(page, "focal-1-dashboard")
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Inbox").click()
    expect(page.get_by_role("heading", name="Answers to draft")).to_be_visible()
    walk_screenshot(page, "focal-2-inbox")  # the same items, grouped; not part of the walk
    page.go_back()

    clicks.click(summary.get_by_role("link", name="untoc:6"))
    clicks.click(page.get_by_label("Yes", exact=True))
    questions = page.locator("textarea[name^=q_]")
    for index in range(questions.count()):
        clicks.fill(questions.nth(index), "Section 3 of the Anti-Money Laundering Act 2010.")
    walk_screenshot(page, "focal-3-answer")
    clicks.click(page.get_by_role("button", name="Save and send for approval"))

    expect(page.get_by_role("status").first).to_contain_text("sent to the secretariat")
    expect(page.get_by_text("It can change again if the secretariat returns it")).to_be_visible()
    expect(page.get_by_role("button", name="Save and send for approval")).to_have_count(0)
    walk_screenshot(page, "focal-4-sent")
    assigned_answer.refresh_from_db()
    assert assigned_answer.status == AnswerStatus.FOR_APPROVAL
    assert assigned_answer.history.count() == versions_before + 1  # saved and sent: one version
    print(f"focal walk: {clicks.count} clicks")  # noqa: T201
    assert clicks.count <= FOCAL_MOST_CLICKS, clicks.count


@pytest.fixture
def full_demo(settings: Any, tmp_path: Any) -> None:
    settings.PALERMO_DEMO = True
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("demo", stdout=io.StringIO())


def test_the_secretariat_generates_a_plan_report(
    page: Page, live_server: LiveServer, full_demo: None
) -> None:
    clicks = Clicks()
    sign_in(page, live_server, "secretariat")

    clicks.click(page.get_by_role("link", name="Action plans", exact=True))
    clicks.click(page.get_by_role("link", name="National Action Plan against Smuggling"))
    walk_screenshot(page, "plan-report-1-plan")
    clicks.click(page.get_by_role("button", name="Generate a report"))
    clicks.click(page.get_by_role("link", name="Progress report"))
    clicks.fill(page.get_by_label("Month"), "2025-12")
    walk_screenshot(page, "plan-report-2-form")
    clicks.click(page.get_by_role("button", name="Generate the report"))
    status = page.locator("#report-status")
    expect(status).to_contain_text("Waiting")
    with db_worker(live_server) as worker:
        worker.join(90)
    expect(status).to_contain_text("The report is ready", timeout=15_000)
    walk_screenshot(page, "plan-report-3-ready")

    report = GeneratedReport.objects.get(created_by__username="secretariat", kind="plan_progress")
    assert report.status == GeneratedReport.Status.DONE
    print(f"plan report walk: {clicks.count} clicks")  # noqa: T201
    assert clicks.count <= PLAN_REPORT_MOST_CLICKS, clicks.count
