"""How much one machine holds: `palermo serve` under a mixed load, against its bare endpoint.

    python bench/load.py [--seconds 60] [--clients 1,10,20] [--scale 100] [--database sqlite]

For each database (SQLite in a temporary directory; PostgreSQL too when one answers at
127.0.0.1:5432, in a scratch database dropped afterwards) it migrates, loads the reference and
demo data (bench/load_data.py), starts `palermo serve` (gunicorn workers and the task worker),
signs in through the sign-in page (pages) and with an API token (API), then at each number of
concurrent clients:

- bare: the clients ask only for /api/v1/health (one `SELECT 1`) for a quarter of `--seconds`;
  this is the baseline, measured on the same server in the same run;
- pages: the clients ask only for the main pages, in turn, for a quarter of `--seconds`: the
  main pages' throughput, measured as the baseline's is;
- mixed: the clients loop for `--seconds` over the main pages, the API lists and writes (edit a
  person, report a measurement, save an answer, request a report).

It prints, per endpoint, p50, p95, requests per second and errors of the mixed load, and the
main pages' throughput as a share of the bare endpoint's: alone, and within the mixed load
(clients / mean page time there, as each client waits for its answer before asking again;
every write makes the pages that read its tables be built again, and the writes and lists share
the machine). With `--scale N` it then adds N - 1 copies of the demo rows and measures one
client again, printing p50 at N x beside p50 at 1 x.
"""

import argparse
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
PASSWORD = "palermo-demo-2024"  # noqa: S105 - the demo accounts' public password.
POSTGRES = "postgresql://postgres@127.0.0.1:5432/"
PAGES = ("dashboard", "review", "side_by_side", "recommendations", "plan_dashboard")
PAGES += ("organisations", "people")
LISTS = ("api_organisations", "api_people", "api_recommendations", "api_reviews", "api_plans")
WRITES = ("person_edit", "measurement_report", "answer_save", "report_request")


@dataclass
class Session:
    port: int
    ids: dict[str, Any]
    cookie: str = ""
    csrf: str = ""


@dataclass
class Sample:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times[name].append(seconds)
            if error:
                self.errors[name].append(error)


def request(
    session: Session, method: str, path: str, body: Any = None, api: bool = False
) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, session.port, timeout=60)
    headers = {"Host": f"{HOST}:{session.port}"}
    if api:
        headers["Authorization"] = f"Bearer {session.ids['token']}"
    else:
        headers["Cookie"] = session.cookie
    data = None
    if body is not None:
        data = json.dumps(body).encode() if api else body.encode()
        headers["Content-Type"] = "application/json" if api else "application/x-www-form-urlencoded"
        if not api:
            headers["X-CSRFToken"] = session.csrf
            headers["Referer"] = f"http://{HOST}:{session.port}/"
    try:
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def failure(status: int, data: bytes) -> str:
    """The status and the start of the answer, so a report says why a request failed."""
    return f"{status} {data[:80].decode(errors='replace')}"


def sign_in(session: Session) -> None:
    connection = http.client.HTTPConnection(HOST, session.port, timeout=60)
    connection.request("GET", "/en/accounts/login/")
    response = connection.getresponse()
    page = response.read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    cookies = dict(
        c.split(";")[0].split("=", 1) for c in response.headers.get_all("Set-Cookie") or []
    )
    assert csrf is not None, "no CSRF token on the sign-in page"  # noqa: S101
    form = f"csrfmiddlewaretoken={csrf.group(1)}&username={session.ids['user']}&password={PASSWORD}"
    connection = http.client.HTTPConnection(HOST, session.port, timeout=60)
    headers = {
        "Cookie": f"csrftoken={cookies['csrftoken']}",
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"http://{HOST}:{session.port}/en/accounts/login/",
    }
    connection.request("POST", "/en/accounts/login/", body=form, headers=headers)
    response = connection.getresponse()
    response.read()
    cookies.update(
        c.split(";")[0].split("=", 1) for c in response.headers.get_all("Set-Cookie") or []
    )
    if response.status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"Sign-in failed ({response.status}).")
    session.cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    session.csrf = cookies["csrftoken"]


def endpoint_paths(ids: dict[str, Any]) -> dict[str, str]:
    """The address of each page and API list the benchmarks ask for, on the demo data."""
    review, plan = ids["review"], ids["plan"]
    return {
        "dashboard": "/en/",
        "review": f"/en/reviews/{review}/",
        "side_by_side": f"/en/reviews/{review}/side-by-side/",
        "recommendations": "/en/tracking/recommendations/",
        "plan_dashboard": f"/en/tracking/plans/{plan}/dashboard/",
        "organisations": "/en/engagement/organisations/",
        "people": "/en/engagement/people/",
        "api_organisations": "/api/v1/organisations",
        "api_people": "/api/v1/people",
        "api_recommendations": "/api/v1/recommendations",
        "api_reviews": "/api/v1/reviews",
        "api_plans": "/api/v1/plans",
    }


