"""Run the suite on SQLite, then again on PostgreSQL when one answers, and say which ran.

PostgreSQL comes from PALERMO_TEST_DATABASE_URL, or postgresql://postgres@127.0.0.1:5432/test.
With PALERMO_REQUIRE_POSTGRES=1 (as in CI) an unreachable PostgreSQL fails the run.
"""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET  # noqa: N817
from pathlib import Path

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"


def postgres_answers(url: str) -> str:
    """Empty when a connection succeeds, else the reason it did not."""
    try:
        import psycopg
    except ImportError as error:
        return str(error)
    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3):
            return ""
    except psycopg.Error as error:
        return str(error).strip().splitlines()[0]


RESULTS = Path("var/test-results")
totals = {"passed": 0, "failed": 0, "skipped": 0}


def pytest(label: str, name: str, env: dict[str, str]) -> int:
    print(f"\n=== Test pass: {label} ===", flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = RESULTS / f"{name}.xml"
    report.unlink(missing_ok=True)
    command = [sys.executable, "-m", "pytest", f"--junitxml={report}", *sys.argv[1:]]
    status = subprocess.call(command, env=env)
    if report.exists():
        suite = ET.parse(report).getroot().find("testsuite")  # noqa: S314 - our own file
        if suite is not None:
            run = int(suite.get("tests", 0))
            failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skipped = int(suite.get("skipped", 0))
            totals["passed"] += run - failed - skipped
            totals["failed"] += failed
            totals["skipped"] += skipped
    elif status == 0:
        status = 1
    return status


def main() -> int:
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    status = pytest("SQLite", "sqlite", {**base, "DATABASE_URL": "sqlite:///:memory:"})
    url = os.environ.get("PALERMO_TEST_DATABASE_URL", DEFAULT_POSTGRES)
    reason = postgres_answers(url)
    if reason:
        print(f"\n=== Test pass: PostgreSQL skipped ({url} did not answer: {reason}) ===")
        if os.environ.get("PALERMO_REQUIRE_POSTGRES") == "1":
            print("PALERMO_REQUIRE_POSTGRES=1: the PostgreSQL pass is required.")
            return 1
    else:
        status = (
            pytest(f"PostgreSQL ({url})", "postgresql", {**base, "DATABASE_URL": url}) or status
        )
    print(f"\n=== Test passes done: {'failed' if status else 'all passed'} ===")
    print(
        f"tests: {totals['passed']} passed, {totals['failed']} failed, {totals['skipped']} skipped"
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
