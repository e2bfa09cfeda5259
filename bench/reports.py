"""Our PDFs (document model -> Typst) against WeasyPrint on the same document's HTML.

    python bench/reports.py [--articles 40] [--runs 10]

Builds a self-assessment-like document (cover, contents, per article: heading, question,
answer paragraphs, a provisions table, observations) from the document model only, then
measures in one run:

- cold: the first render in a fresh interpreter (`python -c`), for each renderer;
- warm: the median of `--runs` renders in this process after one warm-up render.

WeasyPrint is not a dependency of Palermo (`pip install -e .[bench]` brings it); without it
the script says so and measures Typst alone. The WeasyPrint timing includes `render_html`, as
the Typst timing includes generating the Typst markup.

    python bench/reports.py --click-to-file [--database sqlite|postgres|both] [--runs 3]

times what a person waits for instead: from requesting a report through the API to holding its
file, for every report kind of the demo in every format. It prepares a demo database
(bench/report_data.py, which also times building and rendering each report in its own process:
the baseline), starts `palermo serve` (gunicorn and the task worker), then

- first: once the new task worker says it is ready (it warms its renderers first), one PDF of
  the first kind, the first report that worker takes;
- warm: per kind and format, the median of `--runs` requests, each `POST /api/v1/reports`, its
  `status_url` polled every 20 ms until done, then the file downloaded.

It prints each time against the in-process build and render of the same report.
"""

import argparse
import datetime
import http.client
import io
import json
import logging
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

from palermo.reports.document import (  # noqa: E402 - needs src/ on the path.
    BulletList,
    Cover,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    TableOfContents,
    Text,
)

WORDS = """the State party has adopted legislation measures competent authorities offence organized
criminal group participation proceeds of crime confiscation cooperation investigation
prosecution court judicial training data national strategy review implementation victims
witnesses protection mutual legal assistance extradition agency coordination resources
capacity reporting evidence cases convictions institutional framework""".split()  # noqa: SIM905
ARTICLES = (
    "Criminalization of participation in an organized criminal group",
    "Criminalization of the laundering of proceeds of crime",
    "Measures to combat money-laundering",
    "Criminalization of corruption",
    "Liability of legal persons",
    "Confiscation and seizure",
    "Jurisdiction",
    "Extradition",
    "Mutual legal assistance",
    "Joint investigations",
)


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 26))
    return " ".join(words).capitalize() + "."


def build_document(articles: int = 40, seed: int = 7) -> Document:
    """A self-assessment with `articles` articles, the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311 - text for a benchmark.
    document = Document(
        title="Self-assessment: Pakistan",
        author="Palermo benchmark",
        cover=Cover(
            title="Self-assessment: Pakistan",
            subtitle="United Nations Convention against Transnational Organized Crime",
            details=(("State", "Pakistan"), ("Cycle", "2024"), ("Cluster", "Criminalization")),
            note="Generated for a benchmark; the text is random.",
        ),
    )
    document.add(TableOfContents("Contents"), PageBreak())
    for number in range(1, articles + 1):
        title = ARTICLES[(number - 1) % len(ARTICLES)]
        document.add(
            Heading(f"Article {number + 4}. {title}"),
            Paragraph.of(Text(f"Question {number}. " + _sentence(rng), italic=True)),
        )
        for _ in range(rng.randint(3, 5)):
            sentences = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
            footnote = _sentence(rng) if rng.random() < 0.2 else ""
            document.add(
                Paragraph.of(sentences, Text(" " + _sentence(rng), bold=True, footnote=footnote))
            )
        rows = tuple(
            (
                f"Section {rng.randint(1, 400)}",
                " ".join(rng.choices(WORDS, k=5)).title(),
                rng.randint(0, 250),
                round(rng.random() * 100, 1),
            )
            for _ in range(rng.randint(4, 7))
        )
        document.add(
            Table(
                columns=("Provision", "Law", "Cases", "Share (%)"),
                rows=rows,
                caption=f"Provisions implementing article {number + 4}",
                widths=(2, 4, 1, 1),
            ),
            Heading("Observations", level=2),
            BulletList(tuple((_sentence(rng),) for _ in range(rng.randint(2, 4)))),
        )
    return document


def _setup() -> None:
    import django

    django.setup()
    # WeasyPrint logs every page it lays out.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("weasyprint.progress").setLevel(logging.ERROR)


def _weasyprint_pdf(document: Document) -> bytes:
    import weasyprint  # type: ignore[import-untyped,import-not-found,unused-ignore]

    from palermo.reports.renderers.html import render_html_page

    return bytes(weasyprint.HTML(string=render_html_page(document)).write_pdf())


def _typst_pdf(document: Document) -> bytes:
    from palermo.reports.renderers.pdf import render_pdf

    return render_pdf(document)


RENDERERS: dict[str, Callable[[Document], bytes]] = {
    "typst": _typst_pdf,
    "weasyprint": _weasyprint_pdf,
}

CHILD = """
import json, sys, time
started = time.perf_counter()
sys.path.insert(0, {bench!r})
import reports as bench
bench._setup()
document = bench.build_document({articles})
if {name!r} == "weasyprint":
    import weasyprint