def operations(session: Session, client: int) -> list[tuple[str, Callable[[], str | None]]]:
    """One client's cycle of requests.

    Every page twice, every list once, the writes once (a report in four rounds, as report
    requests are rarer than edits).
    """
    ids = session.ids
    review = ids["review"]
    paths = endpoint_paths(ids)

    def get(name: str) -> Callable[[], str | None]:
        def run() -> str | None:
            status, _ = request(session, "GET", paths[name], api=name.startswith("api_"))
            return None if status == 200 else str(status)

        return run

    person = ids["people"][client % len(ids["people"])]
    measurement = ids["measurements"][client % len(ids["measurements"])]
    answer = ids["answers"][client % len(ids["answers"])] if ids["answers"] else None
    counter = iter(range(10**9))

    def person_edit() -> str | None:
        body = {"title": f"Load test {next(counter)}"}
        status, data = request(session, "PATCH", f"/api/v1/people/{person}", body, api=True)
        return None if status == 200 else failure(status, data)

    def measurement_report() -> str | None:
        # The value stays within the indicator's bounds; a note makes each report a correction.
        note = f"Load test {next(counter)}"
        body = {"period": measurement["period"], "value": measurement["value"], "note": note}
        path = f"/api/v1/indicators/{measurement['indicator']}/measurements"
        status, data = request(session, "POST", path, body, api=True)
        return None if status in (200, 201) else failure(status, data)

    def answer_save() -> str | None:
        if answer is None:
            return "no answer the user may edit"
        path = f"/api/v1/reviews/{answer['review']}/answers/{answer['answer']}"
        status, data = request(session, "GET", path, api=True)
        if status != 200:
            return str(status)
        version = json.loads(data)["version"]
        body = {"version": version, "compliance": "", "responses": {}, "provisions": []}
        status, data = request(session, "PUT", path, body, api=True)
        return None if status == 200 else failure(status, data)

    def report_request() -> str | None:
        body = {"kind": "compliance_matrix", "params": {"review": review}, "fmt": "html"}
        status, data = request(session, "POST", "/api/v1/reports", body, api=True)
        return None if status == 202 else failure(status, data)

    cycle: list[tuple[str, Callable[[], str | None]]] = []
    for round_ in range(4):
        cycle += [(name, get(name)) for name in PAGES + PAGES + LISTS]
        cycle += [("person_edit", person_edit), ("measurement_report", measurement_report)]
        cycle += [("answer_save", answer_save)]
        if round_ == client % 4:
            cycle.append(("report_request", report_request))
    # Clients start at different places in the cycle so they do not ask for the same at once.
    start = (client * 7) % len(cycle)
    return cycle[start:] + cycle[:start]


def drive(session: Session, clients: int, seconds: float, load: str) -> tuple[Sample, float]:
    """Run `clients` clients for `seconds`: "bare" (health), "pages" (main pages) or "mixed"."""
    sample = Sample()
    deadline = time.perf_counter() + seconds
    health = ("health", lambda: _health(session))

    def client(number: int) -> None:
        cycle = operations(session, number)
        if load == "bare":
            cycle = [health]
        elif load == "pages":
            cycle = [(name, run) for name, run in cycle if name in PAGES]
        position = 0
        while time.perf_counter() < deadline:
            name, run = cycle[position % len(cycle)]
            position += 1
            began = time.perf_counter()
            try:
                error = run()
            except OSError as failure:
                error = type(failure).__name__
            sample.add(name, time.perf_counter() - began, error)

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sample, time.perf_counter() - began


def warm(session: Session, workers: int) -> None:
    """Each worker imports and compiles on its first requests: every endpoint, a few times."""

    def client(number: int) -> None:
        done: set[str] = set()
        for name, run in operations(session, number):
            if name not in done:
                done.add(name)
                run()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(workers * 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _health(session: Session) -> str | None:
    status, _ = request(session, "GET", "/api/v1/health")
    return None if status == 200 else str(status)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(
    label: str, clients: int, mixed: Sample, elapsed: float, bare_rps: float, alone_rps: float
) -> None:
    print(f"\n{label}, {clients} client(s), {elapsed:.0f} s mixed load")  # noqa: T201
    print(f"  {'endpoint':22} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'errors':>6}")  # noqa: T201
    for name in PAGES + LISTS + WRITES:
        times = mixed.times.get(name, [])
        if not times:
            continue
        errors = mixed.errors.get(name, [])
        line = (
            f"  {name:22} {len(times):6} {percentile(times, 0.5) * 1000:8.1f} "
            f"{percentile(times, 0.95) * 1000:8.1f} {len(times) / elapsed:7.1f} {len(errors):6}"
        )
        if errors:
            line += f"  e.g. {sorted(set(errors))[:3]}"
        print(line)  # noqa: T201
    page_times = [t for name in PAGES for t in mixed.times.get(name, [])]
    pages_rps = clients / statistics.fmean(page_times) if page_times else 0.0
    total_errors = sum(len(e) for e in mixed.errors.values())
    all_rps = sum(map(len, mixed.times.values())) / elapsed
    print(  # noqa: T201
        f"  bare endpoint (health): {bare_rps:.1f} req/s; main pages alone: {alone_rps:.1f} "
        f"req/s = {alone_rps / bare_rps:.0%} of bare\n"
        f"  within the mixed load: main pages {pages_rps:.1f} req/s = "
        f"{pages_rps / bare_rps:.0%} of bare; all requests {all_rps:.1f} req/s; "
        f"errors {total_errors}"
    )


def report_scale(scale: int, ones: dict[str, float], mixed: Sample) -> None:
    heading = f"p50 {scale}x"
    print(f"  {'endpoint':22} {'p50 1x':>8} {heading:>9} {'ratio':>6} {'errors':>6}")  # noqa: T201
    for name in PAGES + LISTS + WRITES:
        if name not in mixed.times or name not in ones:
            continue
        p50 = percentile(mixed.times[name], 0.5)
        errors = mixed.errors.get(name, [])
        line = (
            f"  {name:22} {ones[name] * 1000:8.1f} {p50 * 1000:9.1f} "
            f"{p50 / ones[name]:6.2f} {len(errors):6}"
        )
        print(line + (f"  e.g. {sorted(set(errors))[:3]}" if errors else ""))  # noqa: T201


def free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) != 0


