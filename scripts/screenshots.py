"""Take the screenshots in docs/screenshots/: 8 main pages, English and Urdu, 1366 and 390 px.

Run from the repository root, with the development dependencies and Debian's chromium:

    .venv/bin/python scripts/screenshots.py                 # writes docs/screenshots/*.png
    .venv/bin/python scripts/screenshots.py --out /tmp/shots --only dashboard review --full-page

It builds a throw-away demo database in a temporary directory (migrate, reference, demo: the
same steps as `make run`), serves it with Django's development server on a free local port,
signs in as the demo accounts and saves one viewport-sized PNG per page, language and width,
named `<page>-<language>-<width>.png`. Nothing outside the temporary directory and the output
directory is touched; the server stops when the script ends.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "palermo-demo-2024"  # noqa: S105 - the demo accounts' public password
LANGUAGES = ("en", "ur")
SIZES = {"1366": {"width": 1366, "height": 768}, "390": {"width": 390, "height": 844}}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def prepare_database(var_dir: Path) -> dict[str, str]:
    """Fill a fresh SQLite database with the demo data; return the environment that uses it."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "palermo.settings",
        "PALERMO_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir / 'palermo.sqlite3'}",
        "PALERMO_DEMO": "1",
        "PALERMO_PLAIN_HTTP": "1",
        # The development server serves the static files only with DEBUG on.
        "DEBUG": "1",
    }
    os.environ.update(env)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("reference")
    call_command("demo")
    return env


def main_pages() -> dict[str, tuple[str, str]]:
    """Page name -> (path without the language prefix, demo account that works on it)."""
    from django.urls import reverse

    from palermo.engagement.models import Event
    from palermo.reviews.models import ArticleAnswer, Review
    from palermo.tracking.models import ActionPlan

    review = Review.objects.order_by("pk").first()
    answers = ArticleAnswer.objects.filter(review=review).order_by("pk")
    answer = answers.filter(assignee__username="focal").first() or answers.first()
    plan = ActionPlan.objects.order_by("pk").first()
    event = Event.objects.filter(minutes__isnull=False).order_by("pk").first()
    if review is None or answer is None or plan is None or event is None:
        sys.exit("The demo data has no review, answer, plan or event with minutes.")

    def path(name: str, *args: int) -> str:
        return reverse(name, args=args).removeprefix("/en")

    return {
        "dashboard": (path("dashboard"), "secretariat"),
        "review": (path("reviews:review-detail", review.pk), "secretariat"),
        "answer": (path("reviews:answer-detail", review.pk, answer.pk), "focal"),
        "side-by-side": (path("reviews:side-by-side", review.pk), "secretariat"),
        "recommendations": (path("tracking:recommendation-list"), "secretariat"),
        "plan-dashboard": (path("tracking:plan-dashboard", plan.pk), "secretariat"),
        "event": (path("engagement:event-detail", event.pk), "coordinator"),
        "evidence": (path("evidence:dataset-list"), "analyst"),
    }


def wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(120):
        if server.poll() is not None:
            sys.exit("The development server stopped before it answered.")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"{url} did not answer within a minute.")


def take(base: str, pages: dict[str, tuple[str, str]], out: Path, *, full_page: bool) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        contexts = {}
        for name, (page_path, username) in pages.items():
            if username not in contexts:
                context = browser.new_context(locale="en-GB", viewport=SIZES["1366"])
                page = context.new_page()
                page.goto(f"{base}/en/accounts/login/")
                page.get_by_label("Username").fill(username)
                page.get_by_label("Password").fill(PASSWORD)
                page.get_by_role("button", name="Sign in").click()
                page.wait_for_url(f"{base}/en/")
                contexts[username] = page
            page = contexts[username]
            for language in LANGUAGES:
                for label, size in SIZES.items():
                    page.set_viewport_size(size)
                    page.goto(f"{base}/{language}{page_path}")
                    page.wait_for_load_state("networkidle")
                    page.wait_for_function(
                        "[...document.querySelectorAll('.vega-chart')]"
                        ".every((chart) => chart.dataset.rendered)"
                    )
                    target = out / f"{name}-{language}-{label}.png"
                    page.screenshot(path=str(target), full_page=full_page)
                    print(f"{target} ({target.stat().st_size // 1024} kB)")  # noqa: T201
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", nargs="*", help="page names to take (default: all 8)")
    parser.add_argument(
        "--full-page", action="store_true", help="the whole page, not only the viewport"
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="palermo-screenshots-") as var_dir:
        env = prepare_database(Path(var_dir))
        pages = main_pages()
        if arguments.only:
            pages = {name: pages[name] for name in arguments.only}
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 - fixed arguments
            [sys.executable, "-m", "palermo.cli", "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(f"{base}/en/accounts/login/", server)
            take(base, pages, arguments.out, full_page=arguments.full_page)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