from palermo.reports.renderers import pdf, html
imported = time.perf_counter()
content = bench.RENDERERS[{name!r}](document)
done = time.perf_counter()
pages = bench.pages(content)
print(json.dumps({{"first": done - imported, "process": done - started, "pages": pages}}))
"""


def pages(content: bytes) -> int | None:
    try:
        import pypdf
    except ImportError:
        return None
    return len(pypdf.PdfReader(io.BytesIO(content)).pages)


def cold(name: str, articles: int) -> dict[str, float]:
    code = CHILD.format(bench=str(ROOT / "bench"), articles=articles, name=name)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    measured: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def warm(name: str, warm_up: Document, documents: list[Document]) -> float:
    """The median time of rendering each of `documents` after rendering `warm_up`."""
    render = RENDERERS[name]
    render(warm_up)
    times = []
    for document in documents:
        started = time.perf_counter()
        render(document)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def has_weasyprint() -> bool:
    try:
        import weasyprint  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: F401
    except (ImportError, OSError) as error:
        print(f"WeasyPrint is not importable ({error}); measuring Typst alone.")
        print("Install it to compare: pip install -e '.[bench]' (needs Debian's libpango).")
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--click-to-file", action="store_true")
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--port", type=int, default=8160)
    arguments = parser.parse_args()
    if arguments.click_to_file:
        click_to_file(arguments)
        return
    _setup()
    document = build_document(arguments.articles)
    names = ["typst", "weasyprint"] if has_weasyprint() else ["typst"]
    print(f"Document: {arguments.articles} articles, {len(document.blocks)} blocks.")

    same = [document] * arguments.runs
    fresh = [build_document(arguments.articles, seed=100 + n) for n in range(arguments.runs)]
    other = build_document(arguments.articles, seed=99)
    results: dict[str, dict[str, float]] = {}
    for name in names:
        first = cold(name, arguments.articles)
        results[name] = {
            **first,
            "warm": warm(name, document, same),
            "fresh": warm(name, other, fresh),
        }
        print(
            f"{name:>10}: {first['pages']} pages; cold: first render {first['first']:.3f} s"
            f" (whole fresh process {first['process']:.2f} s); warm, median of"
            f" {arguments.runs}: same document {results[name]['warm'] * 1000:.0f} ms,"
            f" a new document each time {results[name]['fresh'] * 1000:.0f} ms"
        )
    if "weasyprint" in results:
        typst, weasy = results["typst"], results["weasyprint"]
        print(
            "WeasyPrint / Typst:"
            f" warm same document {weasy['warm'] / typst['warm']:.0f}x,"
            f" warm new documents {weasy['fresh'] / typst['fresh']:.1f}x,"
            f" cold first render {weasy['first'] / typst['first']:.1f}x,"
            f" cold process {weasy['process'] / typst['process']:.1f}x"
        )
    print(
        "Typst memoises layout: a warm render of a document it has laid out before reuses that"
        " work; new text is laid out afresh."
    )


FIRST_LIMIT, WARM_LIMIT = 2.0, 1.0
POLL = 0.02


def _api(port: int, token: str, method: str, path: str, body: Any = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Authorization": f"Bearer {token}", "Host": f"127.0.0.1:{port}"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    try:
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@dataclass
class Timing:
    total: float  # from the request to holding the file
    queued: float  # from the report's creation until the worker started it
    work: float  # from its start until it was done

    @classmethod
    def of(cls, total: float, report: dict[str, Any]) -> "Timing":
        created, started, finished = (
            datetime.datetime.fromisoformat(report[name])
            for name in ("created_at", "started_at", "finished_at")
        )
        return cls(total, (started - created).total_seconds(), (finished - started).total_seconds())


def request_to_file(port: int, request: dict[str, Any], fmt: str) -> Timing:
    """From asking for the report to holding its file (the API, as a script does)."""
    token = request["token"]
    body = {"kind": request["kind"], "params": request["params"], "fmt": fmt, "language": "en"}
    began = time.perf_counter()
    status, data = _api(port, token, "POST", "/api/v1/reports", body)
    if status != 202:
        raise SystemExit(f"{request['kind']} {fmt}: {status} {data[:200]!r}")
    report = json.loads(data)
    path = f"/api/v1/reports/{report['id']}"
    while report["status"] not in ("done", "failed"):
        time.sleep(POLL)
        status, data = _api(port, token, "GET", path)
        if status != 200:
            raise SystemExit(f"{request['kind']} {fmt}: {path} answered {status} {data[:300]!r}")
        report = json.loads(data)
    if report["status"] == "failed":
        raise SystemExit(f"{request['kind']} {fmt} failed: {report['error']}")
    status, data = _api(port, token, "GET", f"{path}/file")
    if status != 200 or not data:
        raise SystemExit(f"{request['kind']} {fmt}: the file answered {status}")
    return Timing.of(time.perf_counter() - began, report)


def worker_ready(log: Path, started: float, limit: float = 120) -> float:
    """Seconds from the server's start until its task worker says it is ready."""
    while time.perf_counter() - started < limit:
        if "Task worker ready" in log.read_text(errors="replace"):
            return time.perf_counter() - started
        time.sleep(0.05)
    raise SystemExit(f"The task worker did not say it was ready; see {log}.")


