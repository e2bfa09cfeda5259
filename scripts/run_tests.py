"""Run the suite on SQLite and, when one answers, on PostgreSQL, side by side, and say which ran.

The two passes run at the same time, one per core: each is a single process, so on a 2-core
machine the whole suite takes about as long as its slower pass. Each pass writes its output to
var/test-results/<name>.log, printed in full once both are done (PALERMO_TEST_SEQUENTIAL=1 runs
them one after the other instead, printing as they go).

Tests that use no database give the same verdict on either, so only the SQLite pass runs them
(tests/conftest.py leaves them out on PostgreSQL); both passes run every test that does.

PostgreSQL comes from PALERMO_TEST_DATABASE_URL, or postgresql://postgres@127.0.0.1:5432/test.
With PALERMO_REQUIRE_POSTGRES=1 (as in CI) an unreachable PostgreSQL fails the run.
"""

import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET  # noqa: N817
from dataclasses import dataclass
from pathlib import Path

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
# The line tests/conftest.py writes in a PostgreSQL pass's summary.
DATABASE_FREE = re.compile(r"^deselected (\d+) database-free tests", re.MULTILINE)
RESULTS = Path("var/test-results")


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


@dataclass
class Pass:
    label: str
    name: str
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None

    @property
    def report(self) -> Path:
        return RESULTS / f"{self.name}.xml"

    @property
    def log(self) -> Path:
        return RESULTS / f"{self.name}.log"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "pytest", f"--junitxml={self.report}", *sys.argv[1:]]

    def start(self) -> None:
        self.report.unlink(missing_ok=True)
        # Each pass its own temporary directory: files one pass leaves are not the other's.
        env = {**self.env, "TMPDIR": tempfile.mkdtemp(prefix=f"palermo-{self.name}-")}
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter
                self.command(), env=env, stdout=log, stderr=subprocess.STDOUT
            )

    def run_here(self) -> int:
        print(f"\n=== Test pass: {self.label} ===", flush=True)
        self.report.unlink(missing_ok=True)
        return subprocess.call(self.command(), env=self.env)  # noqa: S603

    def finish(self) -> int:
        status = self.process.wait() if self.process is not None else 1
        print(f"\n=== Test pass: {self.label} ===", flush=True)
        sys.stdout.write(self.log.read_text(errors="replace"))
        sys.stdout.flush()
        return status

    def database_free_left_out(self) -> int:
        """How many database-free tests this pass left to the SQLite pass (when it had a log).

        Run one after the other, a pass prints as it goes and pytest's own summary says so.
        """
        if self.process is None or not self.log.exists():
            return 0
        found = DATABASE_FREE.search(self.log.read_text(errors="replace"))
        return int(found.group(1)) if found else 0

    def counts(self, status: int) -> tuple[int, int, int, int]:
        """Passed, failed, skipped, and the status (failed when no report was written)."""
        if not self.report.exists():
            return 0, 0, 0, status or 1
        suite = ET.parse(self.report).getroot().find("testsuite")  # noqa: S314 - our own file
        if suite is None:
            return 0, 0, 0, status or 1
        run = int(suite.get("tests", 0))
        failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped = int(suite.get("skipped", 0))
        return run - failed - skipped, failed, skipped, status


def main() -> int:
    RESULTS.mkdir(parents=True, exist_ok=True)
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    passes = [Pass("SQLite", "sqlite", {**base, "DATABASE_URL": "sqlite:///:memory:"})]
    url = os.environ.get("PALERMO_TEST_DATABASE_URL", DEFAULT_POSTGRES)
    reason = postgres_answers(url)
    if not reason:
        passes.append(Pass(f"PostgreSQL ({url})", "postgresql", {**base, "DATABASE_URL": url}))
    if os.environ.get("PALERMO_TEST_SEQUENTIAL") == "1":
        statuses = [one.run_here() for one in passes]
    else:
        for one in passes:
            one.start()
        statuses = [one.finish() for one in passes]
    totals = [0, 0, 0]
    status = 0
    notes = []
    for one, code in zip(passes, statuses, strict=True):
        passed, failed, skipped, code = one.counts(code)
        totals = [totals[0] + passed, totals[1] + failed, totals[2] + skipped]
        status = status or code
        if left_out := one.database_free_left_out():
            notes.append(f"{one.label} left {left_out} database-free tests to the SQLite pass")
    if reason:
        print(f"\n=== Test pass: PostgreSQL skipped ({url} did not answer: {reason}) ===")
        if os.environ.get("PALERMO_REQUIRE_POSTGRES") == "1":
            print("PALERMO_REQUIRE_POSTGRES=1: the PostgreSQL pass is required.")
            return 1
    print(f"\n=== Test passes done: {'failed' if status else 'all passed'} ===")
    print(f"tests: {totals[0]} passed, {totals[1]} failed, {totals[2]} skipped")
    for note in notes:
        print(note)
    return status


if __name__ == "__main__":
    sys.exit(main())
