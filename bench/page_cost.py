"""What each page of bench/load.py costs in CPU and queries, in-process, without a server.

    python bench/load_data.py prepare > ids.json      # with DATABASE_URL naming a scratch file
    python bench/page_cost.py ids.json [--repeat 30] [--profile dashboard] [--queries review]

Runs every page and API list of bench/load.py through palermo.wsgi's application (all middleware,
sessions, context processors and templates, as `palermo serve` would), once to warm up, then
`--repeat` times, and prints per endpoint the median CPU milliseconds (time.process_time, so
other processes on the machine hardly move it), the number of queries and the response size.
`--profile NAME` prints a cProfile of that endpoint; `--queries NAME` prints its SQL.
Pages kept by the page cache are served from it after the first request; to measure building
them, set PALERMO_PAGE_CACHE_SECONDS=0.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

# The application gunicorn serves, as `palermo serve` sets it up (django.setup() included).
from palermo.wsgi import application  # noqa: E402, I001 - needs src/ on the path.

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection  # noqa: E402
from django.middleware.csrf import CSRF_SECRET_LENGTH  # noqa: E402

from palermo.core.models import User  # noqa: E402

from load import endpoint_paths  # noqa: E402 - bench/load.py, beside this script


def paths(ids: dict[str, Any]) -> dict[str, str]:
    return {**endpoint_paths(ids), "health": "/api/v1/health"}


def session_cookie(username: str) -> str:
    user = User.objects.get(username=username)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    # A browser's CSRF secret, as the sign-in page would have set it: without one, every page
    # makes a new one, and a page that sets a cookie is not kept (palermo.core.pagecache).
    csrf = "bench" + "0" * (CSRF_SECRET_LENGTH - 5)
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"


def environ(path: str, cookie: str, token: str) -> dict[str, Any]:
    env: dict[str, Any] = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8150",
        "HTTP_HOST": "127.0.0.1:8150",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if path.startswith("/api/"):
        env["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    else:
        env["HTTP_COOKIE"] = cookie
    return env


def call(handler: WSGIHandler, env: dict[str, Any]) -> tuple[str, int]:
    status: list[str] = []
    body = handler(dict(env, **{"wsgi.input": io.BytesIO(b"")}), lambda s, h: status.append(s))
    size = sum(len(chunk) for chunk in body)
    if hasattr(body, "close"):
        body.close()
    return status[0], size


class QueryLog:
    """Keeps each query's SQL (the handler empties Django's own log when a request starts)."""

    def __init__(self, queries: list[str]) -> None:
        self.queries = queries

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.queries.append(sql)
        return execute(sql, params, many, context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", type=Path)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--only", default="")
    parser.add_argument("--profile", default="")
    parser.add_argument("--queries", default="")
    args = parser.parse_args()
    ids = json.loads(args.ids.read_text().strip().splitlines()[-1])
    cookie = session_cookie(ids["user"])
    handler = application
    endpoints = paths(ids)
    names = args.only.split(",") if args.only else list(endpoints)
    print(f"{'endpoint':22} {'cpu ms':>8} {'min ms':>8} {'queries':>8} {'bytes':>8}")  # noqa: T201
    for name in names:
        env = environ(endpoints.get(name, name), cookie, ids["token"])
        status, _ = call(handler, env)
        if not status.startswith("200"):
            raise SystemExit(f"{name}: {status}")
        queries: list[str] = []
        with connection.execute_wrapper(QueryLog(queries)):
            _, size = call(handler, env)
        times = []
        for _ in range(args.repeat):
            began = time.process_time()
            call(handler, env)
            times.append(time.process_time() - began)
        print(  # noqa: T201
            f"{name:22} {statistics.median(times) * 1000:8.1f} {min(times) * 1000:8.1f} "
            f"{len(queries):8} {size:8}"
        )
        if name == args.queries:
            for query in queries:
                print("   ", query[:300])  # noqa: T201
        if name == args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.repeat):
                call(handler, env)
            profile.disable()
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
            stats.print_stats(70)
            print(out.getvalue())  # noqa: T201


if __name__ == "__main__":
    main()