def click_to_file_database(label: str, url: str, arguments: argparse.Namespace) -> bool:
    """One database's figures; False when a time is over its limit."""
    import load  # bench/load.py: starting and stopping `palermo serve`

    with tempfile.TemporaryDirectory(prefix="palermo-reports-bench-") as scratch:
        env = dict(os.environ)
        env.update(DATABASE_URL=url, PALERMO_DEMO="1", PALERMO_PLAIN_HTTP="1")
        env.update(PALERMO_VAR_DIR=scratch)
        began = time.perf_counter()
        output = subprocess.run(  # noqa: S603 - our own interpreter and script.
            [sys.executable, str(ROOT / "bench" / "report_data.py"), "prepare"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        plan = json.loads(output.strip().splitlines()[-1])
        took = time.perf_counter() - began
        print(f"\n== {label}: demo database and in-process baseline ready in {took:.0f} s")
        if plan["missing"]:
            print(f"   no demo user and data build these kinds: {', '.join(plan['missing'])}")
        requests = plan["requests"]
        log = Path(scratch) / "server.log"
        started = time.perf_counter()
        server = load.serve(env, arguments.port, 3, log)
        ok = True
        try:
            ready = worker_ready(log, started)
            print(f"server answering, task worker warmed and ready {ready:.1f} s after the start")
            first = request_to_file(arguments.port, requests[0], "pdf")
            verdict = "ok" if first.total <= FIRST_LIMIT else f"OVER {FIRST_LIMIT:.0f} s"
            ok = ok and first.total <= FIRST_LIMIT
            print(
                f"first report after the worker starts ({requests[0]['kind']}, pdf): "
                f"{first.total:.2f} s (queued {first.queued * 1000:.0f} ms, worked "
                f"{first.work * 1000:.0f} ms)  {verdict}"
            )
            print(
                f"  {'kind':22} {'format':6} {'click to file':>13} {'queued':>7} {'worked':>7} "
                f"{'in process':>10} {'ratio':>6}  limit {WARM_LIMIT:.0f} s"
            )
            for request in requests:
                for fmt in request["formats"]:
                    runs = [request_to_file(arguments.port, request, fmt) for _ in range(3)]
                    median = sorted(runs, key=lambda timing: timing.total)[1]
                    warm_time = median.total
                    baseline = request["in_process"][fmt]
                    verdict = "ok" if warm_time <= WARM_LIMIT else "OVER"
                    ok = ok and warm_time <= WARM_LIMIT
                    print(
                        f"  {request['kind']:22} {fmt:6} {warm_time * 1000:10.0f} ms "
                        f"{median.queued * 1000:7.0f} {median.work * 1000:7.0f} "
                        f"{baseline * 1000:7.0f} ms {warm_time / baseline:6.2f}  {verdict}"
                    )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        return ok


def click_to_file(arguments: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import load

    if not load.free(arguments.port):
        raise SystemExit(f"Port {arguments.port} is taken; pass --port.")
    ok = True
    if arguments.database in ("sqlite", "both"):
        with tempfile.TemporaryDirectory(prefix="palermo-reports-db-") as directory:
            url = f"sqlite:///{Path(directory) / 'reports.sqlite3'}"
            ok = click_to_file_database("SQLite", url, arguments) and ok
    if arguments.database in ("postgres", "both"):
        if not load.postgres_answers():
            print("\nNo PostgreSQL answers at 127.0.0.1:5432; SQLite only.")
        else:
            name = f"palermo_reports_{uuid.uuid4().hex[:8]}"
            subprocess.run(["createdb", "-h", load.HOST, "-U", "postgres", name], check=True)  # noqa: S603, S607
            try:
                ok = click_to_file_database("PostgreSQL", load.POSTGRES + name, arguments) and ok
            finally:
                subprocess.run(  # noqa: S603, S607
                    ["dropdb", "-h", load.HOST, "-U", "postgres", "--if-exists", "--force", name],
                    check=False,
                )
    if not ok:
        raise SystemExit("Some reports took longer than their limit.")


if __name__ == "__main__":
    main()