def postgres_answers() -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((HOST, 5432)) == 0


def child(env: dict[str, str], *args: str) -> Any:
    output = subprocess.run(  # noqa: S603 - our own interpreter and script.
        [sys.executable, str(ROOT / "bench" / "load_data.py"), *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def serve(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and command.
        [sys.executable, "-m", "palermo", "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(300):
        time.sleep(0.2)
        if not free(port):
            return server
        if server.poll() is not None:
            break
    raise SystemExit(f"The server did not start; see {log}.")


def run_database(label: str, url: str, args: argparse.Namespace, scratch: Path) -> None:
    env = dict(os.environ)
    env.update(DATABASE_URL=url, PALERMO_DEMO="1", PALERMO_PLAIN_HTTP="1")
    env.update(PALERMO_VAR_DIR=str(scratch), PALERMO_LOGIN_FAILURE_LIMIT="1000")
    began = time.perf_counter()
    ids = child(env, "prepare")
    print(f"\n== {label}: demo database ready in {time.perf_counter() - began:.0f} s")  # noqa: T201
    server = serve(env, args.port, args.workers, scratch / "server.log")
    try:
        session = Session(port=args.port, ids=ids)
        sign_in(session)
        warm(session, args.workers)
        ones: dict[str, float] = {}
        for clients in args.clients:
            quarter = max(3.0, args.seconds / 4)
            bare, bare_elapsed = drive(session, clients, quarter, "bare")
            bare_rps = len(bare.times["health"]) / bare_elapsed
            alone, alone_elapsed = drive(session, clients, quarter, "pages")
            alone_rps = sum(map(len, alone.times.values())) / alone_elapsed
            mixed, elapsed = drive(session, clients, args.seconds, "mixed")
            report(label, clients, mixed, elapsed, bare_rps, alone_rps)
            if clients == 1:
                ones = {n: percentile(t, 0.5) for n, t in mixed.times.items()}
        if args.scale > 1:
            began = time.perf_counter()
            counts = child(env, "scale", str(args.scale))
            took = time.perf_counter() - began
            print(f"\n{label}: scaled to {args.scale} x in {took:.0f} s: {counts}")  # noqa: T201
            if not ones:
                raise SystemExit("--scale needs 1 in --clients for the 1 x figures.")
            mixed, elapsed = drive(session, 1, args.seconds, "mixed")
            report_scale(args.scale, ones, mixed)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", default="1,10,20")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    args = parser.parse_args()
    args.clients = [int(n) for n in args.clients.split(",")]
    if not free(args.port):
        raise SystemExit(f"Port {args.port} is taken; pass --port.")
    with tempfile.TemporaryDirectory(prefix="palermo-load-") as directory:
        scratch = Path(directory)
        if args.database in ("sqlite", "both"):
            run_database("SQLite", f"sqlite:///{scratch / 'load.sqlite3'}", args, scratch)
        if args.database in ("postgres", "both"):
            if not postgres_answers():
                print("\nNo PostgreSQL answers at 127.0.0.1:5432; SQLite only.")  # noqa: T201
                return
            name = f"palermo_load_{uuid.uuid4().hex[:8]}"
            subprocess.run(["createdb", "-h", HOST, "-U", "postgres", name], check=True)  # noqa: S603, S607
            try:
                run_database("PostgreSQL", POSTGRES + name, args, scratch)
            finally:
                subprocess.run(  # noqa: S603, S607
                    ["dropdb", "-h", HOST, "-U", "postgres", "--if-exists", "--force", name],
                    check=False,
                )


if __name__ == "__main__":
    main()
